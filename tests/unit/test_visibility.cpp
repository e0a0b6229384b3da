#include "core/camera.hpp"
#include "core/visibility.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {

glm::mat4 viewProjLookingNorthFromSouth() {
    CameraPose pose;
    pose.target = {0, 0};
    pose.distance = 5000;
    pose.pitch = 0.8;
    OrbitCamera camera(pose, CameraLimits{});
    camera.snapToGoal();
    return camera.projection(16.0 / 9.0) * camera.view();
}

} // namespace

TEST_CASE("boxes in front of the camera are kept, boxes behind or aside are culled",
          "[visibility]") {
    const glm::mat4 vp = viewProjLookingNorthFromSouth();
    CHECK(boxInFrustum(vp, {-100, 0, -100}, {100, 30, 100}));          // around the target
    CHECK_FALSE(boxInFrustum(vp, {-100, 0, 9000}, {100, 30, 9200}));   // far behind the camera
    CHECK_FALSE(boxInFrustum(vp, {40000, 0, -100}, {40200, 30, 100})); // far to the east
    CHECK(boxInFrustum(vp, {-50000, 0, -50}, {50000, 30, 50}));        // spans the whole view
}

TEST_CASE("far tiles are thinned, near tiles drawn in full, never to nothing", "[visibility]") {
    MassingTile tile;
    tile.min = {0, 3, 0};
    tile.max = {1500, 40, 1500};
    tile.buildings = 1000;
    const double fov = 0.785398;
    CHECK(buildingsToDraw(tile, {700, 500, 700}, fov, 1080) == 1000); // above the tile
    const uint32_t far = buildingsToDraw(tile, {700, 5000, 40000}, fov, 1080);
    CHECK(far < 1000);
    CHECK(far >= 300); // at least 30 % keeps the texture of the city
    // A taller screen shows more detail at the same distance.
    CHECK(buildingsToDraw(tile, {700, 5000, 20000}, fov, 2160) >=
          buildingsToDraw(tile, {700, 5000, 20000}, fov, 1080));
}

TEST_CASE("a tile's blocks are drawn in full near, as boxes further, as specks far away",
          "[visibility]") {
    MassingTile tile;
    tile.min = {0, 3, 0};
    tile.max = {1500, 13, 1500}; // family houses, 10 m tall
    const double fov = 0.785398;
    auto at = [&](float distance, int height = 1080) {
        return tileBlockDetail(tile, {750, 13, 1500 + distance}, fov, height);
    };
    CHECK(at(500) == BlockDetail::Full);
    CHECK(at(2000) == BlockDetail::Full);
    CHECK(at(4500) == BlockDetail::Box);
    CHECK(at(12000) == BlockDetail::Speck);
    CHECK(at(4000) == BlockDetail::Box);
    CHECK(at(4000, 2160) == BlockDetail::Full); // a taller screen shows more
    tile.max.y = 63; // the centre's towers, 60 m tall, stay whole from the start view
    CHECK(at(12000) == BlockDetail::Full);
    CHECK(at(25000) == BlockDetail::Box);
}
