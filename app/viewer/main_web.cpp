// Browser entry point: the page (web/index.html) owns the loop and the canvas. A few functions
// are exported for the page and its tests.
#include "platform/host.hpp"
#include "viewer/app.hpp"

#include <cstdlib>
#include <emscripten.h>
#include <string>

namespace {
almere::App g_app;
std::string g_code;
double g_position[2];
} // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* almere_selected_code() {
    g_code = g_app.selectedCode();
    return g_code.c_str();
}

// Logical (CSS) pixel position of a wijk's label point, or a null pointer when off screen.
EMSCRIPTEN_KEEPALIVE const double* almere_wijk_screen_position(const char* code) {
    const auto p = g_app.screenPositionOf(code ? code : "");
    if (!p) return nullptr;
    g_position[0] = p->x;
    g_position[1] = p->y;
    return g_position;
}

// The plan switches and timeline, e.g. "plans=pampus;phase=2050" (PlanState::encode).
EMSCRIPTEN_KEEPALIVE const char* almere_plan_state() {
    g_code = g_app.planStateText();
    return g_code.c_str();
}

EMSCRIPTEN_KEEPALIVE double almere_frame_count() {
    return double(g_app.frameCount());
}

// The centre of a named control in the last frame (logical px), or null when not drawn.
EMSCRIPTEN_KEEPALIVE const double* almere_target_position(const char* name) {
    const auto r = g_app.targetRect(name ? name : "");
    if (!r) return nullptr;
    g_position[0] = r->x + r->z * 0.5;
    g_position[1] = r->y + r->w * 0.5;
    return g_position;
}

// The step of "Geef je mening" (0 = closed) and reactions kept here, not yet on the server.
EMSCRIPTEN_KEEPALIVE int almere_feedback_step() {
    return g_app.feedbackStep();
}

EMSCRIPTEN_KEEPALIVE const char* almere_error() {
    return g_app.error().c_str();
}
}

int main() {
    almere::AppOptions options;
    options.channel = "web";
    // clang-format off: JavaScript inside (clang-format splits "===")
    // ?lang=en starts in English (a link from an English page).
    char* lang = reinterpret_cast<char*>(EM_ASM_INT({
        var v = new URLSearchParams(location.search).get("lang");
        return stringToNewUTF8(v == "en" ? "en" : "nl");
    }));
    options.language = lang;
    // clang-format on
    free(lang);
    if (!g_app.init(options)) return 1;
    almere::platform::runMainLoop([] { return g_app.frame(); });
    return 0;
}
