#include "core/keyboard_camera.hpp"

#include <algorithm>
#include <cmath>

namespace almere {

CameraStep keyboardCameraStep(const CameraKeys& k, double dt, glm::ivec2 viewport,
                              const KeyboardCameraRates& r) {
    CameraStep step;
    if (!(dt > 0.0) || !std::isfinite(dt)) return step;
    dt = std::min(dt, r.longestFrame);
    // -1, 0 or +1 per axis; opposite keys together cancel.
    const double across = double(k.right) - double(k.left);
    const double along = double(k.up) - double(k.down);
    if (k.shift) {
        // Up moves forward: the ground comes towards the viewer, as a finger dragging down.
        const double px = r.movePerSecond * double(std::max(viewport.y, 1)) * dt;
        step.panPx = glm::dvec2(-across * px, along * px);
    } else {
        // Right turns the view right; up looks more steeply down onto the map.
        step.yaw = across * r.turnPerSecond * dt;
        step.pitch = along * r.tiltPerSecond * dt;
    }
    const double zoom = double(k.zoomIn) - double(k.zoomOut);
    step.zoomFactor = std::pow(r.zoomPerSecond, zoom * dt);
    return step;
}

} // namespace almere
