#pragma once

// Conversion between WGS84 longitude/latitude and the Dutch national grid RD New (EPSG:28992).
//
// We use the published polynomial approximation ("benaderingsformules", Schreutelaar / Strang van
// Hees) rather than the full RDNAPTRANS procedure: it needs no correction grids, costs a handful of
// multiplications and is accurate to a few decimetres over the Netherlands, which is far below what
// a city viewer can show. The polynomials were fitted against ETRS89; WGS84 and ETRS89 differ by
// less than a metre in the Netherlands, so callers may treat them as the same datum.

#include <glm/glm.hpp>

namespace almere {

struct LonLat {
    double lon; // degrees east
    double lat; // degrees north
};

struct RdPoint {
    double x; // metres, grows eastwards
    double y; // metres, grows northwards
};

RdPoint wgs84ToRd(LonLat p);
LonLat rdToWgs84(RdPoint p);

// Origin of the project's local world frame, a round RD coordinate a few hundred metres from Almere
// Centrum station. A local origin keeps world coordinates small so that single-precision vertex
// data on the GPU keeps centimetre resolution across the city.
inline constexpr RdPoint kLocalOrigin{143000.0, 487000.0};

// Local frame: (east, north) in RD grid metres relative to kLocalOrigin. RD's grid axes deviate
// from true east/north by less than 0.2 degrees and its scale from true metres by less than 0.01%
// around Almere, which is invisible in the viewer.
glm::dvec2 rdToLocal(RdPoint p);
RdPoint localToRd(glm::dvec2 local);
glm::dvec2 wgs84ToLocal(LonLat p);
LonLat localToWgs84(glm::dvec2 local);

} // namespace almere
