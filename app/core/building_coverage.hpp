#pragma once
// Which wijken a real building layer covers, and its buildings sorted into them (issue 12).
//
// A wijk is covered when the layer's extent holds the wijk's whole bounding box. The extent is
// the layer's declared bbox, or else the bounds of its buildings grown by kCoverageMarginM: a
// wijk's boundary runs through the parks, roads and water around its outermost buildings.
// Having buildings in a wijk is not enough: an export cut along a tile edge would then erase
// the schematic buildings of a wijk it holds only a corner of. In a covered wijk the layer's
// buildings replace the schematic ones; a wijk only partly covered keeps its schematic buildings
// and the layer's buildings in it are left out, so the two never stand on top of each other.
//
// Each building goes to the wijk that holds the centroid of its footprint.
#include "core/building_layer.hpp"
#include "core/city_source.hpp"

#include <string>
#include <vector>

namespace almere {

constexpr double kCoverageMarginM = 100;

struct WijkBuildings {
    std::string code;
    bool covered = false;                // the layer replaces the schematic buildings here
    std::vector<RealBuilding> buildings; // empty when not covered
};

struct BuildingCoverage {
    std::vector<WijkBuildings> wijken; // in the order of the city's wijken
    size_t outsideWijken = 0;          // buildings whose centroid lies in no wijk
    size_t inUncoveredWijken = 0;      // buildings left out: their wijk is only partly covered
};

bool layerCoversWijk(const BuildingLayer& layer, const std::vector<Polygon>& wijkParts);

// The area-weighted centroid of a footprint's outer rings.
glm::dvec2 footprintCentroid(const RealBuilding& building);

BuildingCoverage assignBuildings(const std::vector<WijkSource>& wijken, BuildingLayer layer);

} // namespace almere
