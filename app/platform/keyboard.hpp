#pragma once
// SDL keys -> the camera's keys (core/keyboard_camera) and the keys that mean something to the
// app itself. Keys are read by where they sit (scancodes), so "=" next to "-" zooms in on any
// layout, as "+" does.
#include "core/keyboard_camera.hpp"

#include <SDL.h>

namespace almere::platform {

CameraKeys heldCameraKeys();

enum class AppKey { None, Tab, Escape, Enter, Space, Home, Arrow, Zoom };
AppKey appKey(const SDL_Event& keyEvent);

// Rewrites a key event into another key for Dear ImGui (Tab -> an arrow, Enter -> Space).
SDL_Event asKey(const SDL_Event& keyEvent, SDL_Scancode scancode, SDL_Keycode keycode);

} // namespace almere::platform
