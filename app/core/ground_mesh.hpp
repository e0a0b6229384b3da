#pragma once
// Flat pieces of ground that the schematic layout leaves between its buildings, drawn only near
// the camera (by cell: mesh_cells.hpp): the street surface round a grid block, and a farmstead's
// plot as a field inside a hedge (issue 12: "scattered farmsteads with their plots"). Schematic,
// like the buildings they belong to.
#include "core/massing.hpp"
#include "core/mesh.hpp"

#include <array>
#include <glm/glm.hpp>

namespace almere {

// Asphalt grey, a little darker than the lightest land tints.
constexpr glm::u8vec4 kStreetColor(150, 150, 146, 255);

// Field tones: crop green, pale grass, ploughed earth. Muted, within the lightness of the wijken's
// own ground colours (character.json), so map labels on their halo read as before; the earth is
// darker than the farm buildings' roofs, so they do not vanish on it.
constexpr glm::u8vec4 kFieldTones[] = {
    {146, 170, 100, 255}, {196, 204, 150, 255}, {160, 138, 106, 255}};
// The hedge along a plot's edge: darker than every field, so neighbouring plots read apart.
constexpr glm::u8vec4 kHedgeColor(92, 120, 70, 255);
constexpr double kHedgeM = 2.5;

// The street surface round a grid block: four strips, half a street wide, along its edges
// (neighbouring blocks' strips meet in the middle of the street), at `height`. Returns the
// strips (what a plan's infill keeps off).
std::array<Building, 4> addStreetFrame(MeshData& mesh, const Building& block, double streetM,
                                       double height, uint16_t feature);

// A plot (an oriented rectangle, district_layout's DistrictLayout::plots) as a field of one tone,
// picked by its position so that every run shows the same, inside a hedge kHedgeM wide: 2
// triangles and 8 for the hedge, at `height`.
void addFieldPlot(MeshData& mesh, const Building& plot, double height, uint16_t feature);

// The tone addFieldPlot gives a plot, before its slight per-plot shading.
glm::u8vec4 fieldTone(const Building& plot);

} // namespace almere
