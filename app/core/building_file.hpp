#pragma once
// The baked real buildings (issue 12): a compact binary file the baker writes beside the .glb
// (city.glb -> city.buildings.bin) when given a building layer. A file of its own rather than
// more glTF nodes: the viewer will load it per area later (tiles, level of detail), and the .glb
// and its loader stay as they are until then.
//
// Layout, little-endian; str = u32 byte count + UTF-8 bytes:
//   "ALMB" u32 version (2)
//   u64 glb fingerprint                          fingerprintWijken of the .glb baked beside it
//   str source, str licence                      the credits line names both
//   u32 wijk count, then per wijk:
//     str code, u8 covered, u32 building count, then per building:
//       f32 height (m), u8 part count, per part: u8 ring count (outer first, then holes),
//       per ring: u16 corner count, then f32 east, f32 north per corner (local metres, open ring)
// The reader treats it as hostile: every count is checked against the bytes left and the
// limits of building_layer.hpp, every number must be finite.
//
// The fingerprint pairs the file with its .glb: the buildings were sorted into that city's
// wijken, so the viewer refuses a file baked beside another .glb (an old file left in an assets
// folder, or a new .glb copied onto a kiosk without its buildings). Version 1 had none.
#include "core/building_coverage.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace almere {

struct BakedBuildings {
    std::string source, licence;
    std::vector<WijkBuildings> wijken; // building ids are not stored
    uint64_t cityFingerprint = 0;       // fingerprintWijken (city_model.hpp) of their .glb
};

std::vector<uint8_t> encodeBuildings(const BakedBuildings& baked);
// `name` names the file in errors.
Result<BakedBuildings> decodeBuildings(const std::vector<uint8_t>& bytes, const std::string& name);

// FNV-1a (64 bit) of the .glb's bytes: not a defence against forgery, only against pairing a
// buildings file with a .glb it was not baked with. About 1 ms per MB.

// Where the baker puts the buildings for a given .glb path.
std::string buildingsPathFor(const std::string& glbPath);

} // namespace almere
