#include "city_fixture.hpp"
#include "core/massing.hpp"

#include <catch2/catch.hpp>

using namespace almere;
using namespace almere::test;

namespace {

size_t buildingCount(const CityModel& city, const std::string& code) {
    const int w = city.findWijk(code);
    size_t vertices = 0;
    for (const Vertex& v : city.massing.vertices)
        vertices += v.feature == w;
    return vertices / 20; // an extruded block has 4 top + 16 wall vertices
}

} // namespace

TEST_CASE("massing is deterministic", "[massing]") {
    auto loaded = loadCity(bakedGlb(), "test.glb");
    REQUIRE(loaded);
    CityModel again = loaded.take();
    deriveCity(again);
    deriveDetails(again);
    const CityModel& city = loadedCity();
    REQUIRE(again.massing.vertices.size() == city.massing.vertices.size());
    REQUIRE(!city.massing.vertices.empty());
    for (size_t i = 0; i < city.massing.vertices.size(); i += 97)
        CHECK(again.massing.vertices[i].position == city.massing.vertices[i].position);
}

TEST_CASE("massing follows the character of the place", "[massing]") {
    const CityModel& city = loadedCity();
    // Still-empty Pampus has no buildings; the dense centre has more per km2 than rural Oosterwold.
    CHECK(buildingCount(city, "WK003496") == 0);
    const size_t centre = buildingCount(city, "WK003417"),
                 oosterwold = buildingCount(city, "WK003477");
    CHECK(centre > 100);
    CHECK(oosterwold > 0);
    auto area = [&](const std::string& code) {
        double a = 0;
        for (const Polygon& p : city.wijken[size_t(city.findWijk(code))].parts)
            a += std::abs(signedArea(p.outer));
        return a;
    };
    CHECK(double(centre) / area("WK003417") > 10 * double(oosterwold) / area("WK003477"));
    // The centre has the tallest blocks.
    float tallestCentre = 0, tallestOosterwold = 0;
    const int c = city.findWijk("WK003417"), o = city.findWijk("WK003477");
    for (const Vertex& v : city.massing.vertices) {
        if (v.feature == c) tallestCentre = std::max(tallestCentre, v.position.y);
        if (v.feature == o) tallestOosterwold = std::max(tallestOosterwold, v.position.y);
    }
    CHECK(tallestCentre > 2 * tallestOosterwold);
}

TEST_CASE("buildings stand inside their wijk and never in water", "[massing]") {
    const CityModel& city = loadedCity();
    size_t checked = 0;
    for (const Vertex& v : city.massing.vertices) {
        if (v.normal.y < 0.5f) continue; // roof corners are the footprint corners
        const glm::dvec2 p = toEastNorth(v.position);
        REQUIRE(wijkAt(city, p) == int(v.feature));
        REQUIRE(city.waterGrid.find(p) < 0);
        ++checked;
    }
    CHECK(checked > 1000);
}

TEST_CASE("a hostile style cannot make the massing explode", "[massing]") {
    MassingStyle style;
    style.spacingM = 10;
    style.fill = 1;
    style.footprintM = {5, 5};
    style.heightM = {5, 5};
    TriangleGrid land, water;
    land.addTriangle({-1e6, -1e6}, {1e6, -1e6}, {0, 1e6}, 0);
    land.build();
    water.build();
    const Polygon huge{{{-1e6, -1e6}, {1e6, -1e6}, {0, 1e6}}, {}};
    CHECK(placeBuildings("X", huge, style, [](glm::dvec2) { return true; }).empty());
}
