#include "core/utf8.hpp"

namespace almere {

size_t decodeUtf8(const std::string& s, size_t at, uint32_t& cp) {
    const unsigned char lead = static_cast<unsigned char>(s[at]);
    size_t len = 0;
    if (lead < 0x80) {
        cp = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        cp = lead & 0x1F, len = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        cp = lead & 0x0F, len = 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        cp = lead & 0x07, len = 4;
    } else {
        return 0;
    }
    if (at + len > s.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        const unsigned char c = static_cast<unsigned char>(s[at + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

} // namespace almere
