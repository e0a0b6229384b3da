// Real buildings in the viewer (issue 12): where a baked building layer covers a wijk, its
// footprints replace the schematic buildings there, and everywhere else nothing changes.
#include "city_fixture.hpp"
#include "core/city_model.hpp"

#include <catch2/catch.hpp>

using namespace almere;
using namespace almere::test;

namespace {

// Buildings of wijk `w` in the massing, and the highest roof among them.
struct WijkMassing {
    size_t buildings = 0;
    float highestRoof = 0;
};

WijkMassing massingOf(const CityModel& city, int w) {
    WijkMassing out;
    for (uint32_t b = 0; b < city.massingEnds.size(); ++b) {
        const IndexRange r = buildingIndices(city.massingEnds, b, 1);
        if (r.count == 0 || city.massing.vertices[city.massing.indices[r.first]].feature != w)
            continue;
        ++out.buildings;
        for (uint32_t i = r.first; i < r.first + r.count; ++i)
            out.highestRoof = std::max(out.highestRoof,
                                       city.massing.vertices[city.massing.indices[i]].position.y);
    }
    return out;
}

RealBuilding square(glm::dvec2 centre, double side, double height) {
    const double h = side / 2;
    RealBuilding b;
    b.parts.push_back({{centre + glm::dvec2(-h, -h), centre + glm::dvec2(h, -h),
                        centre + glm::dvec2(h, h), centre + glm::dvec2(-h, h)},
                       {}});
    b.heightM = height;
    return b;
}

} // namespace

TEST_CASE("a covered wijk loses its schematic buildings and shows the layer's", "[massing]") {
    const CityModel& schematic = loadedCity();
    CityModel city = schematic;
    const int centrum = city.findWijk("WK003417"), partly = city.findWijk("WK003402");
    REQUIRE(centrum >= 0);
    REQUIRE(partly >= 0);
    REQUIRE(massingOf(schematic, centrum).buildings > 100);
    const glm::dvec2 at = city.wijken[size_t(centrum)].label;
    REQUIRE(wijkAt(city, at) == centrum);

    city.realBuildings.source = "test";
    city.realBuildings.licence = "CC0";
    WijkBuildings covered{"WK003417", true, {}};
    covered.buildings.push_back(square(at, 20, 12));
    covered.buildings.push_back(square(at + glm::dvec2(60, 0), 30, 45));
    // An L-shaped footprint with a courtyard hole: triangulated, not boxed.
    RealBuilding ell = square(at + glm::dvec2(0, 80), 40, 9);
    ell.parts[0].outer = {at + glm::dvec2(-20, 60), at + glm::dvec2(20, 60),
                          at + glm::dvec2(20, 80),  at + glm::dvec2(0, 80),
                          at + glm::dvec2(0, 100),  at + glm::dvec2(-20, 100)};
    ell.parts[0].holes = {{at + glm::dvec2(-15, 65), at + glm::dvec2(-5, 65),
                           at + glm::dvec2(-5, 75), at + glm::dvec2(-15, 75)}};
    covered.buildings.push_back(ell);
    city.realBuildings.wijken.push_back(covered);
    // Only partly covered: the baker leaves these out, and the viewer keeps the schematic ones.
    city.realBuildings.wijken.push_back(
        {"WK003402", false, {square(city.wijken[size_t(partly)].label, 20, 99)}});
    // A wijk this city does not have (a file baked for another .glb) changes nothing.
    city.realBuildings.wijken.push_back({"WK999999", true, {square({0, 0}, 20, 99)}});
    REQUIRE(showsRealBuildings(city));
    deriveDetails(city);

    const WijkMassing real = massingOf(city, centrum);
    CHECK(real.buildings == 3);
    CHECK(real.highestRoof == Approx(layer::kLandTop + 45));
    // Every other wijk keeps exactly its schematic buildings.
    for (int w = 0; w < int(city.wijken.size()); ++w) {
        if (w == centrum) continue;
        INFO(city.wijken[size_t(w)].code);
        CHECK(massingOf(city, w).buildings == massingOf(schematic, w).buildings);
    }
    CHECK(massingOf(city, partly).highestRoof < layer::kLandTop + 99);
    CHECK(city.massingEnds.size() ==
          schematic.massingEnds.size() - massingOf(schematic, centrum).buildings + 3);

    // Tiles still cover exactly their buildings (culling and distance thinning rely on it).
    checkTilesCoverTheirBuildings(city);
}

TEST_CASE("without a covered wijk the massing is the schematic one", "[massing]") {
    CityModel city = loadedCity();
    city.realBuildings.wijken.push_back({"WK003417", false, {}});
    CHECK_FALSE(showsRealBuildings(city));
    deriveDetails(city);
    const CityModel& schematic = loadedCity();
    REQUIRE(city.massing.vertices.size() == schematic.massing.vertices.size());
    CHECK(city.massing.indices == schematic.massing.indices);
    CHECK(city.massingEnds == schematic.massingEnds);
}
