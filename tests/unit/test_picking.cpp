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
