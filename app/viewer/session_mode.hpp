#pragma once
// A Burgerberaad session (issue 9) as a mode of the viewer: the facilitator's screen, or a
// participant's view that follows it. A mode is a unit of its own (DESIGN.md "modes are units"):
// the App holds at most one and calls it at fixed points in each frame: update() before drawing,
// draw() instead of the kiosk's overlay, userMoved() when the map was touched. What a mode may
// read and change of the viewer is in ViewAccess, nothing more.
#include "core/session_view.hpp"
#include "core/strings.hpp"
#include "ui/fonts.hpp"
#include "ui/overlay.hpp"

#include <memory>
#include <string>
#include <vector>

namespace almere {

struct CityModel;
struct PlanCatalog;
class PlanState;
class OrbitCamera;

struct SessionOptions {
    std::string role;           // "" (no session), "facilitator" or "participant"
    std::string agenda;         // facilitator: the agenda to start a session with
    std::string code;           // facilitator: resume this session; participant: follow it
    std::string serverUrl;      // "" on the web: the page's own origin
    std::string joinBase;       // where participants join (QR); "" = serverUrl
    std::string facilitatorKey; // facilitator
    // A canned {"state": ..., "results": ..., "statements": ...} instead of a server
    // (screenshots, golden images): nothing is sent.
    std::string demoJson;
    bool demoLookedAround = false; // participant demo: as after moving the map themselves
};

// The viewer's state a session mode may read and change; rebuilt by the App for each call.
struct ViewAccess {
    const CityModel* city = nullptr;
    const PlanCatalog* plans = nullptr;
    PlanState* planState = nullptr;
    OrbitCamera* camera = nullptr; // setGoal() gives the smooth moves
    int* selectedWijk = nullptr;
    const Strings* strings = nullptr;
    std::string language;
};

// What the viewer shows now: its plan state, camera goal and selected wijk.
SessionView currentView(const ViewAccess& view);
// Shows `target`: plan state (PlanState::decode), camera (a smooth move) and wijk. Parts the
// viewer does not know (an unknown plan) are left as they are.
void applyView(const ViewAccess& view, const SessionView& target);

class SessionMode {
  public:
    virtual ~SessionMode() = default;
    // Before a frame: take what arrived, apply views. True when the screen should be redrawn.
    virtual bool update(const ViewAccess& view, double nowSeconds) = 0;
    // Draws the mode's screen instead of the kiosk's overlay (between NewFrame and Render).
    virtual ui::OverlayActions draw(const ui::OverlayState& state, const ui::Fonts& fonts,
                                    const ViewAccess& view) = 0;
    // The participant dragged, zoomed or tapped the map.
    virtual void userMoved() {}
    // A state handed over by the page (web participant: almere_session_state).
    virtual void receiveState(const std::string& json) { (void)json; }
    virtual bool following() const { return false; }
    virtual std::string error() const { return ""; }
};

// Adds the mode's large font (the join code) to the atlas: before the first frame.
std::unique_ptr<SessionMode> makeSessionMode(const SessionOptions& options,
                                             const std::vector<uint8_t>& boldFont,
                                             float pixelRatio);

} // namespace almere
