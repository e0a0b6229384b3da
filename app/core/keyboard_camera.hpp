#pragma once
// The camera by keyboard (WCAG 2.1.1): which keys are held becomes how far the camera moves in
// this frame. Rates are per second, so a slow phone and a fast kiosk move the view equally far
// in the same time. Knows nothing of SDL: the platform layer says which keys are down.
#include <glm/glm.hpp>

namespace almere {

struct CameraKeys {
    bool left = false, right = false, up = false, down = false;
    bool shift = false;                   // with the arrows: move instead of turn
    bool zoomIn = false, zoomOut = false; // + (or =) and -, also on the keypad
    bool any() const { return left || right || up || down || zoomIn || zoomOut; }
};

struct CameraStep {
    double yaw = 0, pitch = 0; // radians to add to the goal pose
    glm::dvec2 panPx{0.0};     // pixels for OrbitCamera::pan (the ground follows like a finger)
    double zoomFactor = 1;     // for OrbitCamera::zoom (> 1 zooms in)
};

struct KeyboardCameraRates {
    double turnPerSecond = 1.0; // radians: a full turn in about six seconds
    double tiltPerSecond = 0.6; // radians
    double movePerSecond = 0.5; // of the viewport's height in pixels
    double zoomPerSecond = 2.0; // factor
    double longestFrame = 0.1;  // seconds; a stalled frame does not throw the view away
};

CameraStep keyboardCameraStep(const CameraKeys& keys, double dtSeconds, glm::ivec2 viewport,
                              const KeyboardCameraRates& rates = {});

} // namespace almere
