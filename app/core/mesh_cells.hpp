#pragma once
// Layers drawn near the camera only (ground shadows, streets, farm plots) are regrouped into
// square cells, so that the renderer draws the few cells around the camera and skips the rest by
// their bounds: one draw call per cell, not per piece.
#include "core/mesh.hpp"

#include <glm/glm.hpp>
#include <vector>

namespace almere {

// Part of a mesh, by where it lies: indices [first, first + count).
struct MeshCell {
    glm::vec3 min{0}, max{0}; // world-space bounds
    uint32_t first = 0, count = 0;
};

// Regroups the mesh's pieces (runs of indices ending at `runEnds`, as BuildingEnds) by square
// cells of `cellSize` metres, each piece by the vertex its run starts with. The mesh's indices
// are reordered in place; the cells come in a fixed order (south to north, west to east), the
// pieces within a cell in their first order. Empty runs are left out.
std::vector<MeshCell> groupByCell(MeshData& mesh, const std::vector<uint32_t>& runEnds,
                                  double cellSize);

} // namespace almere
