#include "core/label_layout.hpp"

#include <algorithm>

namespace almere {

namespace {

struct Rect {
    glm::vec2 lo, hi;
};

bool overlaps(const Rect& a, const Rect& b) {
    return a.lo.x < b.hi.x && b.lo.x < a.hi.x && a.lo.y < b.hi.y && b.lo.y < a.hi.y;
}

} // namespace

std::vector<int> layoutLabels(std::vector<LabelCandidate> candidates, glm::vec2 viewport,
                              float paddingPx) {
    // Sorting on the full key (not a stable sort of the input order) makes the result
    // independent of the order the caller gathered candidates in.
    std::sort(candidates.begin(), candidates.end(),
              [](const LabelCandidate& a, const LabelCandidate& b) {
                  if (a.priority != b.priority) return a.priority > b.priority;
                  return a.id < b.id;
              });
    const glm::vec2 grow(std::max(paddingPx, 0.0f) * 0.5f);

    // Quadratic in the number kept, which a screen full of text keeps to a few hundred.
    std::vector<Rect> placed;
    std::vector<int> ids;
    for (const LabelCandidate& c : candidates) {
        const glm::vec2 half = c.size * 0.5f;
        const Rect text{c.anchor - half, c.anchor + half};
        // Written so NaN coordinates fail the test and are dropped.
        const bool inside = text.lo.x >= 0 && text.lo.y >= 0 && text.hi.x <= viewport.x &&
                            text.hi.y <= viewport.y && c.size.x >= 0 && c.size.y >= 0;
        if (!inside) continue;
        const Rect padded{text.lo - grow, text.hi + grow};
        const bool clear = std::none_of(placed.begin(), placed.end(),
                                        [&](const Rect& r) { return overlaps(r, padded); });
        if (!clear) continue;
        placed.push_back(padded);
        ids.push_back(c.id);
    }
    return ids;
}

} // namespace almere
