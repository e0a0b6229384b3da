#pragma once
// Schematic buildings by typology (issue 12): a district's outline gets a street grid turned to
// its shape (the long axis of its area), with the block size of its style's typology; every
// block of the grid is built as that typology (terraced rows, perimeter blocks round a courtyard,
// a centre with towers, halls with yards, farmsteads on their plots) or left green. Blocks stay
// inside their grid block, shrunk by half the street on every side, so no building stands on a
// street or on another block's building. Deterministic (hash of the seed text and the block), so
// every run and both targets show the same city. Not real buildings, and labelled as such.
#include "core/city_source.hpp"
#include "core/massing.hpp"

#include <functional>
#include <string>
#include <vector>

namespace almere {

struct DistrictLayout {
    std::vector<Building> buildings;
    // The streets between the grid's blocks, each a flat ribbon as wide as the street
    // (`height` 0) over the whole grid: what the buildings keep clear of.
    std::vector<Building> streets;
    // The grid blocks built or left green whose corners are all buildable: where the viewer draws
    // the street surface round a block (each the whole block, streets included, to its edges).
    std::vector<Building> groundBlocks;
    // Per grid block that got buildings, the ground they span, courtyard and back gardens
    // included (a farm: its plot): the city block that a plan's new ones stay out of.
    std::vector<Building> lots;
    // Farmsteads only: each farm's plot (`height` 0), holding its farmhouse and barn, inside its
    // grid block and clear of the streets; drawn as a field (ground_mesh.hpp).
    std::vector<Building> plots;
    double streetM = 0; // the streets' width
};

// Lays out `parts` (one district, all its parts on one grid) in `style`. A building is kept only
// when its corners and points along its edges pass `buildable` (e.g. inside this wijk and in no
// water). `seedText` seeds the layout. With `lotsLeft`, a district with more grid blocks than
// are left gets none, and its blocks are taken from it. With `gridStyle`, the street grid is the
// one that style lays over the same parts (a plan building in a built wijk keeps to its streets
// and lots); the buildings are still `style`'s.
DistrictLayout layOutDistrict(const std::string& seedText, const std::vector<Polygon>& parts,
                              const MassingStyle& style,
                              const std::function<bool(glm::dvec2)>& buildable,
                              double* lotsLeft = nullptr, const MassingStyle* gridStyle = nullptr);

// The angle (radians, in [0, pi)) of a district's street grid: along the long axis of its
// parts' area (a rectangle's long side).
double gridAngle(const std::vector<Polygon>& parts);

// True when two oriented rectangles (footprints) overlap by more than `tolerance` metres.
bool footprintsOverlap(const Building& a, const Building& b, double tolerance);

} // namespace almere
