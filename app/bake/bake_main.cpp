// almere-bake: turns the content pack's source geodata (assets/city) into the .glb both the
// kiosk and the web viewer load. Run by the build; exits non-zero with a message naming the
// file and field when the content is broken. With --buildings it also bakes a layer of real
// buildings (issue 12) into tiles in <output>.buildings/ beside the .glb (an index and one file
// per tile, for loading per area; see core/building_tiles.hpp and core/building_layer.hpp).
#include "core/building_file.hpp"
#include "core/building_layer.hpp"
#include "core/building_tiles.hpp"
#include "core/city_gltf.hpp"
#include "core/city_source.hpp"
#include "core/plans.hpp"
#include "platform/city_files.hpp"
#include "platform/files.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace almere;

namespace {

struct Options {
    std::string cityDir, out;
    std::string plansIn, plansOut;       // --plans <plans.json> <output plans.json>
    std::string buildings;               // --buildings <layer.geojson>
    double tileSize = kBuildingTileSize; // --tile-size <metres>: tiles of the buildings
};

bool parseOptions(int argc, char** argv, Options& o) {
    if (argc < 3) return false;
    o.cityDir = argv[1];
    o.out = argv[2];
    for (int i = 3; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--plans" && i + 2 < argc) {
            o.plansIn = argv[++i];
            o.plansOut = argv[++i];
        } else if (flag == "--buildings" && i + 1 < argc) {
            o.buildings = argv[++i];
        } else if (flag == "--tile-size" && i + 1 < argc) {
            char* end = nullptr;
            o.tileSize = std::strtod(argv[++i], &end);
            // The index reader's range (building_tiles.cpp).
            if (*end != '\0' || !(o.tileSize >= 10 && o.tileSize <= 100'000)) return false;
        } else {
            return false;
        }
    }
    return true;
}

// Write beside the target and rename, so an interrupted bake never leaves a half file.
bool writeAtomically(const std::string& out, const std::vector<uint8_t>& bytes) {
    const std::string tmp = out + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
        if (!f) {
            std::fprintf(stderr, "almere-bake: %s: cannot write\n", tmp.c_str());
            return false;
        }
    }
    if (std::rename(tmp.c_str(), out.c_str()) != 0) {
        std::fprintf(stderr, "almere-bake: %s: cannot rename into place\n", out.c_str());
        return false;
    }
    return true;
}

// Reads and sorts the building layer into the wijken it covers, reporting on stderr what was
// kept and skipped (a city-wide export always has a few broken footprints).
bool readBuildings(const std::string& path, const CitySource& city, BakedBuildings& out) {
    SourceFile file{path, ""};
    // A whole-city export with 3D BAG's many attributes is far larger than the city's own files.
    if (!platform::readFile(file.name, file.text, size_t(1) << 30)) {
        std::fprintf(stderr, "almere-bake: %s: cannot read the file (or over 1 GiB)\n",
                     path.c_str());
        return false;
    }
    auto layer = parseBuildingLayer(file);
    file.text = std::string(); // the parsed layer is all that is needed from here on
    if (!layer) {
        std::fprintf(stderr, "almere-bake: %s\n", layer.error().c_str());
        return false;
    }
    const BuildingLayer& l = layer.value();
    std::fprintf(stderr, "almere-bake: %s: %zu features read, %zu kept, %zu skipped\n",
                 path.c_str(), l.featuresRead, l.buildings.size(), l.skipped);
    for (const auto& [why, count] : l.skippedByReason)
        std::fprintf(stderr, "  skipped %zu: %s\n", count, why.c_str());
    for (const std::string& reason : l.firstReasons)
        std::fprintf(stderr, "  e.g. %s\n", reason.c_str());
    out.source = l.source;
    out.licence = l.licence;
    BuildingCoverage coverage = assignBuildings(city.wijken, layer.take());
    size_t covered = 0, placed = 0;
    for (const WijkBuildings& w : coverage.wijken) {
        covered += w.covered;
        placed += w.buildings.size();
    }
    std::fprintf(stderr,
                 "almere-bake: %s: covers %zu of %zu wijken; %zu buildings placed, %zu in "
                 "wijken it covers only partly, %zu outside the wijken (both left out)\n",
                 path.c_str(), covered, coverage.wijken.size(), placed, coverage.inUncoveredWijken,
                 coverage.outsideWijken);
    out.wijken = std::move(coverage.wijken);
    return true;
}

// The tiles go into a fresh folder beside the old one, which is then swapped out: a viewer
// never finds an index next to tiles of another bake. Without a layer, an old folder is removed
// so that a plain bake does not leave real buildings of an earlier one in place.
bool writeBuildingTiles(const std::string& dir, const BakedBuildings* buildings, double tileSize) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string fresh = dir + ".tmp", old = dir + ".old";
    fs::remove_all(fresh, ec);
    fs::remove_all(old, ec);
    if (!buildings) {
        fs::remove_all(dir, ec);
        if (ec) std::fprintf(stderr, "almere-bake: %s: cannot remove the old tiles\n", dir.c_str());
        return !ec;
    }
    const TiledBuildings tiled = tileBuildings(*buildings, tileSize);
    if (!fs::create_directories(fresh, ec) || ec) {
        std::fprintf(stderr, "almere-bake: %s: cannot create the folder\n", fresh.c_str());
        return false;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < tiled.files.size(); ++i) {
        if (!writeAtomically(fresh + "/" + buildingTileName(tiled.index.tiles[i].cell),
                             tiled.files[i]))
            return false;
        bytes += tiled.files[i].size();
    }
    const std::vector<uint8_t> index = encodeBuildingIndex(tiled.index);
    if (!writeAtomically(fresh + "/" + kBuildingIndexName, index)) return false;
    if (fs::exists(dir)) fs::rename(dir, old, ec);
    if (!ec) fs::rename(fresh, dir, ec);
    fs::remove_all(old, ec);
    if (ec) {
        std::fprintf(stderr, "almere-bake: %s: cannot move the tiles into place\n", dir.c_str());
        return false;
    }
    std::printf("almere-bake: buildings -> %s/ (%zu tiles, %zu bytes, index %zu bytes)\n",
                dir.c_str(), tiled.files.size(), bytes, index.size());
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Options opt;
    if (!parseOptions(argc, argv, opt)) {
        std::fprintf(stderr, "usage: almere-bake <assets/city folder> <output.glb> "
                             "[--plans <plans.json> <output plans.json>] "
                             "[--buildings <layer.geojson> [--tile-size <metres, 10..100000>]]\n");
        return 2;
    }
    auto source = platform::readCitySource(opt.cityDir);
    if (!source) {
        std::fprintf(stderr, "almere-bake: %s\n", source.error().c_str());
        return 1;
    }
    std::vector<std::string> credits{source.value().boundarySource};
    for (const WaterSource& w : source.value().water)
        if (std::find(credits.begin(), credits.end(), w.source) == credits.end())
            credits.push_back(w.source);
    BakedBuildings buildings;
    if (!opt.buildings.empty()) {
        if (!readBuildings(opt.buildings, source.value(), buildings)) return 1;
        // The layer's metadata names its source and licence; the credits show them.
        credits.push_back(buildings.source + " (" + buildings.licence + ")");
    }
    auto glb = bakeCity(source.value(), credits);
    if (!glb) {
        std::fprintf(stderr, "almere-bake: %s\n", glb.error().c_str());
        return 1;
    }
    const std::string out = opt.out;
    if (!writeAtomically(out, glb.value())) return 1;
    // The tiles belong to this .glb: their buildings were sorted into its wijken.
    if (!opt.buildings.empty()) {
        // Of the wijken as the viewer will read them from this .glb, so both sides agree.
        auto city = loadCity(glb.value(), out);
        if (!city) {
            std::fprintf(stderr, "almere-bake: %s\n", city.error().c_str());
            return 1;
        }
        buildings.cityFingerprint = fingerprintWijken(city.value());
    }
    if (!writeBuildingTiles(buildingTilesDirFor(out), opt.buildings.empty() ? nullptr : &buildings,
                            opt.tileSize))
        return 1;
    if (!opt.plansIn.empty()) {
        // The plans refer to wijk codes: validate them against this city, then ship a copy.
        SourceFile plans{opt.plansIn, ""};
        if (!platform::readFile(plans.name, plans.text)) {
            std::fprintf(stderr, "almere-bake: %s: cannot read the file\n", plans.name.c_str());
            return 1;
        }
        std::vector<std::string> codes;
        for (const WijkSource& w : source.value().wijken)
            codes.push_back(w.code);
        auto catalog = parsePlanCatalog(plans, codes);
        if (!catalog) {
            std::fprintf(stderr, "almere-bake: %s\n", catalog.error().c_str());
            return 1;
        }
        std::ofstream copy(opt.plansOut, std::ios::binary | std::ios::trunc);
        copy << plans.text;
        if (!copy) {
            std::fprintf(stderr, "almere-bake: %s: cannot write\n", opt.plansOut.c_str());
            return 1;
        }
    }
    std::printf("almere-bake: %zu wijken, %zu water bodies -> %s (%zu bytes)\n",
                source.value().wijken.size(), source.value().water.size(), out.c_str(),
                glb.value().size());
    return 0;
}
