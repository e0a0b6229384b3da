#pragma once
// The kiosk staff panel (issue 11) as a unit of its own (DESIGN.md "modes are units"): the App
// hands it every input event, asks it each frame whether to redraw, lets it draw over
// everything while it is open, and closes it when the kiosk starts over. Who may open it and
// how is core/staff_access; what it shows is drawn by ui/staff_panel; the numbers come from the
// outbox (platform/outbox) and the sync thread (FeedbackSink::syncStatus).
//
// Native only (the kiosk): the web build links kiosk_staff_web.cpp, where there is none.
#include "platform/feedback_sink.hpp"
#include "ui/fonts.hpp"

#include <SDL.h>
#include <glm/vec2.hpp>
#include <glm/vec4.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace almere {

struct StaffOptions {
    std::string pin;       // from --staff-pin-file or DATA_DIR/staff-pin; "" = no panel
    std::string dataDir;   // the outbox's folder
    std::string exportDir; // --export-dir: offered beside the USB sticks
    // Screenshots: "pin" or "status" opens the panel at once; `demoJson` fills a temporary
    // outbox for the status screen ({"now", "waiting", "delivered", "refused": [...], ...}).
    std::string demo;
    std::string demoJson;
};

class KioskStaff {
  public:
    virtual ~KioskStaff() = default;
    // Every SDL event, before the App acts on it; `now` in the App's seconds.
    virtual void event(const SDL_Event& event, glm::ivec2 viewport, double now) = 0;
    // Each frame. True when the screen must be drawn again.
    virtual bool update(double now) = 0;
    virtual bool open() const = 0;
    // Over everything else, between ImGui's NewFrame and Render; adds the panel's rectangle to
    // `panels` (no map gestures under it) and its controls to `targets`.
    virtual void draw(const ui::Fonts& fonts, glm::ivec2 viewport, double now,
                      std::vector<glm::vec4>& panels,
                      std::vector<std::pair<std::string, glm::vec4>>& targets) = 0;
    virtual void close() = 0;
};

// nullptr where the panel cannot open: no PIN configured, or the web build.
std::unique_ptr<KioskStaff> makeKioskStaff(const StaffOptions& options,
                                           platform::FeedbackSink* sink);

} // namespace almere
