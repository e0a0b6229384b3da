#pragma once
// The kiosk's attract screen (issue 11) as a mode of the viewer (DESIGN.md "modes are units"):
// after the start-over, a slow tour of the city (the camera drifts, the three plans grow to 2050
// in turn) under a large "Tik om te beginnen / Tap to start". The first touch, click or key
// stops it and is eaten: it brings the start view back and does not also press a button or
// choose a wijk. A press in the staff corner (core/staff_access) stops it too but goes on, so
// staff's long press opens the PIN pad straight from the tour. Kiosks only (--attract, or implied
// by the kiosk's idle start-over); the browser build has no attract mode (makeAttractMode returns
// null there).
#include "viewer/session_mode.hpp"

#include <SDL.h>
#include <glm/vec2.hpp>
#include <memory>
#include <string>
#include <vector>

namespace almere {

struct AttractOptions {
    bool enabled = false;
    // >= 0: the tour's clock stands still at this many seconds (golden images), and the kiosk
    // starts with the attract screen unless a visitor script drives it there.
    double demoSeconds = -1;
    bool startShown = false;    // begin with the attract screen (--attract-demo without a script)
    bool reducedMotion = false; // no drifting, no growing: a still view with the message
    std::string language;       // the kiosk's start language; English is shown beneath it
};

class AttractMode {
  public:
    virtual ~AttractMode() = default;
    // The kiosk has just started over: show the attract screen from the next frame.
    virtual void start(const ViewAccess& view) = 0;
    // Showing, or eating the rest of the touch that stopped it.
    virtual bool active() const = 0;
    virtual bool showing() const = 0;
    // Every input event first goes here: true when the attract screen ate it. The first press
    // stops the tour (the camera and the plans return to the start view); everything up to its
    // release is eaten too, so nothing beneath the finger is pressed; but not a press in the
    // staff corner of the `viewport` (logical pixels).
    virtual bool consume(const SDL_Event& event, const ViewAccess& view, glm::ivec2 viewport) = 0;
    // After the frame's events: a release seen hands the screen back to the visitor.
    virtual void afterEvents() = 0;
    // Before a frame: moves the tour on. False when this frame need not be drawn (the tour
    // runs at a modest frame rate to keep the kiosk's processor cool).
    virtual bool update(const ViewAccess& view, double nowSeconds) = 0;
    // Seconds until the tour wants its next frame (for the idle wait).
    virtual double secondsToNextFrame(double nowSeconds) const = 0;
    // Draws the message instead of the kiosk's panels (between NewFrame and Render).
    virtual ui::OverlayActions draw(const ui::OverlayState& state, const ui::Fonts& fonts) = 0;
    // Adds the message's large font to ImGui's atlas: after every ui::loadFonts.
    virtual void addFont(const std::vector<uint8_t>& boldFont, float pixelRatio) = 0;
};

std::unique_ptr<AttractMode> makeAttractMode(const AttractOptions& options);

} // namespace almere
