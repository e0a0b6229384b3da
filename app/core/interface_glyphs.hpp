#pragma once
// The letters the 3D interface can draw. The font is a subset (scripts/setup.sh, pyftsubset
// --unicodes) and Dear ImGui bakes only these ranges: a text in an interface language must keep
// to them, or it shows empty boxes (tests/unit/test_language_texts.cpp checks every file).
#include <cstdint>

namespace almere {

// Inclusive [first, last] pairs, 0-terminated (Dear ImGui's glyph range format): Basic Latin,
// Latin-1 and Latin Extended-A (ë, é, ĳ, ą, ł, ż, ...), dashes, quotes, bullet, ellipsis, euro.
inline constexpr uint16_t kInterfaceGlyphRanges[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x2013,
                                                     0x2014, 0x2018, 0x201E, 0x2022, 0x2022,
                                                     0x2026, 0x2026, 0x20AC, 0x20AC, 0};

inline bool inInterfaceGlyphs(uint32_t codepoint) {
    for (const uint16_t* r = kInterfaceGlyphRanges; r[0] != 0; r += 2)
        if (codepoint >= r[0] && codepoint <= r[1]) return true;
    return false;
}

} // namespace almere
