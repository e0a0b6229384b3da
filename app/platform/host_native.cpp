#include "platform/host.hpp"

#include "render/gl.hpp"

#include <SDL.h>
#include <cstdint>
#include <cstdio>

namespace almere::platform {

void runMainLoop(std::function<bool()> frame) {
    while (frame()) {
    }
}

void idleUntilInput(int ms) {
    SDL_WaitEventTimeout(nullptr, ms);
}

void notifyFirstFrame() {}

void notifyError(const std::string& message) {
    std::fprintf(stderr, "almere2050: %s\n", message.c_str());
}

std::string rendererName() {
    const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return name ? name : "";
}

void announce(const std::string& sentence) {
    std::printf("almere2050: says \"%s\"\n", sentence.c_str());
}

void releaseKeyboard() {}

bool hasOwnTextField() {
    return false;
}

void showCommentField(bool, const float*, const std::string&, const std::string&) {}

std::string assetRoot() {
    if (const char* env = SDL_getenv("ALMERE_ASSETS")) return env;
    char* base = SDL_GetBasePath();
    std::string root = base ? std::string(base) + "assets" : "assets";
    SDL_free(base);
    return root;
}

bool assetsAreLocal() {
    return true;
}

bool offersBuildingTiles() {
    return true;
}

size_t buildingTileBudget() {
    return SIZE_MAX;
}

void fetchAsset(const std::string&, std::function<void(bool)> done) {
    done(false);
}

void publishViewLink(const std::string&) {}

bool shareInPage(const std::string&, const std::string&) {
    return false;
}

} // namespace almere::platform
