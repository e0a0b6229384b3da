#pragma once
// Schematic building massing: blocks placed on a jittered lot grid inside each wijk, with the
// density, size, height and colour of its style. Deterministic (hash of wijk code and lot), so
// every run and both targets show the same city. Not real buildings, and labelled as such.
#include "core/city_source.hpp"
#include "core/mesh.hpp"
#include "core/triangle_grid.hpp"

#include <functional>
#include <string>
#include <vector>

namespace almere {

struct Building {
    glm::dvec2 centre; // east, north
    glm::dvec2 size;   // along the lot grid's axes
    double angle;      // radians, grid rotation
    double height;
};

// Lots over the outline's bounds whose four corners all pass `buildable` (e.g. inside this
// wijk and in no water). `code` seeds the placement.
std::vector<Building> placeBuildings(const std::string& code, const Polygon& outline,
                                     const MassingStyle& style,
                                     const std::function<bool(glm::dvec2)>& buildable);

// Adds the buildings as extruded blocks standing on `groundHeight`.
void addBuildings(MeshData& mesh, const std::vector<Building>& buildings, double groundHeight,
                  Rgb color, uint16_t feature);

uint32_t hashString(const std::string& text);

} // namespace almere
