#pragma once
// The kiosk staff panel's two screens (issue 11), drawn over the whole screen: the PIN pad, and
// the outbox's status with "Nu versturen" and the export to a USB stick. Staff only: Dutch,
// never a resident's comment. What the panel knows comes in as ready-made lines
// (viewer/kiosk_staff builds them); what was pressed goes back in StaffPanelInput.
#include "ui/fonts.hpp"

#include <glm/vec2.hpp>
#include <glm/vec4.hpp>

#include <string>
#include <vector>

namespace almere::ui {

struct StaffPinView {
    size_t typed = 0;      // digits typed so far (drawn as dots)
    int lockedSeconds = 0; // > 0: three wrong PINs, the pad waits this long
    bool wrong = false;    // the last PIN was wrong
};

struct StaffStatusView {
    size_t waiting = 0, delivered = 0, refused = 0;
    std::vector<std::string> refusedLines; // the latest refusals: "14:02  HTTP 400: ..."
    std::string lastSync;                  // "14:32 (3 minuten geleden)" or "nog nooit"
    std::string server;                    // "bereikbaar", "niet bereikbaar: ..."
    bool serverOk = false;
    std::string clockWarning; // "" when the clock looks right
    std::vector<std::string> folders;
    int folder = 0;            // the chosen one
    std::string exportMessage; // what the last export did
    bool exportFailed = false;
    std::string readError; // the outbox could not be read
};

struct StaffPanelInput {
    char digit = 0; // '0'..'9' pressed on the pad
    bool erase = false, confirm = false, close = false;
    bool sendNow = false, exportNow = false;
    int chooseFolder = -1;
};

// Both return the panel's rectangle in `panels` (x, y, w, h), so the map under it takes no
// gestures, and the controls' rectangles in `targets` (tests drive taps with them).
StaffPanelInput drawStaffPin(const StaffPinView& view, const Fonts& fonts, glm::ivec2 viewport,
                             std::vector<glm::vec4>& panels,
                             std::vector<std::pair<std::string, glm::vec4>>& targets);
StaffPanelInput drawStaffStatus(const StaffStatusView& view, const Fonts& fonts,
                                glm::ivec2 viewport, std::vector<glm::vec4>& panels,
                                std::vector<std::pair<std::string, glm::vec4>>& targets);

} // namespace almere::ui
