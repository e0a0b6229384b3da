#include "platform/host.hpp"

#include <cstdlib>
#include <emscripten.h>
#include <emscripten/html5.h>

namespace almere::platform {
namespace {

std::function<bool()> g_frame;

void tick() {
    g_frame();
}

} // namespace

void runMainLoop(std::function<bool()> frame) {
    g_frame = std::move(frame);
    // 0 = follow requestAnimationFrame; simulate_infinite_loop keeps main()'s stack alive.
    emscripten_set_main_loop(tick, 0, 1);
}

void idleUntilInput(int) {}

void notifyFirstFrame() {
    EM_ASM({
        if (Module.onFirstFrame) Module.onFirstFrame();
    });
}

void notifyError(const std::string& message) {
    EM_ASM(
        {
            if (Module.onAppError) Module.onAppError(UTF8ToString($0));
        },
        message.c_str());
}

std::string rendererName() {
    // Pointers fit an int on wasm32 (Emscripten 3.1.6 has no EM_ASM_PTR).
    char* name = reinterpret_cast<char*>(EM_ASM_INT({
        var gl = Module.ctx;
        var info = gl && gl.getExtension("WEBGL_debug_renderer_info");
        var text = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL)
                        : (gl ? gl.getParameter(gl.RENDERER) : "");
        return stringToNewUTF8(String(text));
    }));
    std::string out = name ? name : "";
    free(name);
    return out;
}

std::string assetRoot() {
    return "/assets";
}

void publishViewLink(const std::string& text) {
    EM_ASM(
        {
            if (Module.onViewLink) Module.onViewLink(UTF8ToString($0));
        },
        text.c_str());
}

bool shareInPage(const std::string& url, const std::string& copied) {
    return EM_ASM_INT(
               {
                   if (!Module.onShare) return 0;
                   Module.onShare(UTF8ToString($0), UTF8ToString($1));
                   return 1;
               },
               url.c_str(), copied.c_str()) != 0;
}

} // namespace almere::platform
