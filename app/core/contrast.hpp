#pragma once
// Text contrast as WCAG 2.x measures it (success criteria 1.4.3 and 1.4.11): the relative
// luminance of an sRGB colour and the ratio of two, from 1:1 (same colour) to 21:1 (black on
// white). The interface's colour pairs are checked against it in a unit test, both themes.
#include <glm/vec3.hpp>

#include <cstdint>

namespace almere {

// 0 (black) .. 1 (white), per https://www.w3.org/TR/WCAG21/#dfn-relative-luminance
double relativeLuminance(glm::u8vec3 rgb);

// (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: the same whichever colour comes first.
double contrastRatio(glm::u8vec3 a, glm::u8vec3 b);

// What WCAG 2.x AA asks: 4.5:1 for text, 3:1 for large text (24 px, or 18.7 px bold) and for
// non-text parts such as a focus ring or a control's edge.
constexpr double kMinTextContrast = 4.5;
constexpr double kMinLargeContrast = 3.0;

} // namespace almere
