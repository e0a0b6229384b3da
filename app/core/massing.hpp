#pragma once
// Building massing: oriented boxes (the schematic ones come from core/district_layout) and the
// mesh they are drawn from. Not real buildings, and labelled as such.
#include "core/city_source.hpp"
#include "core/mesh.hpp"
#include "core/triangle_grid.hpp"

#include <string>
#include <vector>

namespace almere {

struct Building {
    glm::dvec2 centre; // east, north
    glm::dvec2 size;   // along the lot grid's axes
    double angle;      // radians, grid rotation
    double height;
};

// Street-grid blocks one load may lay out over all its wijken, or all of its plans: a hostile
// .glb or plans.json with thousands of large parts must not stall the kiosk for minutes.
constexpr double kMaxLotsPerLoad = 500'000;

// Where each building's indices end in the mesh that addBuildings fills. How many indices a
// block gets is up to the mesh builder (a zero-size footprint, which validation accepts, gets
// its top but no walls), so a run of buildings is always counted from here, never as a
// multiple of some per-building constant.
using BuildingEnds = std::vector<uint32_t>;

struct IndexRange {
    uint32_t first = 0; // in indices
    uint32_t count = 0;
};

// The indices of buildings [firstBuilding, firstBuilding + n), clamped to the buildings there are.
IndexRange buildingIndices(const BuildingEnds& ends, uint32_t firstBuilding, uint32_t n);

// A cheaper stand-in for each block of `mesh` when it is a few pixels on screen: its roof, and
// its four walls as one ring from their top to their dark foot, 12 vertices where the full
// block needs 20 (each flat-shaded wall needs four of its own): corners lit half way between
// the walls that meet there. Software renderers spend much of a far tile's cost shading
// vertices. A building whose roof is not a
// quad is copied as it is. `farEnds` gets where each building ends in `far`.
void farBlocks(const MeshData& mesh, const BuildingEnds& ends, MeshData& far,
               BuildingEnds& farEnds);
// Cheaper still, for blocks a pixel or two tall: each block's roof alone (4 vertices, 2
// triangles), widened by a quarter of its height on every side and darkened towards its walls'
// colour, so a far wijk keeps the tone and grain its blocks' roofs and shaded walls give it
// together. A building whose roof is not a quad is copied as it is.
void speckBlocks(const MeshData& mesh, const BuildingEnds& ends, MeshData& specks,
                 BuildingEnds& speckEnds);

// Adds the buildings as extruded blocks standing on `groundHeight`, and where each one's
// indices end to `ends`.
void addBuildings(MeshData& mesh, BuildingEnds& ends, const std::vector<Building>& buildings,
                  double groundHeight, Rgb color, uint16_t feature);
// The same with roofs and walls in colours of their own (the plans' blocks: see plan_layers).
void addBuildings(MeshData& mesh, BuildingEnds& ends, const std::vector<Building>& buildings,
                  double groundHeight, Rgb roofColor, Rgb wallColor, uint16_t feature);

uint32_t hashString(const std::string& text);

// A well-mixed pseudo-random number in [0, 1) from a seed and a salt: platform independent, so
// both targets place the same schematic city.
double hashUnit(uint32_t seed, uint32_t salt);

// `v` turned by `angle` radians (counter-clockwise in east, north).
glm::dvec2 rotated(glm::dvec2 v, double angle);

// A seed from a position (east, north), for per-building variation: defined for every double.
uint32_t positionSeed(glm::dvec2 eastNorth);

} // namespace almere
