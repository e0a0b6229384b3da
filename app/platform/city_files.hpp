#pragma once
// The city's content files, read and parsed in one place for the baker, the server's wijk list
// and the staff's wijk map.
#include "core/city_source.hpp"
#include "core/result.hpp"

#include <string>

namespace almere::platform {

// Reads wijken.geojson, stadsdelen.geojson, water.geojson and character.json from `cityDir`
// (assets/city) and parses them; the error names the file that could not be read or parsed.
Result<CitySource> readCitySource(const std::string& cityDir);

} // namespace almere::platform
