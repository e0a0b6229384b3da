#pragma once
// The baked real buildings cut into square tiles (issue 12), so the viewer loads them per area:
//   <city>.buildings/index.bin      small, fetched first: source, licence, which wijken the
//                                   layer covers, and each tile's bounds, size and file
//   <city>.buildings/<x>_<y>.bin     one tile's buildings in building_file.hpp's format
// Coverage lives in the index because it decides where the schematic buildings are left out,
// and that must be known before any tile arrives (else schematic blocks would stand for a
// moment where real ones are about to appear).
//
// Index layout, little-endian; str = u32 byte count + UTF-8 bytes:
//   "ALMI" u32 version (2), u64 fingerprintWijken of the .glb baked with it (city_model.hpp)
//   str source, str licence, f32 tile size (m)
//   u32 covered wijk count, then str code per covered wijk
//   u32 tile count, then per tile, ordered by cell (north, then east), each cell once:
//     i32 cell x, i32 cell y (east, north / tile size, floored),
//     f32 west, south, east, north (m, local; the buildings' footprints, not the cell),
//     f32 highest roof above the ground (m), u32 buildings, u32 file bytes
// The reader treats it as hostile, like building_file's: counts checked against the bytes left,
// numbers finite, bounds ordered, cells in order.
#include "core/building_file.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <glm/glm.hpp>
#include <string>
#include <vector>

namespace almere {

constexpr double kBuildingTileSize = 500.0; // metres: a few hundred buildings in a dense tile

struct BuildingTileInfo {
    glm::ivec2 cell{0};
    glm::vec2 min{0}, max{0}; // east, north
    float highestRoofM = 0;
    uint32_t buildings = 0;
    uint32_t bytes = 0; // of its file
};

struct BuildingIndex {
    uint64_t cityFingerprint = 0; // pairs the tiles with their .glb (see building_file.hpp)
    std::string source, licence;
    float tileSize = float(kBuildingTileSize);
    std::vector<std::string> coveredWijken; // codes
    std::vector<BuildingTileInfo> tiles;

    bool empty() const { return coveredWijken.empty(); }
    bool covers(const std::string& wijkCode) const;
    std::string credit() const { return source + " (" + licence + ")"; }
};

// The folder beside a .glb (city.glb -> city.buildings), its index, and a tile's file in it.
std::string buildingTilesDirFor(const std::string& glbPath);
constexpr const char* kBuildingIndexName = "index.bin";
std::string buildingTileName(glm::ivec2 cell); // "3_-2.bin"

struct TiledBuildings {
    BuildingIndex index;
    std::vector<std::vector<uint8_t>> files; // per index.tiles entry, in that order
};

// Cuts the baked buildings into tiles of `tileSize` metres by the centroid of each footprint.
// A tile file holds only covered wijken (decodeBuildings reads it); tiles are ordered by cell.
TiledBuildings tileBuildings(const BakedBuildings& baked, double tileSize = kBuildingTileSize);

std::vector<uint8_t> encodeBuildingIndex(const BuildingIndex& index);
// `name` names the file in errors.
Result<BuildingIndex> decodeBuildingIndex(const std::vector<uint8_t>& bytes,
                                          const std::string& name);

} // namespace almere
