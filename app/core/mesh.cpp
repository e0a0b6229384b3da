#include "core/mesh.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

Ring withoutClosingDuplicate(const Ring& ring) {
    Ring out = ring;
    if (out.size() > 1 && out.front() == out.back()) out.pop_back();
    return out;
}

// `footColor` at the base, `color` at the top: a darker foot is the cheapest depth cue (the
// ambient occlusion where a wall meets the ground), interpolated for free per vertex.
void addQuadWall(MeshData& mesh, glm::dvec2 a, glm::dvec2 b, double base, double top,
                 glm::u8vec4 color, glm::u8vec4 footColor, uint16_t feature) {
    const glm::dvec2 d = b - a;
    const double len = glm::length(d);
    if (len <= 1e-9) return;
    // With the outer ring counter-clockwise the outside is on the right of each edge.
    const glm::vec3 normal = glm::normalize(toWorld({d.y / len, -d.x / len}, 0));
    const uint32_t first = uint32_t(mesh.vertices.size());
    mesh.vertices.push_back({toWorld(a, base), normal, footColor, feature});
    mesh.vertices.push_back({toWorld(b, base), normal, footColor, feature});
    mesh.vertices.push_back({toWorld(b, top), normal, color, feature});
    mesh.vertices.push_back({toWorld(a, top), normal, color, feature});
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u})
        mesh.indices.push_back(first + i);
}

} // namespace

void MeshData::append(const MeshData& other) {
    const uint32_t base = uint32_t(vertices.size());
    vertices.insert(vertices.end(), other.vertices.begin(), other.vertices.end());
    for (uint32_t i : other.indices)
        indices.push_back(base + i);
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
        for (glm::dvec2 v : ring)
            mesh.vertices.push_back({toWorld(v, height), up, color, feature});
    };
    addRing(p.outer);
    for (const Ring& hole : p.holes)
        addRing(hole);
    for (uint32_t i : triangles)
        mesh.indices.push_back(first + i);
    return true;
}

bool extrudePolygon(MeshData& mesh, const Polygon& polygon, double base, double top,
                    glm::u8vec4 color, uint16_t feature) {
    if (!(top > base)) return false;
    const Polygon p = normalizedWinding(polygon);
    if (!addFlatPolygon(mesh, p, top, color, feature)) return false;
    auto walls = [&](const Ring& ring) {
        for (size_t i = 0; i < ring.size(); ++i)
            addQuadWall(mesh, ring[i], ring[(i + 1) % ring.size()], base, top, color, color,
                        feature);
    };
    walls(p.outer);
    for (const Ring& hole : p.holes)
        walls(hole);
    return true;
}

void addBlock(MeshData& mesh, const glm::dvec2 (&corners)[4], double base, double top,
              glm::u8vec4 color, uint16_t feature) {
    addBlock(mesh, corners, base, top, color, color, feature);
}

void addBlock(MeshData& mesh, const glm::dvec2 (&corners)[4], double base, double top,
              glm::u8vec4 roofColor, glm::u8vec4 wallColor, uint16_t feature) {
    const uint32_t first = uint32_t(mesh.vertices.size());
    for (glm::dvec2 c : corners)
        mesh.vertices.push_back({toWorld(c, top), glm::vec3(0, 1, 0), roofColor, feature});
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u})
        mesh.indices.push_back(first + i);
    const glm::u8vec4 foot(glm::vec3(wallColor) * kWallFootShade, wallColor.a);
    for (int i = 0; i < 4; ++i)
        addQuadWall(mesh, corners[i], corners[(i + 1) % 4], base, top, wallColor, foot, feature);
}

namespace {

// Keeps the part of a convex polygon where sign * (p[axis] - value) >= 0.
std::vector<glm::dvec2> clipHalfPlane(const std::vector<glm::dvec2>& poly, int axis, double value,
                                      double sign) {
    std::vector<glm::dvec2> out;
    for (size_t i = 0; i < poly.size(); ++i) {
        const glm::dvec2 a = poly[i], b = poly[(i + 1) % poly.size()];
        const double da = sign * (a[axis] - value), db = sign * (b[axis] - value);
        if (da >= 0) out.push_back(a);
        if ((da >= 0) != (db >= 0)) out.push_back(a + (b - a) * (da / (da - db)));
    }
    return out;
}

} // namespace

namespace {

// Cells under each triangle's bounds at `cellSize`, summed: at most this many pieces come out.
double boundingCells(const MeshData& flat, double cellSize) {
    double cells = 0;
    for (size_t t = 0; t + 2 < flat.indices.size(); t += 3) {
        glm::dvec2 lo(1e300), hi(-1e300);
        for (size_t k = t; k < t + 3; ++k) {
            lo = glm::min(lo, toEastNorth(flat.vertices[flat.indices[k]].position));
            hi = glm::max(hi, toEastNorth(flat.vertices[flat.indices[k]].position));
        }
        cells += (std::floor(hi.x / cellSize) - std::floor(lo.x / cellSize) + 1) *
                 (std::floor(hi.y / cellSize) - std::floor(lo.y / cellSize) + 1);
    }
    return cells;
}

} // namespace

MeshData splitFlatByGrid(const MeshData& flat, double cellSize) {
    // A hostile .glb can repeat a triangle as large as the loader allows (2,000 km across)
    // thousands of times: cut at 1 km that is billions of pieces. Coarser cells keep the
    // pieces bounded; only the smoothness of the haze suffers, and only for such a file.
    // (A triangle across a cell corner covers 4 cells however coarse: hence the round limit.)
    for (int round = 0; round < 40 && boundingCells(flat, cellSize) > kMaxSplitPieces; ++round)
        cellSize *= 2;
    MeshData out;
    for (size_t t = 0; t + 2 < flat.indices.size(); t += 3) {
        const Vertex& v0 = flat.vertices[flat.indices[t]];
        const std::vector<glm::dvec2> tri{toEastNorth(v0.position),
                                          toEastNorth(flat.vertices[flat.indices[t + 1]].position),
                                          toEastNorth(flat.vertices[flat.indices[t + 2]].position)};
        const glm::dvec2 lo = glm::min(glm::min(tri[0], tri[1]), tri[2]);
        const glm::dvec2 hi = glm::max(glm::max(tri[0], tri[1]), tri[2]);
        const int row0 = int(std::floor(lo.y / cellSize)), row1 = int(std::floor(hi.y / cellSize));
        for (int cy = row0; cy <= row1; ++cy) {
            // Clip to the row first, then visit only the columns the clipped piece spans:
            // long slivers cross many rows and columns but few cells.
            std::vector<glm::dvec2> band = clipHalfPlane(tri, 1, cy * cellSize, 1);
            band = clipHalfPlane(band, 1, (cy + 1) * cellSize, -1);
            if (band.size() < 3) continue;
            double bx0 = band[0].x, bx1 = band[0].x;
            for (glm::dvec2 p : band) {
                bx0 = std::min(bx0, p.x);
                bx1 = std::max(bx1, p.x);
            }
            for (int cx = int(std::floor(bx0 / cellSize)); cx <= int(std::floor(bx1 / cellSize));
                 ++cx) {
                std::vector<glm::dvec2> piece = clipHalfPlane(band, 0, cx * cellSize, 1);
                piece = clipHalfPlane(piece, 0, (cx + 1) * cellSize, -1);
                if (piece.size() < 3) continue;
                const uint32_t first = uint32_t(out.vertices.size());
                for (glm::dvec2 p : piece) {
                    Vertex v = v0;
                    v.position = toWorld(p, v0.position.y);
                    out.vertices.push_back(v);
                }
                for (uint32_t i = 1; i + 1 < piece.size(); ++i)
                    for (uint32_t k : {0u, i, i + 1})
                        out.indices.push_back(first + k);
            }
        }
    }
    return out;
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
    for (const Ring& hole : polygon.holes)
        ring(hole);
}

} // namespace almere
