#include "core/mesh.hpp"

#include <algorithm>

namespace almere {
namespace {

Ring withoutClosingDuplicate(const Ring& ring) {
    Ring out = ring;
    if (out.size() > 1 && out.front() == out.back()) out.pop_back();
    return out;
}

void addQuadWall(MeshData& mesh, glm::dvec2 a, glm::dvec2 b, double base, double top,
                 glm::u8vec4 color, uint16_t feature) {
    const glm::dvec2 d = b - a;
    const double len = glm::length(d);
    if (len <= 1e-9) return;
    // With the outer ring counter-clockwise the outside is on the right of each edge.
    const glm::vec3 normal = glm::normalize(toWorld({d.y / len, -d.x / len}, 0));
    const uint32_t first = uint32_t(mesh.vertices.size());
    for (const auto& [p, h] : {std::pair{a, base}, {b, base}, {b, top}, {a, top}})
        mesh.vertices.push_back({toWorld(p, h), normal, color, feature});
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) mesh.indices.push_back(first + i);
}

} // namespace

void MeshData::append(const MeshData& other) {
    const uint32_t base = uint32_t(vertices.size());
    vertices.insert(vertices.end(), other.vertices.begin(), other.vertices.end());
    for (uint32_t i : other.indices) indices.push_back(base + i);
}

Polygon normalizedWinding(const Polygon& polygon) {
    Polygon out;
    out.outer = withoutClosingDuplicate(polygon.outer);
    if (signedArea(out.outer) < 0) std::reverse(out.outer.begin(), out.outer.end());
    for (const Ring& hole : polygon.holes) {
        Ring h = withoutClosingDuplicate(hole);
        if (signedArea(h) > 0) std::reverse(h.begin(), h.end());
        out.holes.push_back(std::move(h));
    }
    return out;
}

bool addFlatPolygon(MeshData& mesh, const Polygon& polygon, double height, glm::u8vec4 color,
                    uint16_t feature) {
    const Polygon p = normalizedWinding(polygon);
    const std::vector<uint32_t> triangles = triangulate(p);
    if (triangles.empty()) return false;
    const uint32_t first = uint32_t(mesh.vertices.size());
    const glm::vec3 up(0, 1, 0);
    auto addRing = [&](const Ring& ring) {
        for (glm::dvec2 v : ring) mesh.vertices.push_back({toWorld(v, height), up, color, feature});
    };
    addRing(p.outer);
    for (const Ring& hole : p.holes) addRing(hole);
    for (uint32_t i : triangles) mesh.indices.push_back(first + i);
    return true;
}

bool extrudePolygon(MeshData& mesh, const Polygon& polygon, double base, double top,
                    glm::u8vec4 color, uint16_t feature) {
    if (!(top > base)) return false;
    const Polygon p = normalizedWinding(polygon);
    if (!addFlatPolygon(mesh, p, top, color, feature)) return false;
    auto walls = [&](const Ring& ring) {
        for (size_t i = 0; i < ring.size(); ++i)
            addQuadWall(mesh, ring[i], ring[(i + 1) % ring.size()], base, top, color, feature);
    };
    walls(p.outer);
    for (const Ring& hole : p.holes) walls(hole);
    return true;
}

void addOutline(MeshData& lines, const Polygon& polygon, double height, glm::u8vec4 color,
                uint16_t feature) {
    auto ring = [&](const Ring& r) {
        const Ring open = withoutClosingDuplicate(r);
        if (open.size() < 2) return;
        const uint32_t first = uint32_t(lines.vertices.size());
        for (glm::dvec2 v : open)
            lines.vertices.push_back({toWorld(v, height), glm::vec3(0, 1, 0), color, feature});
        for (uint32_t i = 0; i < open.size(); ++i) {
            lines.indices.push_back(first + i);
            lines.indices.push_back(first + (i + 1) % uint32_t(open.size()));
        }
    };
    ring(polygon.outer);
    for (const Ring& hole : polygon.holes) ring(hole);
}

} // namespace almere
