// libFuzzer target for the real building layer (issue 12): what a municipality hands the baker
// with --buildings (core/building_layer) and the baked file the viewer reads back
// (core/building_file, and the tile index of core/building_tiles, which the web fetches from
// any server it is pointed at). Every input is tried as all three.
// Besides "no crash, no hang, no sanitizer report" it checks what the baker relies on:
// - a layer that parses holds only sound buildings (height 0..300 m, rings of 3+ corners that
//   do not cross themselves, holes inside their outer ring and apart), every feature is counted
//   as kept or skipped, and a refusal or skip names the file;
// - what the parser kept, sorted into the real city's wijken and baked, reads back (the parser's
//   limits and the file's agree);
// - a buildings file that decodes encodes to a file that decodes to the same bytes again;
// - a tile index that decodes encodes to the same bytes, and a refusal names the file.
// Built and run by tests/fuzz/run.sh.
#include "fuzz_common.hpp"

#include "core/building_coverage.hpp"
#include "core/building_file.hpp"
#include "core/building_layer.hpp"
#include "core/building_tiles.hpp"

using namespace almere;
using almere::fuzz::require;

namespace {

const std::vector<WijkSource>* wijken = nullptr;

void checkLayer(const BuildingLayer& layer) {
    require(layer.buildings.size() + layer.skipped == layer.featuresRead,
            "a feature neither kept nor skipped");
    for (const std::string& reason : layer.firstReasons)
        require(reason.rfind("layer.geojson: features[", 0) == 0, "a skip without its feature");
    for (const RealBuilding& b : layer.buildings) {
        require(b.heightM > 0 && b.heightM <= building_limits::kMaxHeightM,
                "a height kept out of range");
        require(!b.parts.empty(), "a building without parts");
        for (const Polygon& p : b.parts) {
            require(p.outer.size() >= 3 && !ringCrossesItself(p.outer), "a broken outer ring kept");
            for (const Ring& h : p.holes)
                require(h.size() >= 3 && !ringCrossesItself(h), "a broken hole kept");
            require(holeProblem(p) == nullptr, "a misplaced hole kept");
        }
    }
}

void requireReadsBack(const BakedBuildings& baked) {
    auto back = decodeBuildings(encodeBuildings(baked), "baked.bin");
    if (!back) std::fprintf(stderr, "fuzz: %s\n", back.error().c_str());
    require(bool(back), "the viewer refuses what the baker made of a layer");
    require(back.value().wijken.size() == baked.wijken.size(), "wijken lost in the file");
}

void checkBakes(BuildingLayer layer) {
    // Every kept building in one wijk: a small input seldom covers a real wijk, and what the
    // parser keeps must fit the file wherever it lands.
    requireReadsBack({layer.source, layer.licence, {{"WK000000", true, layer.buildings}}, 42});
    BakedBuildings baked{layer.source, layer.licence, {}, 42};
    baked.wijken = assignBuildings(*wijken, std::move(layer)).wijken;
    requireReadsBack(baked);
}

void checkFile(const std::vector<uint8_t>& bytes) {
    auto decoded = decodeBuildings(bytes, "fuzz.bin");
    if (!decoded) {
        require(decoded.error().rfind("fuzz.bin: byte ", 0) == 0, "a refusal without the file");
        return;
    }
    const std::vector<uint8_t> once = encodeBuildings(decoded.value());
    auto again = decodeBuildings(once, "again.bin");
    require(bool(again), "a decoded file does not encode to a readable one");
    require(encodeBuildings(again.value()) == once, "encoding is not stable");
    require(again.value().cityFingerprint == decoded.value().cityFingerprint, "fingerprint lost");
}

void checkIndex(const std::vector<uint8_t>& bytes) {
    auto index = decodeBuildingIndex(bytes, "index.bin");
    if (!index) {
        require(index.error().rfind("index.bin", 0) == 0, "an index refusal without the file");
        return;
    }
    require(encodeBuildingIndex(index.value()) == bytes, "an index does not encode as it read");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const fuzz::RealCity files;
    auto source = parseCitySource(files.wijken, files.stadsdelen, files.water, files.character);
    require(bool(source), "the real content pack does not parse");
    wijken = new std::vector<WijkSource>(source.value().wijken);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto layer = parseBuildingLayer({"layer.geojson", text});
    if (layer) {
        checkLayer(layer.value());
        checkBakes(layer.take());
    } else {
        require(layer.error().rfind("layer.geojson", 0) == 0, "a refusal without the file");
    }
    checkFile(std::vector<uint8_t>(data, data + size));
    checkIndex(std::vector<uint8_t>(data, data + size));
    return 0;
}
