// Real buildings in the viewer (issue 12): where a baked building layer covers a wijk, its
// footprints (in tiles of their own) replace the schematic buildings there, and everywhere else
// nothing changes.
#include "city_fixture.hpp"
#include "core/city_model.hpp"
#include "core/ground_shadow.hpp"
#include "core/real_tile_mesh.hpp"

#include <algorithm>
#include <cmath>

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

} // namespace

TEST_CASE("a covered wijk loses its schematic buildings, every other keeps them", "[massing]") {
    const CityModel& schematic = loadedCity();
    CityModel city = schematic;
    const int centrum = city.findWijk("WK003417");
    REQUIRE(centrum >= 0);
    REQUIRE(massingOf(schematic, centrum).buildings > 100);
    city.realIndex.source = "test";
    city.realIndex.licence = "CC0";
    // A wijk this city does not have (an index baked for another .glb) changes nothing.
    city.realIndex.coveredWijken = {"WK003417", "WK999999"};
    REQUIRE(showsRealBuildings(city));
    deriveDetails(city);

    // The real ones come in tiles of their own (buildRealTileMesh), not in the massing.
    CHECK(massingOf(city, centrum).buildings == 0);
    for (int w = 0; w < int(city.wijken.size()); ++w) {
        if (w == centrum) continue;
        INFO(city.wijken[size_t(w)].code);
        CHECK(massingOf(city, w).buildings == massingOf(schematic, w).buildings);
    }
    CHECK(city.massingEnds.size() ==
          schematic.massingEnds.size() - massingOf(schematic, centrum).buildings);
    // Tiles still cover exactly their buildings (culling and distance thinning rely on it).
    checkTilesCoverTheirBuildings(city);
}

TEST_CASE("a tile of real buildings: footprints at their heights, and roofs for far away",
          "[massing]") {
    CityModel city = loadedCity();
    const int centrum = city.findWijk("WK003417"), partly = city.findWijk("WK003402");
    REQUIRE(centrum >= 0);
    REQUIRE(partly >= 0);
    const glm::dvec2 at = city.wijken[size_t(centrum)].label;
    city.realIndex.coveredWijken = {"WK003417", "WK999999"};

    BakedBuildings tile{"test", "CC0", {}};
    WijkBuildings covered{"WK003417", true, {}};
    covered.buildings.push_back(squareBuilding(at, 20, 12));
    covered.buildings.push_back(squareBuilding(at + glm::dvec2(60, 0), 30, 45));
    // An L-shaped footprint with a courtyard hole: triangulated, not boxed.
    RealBuilding ell = squareBuilding(at + glm::dvec2(0, 80), 40, 9);
    ell.parts[0].outer = {at + glm::dvec2(-20, 60), at + glm::dvec2(20, 60),
                          at + glm::dvec2(20, 80),  at + glm::dvec2(0, 80),
                          at + glm::dvec2(0, 100),  at + glm::dvec2(-20, 100)};
    ell.parts[0].holes = {{at + glm::dvec2(-15, 65), at + glm::dvec2(-5, 65),
                           at + glm::dvec2(-5, 75), at + glm::dvec2(-15, 75)}};
    covered.buildings.push_back(ell);
    tile.wijken.push_back(covered);
    // Not covered by the index (or by its own flag), or a wijk the city lacks: left out.
    tile.wijken.push_back(
        {"WK003402", true, {squareBuilding(city.wijken[size_t(partly)].label, 20, 99)}});
    tile.wijken.push_back({"WK999999", true, {squareBuilding({0, 0}, 20, 99)}});

    const RealTileMesh mesh = buildRealTileMesh(city, tile);
    REQUIRE(mesh.buildings == 3);
    REQUIRE(mesh.ends.size() == 6);
    CHECK(mesh.max.y == Approx(layer::kLandTop + 45));
    CHECK(mesh.min.y == Approx(layer::kLandTop));
    for (const Vertex& v : mesh.mesh.vertices)
        CHECK(v.feature == centrum);
    // The full buildings: an extruded box has 2 roof + 8 wall triangles; the L with its hole more.
    const IndexRange full = buildingIndices(mesh.ends, 0, 3);
    CHECK(full.first == 0);
    CHECK(full.count >= 3 * 30);
    // The stand-ins: one flat roof (2 triangles) per building at its height, facing up.
    const IndexRange roofs = buildingIndices(mesh.ends, 3, 3);
    CHECK(roofs.first == full.count);
    CHECK(roofs.count == 3 * 6);
    std::vector<float> roofHeights;
    for (uint32_t b = 0; b < 3; ++b) {
        const IndexRange r = buildingIndices(mesh.ends, 3 + b, 1);
        const Vertex& v = mesh.mesh.vertices[mesh.mesh.indices[r.first]];
        CHECK(v.normal.y == 1.0f);
        roofHeights.push_back(v.position.y - float(layer::kLandTop));
        // The same building, in the same place in both runs (thinning draws prefixes of each).
        const IndexRange f = buildingIndices(mesh.ends, b, 1);
        float top = 0;
        for (uint32_t i = f.first; i < f.first + f.count; ++i)
            top = std::max(top, mesh.mesh.vertices[mesh.mesh.indices[i]].position.y);
        CHECK(top == Approx(v.position.y));
    }
    std::sort(roofHeights.begin(), roofHeights.end());
    CHECK(roofHeights == std::vector<float>{9, 12, 45});

    // Each full building's ground shadow, built with the tile: one dark middle per building, on
    // the ground beside its foot, in cells that hold every shadow index once.
    std::vector<glm::dvec2> middles;
    for (const Vertex& v : mesh.shadows.vertices) {
        CHECK(v.position.y == Approx(layer::kLandTop + shadow::kLiftM));
        if (v.color.a == shadow::kAlpha) middles.push_back(toEastNorth(v.position));
    }
    REQUIRE(middles.size() == 3);
    for (const glm::dvec2 centre : {at, at + glm::dvec2(60, 0), at + glm::dvec2(0, 80)}) {
        double nearest = 1e300;
        for (const glm::dvec2 m : middles)
            nearest = std::min(nearest, glm::length(m - centre));
        CHECK(nearest < shadow::kMaxReachM);
    }
    uint32_t next = 0;
    for (const MeshCell& cell : mesh.shadowCells) {
        CHECK(cell.first == next);
        next += cell.count;
    }
    CHECK(next == mesh.shadows.indices.size());
    CHECK(gpuBytes(mesh) == (mesh.mesh.vertices.size() + mesh.shadows.vertices.size()) * 32 +
                                (mesh.mesh.indices.size() + mesh.shadows.indices.size()) * 4);
}

TEST_CASE("the far stand-in of a footprint is its oriented bounding box", "[massing]") {
    // A 30 x 10 m rectangle turned by 30 degrees, with one corner cut: the box is the rectangle.
    const double c = std::cos(0.5235987756), s = std::sin(0.5235987756);
    auto turned = [&](double x, double y) { return glm::dvec2(c * x - s * y, s * x + c * y); };
    RealBuilding b;
    b.heightM = 10;
    b.parts.push_back(
        {{turned(0, 0), turned(30, 0), turned(30, 8), turned(28, 10), turned(0, 10)}, {}});
    glm::dvec2 corners[4];
    orientedBounds(b, corners);
    const glm::dvec2 e1 = corners[1] - corners[0], e2 = corners[3] - corners[0];
    CHECK(glm::length(e1) * glm::length(e2) == Approx(300).epsilon(1e-6));
    CHECK(std::abs(glm::dot(e1, e2)) < 1e-6);
    // Counter-clockwise (the roof faces up).
    CHECK(e1.x * e2.y - e1.y * e2.x > 0);
}

TEST_CASE("without a covered wijk the massing is the schematic one", "[massing]") {
    CityModel city = loadedCity();
    city.realIndex.coveredWijken = {"WK999999"};
    CHECK_FALSE(showsRealBuildings(city));
    deriveDetails(city);
    const CityModel& schematic = loadedCity();
    REQUIRE(city.massing.vertices.size() == schematic.massing.vertices.size());
    CHECK(city.massing.indices == schematic.massing.indices);
    CHECK(city.massingEnds == schematic.massingEnds);
}
