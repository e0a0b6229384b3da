#include "core/massing.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

// Small, well-mixed integer hash (lowbias32); platform independent, unlike std::hash.
uint32_t mix(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

double unit(uint32_t seed, uint32_t salt) {
    return mix(seed ^ mix(salt)) / 4294967296.0;
}

glm::dvec2 rotate(glm::dvec2 v, double angle) {
    const double c = std::cos(angle), s = std::sin(angle);
    return {v.x * c - v.y * s, v.x * s + v.y * c};
}

// Upper bound on lots per wijk so a hostile style (tiny spacing) cannot stall the app.
constexpr double kMaxLots = 40000;

} // namespace

uint32_t hashString(const std::string& text) {
    uint32_t h = 2166136261u; // FNV-1a
    for (unsigned char c : text)
        h = (h ^ c) * 16777619u;
    return mix(h);
}

std::vector<Building> placeBuildings(const std::string& code, const Polygon& outline,
                                     const MassingStyle& style,
                                     const std::function<bool(glm::dvec2)>& buildable,
                                     double* lotsLeft) {
    std::vector<Building> out;
    if (style.spacingM <= 0 || style.fill <= 0 || outline.outer.size() < 3) return out;
    const uint32_t seed = hashString(code);
    // Each wijk gets its own street-grid direction, as Almere's neighbourhoods do.
    const double angle = unit(seed, 1) * 1.5707963;
    glm::dvec2 lo(1e300), hi(-1e300);
    for (glm::dvec2 v : outline.outer) {
        const glm::dvec2 r = rotate(v, -angle);
        lo = glm::min(lo, r);
        hi = glm::max(hi, r);
    }
    const double spacing = style.spacingM;
    const glm::dvec2 lots = glm::ceil((hi - lo) / spacing);
    if (!(lots.x * lots.y <= kMaxLots)) return out;
    if (lotsLeft) {
        if (!(lots.x * lots.y <= *lotsLeft)) return out;
        *lotsLeft -= lots.x * lots.y;
    }
    glm::dvec2 centroid = ringCentroid(outline.outer);
    double maxRadius = 1;
    for (glm::dvec2 v : outline.outer)
        maxRadius = std::max(maxRadius, glm::length(v - centroid));

    for (int j = 0; j < int(lots.y); ++j) {
        for (int i = 0; i < int(lots.x); ++i) {
            const uint32_t lot = uint32_t(j) * 65536u + uint32_t(i);
            if (unit(seed, lot * 8 + 2) >= style.fill) continue;
            const glm::dvec2 jitter(unit(seed, lot * 8 + 3) - 0.5, unit(seed, lot * 8 + 4) - 0.5);
            const glm::dvec2 local = lo + (glm::dvec2(i, j) + 0.5 + 0.3 * jitter) * spacing;
            const double maxSide = spacing * 0.8;
            const glm::dvec2 size =
                glm::min(glm::mix(glm::dvec2(style.footprintM.x), glm::dvec2(style.footprintM.y),
                                  glm::dvec2(unit(seed, lot * 8 + 5), unit(seed, lot * 8 + 6))),
                         glm::dvec2(maxSide));
            const glm::dvec2 centre = rotate(local, angle);
            bool fits = true;
            for (glm::dvec2 corner :
                 {glm::dvec2(-1, -1), glm::dvec2(1, -1), glm::dvec2(1, 1), glm::dvec2(-1, 1)}) {
                const glm::dvec2 p = centre + rotate(corner * size * 0.5, angle);
                if (!buildable(p)) {
                    fits = false;
                    break;
                }
            }
            if (!fits) continue;
            // Taller towards the wijk's middle, and mostly low: a few towers, many houses.
            const double central = 1.0 - std::min(1.0, glm::length(centre - centroid) / maxRadius);
            const double r = unit(seed, lot * 8 + 7);
            const double t = std::min(1.0, r * r * (0.5 + central));
            out.push_back({centre, size, angle, glm::mix(style.heightM.x, style.heightM.y, t)});
        }
    }
    return out;
}

uint32_t positionSeed(glm::dvec2 eastNorth) {
    // Through int64 (a defined, modular conversion to uint32): the shades the city was tuned
    // on, also west and south of the origin, where converting the negative double straight to
    // uint32 is undefined. Hostile positions (a .glb's wijk parts are not bounded) get 0.
    const double v = eastNorth.x * 7 + eastNorth.y * 13;
    return std::fabs(v) < 9.0e18 ? uint32_t(int64_t(v)) : 0u;
}

IndexRange buildingIndices(const BuildingEnds& ends, uint32_t firstBuilding, uint32_t n) {
    const size_t first = std::min<size_t>(firstBuilding, ends.size());
    const size_t last = first + std::min<size_t>(n, ends.size() - first);
    const uint32_t start = first == 0 ? 0 : ends[first - 1];
    const uint32_t end = last == 0 ? 0 : ends[last - 1];
    return {start, end - start};
}

void addBuildings(MeshData& mesh, BuildingEnds& ends, const std::vector<Building>& buildings,
                  double groundHeight, Rgb color, uint16_t feature) {
    addBuildings(mesh, ends, buildings, groundHeight, color, color, feature);
}

void addBuildings(MeshData& mesh, BuildingEnds& ends, const std::vector<Building>& buildings,
                  double groundHeight, Rgb roofColor, Rgb wallColor, uint16_t feature) {
    for (const Building& b : buildings) {
        const glm::dvec2 h = b.size * 0.5;
        const glm::dvec2 box[4] = {
            b.centre + rotate({-h.x, -h.y}, b.angle), b.centre + rotate({h.x, -h.y}, b.angle),
            b.centre + rotate({h.x, h.y}, b.angle), b.centre + rotate({-h.x, h.y}, b.angle)};
        // Slight per-building shade so blocks read as separate volumes.
        const float shade = 0.9f + 0.2f * float(unit(positionSeed(b.centre), 9));
        auto shaded = [&](Rgb color) {
            return glm::u8vec4(glm::clamp(glm::vec3(color) * shade, glm::vec3(0), glm::vec3(255)),
                               255);
        };
        addBlock(mesh, box, groundHeight, groundHeight + b.height, shaded(roofColor),
                 shaded(wallColor), feature);
        ends.push_back(uint32_t(mesh.indices.size()));
    }
}

} // namespace almere
