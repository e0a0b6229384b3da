#pragma once
// The wijk map of the staff results (issue 11): the 71 wijk outlines of the content pack
// (assets/city/wijken.geojson), read once when the server starts and turned into SVG path data.
// The city source is already projected to local metres in the Dutch national grid (RD New, see
// core/geo), so the map is that plane with north up, scaled to the map's width.
#include "core/city_source.hpp"
#include "server/staff_results.hpp"

#include <string>

namespace almere::server {

// The map from parsed city source; the wijken sorted by code.
WijkMap wijkMapFrom(const CitySource& city, double width = 640);

// Reads <assets>/city/{wijken,stadsdelen,water}.geojson and character.json; on failure an empty
// map and `error` naming the file and field.
WijkMap loadWijkMap(const std::string& assets, std::string& error);

} // namespace almere::server
