#pragma once
// Strict UTF-8 reading, shared by the reaction validator (which refuses bad text) and the
// comment keyboard (which drops it): one definition of what a valid code point and an
// allowed comment character are.
#include <cstddef>
#include <cstdint>
#include <string>

namespace almere {

// Decodes the code point starting at byte `at` into `cp`; returns its length in bytes, or 0 when
// the bytes there are not well-formed UTF-8 (overlongs, surrogates, above U+10FFFF, cut short).
size_t decodeUtf8(const std::string& s, size_t at, uint32_t& cp);

// A comment may hold any character but control characters; a new line is the one exception.
inline bool isCommentCharacter(uint32_t cp) {
    return cp == '\n' || (cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F));
}

} // namespace almere
