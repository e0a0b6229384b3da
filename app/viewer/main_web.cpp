// Browser entry point: the page (web/index.html) owns the loop and the canvas. A few functions
// are exported for the page and its tests.
#include "platform/host.hpp"
#include "viewer/app.hpp"

#include <cstdio>
#include <cstdlib>
#include <emscripten.h>
#include <nlohmann/json.hpp>
#include <string>

namespace {
almere::App g_app;
std::string g_code;
double g_position[2];
bool g_started = false;
std::string g_earlyState;
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

// Burgerberaad (issue 9). The participant page hands over each session state it receives; the
// viewer decides itself whether to follow the facilitator's view.
EMSCRIPTEN_KEEPALIVE void almere_session_state(const char* stateJson) {
    // A state that comes before main() has set the viewer up is kept until it has.
    if (g_started)
        g_app.sessionState(stateJson ? stateJson : "");
    else
        g_earlyState = stateJson ? stateJson : "";
}

// The view shown now, as session view text ("plans=...;camera=...;wijk=...").
EMSCRIPTEN_KEEPALIVE const char* almere_session_view() {
    g_code = g_app.sessionViewText();
    return g_code.c_str();
}

// The view as a link's text ("plans=...;camera=...;wijk=...;lang=..;read=..", core/view_link):
// what the page's address carries after "#v=".
EMSCRIPTEN_KEEPALIVE const char* almere_view_link() {
    g_code = g_app.viewLinkText();
    return g_code.c_str();
}

// The page's comment field (Module.commentField in web/index.html): the text as typed there.
// Returns the comment as the app accepted it (500 code points, no control characters), which
// the field then shows.
EMSCRIPTEN_KEEPALIVE const char* almere_comment_input(const char* text) {
    g_code = g_app.replaceComment(text ? text : "");
    return g_code.c_str();
}

// Every named control, panel and stadsdeel name drawn in the last frame, as JSON
// [[name, x, y, w, h], ...] in logical px (tests: nothing covers a stadsdeel's name).
EMSCRIPTEN_KEEPALIVE const char* almere_targets() {
    // By hand: nlohmann's writer would add KiB to the download for a test's call.
    g_code = "[";
    for (const auto& t : g_app.targets()) {
        if (g_code.size() > 1) g_code += ',';
        g_code += "[\"";
        for (char c : t.first)
            if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) g_code += c;
        char rect[96];
        std::snprintf(rect, sizeof rect, "\",%.1f,%.1f,%.1f,%.1f]", t.second.x, t.second.y,
                      t.second.z, t.second.w);
        g_code += rect;
    }
    g_code += "]";
    return g_code.c_str();
}

// 1 while the camera eases or plans grow (0 at once with prefers-reduced-motion).
EMSCRIPTEN_KEEPALIVE int almere_animating() {
    return g_app.animating() ? 1 : 0;
}

// The named control with the keyboard's focus ring, "" when the keys steer the map (tests).
EMSCRIPTEN_KEEPALIVE const char* almere_focused_target() {
    g_code = g_app.focusedTarget();
    return g_code.c_str();
}

// 1 while the view follows the facilitator, 0 after the participant looked around.
EMSCRIPTEN_KEEPALIVE int almere_session_following() {
    return g_app.sessionFollowing() ? 1 : 0;
}
}

namespace {

// Module.almereSession, set by the page before the wasm starts: {role: "participant", code} on
// the participant page (/s/CODE), or {role: "facilitator", agenda | code, key} for a
// facilitator's screen in the browser. One JSON text, or "" when absent.
std::string pageSession() {
    // clang-format off
    char* text = reinterpret_cast<char*>(EM_ASM_INT({
        var s = Module.almereSession;
        if (!s || typeof s !== "object") return stringToNewUTF8("");
        return stringToNewUTF8(JSON.stringify({
            role: String(s.role || ""), code: String(s.code || ""), agenda: String(s.agenda || ""),
            key: String(s.key || ""), server: String(s.server || ""),
            origin: location.origin}));
    }));
    // clang-format on
    std::string out = text;
    free(text);
    return out;
}

void readSession(almere::SessionOptions& out) {
    const nlohmann::json s = nlohmann::json::parse(pageSession(), nullptr, false);
    if (!s.is_object()) return;
    auto text = [&](const char* key) {
        return s.contains(key) && s[key].is_string() ? s[key].get<std::string>() : std::string();
    };
    const std::string role = text("role");
    if (role != "participant" && role != "facilitator") return;
    out.role = role;
    out.code = text("code");
    out.agenda = text("agenda");
    out.facilitatorKey = text("key");
    out.serverUrl = text("server"); // "": the page's own origin
    // The QR code needs a whole URL.
    out.joinBase = out.serverUrl.empty() ? text("origin") : out.serverUrl;
}

} // namespace

int main() {
    almere::AppOptions options;
    options.channel = "web";
    // clang-format off: JavaScript inside (clang-format splits "===")
    // ?lang=en starts in English (a link from an English page; a language the app does not
    // have falls back to Dutch); #v=... opens a shared view
    // (core/view_link, whose language wins); ?embed=1 is the participation page's iframe.
    char* page = reinterpret_cast<char*>(EM_ASM_INT({
        var q = new URLSearchParams(location.search);
        return stringToNewUTF8(JSON.stringify({
            lang : q.get("lang") || "nl",
            embed : q.get("embed") == "1",
            view : location.hash.indexOf("#v=") == 0 ? location.hash.substring(3) : "",
            base : location.origin + location.pathname + location.search
        }));
    }));
    // clang-format on
    const nlohmann::json p = nlohmann::json::parse(page, nullptr, false);
    free(page);
    if (p.is_object()) {
        options.language = p.value("lang", "nl");
        options.embed = p.value("embed", false);
        options.viewLink = p.value("view", "");
        options.shareBase = p.value("base", "");
    }
    // Only a language code (a-z) names a file under assets/lang.
    if (options.language.size() < 2 || options.language.size() > 3 ||
        options.language.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos)
        options.language = "nl";
    readSession(options.session);
    // A session's participant follows the facilitator, not a link; nor does it share one.
    if (!options.session.role.empty()) {
        options.viewLink.clear();
        options.shareBase.clear();
    }
    // The page asks matchMedia('(prefers-reduced-motion: reduce)') and sets this.
    options.reducedMotion = EM_ASM_INT({ return Module.reducedMotion ? 1 : 0; }) != 0;
    if (!g_app.init(options)) return 1;
    g_started = true;
    if (!g_earlyState.empty()) g_app.sessionState(g_earlyState);
    almere::platform::runMainLoop([] { return g_app.frame(); });
    return 0;
}
