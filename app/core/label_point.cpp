#include "core/label_point.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

double segmentDistance(glm::dvec2 p, glm::dvec2 a, glm::dvec2 b) {
    const glm::dvec2 ab = b - a;
    const double len2 = glm::dot(ab, ab);
    const double t = len2 > 0 ? std::clamp(glm::dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    return glm::length(p - (a + ab * t));
}

// Distance to the nearest edge when inside, -1 outside.
double depth(const Polygon& polygon, glm::dvec2 p) {
    if (!pointInPolygon(polygon, p)) return -1;
    double best = 1e300;
    auto ring = [&](const Ring& r) {
        for (size_t i = 0; r.size() > 1 && i < r.size(); ++i)
            best = std::min(best, segmentDistance(p, r[i], r[(i + 1) % r.size()]));
    };
    ring(polygon.outer);
    for (const Ring& hole : polygon.holes)
        ring(hole);
    return best;
}

} // namespace

glm::dvec2 labelPoint(const Polygon& polygon) {
    if (polygon.outer.empty()) return glm::dvec2(0);
    glm::dvec2 lo = polygon.outer[0], hi = polygon.outer[0];
    for (glm::dvec2 v : polygon.outer) {
        lo = glm::min(lo, v);
        hi = glm::max(hi, v);
    }
    glm::dvec2 best = ringCentroid(polygon.outer);
    double bestDepth = depth(polygon, best);
    const double centroidDepth = bestDepth;
    // Coarse grid, then three finer grids around the best point so far.
    glm::dvec2 centre = (lo + hi) * 0.5, half = (hi - lo) * 0.5;
    for (int round = 0; round < 4; ++round) {
        const int n = round == 0 ? 24 : 8;
        for (int j = 0; j <= n; ++j)
            for (int i = 0; i <= n; ++i) {
                const glm::dvec2 p = centre - half + glm::dvec2(i, j) * (2.0 * half / double(n));
                const double d = depth(polygon, p);
                if (d > bestDepth) {
                    bestDepth = d;
                    best = p;
                }
            }
        centre = best;
        half = round == 0 ? (hi - lo) / 24.0 : half / 4.0;
    }
    // The centroid reads as "the middle"; keep it unless it is squeezed against an edge.
    const glm::dvec2 centroid = ringCentroid(polygon.outer);
    return centroidDepth >= 0.5 * bestDepth ? centroid : best;
}

} // namespace almere
