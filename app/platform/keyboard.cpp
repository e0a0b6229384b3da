#include "platform/keyboard.hpp"

namespace almere::platform {

CameraKeys heldCameraKeys() {
    const Uint8* down = SDL_GetKeyboardState(nullptr);
    CameraKeys k;
    k.left = down[SDL_SCANCODE_LEFT];
    k.right = down[SDL_SCANCODE_RIGHT];
    k.up = down[SDL_SCANCODE_UP];
    k.down = down[SDL_SCANCODE_DOWN];
    k.shift = down[SDL_SCANCODE_LSHIFT] || down[SDL_SCANCODE_RSHIFT];
    k.zoomIn = down[SDL_SCANCODE_EQUALS] || down[SDL_SCANCODE_KP_PLUS];
    k.zoomOut = down[SDL_SCANCODE_MINUS] || down[SDL_SCANCODE_KP_MINUS];
    return k;
}

AppKey appKey(const SDL_Event& e) {
    if (e.type != SDL_KEYDOWN && e.type != SDL_KEYUP) return AppKey::None;
    switch (e.key.keysym.scancode) {
    case SDL_SCANCODE_TAB:
        return AppKey::Tab;
    case SDL_SCANCODE_ESCAPE:
        return AppKey::Escape;
    case SDL_SCANCODE_RETURN:
    case SDL_SCANCODE_KP_ENTER:
        return AppKey::Enter;
    case SDL_SCANCODE_SPACE:
        return AppKey::Space;
    case SDL_SCANCODE_HOME:
        return AppKey::Home;
    case SDL_SCANCODE_LEFT:
    case SDL_SCANCODE_RIGHT:
    case SDL_SCANCODE_UP:
    case SDL_SCANCODE_DOWN:
        return AppKey::Arrow;
    case SDL_SCANCODE_EQUALS:
    case SDL_SCANCODE_KP_PLUS:
    case SDL_SCANCODE_MINUS:
    case SDL_SCANCODE_KP_MINUS:
        return AppKey::Zoom;
    default:
        return AppKey::None;
    }
}

SDL_Event asKey(const SDL_Event& e, SDL_Scancode scancode, SDL_Keycode keycode) {
    SDL_Event out = e;
    out.key.keysym.scancode = scancode;
    out.key.keysym.sym = keycode;
    out.key.keysym.mod = KMOD_NONE; // Shift+Tab is a move left, not a Shift+Left
    return out;
}

} // namespace almere::platform
