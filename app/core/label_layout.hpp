// Greedy placement of screen-space map labels: most important first, skip any that would crowd
// one already placed.
#pragma once

#include <glm/glm.hpp>

#include <vector>

namespace almere {

struct LabelCandidate {
    glm::vec2 anchor; // screen px (origin top-left), centre of the text
    glm::vec2 size;   // px
    int priority;     // higher is placed first
    int id;
};

// Ids of the labels that fit, in placement order (priority descending, then id ascending).
// Each kept label lies fully inside [0, viewport]; kept labels are at least paddingPx apart
// (their rectangles grown by paddingPx / 2 on every side do not overlap; touching is fine).
// Deterministic: depends only on the candidate set, not on its order.
std::vector<int> layoutLabels(std::vector<LabelCandidate> candidates, glm::vec2 viewport,
                              float paddingPx = 4);

} // namespace almere
