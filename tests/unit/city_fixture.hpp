#pragma once
// The real content pack, read from the source tree, shared by the city tests.
#include "core/city_gltf.hpp"
#include "core/city_source.hpp"
#include "core/massing.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

namespace almere::test {

inline std::string readSourceFile(const std::string& relative) {
    std::ifstream in(std::string(ALMERE_SOURCE_DIR) + "/" + relative, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline SourceFile sourceFile(const std::string& relative) {
    return {relative, readSourceFile(relative)};
}

struct CityFiles {
    SourceFile wijken = sourceFile("assets/city/wijken.geojson");
    SourceFile stadsdelen = sourceFile("assets/city/stadsdelen.geojson");
    SourceFile water = sourceFile("assets/city/water.geojson");
    SourceFile character = sourceFile("assets/city/character.json");
    Result<CitySource> parse() const {
        return parseCitySource(wijken, stadsdelen, water, character);
    }
};

// Baked and loaded once per test binary: the bake takes a moment.
inline const std::vector<uint8_t>& bakedGlb() {
    static const std::vector<uint8_t> glb = [] {
        auto source = CityFiles().parse();
        if (!source) return std::vector<uint8_t>();
        auto baked = bakeCity(source.value(), {"test attribution"});
        return baked ? baked.take() : std::vector<uint8_t>();
    }();
    return glb;
}

inline const CityModel& loadedCity() {
    static const CityModel city = [] {
        auto loaded = loadCity(bakedGlb(), "test.glb");
        CityModel c = loaded ? loaded.take() : CityModel();
        deriveCity(c);
        deriveDetails(c);
        return c;
    }();
    return city;
}

// The CBS codes of the baked city's wijken (what plans and agendas may name).
inline std::vector<std::string> wijkCodes() {
    std::vector<std::string> codes;
    for (const WijkInfo& w : loadedCity().wijken)
        codes.push_back(w.code);
    return codes;
}

// The massing's tiles follow each other over its buildings and indices, and every vertex a tile
// draws lies inside its bounds (what frustum culling and distance thinning rely on).
inline void checkTilesCoverTheirBuildings(const CityModel& city) {
    uint32_t next = 0, buildings = 0;
    for (const MassingTile& tile : city.massingTiles) {
        REQUIRE(tile.firstBuilding == buildings);
        const IndexRange r = buildingIndices(city.massingEnds, tile.firstBuilding, tile.buildings);
        REQUIRE(r.first == next);
        for (uint32_t i = r.first; i < r.first + r.count; ++i) {
            const glm::vec3 p = city.massing.vertices[city.massing.indices[i]].position;
            REQUIRE(glm::all(glm::greaterThanEqual(p, tile.min)));
            REQUIRE(glm::all(glm::lessThanEqual(p, tile.max)));
        }
        next = r.first + r.count;
        buildings += tile.buildings;
    }
    CHECK(buildings == city.massingEnds.size());
    CHECK(next == city.massing.indices.size());
}

// A real building with a square footprint `side` metres wide, `height` metres tall.
inline RealBuilding squareBuilding(glm::dvec2 centre, double side, double height) {
    const double h = side / 2;
    RealBuilding b;
    b.parts.push_back({{centre + glm::dvec2(-h, -h), centre + glm::dvec2(h, -h),
                        centre + glm::dvec2(h, h), centre + glm::dvec2(-h, h)},
                       {}});
    b.heightM = height;
    return b;
}

} // namespace almere::test
