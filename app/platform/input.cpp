#include "platform/input.hpp"

#include <cstring>
#include <imgui.h>

namespace almere::platform {
namespace {

bool onPanel(glm::dvec2 p, const std::vector<glm::vec4>& panels) {
    for (const glm::vec4& r : panels)
        if (p.x >= r.x && p.y >= r.y && p.x <= r.x + r.z && p.y <= r.y + r.w) return true;
    return false;
}

int buttonIndex(Uint8 sdlButton) {
    return sdlButton == SDL_BUTTON_LEFT ? 0 : sdlButton == SDL_BUTTON_RIGHT ? 1 : 2;
}

// One pointer id per mouse button, distinct from SDL's finger ids (which are >= 0 in practice).
int64_t mouseId(int button) {
    return -1 - button;
}

} // namespace

void feedPointerEvent(const SDL_Event& e, glm::ivec2 viewport, const std::vector<glm::vec4>& panels,
                      double t, GestureTracker& gestures) {
    const glm::dvec2 scale(viewport);
    switch (e.type) {
    case SDL_MOUSEBUTTONDOWN: {
        if (e.button.which == SDL_TOUCH_MOUSEID) return;
        const glm::dvec2 p(e.button.x, e.button.y);
        if (onPanel(p, panels)) return;
        const int b = buttonIndex(e.button.button);
        gestures.pointerDown(mouseId(b), p, PointerKind::Mouse, b, t);
        return;
    }
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID) return;
        for (int b = 0; b < 3; ++b)
            gestures.pointerMove(mouseId(b), {e.motion.x, e.motion.y}, t);
        return;
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID) return;
        gestures.pointerUp(mouseId(buttonIndex(e.button.button)), {e.button.x, e.button.y}, t);
        return;
    case SDL_MOUSEWHEEL: {
        if (e.wheel.which == SDL_TOUCH_MOUSEID) return;
        int x = 0, y = 0;
        SDL_GetMouseState(&x, &y);
        if (!onPanel({x, y}, panels)) gestures.wheel(double(e.wheel.preciseY), {x, y});
        return;
    }
    case SDL_FINGERDOWN: {
        const glm::dvec2 p = glm::dvec2(e.tfinger.x, e.tfinger.y) * scale;
        if (onPanel(p, panels)) return;
        gestures.pointerDown(int64_t(e.tfinger.fingerId), p, PointerKind::Touch, 0, t);
        return;
    }
    case SDL_FINGERMOTION:
        gestures.pointerMove(int64_t(e.tfinger.fingerId),
                             glm::dvec2(e.tfinger.x, e.tfinger.y) * scale, t);
        return;
    case SDL_FINGERUP:
        gestures.pointerUp(int64_t(e.tfinger.fingerId),
                           glm::dvec2(e.tfinger.x, e.tfinger.y) * scale, t);
        return;
    default:
        return;
    }
}

void pointerWithoutWindowSystem() {
    const char* driver = SDL_GetCurrentVideoDriver();
    if (!driver || std::strcmp(driver, "offscreen") != 0 || SDL_GetMouseFocus()) return;
    int x = 0, y = 0;
    SDL_GetMouseState(&x, &y);
    // (0, 0): no pointer yet (golden images): leave it unset, so nothing shows as hovered.
    if (x != 0 || y != 0) ImGui::GetIO().MousePos = ImVec2(float(x), float(y));
}

} // namespace almere::platform
