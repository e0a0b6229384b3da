#pragma once

// Triangulation of polygons with holes (building footprints, roofs, land use areas) by ear
// clipping, with holes first bridged into the outer ring.
//
// Input comes from GeoJSON and other third-party data, so nothing about it is trusted: rings may
// be in either winding, may repeat their first vertex at the end, may contain repeated or
// collinear points, and may be degenerate or contain NaN. None of that may crash or hang.

#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace almere {

using Ring = std::vector<glm::dvec2>;

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

// Triangulates `polygon` and returns three indices per triangle. Indices refer to the vertices of
// `outer` followed by the vertices of each hole in order, closing duplicates included, so that
// callers can index their own vertex arrays directly.
//
// - Every triangle is counter-clockwise (positive area) in the (x, y) plane, whatever the input
//   winding.
// - A closing vertex equal to the ring's first vertex (GeoJSON style) never appears in a triangle:
//   the first vertex is referenced instead. Likewise only the first of a run of repeated points is
//   referenced. Collinear vertices may be left out of all triangles.
// - Returns an empty vector if the outer ring has fewer than 3 distinct points or zero area, if any
//   coordinate is NaN, infinite or beyond +-1e100, or if there are more than 2^22 (4194304)
//   vertices. Holes that are degenerate or lie outside the outer ring are ignored.
// - For simple input (no self-intersections, holes inside the outer ring and not overlapping) the
//   triangles exactly cover the polygon. For self-intersecting input the result is best effort;
//   the work spent is bounded, and if that bound is hit the triangles found so far are returned.
std::vector<uint32_t> triangulate(const Polygon& polygon);

// Shoelace area: positive for counter-clockwise rings. A closing duplicate vertex is harmless.
double signedArea(const Ring& ring);

// Even-odd rule, so the winding does not matter. Points exactly on the boundary may be reported
// either way.
bool pointInRing(const Ring& ring, glm::dvec2 p);

// Inside the outer ring and outside every hole.
bool pointInPolygon(const Polygon& polygon, glm::dvec2 p);

// Area-weighted centroid. For a ring without area (collinear or repeated points) the mean of its
// vertices is returned instead, and for an empty ring (0, 0).
glm::dvec2 ringCentroid(const Ring& ring);

} // namespace almere
