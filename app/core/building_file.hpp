#pragma once
// The baked real buildings (issue 12) in a compact binary layout: one tile's file in the tiles
// folder the baker writes beside the .glb when given a building layer (building_tiles.hpp). Files
// of their own rather than more glTF nodes, so the viewer loads them per area.
//
// Layout, little-endian; str = u32 byte count + UTF-8 bytes:
//   "ALMB" u32 version (2)
//   u64 city fingerprint                         fingerprintWijken of the .glb baked with it
//   str source, str licence                      the credits line names both
//   u32 wijk count, then per wijk:
//     str code, u8 covered, u32 building count, then per building:
//       f32 height (m), u8 part count, per part: u8 ring count (outer first, then holes),
//       per ring: u16 corner count, then f32 east, f32 north per corner (local metres, open ring)
// The reader treats it as hostile: every count is checked against the bytes left and the
// limits of building_layer.hpp, every number must be finite.
//
// The fingerprint pairs the buildings with their city: they were sorted into its wijken. The
// viewer checks the tile index's copy (building_tiles.hpp). Version 1 had none.
#include "core/building_coverage.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace almere {

struct BakedBuildings {
    std::string source, licence;
    std::vector<WijkBuildings> wijken; // building ids are not stored
    uint64_t cityFingerprint = 0;      // fingerprintWijken (city_model.hpp) of their .glb
};

std::vector<uint8_t> encodeBuildings(const BakedBuildings& baked);
// `name` names the file in errors.
Result<BakedBuildings> decodeBuildings(const std::vector<uint8_t>& bytes, const std::string& name);

} // namespace almere
