#pragma once
// One tile of real buildings (issue 12) as a mesh the renderer uploads on its own: each
// footprint extruded to its height (flat roof, walls with darker feet, holes as courtyards),
// then the same buildings again as flat roofs over their footprint's oriented bounding box, the
// cheap stand-in for far away (see building_tile_view.hpp). Both runs share one pseudo-random
// order, so drawing a prefix of either thins the tile evenly, like the schematic tiles. With the
// full buildings' ground shadows, built here as the tile arrives (not every frame).
#include "core/building_file.hpp"
#include "core/massing.hpp"
#include "core/mesh.hpp"
#include "core/mesh_cells.hpp"

#include <glm/glm.hpp>

namespace almere {

struct CityModel;

struct RealTileMesh {
    MeshData mesh;
    // 2 * buildings entries: [0, n) end the full buildings, [n, 2n) the roofs that stand in
    // for them (buildingIndices(ends, n, k) draws the first k roofs).
    BuildingEnds ends;
    uint32_t buildings = 0;
    glm::vec3 min{0}, max{0}; // world-space bounds of the full buildings
    // The full buildings' ground shadows (ground_shadow.hpp), by cells of kShadowCellM: drawn
    // near the camera like the schematic blocks' (there the tile is drawn in full).
    MeshData shadows;
    std::vector<MeshCell> shadowCells;
};

// What the tile takes on the GPU (vertices and indices, buildings, roofs and shadows): what the
// web's budget for loaded tiles counts (building_tile_view.hpp).
size_t gpuBytes(const RealTileMesh& tile);

// The tile's buildings in wijken the city has and the index covers, coloured by their wijk's
// style (feature = wijk index, for the selection highlight). Buildings of other wijken (a tile
// file baked for another .glb, or a hostile one) are left out.
RealTileMesh buildRealTileMesh(const CityModel& city, const BakedBuildings& tile);

// The corners (counter-clockwise) of a small-area rectangle around all outer rings' corners,
// aligned with one of the footprint's longest edges.
void orientedBounds(const RealBuilding& building, glm::dvec2 (&corners)[4]);

} // namespace almere
