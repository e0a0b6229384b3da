#pragma once
// An SDL2 window with an OpenGL ES 3.0 context (WebGL2 in the browser).
#include "core/result.hpp"

#include <SDL.h>
#include <glm/glm.hpp>

namespace almere::platform {

struct WindowOptions {
    const char* title = "Almere 2050 in 3D"; // also the browser tab's title
    int width = 1280, height = 720;
    bool fullscreen = false;
    bool hidden = false; // headless screenshots and benchmarks
};

class Window {
  public:
    static Result<Window*> create(const WindowOptions& options);
    ~Window();

    SDL_Window* sdl() const { return window_; }
    SDL_GLContext context() const { return context_; }
    glm::ivec2 drawableSize() const; // pixels
    glm::ivec2 logicalSize() const;  // window coordinates (CSS pixels on the web)
    float pixelRatio() const;        // drawable / logical
    void swap() const { SDL_GL_SwapWindow(window_); }

  private:
    Window(SDL_Window* w, SDL_GLContext c) : window_(w), context_(c) {}
    SDL_Window* window_;
    SDL_GLContext context_;
};

} // namespace almere::platform
