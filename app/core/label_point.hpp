#pragma once
#include "core/triangulate.hpp"

namespace almere {

// A point well inside the polygon for its name label: the area centroid when that lies
// comfortably inside, otherwise (concave shapes wrapped around a neighbour) the sampled point
// farthest from any edge.
glm::dvec2 labelPoint(const Polygon& polygon);

} // namespace almere
