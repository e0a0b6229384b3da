#pragma once
// CPU-side meshes in world space (metres, y up, x east, z = -north: the glTF convention) and the
// builders that make them from map polygons.
#include "core/triangulate.hpp"

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

namespace almere {

constexpr uint16_t kNoFeature = 0xffff;

struct Vertex {
    glm::vec3 position;
    glm::vec3 normal;
    glm::u8vec4 color;
    uint16_t feature; // wijk index for selection highlight, kNoFeature otherwise
    uint16_t pad = 0;
};

struct MeshData {
    std::vector<Vertex> vertices;
    std::vector<uint32_t> indices; // triangles, or line pairs for outline meshes
    void append(const MeshData& other);
};

inline glm::vec3 toWorld(glm::dvec2 eastNorth, double height) {
    return {float(eastNorth.x), float(height), float(-eastNorth.y)};
}
inline glm::dvec2 toEastNorth(glm::vec3 world) {
    return {world.x, -world.z};
}

// A ring's winding normalised: outer counter-clockwise, holes clockwise.
Polygon normalizedWinding(const Polygon& polygon);

// Horizontal polygon facing up at the given height. Returns false for degenerate input.
bool addFlatPolygon(MeshData& mesh, const Polygon& polygon, double height, glm::u8vec4 color,
                    uint16_t feature);

// Prism from base to top: top cap plus outward-facing walls (no bottom: nothing looks at it).
bool extrudePolygon(MeshData& mesh, const Polygon& polygon, double base, double top,
                    glm::u8vec4 color, uint16_t feature);

// The same flat (horizontal) triangles, cut along a square grid so that no triangle spans
// more than one cell: per-vertex effects (haze, edge fade) then vary smoothly across large
// layers such as the sea.
// Bounded: where the pieces could exceed kMaxSplitPieces, the cells are made coarser.
MeshData splitFlatByGrid(const MeshData& flat, double cellSize);
constexpr double kMaxSplitPieces = 200'000; // the real city: about 6,500

// A box standing on `base`: the quad's corners must be counter-clockwise. Like extrudePolygon
// on the quad, without the general triangulation (thousands per city load), and with the walls'
// feet darkened to kWallFootShade of their colour: blocks read as standing on the ground.
constexpr float kWallFootShade = 0.6f;
void addBlock(MeshData& mesh, const glm::dvec2 (&corners)[4], double base, double top,
              glm::u8vec4 color, uint16_t feature);
// The same with a roof colour of its own: plan blocks, seen from above, read by a light roof
// framed by darker walls.
void addBlock(MeshData& mesh, const glm::dvec2 (&corners)[4], double base, double top,
              glm::u8vec4 roofColor, glm::u8vec4 wallColor, uint16_t feature);

// Closed outlines of every ring as line pairs, at the given height.
void addOutline(MeshData& lines, const Polygon& polygon, double height, glm::u8vec4 color,
                uint16_t feature);

} // namespace almere
