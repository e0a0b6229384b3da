#include "ui/fonts.hpp"

#include "core/interface_glyphs.hpp"

#include <algorithm>
#include <vector>

namespace almere::ui {
namespace {

static_assert(sizeof(ImWchar) == sizeof(uint16_t), "ImGui's glyph ranges are 16-bit here");
const ImWchar* const kRanges = reinterpret_cast<const ImWchar*>(kInterfaceGlyphRanges);

ImFont* add(const std::vector<uint8_t>& ttf, float size, float ratio) {
    if (ttf.size() < 12) return nullptr;
    // ImGui keeps the bytes and frees them with its own allocator.
    void* owned = IM_ALLOC(ttf.size());
    std::copy(ttf.begin(), ttf.end(), static_cast<uint8_t*>(owned));
    ImFontConfig config;
    config.OversampleH = 1; // rasterised at full device resolution: no oversampling needed
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(owned, int(ttf.size()), size * ratio, &config,
                                                      kRanges);
}

} // namespace

bool loadFonts(const std::vector<uint8_t>& regular, const std::vector<uint8_t>& bold,
               float pixelRatio, Fonts& out, float textScale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float r = pixelRatio > 0.5f ? pixelRatio : 1.0f;
    const float s = textScale > 0.5f ? textScale : 1.0f;
    out.body = add(regular, 20 * s, r);
    out.title = out.body ? add(bold, 26 * s, r) : nullptr;
    out.placeLabel = out.title ? add(bold, 21 * s, r) : nullptr;
    out.wijkLabel = out.placeLabel ? add(regular, 16 * s, r) : nullptr;
    if (!out.wijkLabel) {
        io.Fonts->Clear();
        ImFont* fallback = io.Fonts->AddFontDefault();
        out = {fallback, fallback, fallback, fallback};
        io.FontGlobalScale = 1.0f;
        return false;
    }
    io.FontDefault = out.body;
    io.FontGlobalScale = 1.0f / r;
    return true;
}

} // namespace almere::ui
