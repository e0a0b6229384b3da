#include "platform/window.hpp"

#include <string>

namespace almere::platform {

Result<Window*> Window::create(const WindowOptions& o) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0)
        return Result<Window*>::failure(std::string("SDL could not start: ") + SDL_GetError());
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    // Multisampling smooths edges but quadruples the fill cost on software renderers (llvmpipe,
    // SwiftShader), and llvmpipe's multisampled lines ignore depth against the lakes. Opt-in
    // for kiosks with a real GPU.
    const bool msaa = SDL_getenv("ALMERE_MSAA") != nullptr;
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLEBUFFERS, msaa ? 1 : 0);
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLESAMPLES, msaa ? 4 : 0);
    // Touches drive gestures directly; don't also synthesise mouse drags from them, except for
    // Dear ImGui's buttons, which read the synthesised mouse events (filtered in the input code).
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    // In the browser, keys go to the canvas only when it has the focus: the page around it
    // (the participant's question sheet, links) keeps Tab, arrows and Enter for itself.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");

    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (o.hidden) flags |= SDL_WINDOW_HIDDEN;
    SDL_Window* window = SDL_CreateWindow(o.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                          o.width, o.height, flags);
    if (!window) {
        // Some drivers (and SwiftShader) refuse multisampling: retry without.
        SDL_GL_SetAttribute(SDL_GL_MULTISAMPLEBUFFERS, 0);
        SDL_GL_SetAttribute(SDL_GL_MULTISAMPLESAMPLES, 0);
        window = SDL_CreateWindow(o.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.width,
                                  o.height, flags);
    }
    if (!window)
        return Result<Window*>::failure(std::string("cannot open a window: ") + SDL_GetError());
    SDL_GLContext context = SDL_GL_CreateContext(window);
    if (!context) {
        SDL_DestroyWindow(window);
        return Result<Window*>::failure(std::string("OpenGL ES 3.0 / WebGL2 is not available: ") +
                                        SDL_GetError());
    }
    SDL_GL_MakeCurrent(window, context);
    SDL_GL_SetSwapInterval(o.hidden ? 0 : 1);
    return new Window(window, context);
}

Window::~Window() {
    SDL_GL_DeleteContext(context_);
    SDL_DestroyWindow(window_);
    SDL_Quit();
}

glm::ivec2 Window::drawableSize() const {
    glm::ivec2 s;
    SDL_GL_GetDrawableSize(window_, &s.x, &s.y);
    return s;
}

glm::ivec2 Window::logicalSize() const {
    glm::ivec2 s;
    SDL_GetWindowSize(window_, &s.x, &s.y);
    return s;
}

float Window::pixelRatio() const {
    const glm::ivec2 l = logicalSize();
    return l.x > 0 ? float(drawableSize().x) / float(l.x) : 1.0f;
}

} // namespace almere::platform
