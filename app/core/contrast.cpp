#include "core/contrast.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

// sRGB channel (0..255) to linear light, with WCAG 2.x's threshold 0.03928.
double linear(uint8_t channel) {
    const double c = channel / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

} // namespace

double relativeLuminance(glm::u8vec3 rgb) {
    return 0.2126 * linear(rgb.r) + 0.7152 * linear(rgb.g) + 0.0722 * linear(rgb.b);
}

double contrastRatio(glm::u8vec3 a, glm::u8vec3 b) {
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace almere
