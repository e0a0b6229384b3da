// Turns raw pointer input (mouse buttons, touch fingers) into camera actions and taps. Knows
// nothing of SDL or the camera: the platform layer feeds events, the app applies take().
#pragma once

#include <glm/glm.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace almere {

enum class PointerKind { Mouse, Touch };

// All in screen pixels (origin top-left, y down), accumulated since the last take().
struct GestureOutput {
    glm::dvec2 orbit{0.0};         // pixels for OrbitCamera::orbit
    glm::dvec2 pan{0.0};           // pixels for OrbitCamera::pan
    double zoomFactor = 1;         // > 1 zooms in; for OrbitCamera::zoomAt
    glm::dvec2 zoomCentre{0};      // latest wheel position or pinch midpoint
    double rotate = 0;             // radians; counter-clockwise twist on screen is positive
    std::optional<glm::dvec2> tap; // where a tap went down (the latest, if several)
};

class GestureTracker {
  public:
    double tapSlopPx = 12;         // farther than this from the down point: not a tap
    double tapMaxSeconds = 0.5;    // held longer: not a tap
    double wheelStepFactor = 1.15; // zoom per wheel notch

    // Each id is one pointer. A mouse that holds two buttons at once needs one id per button
    // (e.g. -1 - button); a second down on a live id replaces that pointer.
    // Buttons: 0 left, 1 right, 2 middle; ignored for touch.
    void pointerDown(int64_t id, glm::dvec2 px, PointerKind kind, int button, double timeSeconds);
    void pointerMove(int64_t id, glm::dvec2 px, double timeSeconds); // unknown ids are ignored
    void pointerUp(int64_t id, glm::dvec2 px, double timeSeconds);
    void wheel(double notches, glm::dvec2 px); // positive = zoom in
    void cancelAll();                          // forget pointers; keeps what is accumulated

    GestureOutput take();
    bool anyPointerDown() const { return !pointers_.empty(); } // e.g. for an idle timer

  private:
    struct Pointer {
        int64_t id;
        PointerKind kind;
        int button;
        glm::dvec2 pos, downPos;
        double downTime;
        bool tapCandidate;
    };

    Pointer* find(int64_t id);
    void moveTouch(Pointer& p, glm::dvec2 px);

    std::vector<Pointer> pointers_; // in order of going down
    GestureOutput out_;
};

} // namespace almere
