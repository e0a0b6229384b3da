#include "platform/host.hpp"

#include "core/building_tile_view.hpp"

#include <algorithm>
#include <cstdlib>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <map>
#include <sys/stat.h>
#include <vector>

namespace almere::platform {
namespace {

std::function<bool()> g_frame;

void tick() {
    g_frame();
}

// Fetches under way, by the file they write (emscripten_async_wget reports that name), with
// everyone waiting for it.
using Waiting = std::vector<std::function<void(bool)>>;
std::map<std::string, Waiting>& fetches() {
    static std::map<std::string, Waiting> pending;
    return pending;
}

void fetchEnded(const char* file, bool arrived) {
    auto it = fetches().find(file);
    if (it == fetches().end()) return;
    const Waiting waiting = std::move(it->second);
    fetches().erase(it);
    for (const auto& done : waiting)
        done(arrived);
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

void announce(const std::string& sentence) {
    EM_ASM(
        {
            var region = document.getElementById("announce");
            if (region) region.textContent = UTF8ToString($0);
        },
        sentence.c_str());
}

void releaseKeyboard() {
    EM_ASM({
        if (Module.canvas) Module.canvas.blur();
    });
}

bool hasOwnTextField() {
    // Pages without the field (the Burgerberaad participant page) keep the drawn keyboard.
    return EM_ASM_INT({ return Module.commentField ? 1 : 0; }) != 0;
}

void showCommentField(bool open, const float r[4], const std::string& text,
                      const std::string& label) {
    // The page's web/index.html does the DOM work (Module.commentField); this only says where.
    EM_ASM(
        {
            if (Module.commentField)
                Module.commentField($0, $1, $2, $3, $4, UTF8ToString($5), UTF8ToString($6));
        },
        open, r[0], r[1], r[2], r[3], text.c_str(), label.c_str());
}

std::string assetRoot() {
    return "/assets";
}

bool assetsAreLocal() {
    return false;
}

bool offersBuildingTiles() {
    return EM_ASM_INT({ return Module.buildingTiles ? 1 : 0; }) != 0;
}

size_t buildingTileBudget() {
    const double mib = EM_ASM_DOUBLE({
        const m = Module.buildingTileMiB;
        return typeof m == 'number' && m >= 0 ? m : -1;
    });
    return mib >= 0 ? size_t(std::min(mib, 1e6) * 1048576.0) : kDefaultTileBudgetBytes;
}

void fetchAsset(const std::string& relativePath, std::function<void(bool)> done) {
    const std::string file = assetRoot() + "/" + relativePath;
    Waiting& waiting = fetches()[file];
    waiting.push_back(std::move(done));
    if (waiting.size() > 1) return; // asked again before the answer: one download
    // The download lands in the in-memory file system, whose folders must exist first
    // ("almere.buildings/3_-2.bin"); mkdir of one that exists fails harmlessly.
    for (size_t slash = file.find('/', 1); slash != std::string::npos;
         slash = file.find('/', slash + 1))
        mkdir(file.substr(0, slash).c_str(), 0755);
    // The page's folder, as Emscripten finds its own files (Module.locateFile when the page
    // sets one): the participant's page lives at /s/CODE but the viewer's files at /.
    char* url = reinterpret_cast<char*>(EM_ASM_INT(
        { return stringToNewUTF8(locateFile(UTF8ToString($0))); }, relativePath.c_str()));
    emscripten_async_wget(
        url, file.c_str(), [](const char* f) { fetchEnded(f, true); },
        [](const char* f) { fetchEnded(f, false); });
    free(url);
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
