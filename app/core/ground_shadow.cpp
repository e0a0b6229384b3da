#include "core/ground_shadow.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace almere {
namespace {

double cross(glm::dvec2 o, glm::dvec2 a, glm::dvec2 b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

// Gift wrapping: the convex hull, counter-clockwise (east, north), no collinear corners. O(n h)
// for n points and h hull corners (a block's foot: 8 points, 6 corners); no sort, which keeps
// the web build's download small.
std::vector<glm::dvec2> convexHull(const std::vector<glm::dvec2>& points) {
    if (points.size() < 3) return {};
    size_t start = 0;
    for (size_t i = 1; i < points.size(); ++i)
        if (points[i].x < points[start].x ||
            (points[i].x == points[start].x && points[i].y < points[start].y))
            start = i;
    std::vector<glm::dvec2> hull;
    size_t at = start;
    do {
        hull.push_back(points[at]);
        // The first candidate must be apart from the corner (the foot repeats its corners).
        size_t next = 0;
        while (next < points.size() && points[next] == points[at])
            ++next;
        if (next == points.size()) return {};
        for (size_t i = 0; i < points.size(); ++i) {
            const double turn = cross(points[at], points[next], points[i]);
            // Clockwise of the candidate, or on its line but farther: the better candidate.
            const glm::dvec2 toNext = points[next] - points[at], toI = points[i] - points[at];
            if (turn < -1e-9 || (std::abs(turn) <= 1e-9 && glm::dot(toNext, toI) > 0 &&
                                 glm::length(toI) > glm::length(toNext)))
                next = i;
        }
        at = next;
    } while (points[at] != points[start] && hull.size() <= points.size());
    return hull.size() >= 3 && points[at] == points[start] ? hull : std::vector<glm::dvec2>();
}

// The hull as a blob: dark at its middle, fading to nothing at the hull grown by the rim, at
// height y. A fan of n triangles from one middle vertex: on llvmpipe the cost of these shadows is
// mostly per triangle (every block near the camera has one), and a dark hull with a separate
// soft rim took 3n - 2 triangles, which added about a fifth to a close-up's frame time.
void addSoftPatch(MeshData& out, const std::vector<glm::dvec2>& hull, double y) {
    const size_t n = hull.size();
    const uint32_t middle = uint32_t(out.vertices.size());
    const glm::vec3 up(0, 1, 0);
    const uint16_t feature = kNoFeature; // a selected wijk's highlight is not for its shadows
    glm::u8vec4 clear = shadow::kColor;
    clear.a = 0;
    auto outward = [&](size_t i) { // of the edge from corner i to i + 1
        const glm::dvec2 d = hull[(i + 1) % n] - hull[i];
        return glm::normalize(glm::dvec2(d.y, -d.x));
    };
    glm::dvec2 centre(0);
    for (const glm::dvec2& p : hull)
        centre += p / double(n);
    out.vertices.push_back({toWorld(centre, y), up, shadow::kColor, feature});
    for (size_t i = 0; i < n; ++i) {
        const glm::dvec2 before = outward((i + n - 1) % n), after = outward(i);
        const glm::dvec2 corner = glm::normalize(before + after);
        // Keep the rim's width along both edges (a mitre), within reason at sharp corners.
        const double reach = shadow::kRimM / std::max(glm::dot(corner, after), 0.5);
        out.vertices.push_back({toWorld(hull[i] + corner * reach, y), up, clear, feature});
    }
    for (uint32_t i = 0; i < n; ++i) // the hull is convex: a fan from the middle
        out.indices.insert(out.indices.end(),
                           {middle, middle + 1 + i, middle + 1 + uint32_t((i + 1) % n)});
}

} // namespace

MeshData groundShadows(const MeshData& massing, const BuildingEnds& ends, BuildingEnds& shadowEnds,
                       glm::vec3 sunDir) {
    MeshData out;
    shadowEnds.clear();
    shadowEnds.reserve(ends.size());
    // Away from the sun, on the ground (east, north).
    const glm::dvec2 away = -glm::dvec2(sunDir.x, -sunDir.z);
    const double awayLength = glm::length(away);
    std::vector<glm::dvec2> foot;
    uint32_t start = 0;
    for (uint32_t end : ends) {
        end = std::min<uint32_t>(end, uint32_t(massing.indices.size()));
        float low = 1e30f, high = -1e30f;
        for (uint32_t i = start; i < end; ++i) {
            const float y = massing.vertices[massing.indices[i]].position.y;
            low = std::min(low, y);
            high = std::max(high, y);
        }
        foot.clear();
        for (uint32_t i = start; i < end; ++i) {
            const Vertex& v = massing.vertices[massing.indices[i]];
            if (v.position.y > low + 0.01f) continue;
            foot.push_back(toEastNorth(v.position));
        }
        const double height = double(high) - double(low);
        if (foot.size() >= 3 && height > 0.5) {
            // The foot swept away from the sun: hull of the corners and their moved copies.
            const double reach = std::min(height * shadow::kReachPerMetre, shadow::kMaxReachM);
            const glm::dvec2 shift = awayLength > 0 ? away / awayLength * reach : glm::dvec2(0);
            const size_t corners = foot.size();
            for (size_t i = 0; i < corners; ++i)
                foot.push_back(foot[i] + shift);
            const std::vector<glm::dvec2> hull = convexHull(foot);
            if (!hull.empty()) addSoftPatch(out, hull, double(low) + shadow::kLiftM);
        }
        shadowEnds.push_back(uint32_t(out.indices.size()));
        start = std::max(start, end);
    }
    return out;
}

} // namespace almere
