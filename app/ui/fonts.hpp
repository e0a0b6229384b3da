#pragma once
// Noto Sans (full Dutch diacritics), rasterised at the screen's pixel ratio so text stays crisp
// on high-DPI phones and kiosks.
#include <cstdint>
#include <imgui.h>
#include <vector>

namespace almere::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* title = nullptr;
    ImFont* placeLabel = nullptr; // stadsdelen on the map
    ImFont* wijkLabel = nullptr;
};

// Puts the fonts (TrueType bytes, read by the platform layer) into ImGui's atlas. With empty or
// unusable bytes it falls back to ImGui's built-in font and returns false. `textScale` 1.5 is
// the reading help's larger text: the atlas is rasterised at that size, so text stays crisp
// rather than being stretched. Clears the atlas: the GL font texture must be made again after.
bool loadFonts(const std::vector<uint8_t>& regular, const std::vector<uint8_t>& bold,
               float pixelRatio, Fonts& out, float textScale = 1.0f);

} // namespace almere::ui
