#pragma once
// Soft ground shadows under buildings (issue 12's depth cue): on a software renderer, blocks on a
// flat map read as printed on it until something dark on the ground ties them to it. Built from
// any massing mesh, whichever generator (schematic, real layer, plans) made the blocks: for each
// building's run of indices, the corners at its foot, swept a short way away from the sun, make a
// convex patch, dark at its middle and fading to nothing a rim beyond (vertex alpha, drawn
// blended after the opaque pass). Not a shadow map: no extra pass, about 7 vertices and 6
// triangles per building.
#include "core/massing.hpp"
#include "core/mesh.hpp"
#include "core/mesh_cells.hpp"

#include <glm/glm.hpp>
#include <vector>

namespace almere {

// Towards the sun, normalised (world space, y up): the renderer lights with it, and shadows fall
// the other way.
inline glm::vec3 sunDirection() {
    return glm::normalize(glm::vec3(-0.45f, 0.75f, 0.35f));
}

namespace shadow {
// How far a shadow reaches away from the sun, per metre of building height: shorter than the
// sun's true 0.76 so that in a dense street shadows darken the ground near blocks, not the
// whole street (blended shadows that overlap get darker).
constexpr double kReachPerMetre = 0.5;
constexpr double kMaxReachM = 18; // towers: a long shadow would lie across other blocks
constexpr double kRimM = 3.0;     // width of the soft edge
constexpr uint8_t kAlpha = 230;   // at the patch's middle, 0..255 (under the block: the visible
                                  // ground at its foot gets about half of it)
const glm::u8vec4 kColor{28, 32, 40, kAlpha};
constexpr double kLiftM = 0.05; // above the building's foot; the renderer adds polygon offset
} // namespace shadow

// Shadows for every building of `massing` (runs of indices ending at `ends`, see massing.hpp), in
// the same order: building i's shadow is buildingIndices(shadowEnds, i, 1), so the tiles and
// thinning of the massing apply as they are. A building whose foot has under three corners (a
// zero-size footprint) gets an empty run.
MeshData groundShadows(const MeshData& massing, const BuildingEnds& ends, BuildingEnds& shadowEnds,
                       glm::vec3 sunDir = sunDirection());

// Shadows are drawn near the camera only, by cells of this size (groupByCell, mesh_cells.hpp):
// there every block stands (no thinning), and the massing's own tiles (1.5 km, shuffled for
// thinning) would draw several times as many.
constexpr double kShadowCellM = 250;

} // namespace almere
