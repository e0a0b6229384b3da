#pragma once
// Shared by the libFuzzer targets (tests/fuzz/fuzz_*.cpp): the real content pack, read from
// the source tree once at start-up, and a check that aborts (so libFuzzer keeps the input).
#include "core/city_gltf.hpp"
#include "core/city_model.hpp"
#include "core/city_source.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace almere::fuzz {

inline void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz: %s\n", what);
        std::abort();
    }
}

// A file of the real content pack, by its path in the source tree ("assets/city/...").
inline SourceFile realFile(const std::string& relative) {
    std::ifstream in(std::string(ALMERE_SOURCE_DIR) + "/" + relative, std::ios::binary);
    SourceFile file{relative, std::string(std::istreambuf_iterator<char>(in), {})};
    require(in.good() || in.eof(), "cannot read the real content pack");
    require(!file.text.empty(), "a file of the real content pack is empty");
    return file;
}

struct RealCity {
    SourceFile wijken = realFile("assets/city/wijken.geojson");
    SourceFile stadsdelen = realFile("assets/city/stadsdelen.geojson");
    SourceFile water = realFile("assets/city/water.geojson");
    SourceFile character = realFile("assets/city/character.json");
};

// The real city as the viewer holds it after loading (baked, loaded, derived).
inline CityModel loadRealCity() {
    const RealCity files;
    auto source = parseCitySource(files.wijken, files.stadsdelen, files.water, files.character);
    require(bool(source), "the real content pack does not parse");
    auto glb = bakeCity(source.value(), {"fuzz"});
    require(bool(glb), "the real content pack does not bake");
    auto city = loadCity(glb.value(), "almere.glb");
    require(bool(city), "the real city does not load");
    CityModel model = city.take();
    deriveCity(model);
    deriveDetails(model);
    return model;
}

} // namespace almere::fuzz
