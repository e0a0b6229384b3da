#include "core/view_fit.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace almere;

TEST_CASE("view fit: a city fills the free band of an upright phone", "[view_fit]") {
    CameraLimits limits;
    limits.maxDistance = 200000;
    limits.boundsMin = {-40000, -40000}; // the target may need to sit beyond the city
    limits.boundsMax = {40000, 40000};
    CameraPose start;
    start.distance = 24000;
    start.pitch = 0.95;
    OrbitCamera camera(start, limits);
    // A city 24 km wide and 16 km deep, off-centre.
    const std::vector<glm::dvec2> corners = {
        {-9000, -5000}, {15000, -5000}, {-9000, 11000}, {15000, 11000}};
    const glm::ivec2 viewport(360, 740);
    const glm::vec4 band(8, 340, 344, 246); // between the title panel and the note
    const CameraPose fitted = fitPointsInBand(camera, start, corners, viewport, band);
    CHECK(fitted.yaw == start.yaw);
    CHECK(fitted.pitch == start.pitch);
    OrbitCamera view(fitted, limits);
    glm::dvec2 lo(1e9), hi(-1e9);
    for (const glm::dvec2& p : corners) {
        const auto s = view.projectMapPoint(p, 0.0, viewport);
        REQUIRE(s);
        lo = glm::min(lo, *s);
        hi = glm::max(hi, *s);
    }
    CHECK(lo.x >= band.x - 1);
    CHECK(lo.y >= band.y - 1);
    CHECK(hi.x <= band.x + band.z + 1);
    CHECK(hi.y <= band.y + band.w + 1);
    // As large as fits: it touches the band across or down.
    const double fill = std::max((hi.x - lo.x) / band.z, (hi.y - lo.y) / band.w);
    CHECK(fill == Approx(1.0).epsilon(0.03));
}
