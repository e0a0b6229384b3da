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

} // namespace

double hashUnit(uint32_t seed, uint32_t salt) {
    return mix(seed ^ mix(salt)) / 4294967296.0;
}

glm::dvec2 rotated(glm::dvec2 v, double angle) {
    const double c = std::cos(angle), s = std::sin(angle);
    return {v.x * c - v.y * s, v.x * s + v.y * c};
}

uint32_t hashString(const std::string& text) {
    uint32_t h = 2166136261u; // FNV-1a
    for (unsigned char c : text)
        h = (h ^ c) * 16777619u;
    return mix(h);
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
            b.centre + rotated({-h.x, -h.y}, b.angle), b.centre + rotated({h.x, -h.y}, b.angle),
            b.centre + rotated({h.x, h.y}, b.angle), b.centre + rotated({-h.x, h.y}, b.angle)};
        // Slight per-building shade so blocks read as separate volumes.
        const float shade = 0.9f + 0.2f * float(hashUnit(positionSeed(b.centre), 9));
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
