#include "city_fixture.hpp"
#include "core/camera.hpp"
#include "core/geo.hpp"

#include <catch2/catch.hpp>

using namespace almere;
using namespace almere::test;

TEST_CASE("a ground point picks the wijk it lies in", "[picking]") {
    const CityModel& city = loadedCity();
    // Almere Centrum station (lon 5.2178, lat 52.3750) is in Centrum Almere Stad.
    const int centrum = wijkAt(city, wgs84ToLocal({5.2178, 52.3750}));
    REQUIRE(centrum >= 0);
    CHECK(city.wijken[size_t(centrum)].code == "WK003417");
    // Open water of the IJmeer, west of Almere Pampus: no wijk.
    CHECK(wijkAt(city, wgs84ToLocal({5.05, 52.38})) == -1);
    // Far outside the data.
    CHECK(wijkAt(city, {1e7, 1e7}) == -1);
}

TEST_CASE("a tap through the camera picks the wijk drawn under it", "[picking]") {
    const CityModel& city = loadedCity();
    const int oosterwold = city.findWijk("WK003477");
    REQUIRE(oosterwold >= 0);
    const glm::dvec2 label = city.wijken[size_t(oosterwold)].label;
    CameraPose pose;
    pose.target = {label.x, -label.y};
    pose.distance = 8000;
    pose.pitch = 0.9;
    OrbitCamera camera(pose, CameraLimits{});
    camera.snapToGoal();
    const glm::ivec2 viewport(1280, 720);
    const auto screen = camera.project(glm::dvec3(label.x, layer::kLandTop, -label.y), viewport);
    REQUIRE(screen);
    const auto ground = camera.groundPoint(*screen, viewport, layer::kLandTop);
    REQUIRE(ground);
    CHECK(wijkAt(city, {ground->x, -ground->y}) == oosterwold);
}

TEST_CASE("a grid of many huge triangles stays within its memory budget", "[picking]") {
    // A hostile .glb can repeat one huge triangle thousands of times (12 bytes of indices
    // each): listed in each of the grid's million cells, that was gigabytes and minutes of
    // work before the first pick. The grid coarsens instead, and answers the same.
    TriangleGrid grid;
    for (int i = 0; i < 3000; ++i)
        grid.addTriangle({-1e6, -1e6}, {1e6, -1e6}, {0, 1e6}, i);
    grid.addTriangle({1e6, 1e6}, {1e6 - 10, 1e6}, {1e6, 1e6 - 10}, 9999);
    grid.build();
    CHECK(grid.cellReferences() <= TriangleGrid::kMaxCellReferences);
    CHECK(grid.find({0, 0}) == 0);
    CHECK(grid.find({1e6 - 1, 1e6 - 1}) == 9999);
    CHECK(grid.find({-9e5, 9e5}) == -1);
    // The real city stays far below the budget: its grids are as fine as before.
    const CityModel& city = loadedCity();
    INFO("wijken " << city.wijkGrid.cellReferences() << ", water "
                   << city.waterGrid.cellReferences());
    CHECK(city.wijkGrid.cellReferences() < TriangleGrid::kMaxCellReferences / 10);
    CHECK(city.waterGrid.cellReferences() < TriangleGrid::kMaxCellReferences / 10);
}
