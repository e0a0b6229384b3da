#pragma once
// SDL events -> platform-free gesture input. Mouse and touch arrive as SDL events on both the
// kiosk and the web; touches also arrive as synthesised mouse events, which are only for the UI.
#include "core/gestures.hpp"

#include <SDL.h>
#include <glm/glm.hpp>
#include <vector>

namespace almere::platform {

// Panels are (x, y, w, h) in logical pixels; a pointer that goes down on one belongs to the UI.
void feedPointerEvent(const SDL_Event& event, glm::ivec2 viewport,
                      const std::vector<glm::vec4>& panels, double timeSeconds,
                      GestureTracker& gestures);

} // namespace almere::platform
