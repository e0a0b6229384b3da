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

// After ImGui_ImplSDL2_NewFrame: under SDL's offscreen driver (tests, the soak benchmark) no
// window ever has the mouse's focus, so the backend leaves Dear ImGui's pointer unset and a
// scripted tap (SDL_WarpMouseInWindow + a button event) would press nothing. There, Dear ImGui
// gets SDL's own pointer position; with a real window system this does nothing.
void pointerWithoutWindowSystem();

} // namespace almere::platform
