#pragma once
// The baked city as glTF 2.0 binary (.glb). Layout:
//   node "context"  one triangle primitive: land around the municipality
//   node "water"    one triangle primitive per water body, extras {name, schematic}
//   node "land"     primitives [slab triangles, outline lines] of all wijken, with the
//                    wijk index per vertex in _FEATURE_ID_0
//   node <wijk code> no mesh; extras {code, feature (its index), name, stadsdeel, style,
//                    label [e, n], parts [[[e, n, e, n, ...] per ring] per polygon]}
//   scene extras    {origin_rd, stadsdelen [{name, label}], styles {...}, attribution [...]}
// Attributes: POSITION, NORMAL (float), COLOR_0 (normalised u8 x4), on land also
// _FEATURE_ID_0 (u16); indices u32.
#include "core/city_model.hpp"
#include "core/city_source.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace almere {

// Projects, triangulates and extrudes the source content into .glb bytes.
Result<std::vector<uint8_t>> bakeCity(const CitySource& source,
                                      const std::vector<std::string>& attribution);

// Reads .glb bytes, validating every accessor and extra; never trusts the file.
// `name` is used in error messages. Call deriveCity() and deriveDetails() on the result.
Result<CityModel> loadCity(const std::vector<uint8_t>& glb, const std::string& name);

} // namespace almere
