#pragma once
// The city as the viewer knows it: what the baked .glb holds, plus what is derived from it at
// load time (schematic massing, lookup grids). Platform free; the renderer uploads the meshes.
#include "core/building_tiles.hpp"
#include "core/city_source.hpp"
#include "core/footprint_grid.hpp"
#include "core/massing.hpp"
#include "core/mesh.hpp"
#include "core/mesh_cells.hpp"
#include "core/triangle_grid.hpp"

#include <map>
#include <string>
#include <vector>

namespace almere {

// Heights of the flat layers, a few metres apart so depth testing keeps them in order at every
// zoom level (see OrbitCamera's near plane).
namespace layer {
constexpr double kContext = 0.0; // land around the municipality
constexpr double kSea = 1.0;
constexpr double kLandTop = 3.0; // wijk slabs: 0..3 m, so the shoreline shows a small edge
constexpr double kStreet = 3.08; // schematic streets and farm plots: drawn near the camera only
constexpr double kOutline = 3.3;
constexpr double kLake = 6.0; // hand-drawn lakes lie on the wijk slabs
} // namespace layer

struct WijkInfo {
    std::string code, name, stadsdeel, style;
    glm::dvec2 label{0};        // east, north
    std::vector<Polygon> parts; // east, north metres
};

struct PlaceLabel {
    std::string name;
    glm::dvec2 label{0};
};

struct WaterInfo {
    std::string name;
    bool schematic = false;
};

// A square of the city whose buildings are one contiguous, shuffled run of the massing indices:
// the renderer skips tiles outside the view and, far away, draws only a prefix (an even
// thinning, since the order is random).
struct MassingTile {
    glm::vec3 min{0}, max{0};   // world-space bounds
    uint32_t firstBuilding = 0; // its indices: buildingIndices(massingEnds, firstBuilding, n)
    uint32_t buildings = 0;
};
constexpr double kMassingTileSize = 1500.0; // metres

struct CityModel {
    std::vector<WijkInfo> wijken;
    std::vector<PlaceLabel> stadsdelen;
    std::vector<WaterInfo> water;
    std::map<std::string, MassingStyle> styles;
    std::vector<std::string> attribution;
    glm::dvec2 landMin{0}, landMax{0}; // bounds of the 71 wijken, east/north

    MeshData context;         // triangles, no feature
    MeshData water3d;         // triangles, feature = index into water
    MeshData land;            // triangles, feature = wijk index
    MeshData outlines;        // line pairs, feature = wijk index
    MeshData massing;         // triangles, feature = wijk index (derived, see deriveDetails)
    BuildingEnds massingEnds; // where each building's indices end (see massing.hpp)
    std::vector<MassingTile> massingTiles;
    // The schematic wijken's streets and farm plots, flat on the land (ground_mesh.hpp), by
    // cells of kMassingTileSize (derived, see deriveDetails).
    MeshData ground;
    std::vector<MeshCell> groundCells;
    // The ground the schematic buildings of each street block span (courtyards and gardens
    // included, a farm's plot) and the ribbons of the streets drawn between them (derived, see
    // deriveDetails): what a plan's new blocks leave free (infill, see planBlocks). Real
    // buildings are not in it: they arrive tile by tile, later.
    FootprintGrid builtGround;
    // The index of the baked real buildings (issue 12), when the viewer found one: the wijken it
    // covers get no schematic buildings (deriveDetails); their real ones arrive tile by tile
    // (real_tile_mesh.hpp, drawn by the renderer apart from the massing). Empty: all schematic.
    BuildingIndex realIndex;

    TriangleGrid wijkGrid;  // ground point -> wijk index
    TriangleGrid waterGrid; // ground point -> water index

    int findWijk(const std::string& code) const;
};

// Readies the loaded layers for drawing. Called once after loading, before the first frame.
void deriveCity(CityModel& city);

// Builds the lookup grids (picking) and the massing, after deriveCity: the slowest steps of
// loading, so the viewer shows the city first and adds these a frame later. The massing is
// schematic, and left out in the wijken that realIndex covers: their real buildings come in
// tiles of their own (buildRealTileMesh).
void deriveDetails(CityModel& city);

// The city's wijken (codes and outlines) as one number. Real buildings are sorted into wijken
// when they are baked, so their tiles carry this of the .glb they were baked with and the viewer
// refuses tiles of another city. Only the wijken count: the same city baked with other credits
// (with or without a layer) keeps its tiles.
uint64_t fingerprintWijken(const CityModel& city);

// True when realIndex replaces the schematic buildings of at least one of the city's wijken.
bool showsRealBuildings(const CityModel& city);

// Picking: the wijk under a ground point (east, north), or -1.
int wijkAt(const CityModel& city, glm::dvec2 eastNorth);

} // namespace almere
