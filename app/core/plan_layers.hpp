#pragma once
// The plans drawn into the city: each plan's area (a tint over the map, with its outline) and
// its schematic blocks, in a fixed shuffled order so that drawing the first n blocks shows the
// plan grown to n / total, evenly over its area (the timeline animates n).
#include "core/city_model.hpp"
#include "core/plans.hpp"

#include <vector>

namespace almere {

namespace layer {
constexpr double kPlanArea = 3.15; // just above the wijk slabs, below the lakes
constexpr double kPlanPlots = 3.2; // a plan's farm plots, drawn over its tint
constexpr double kPlanOutline = 3.35;
constexpr double kRoute = 12.0; // schematic lines run above the lakes, like a bridge
} // namespace layer

struct PlanLayer {
    MeshData area;            // triangles, plan colour
    MeshData outline;         // line pairs, plan colour
    MeshData band;            // plans only, drawn opaque as the plan fades in: a broad darker
                              // band along the area's edge, which a one-pixel line is not from
                              // the start view, and the plan's open areas in nature green
    MeshData massing;         // the plan's blocks, in their shuffled order
    BuildingEnds massingEnds; // where each block's indices end (see massing.hpp)
    MeshData routes;          // ribbons and stop blocks of the plan's schematic lines
    // The plan's farm plots (ground_mesh.hpp), drawn near the camera only: by cells of
    // kMassingTileSize.
    MeshData plots;
    std::vector<MeshCell> plotCells;
};

// An area given as CBS wijk codes plus hand-drawn parts: the wijken's outlines and the parts.
std::vector<Polygon> areaPolygons(const CityModel& city, const std::vector<std::string>& wijken,
                                  const std::vector<Polygon>& schematic);
inline std::vector<Polygon> planArea(const CityModel& city, const PlanDef& plan) {
    return areaPolygons(city, plan.areaWijken, plan.schematicArea);
}

// The view that shows a whole plan area: its middle (east, north) and a camera distance.
struct PlanView {
    glm::dvec2 centre{0};
    double distance = 0;
};
PlanView planView(const CityModel& city, const PlanDef& plan);

// One layer per theme: every item's area tinted in the item's colour, with outlines.
std::vector<PlanLayer> buildThemeLayers(const CityModel& city, const PlanCatalog& catalog);

// A plan's schematic blocks, in a fixed shuffled order (any prefix is an even thinning of the
// whole plan). They are infill where the plan covers built land (the vision densifies the
// centre, l.2112-2118): over a wijk with schematic buildings the plan keeps to that wijk's street
// grid, elsewhere it lays its own; a block is kept only out of the water and the plan's open
// areas and off the city's streets and street blocks (city.builtGround). Real buildings are not
// checked: they arrive in tiles later (see the README). A farmstead keeps to its plot: the
// plot only off the city's streets and street blocks, the farm's buildings only on a plot kept
// (`plots`, when given, gets those). Needs deriveDetails(city) first. `lotsLeft`: see
// layOutDistrict.
std::vector<Building> planBlocks(const CityModel& city, const PlanDef& plan,
                                 double* lotsLeft = nullptr,
                                 std::vector<Building>* plots = nullptr);

// Needs deriveDetails(city) first (see planBlocks).
std::vector<PlanLayer> buildPlanLayers(const CityModel& city, const PlanCatalog& catalog);

} // namespace almere
