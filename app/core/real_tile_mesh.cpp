#include "core/real_tile_mesh.hpp"

#include "core/building_coverage.hpp"
#include "core/city_model.hpp"
#include "core/ground_shadow.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

struct Placed {
    const RealBuilding* building;
    uint16_t wijk;
    glm::u8vec4 color;
    uint32_t order;
};

// How many of a footprint's longest edges are tried as the rectangle's direction: the best fit
// is nearly always along one of the first few, and a 1,000-corner ring stays cheap.
constexpr size_t kDirectionsTried = 6;

} // namespace

void orientedBounds(const RealBuilding& building, glm::dvec2 (&corners)[4]) {
    std::vector<std::pair<double, glm::dvec2>> edges; // length, unit direction
    std::vector<glm::dvec2> points;
    for (const Polygon& part : building.parts)
        for (size_t i = 0, n = part.outer.size(); i < n; ++i) {
            points.push_back(part.outer[i]);
            const glm::dvec2 e = part.outer[(i + 1) % n] - part.outer[i];
            const double length = glm::length(e);
            if (length > 1e-9) edges.push_back({length, e / length});
        }
    if (edges.empty()) edges.push_back({1, {1, 0}});
    const size_t tried = std::min(kDirectionsTried, edges.size());
    double bestArea = 1e300;
    for (size_t k = 0; k < tried; ++k) {
        // The k-th longest edge to position k (a selection, not a sort: k stays small).
        for (size_t j = k + 1; j < edges.size(); ++j)
            if (edges[j].first > edges[k].first) std::swap(edges[j], edges[k]);
        const glm::dvec2 u = edges[k].second, v(-u.y, u.x);
        glm::dvec2 lo(1e300), hi(-1e300);
        for (const glm::dvec2& p : points) {
            const glm::dvec2 q(glm::dot(p, u), glm::dot(p, v));
            lo = glm::min(lo, q);
            hi = glm::max(hi, q);
        }
        const double area = (hi.x - lo.x) * (hi.y - lo.y);
        if (area >= bestArea) continue;
        bestArea = area;
        corners[0] = u * lo.x + v * lo.y;
        corners[1] = u * hi.x + v * lo.y;
        corners[2] = u * hi.x + v * hi.y;
        corners[3] = u * lo.x + v * hi.y;
    }
}

RealTileMesh buildRealTileMesh(const CityModel& city, const BakedBuildings& tile) {
    std::vector<Placed> placed;
    for (const WijkBuildings& w : tile.wijken) {
        const int wijk = city.findWijk(w.code);
        if (wijk < 0 || !w.covered || !city.realIndex.covers(w.code)) continue;
        const auto style = city.styles.find(city.wijken[size_t(wijk)].style);
        const Rgb color = style == city.styles.end() ? Rgb(200, 200, 200) : style->second.color;
        for (const RealBuilding& b : w.buildings) {
            const glm::dvec2 c = footprintCentroid(b);
            // Shaded per building like the schematic blocks, so neighbours read apart.
            const float shade = 0.9f + 0.2f * float((positionSeed(c) >> 8) & 0xffff) / 65535.0f;
            const glm::u8vec4 rgba(
                glm::clamp(glm::vec3(color) * shade, glm::vec3(0), glm::vec3(255)), 255);
            placed.push_back({&b, uint16_t(wijk), rgba, positionSeed(c * 1.618)});
        }
    }
    // A fixed pseudo-random order (Fisher-Yates driven by the buildings' own positions, so it
    // does not depend on the file's order within a wijk): a prefix is an even thinning of the
    // whole tile. A shuffle rather than a sort by key keeps the web download small.
    for (size_t i = placed.size(); i > 1; --i)
        std::swap(placed[i - 1], placed[placed[i - 1].order % i]);
    RealTileMesh out;
    out.buildings = uint32_t(placed.size());
    for (const Placed& p : placed) {
        for (const Polygon& part : p.building->parts)
            extrudePolygon(out.mesh, part, layer::kLandTop, layer::kLandTop + p.building->heightM,
                           p.color, p.wijk);
        out.ends.push_back(uint32_t(out.mesh.indices.size()));
    }
    BuildingEnds shadowEnds;
    out.shadows = groundShadows(out.mesh, out.ends, shadowEnds);
    out.shadowCells = groupByCell(out.shadows, shadowEnds, kShadowCellM);
    out.min = glm::vec3(1e30f);
    out.max = glm::vec3(-1e30f);
    for (const Vertex& v : out.mesh.vertices) {
        out.min = glm::min(out.min, v.position);
        out.max = glm::max(out.max, v.position);
    }
    if (placed.empty()) out.min = out.max = glm::vec3(0);
    for (const Placed& p : placed) {
        glm::dvec2 corners[4];
        orientedBounds(*p.building, corners);
        const uint32_t first = uint32_t(out.mesh.vertices.size());
        const double top = layer::kLandTop + p.building->heightM;
        for (const glm::dvec2& c : corners)
            out.mesh.vertices.push_back({toWorld(c, top), glm::vec3(0, 1, 0), p.color, p.wijk});
        for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u})
            out.mesh.indices.push_back(first + i);
        out.ends.push_back(uint32_t(out.mesh.indices.size()));
    }
    return out;
}

size_t gpuBytes(const RealTileMesh& tile) {
    return (tile.mesh.vertices.size() + tile.shadows.vertices.size()) * sizeof(Vertex) +
           (tile.mesh.indices.size() + tile.shadows.indices.size()) * sizeof(uint32_t);
}

} // namespace almere
