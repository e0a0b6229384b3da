#include "core/building_tiles.hpp"

#include "core/byte_io.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace almere {
namespace {

constexpr char kMagic[4] = {'A', 'L', 'M', 'I'};
constexpr uint32_t kVersion = 2; // 2: the .glb's fingerprint after the version
constexpr uint32_t kMaxString = 4096;
constexpr uint32_t kMaxWijken = 10'000;
// A tile's file is read whole into memory: a dense 500 m tile of real Almere is about 50 KB.
constexpr uint32_t kMaxTileBytes = 64u << 20;
// Cells far outside any city (tens of thousands of km) are a broken file, not a big city.
constexpr int32_t kMaxCell = 1'000'000;

struct CellLess {
    bool operator()(glm::ivec2 a, glm::ivec2 b) const { return a.y != b.y ? a.y < b.y : a.x < b.x; }
};

} // namespace

bool BuildingIndex::covers(const std::string& wijkCode) const {
    return std::find(coveredWijken.begin(), coveredWijken.end(), wijkCode) != coveredWijken.end();
}

std::string buildingTilesDirFor(const std::string& glbPath) {
    const std::string ext = ".glb";
    const bool glb = glbPath.size() >= ext.size() &&
                     glbPath.compare(glbPath.size() - ext.size(), ext.size(), ext) == 0;
    return (glb ? glbPath.substr(0, glbPath.size() - ext.size()) : glbPath) + ".buildings";
}

std::string buildingTileName(glm::ivec2 cell) {
    return std::to_string(cell.x) + "_" + std::to_string(cell.y) + ".bin";
}

TiledBuildings tileBuildings(const BakedBuildings& baked, double tileSize) {
    // Per cell, per covered wijk (in the file's order), the buildings whose centroid is there.
    std::map<glm::ivec2, std::vector<WijkBuildings>, CellLess> cells;
    TiledBuildings out;
    out.index.cityFingerprint = baked.cityFingerprint;
    out.index.source = baked.source;
    out.index.licence = baked.licence;
    out.index.tileSize = float(tileSize);
    for (const WijkBuildings& wijk : baked.wijken) {
        if (!wijk.covered) continue;
        out.index.coveredWijken.push_back(wijk.code);
        for (const RealBuilding& b : wijk.buildings) {
            const glm::ivec2 cell(glm::floor(footprintCentroid(b) / tileSize));
            std::vector<WijkBuildings>& tile = cells[cell];
            if (tile.empty() || tile.back().code != wijk.code)
                tile.push_back({wijk.code, true, {}});
            tile.back().buildings.push_back(b);
        }
    }
    for (const auto& [cell, wijken] : cells) {
        BuildingTileInfo info;
        info.cell = cell;
        info.min = glm::vec2(1e30f);
        info.max = glm::vec2(-1e30f);
        for (const WijkBuildings& w : wijken)
            for (const RealBuilding& b : w.buildings) {
                ++info.buildings;
                info.highestRoofM = std::max(info.highestRoofM, float(b.heightM));
                for (const Polygon& p : b.parts)
                    for (const glm::dvec2& v : p.outer) {
                        info.min = glm::min(info.min, glm::vec2(v));
                        info.max = glm::max(info.max, glm::vec2(v));
                    }
            }
        out.files.push_back(encodeBuildings({baked.source, baked.licence, wijken}));
        info.bytes = uint32_t(out.files.back().size());
        out.index.tiles.push_back(info);
    }
    return out;
}

std::vector<uint8_t> encodeBuildingIndex(const BuildingIndex& index) {
    ByteWriter w;
    w.header(kMagic, kVersion);
    w.u64(index.cityFingerprint);
    w.str(index.source);
    w.str(index.licence);
    w.f32(index.tileSize);
    w.u32(uint32_t(index.coveredWijken.size()));
    for (const std::string& code : index.coveredWijken)
        w.str(code);
    w.u32(uint32_t(index.tiles.size()));
    for (const BuildingTileInfo& t : index.tiles) {
        w.i32(t.cell.x);
        w.i32(t.cell.y);
        w.f32(t.min.x);
        w.f32(t.min.y);
        w.f32(t.max.x);
        w.f32(t.max.y);
        w.f32(t.highestRoofM);
        w.u32(t.buildings);
        w.u32(t.bytes);
    }
    return w.take();
}

Result<BuildingIndex> decodeBuildingIndex(const std::vector<uint8_t>& bytes,
                                          const std::string& name) {
    ByteReader r(bytes, name);
    BuildingIndex out;
    uint32_t wijken = 0, tiles = 0;
    if (r.header(kMagic, kVersion, "building tile index")) r.u64(out.cityFingerprint);
    if (r.str(out.source, kMaxString) && r.str(out.licence, kMaxString) && r.f32(out.tileSize) &&
        !(out.tileSize >= 10 && out.tileSize <= 100'000))
        r.fail("tile size outside 10..100000 m");
    if (r.u32(wijken) && wijken > kMaxWijken)
        r.fail("more than " + std::to_string(kMaxWijken) + " wijken");
    for (uint32_t i = 0; r.ok() && i < wijken; ++i)
        r.str(out.coveredWijken.emplace_back(), kMaxString);
    constexpr size_t kTileBytes = 9 * 4;
    if (r.u32(tiles) && tiles > r.left() / kTileBytes)
        r.fail("more tiles than the file has bytes for");
    for (uint32_t i = 0; r.ok() && i < tiles; ++i) {
        BuildingTileInfo t;
        if (!(r.i32(t.cell.x) && r.i32(t.cell.y) && r.f32(t.min.x) && r.f32(t.min.y) &&
              r.f32(t.max.x) && r.f32(t.max.y) && r.f32(t.highestRoofM) && r.u32(t.buildings) &&
              r.u32(t.bytes)))
            break;
        const std::string which = "tile " + std::to_string(i) + ": ";
        if (std::abs(t.cell.x) > kMaxCell || std::abs(t.cell.y) > kMaxCell)
            r.fail(which + "cell too far from the city");
        // Ordered by cell, as the baker writes them: every cell once, checked in one pass.
        else if (i > 0 && !CellLess()(out.tiles.back().cell, t.cell))
            r.fail(which + "cells out of order or listed twice");
        else if (!(t.min.x <= t.max.x && t.min.y <= t.max.y))
            r.fail(which + "bounds upside down");
        else if (!(t.highestRoofM > 0 && t.highestRoofM <= building_limits::kMaxHeightM))
            r.fail(which + "highest roof outside 0..300 m");
        else if (t.buildings == 0 || t.bytes == 0 || t.bytes > kMaxTileBytes)
            r.fail(which + "no buildings, or a file size out of range");
        out.tiles.push_back(t);
    }
    if (r.ok() && r.left() != 0) r.fail("unexpected bytes after the last tile");
    if (!r.ok()) return Result<BuildingIndex>::failure(r.error());
    return out;
}

} // namespace almere
