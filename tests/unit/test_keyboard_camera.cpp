#include "core/camera.hpp"
#include "core/keyboard_camera.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {
const glm::ivec2 kViewport{1280, 720};
}

TEST_CASE("keyboard camera: no keys, no movement", "[keyboard_camera]") {
    const CameraStep s = keyboardCameraStep({}, 0.016, kViewport);
    CHECK(s.yaw == 0);
    CHECK(s.pitch == 0);
    CHECK(s.panPx == glm::dvec2(0));
    CHECK(s.zoomFactor == 1);
}

TEST_CASE("keyboard camera: arrows turn, with shift they move", "[keyboard_camera]") {
    CameraKeys k;
    k.right = true;
    k.up = true;
    CameraStep s = keyboardCameraStep(k, 0.05, kViewport);
    CHECK(s.yaw > 0);
    CHECK(s.pitch > 0);
    CHECK(s.panPx == glm::dvec2(0));
    k.shift = true;
    s = keyboardCameraStep(k, 0.05, kViewport);
    CHECK(s.yaw == 0);
    CHECK(s.pitch == 0);
    CHECK(s.panPx.x < 0); // the ground slides left: the view moves right
    CHECK(s.panPx.y > 0); // ... and forward
    k.left = true;        // opposite keys cancel
    s = keyboardCameraStep(k, 0.05, kViewport);
    CHECK(s.panPx.x == 0);
}

TEST_CASE("keyboard camera: the same distance at any frame rate", "[keyboard_camera]") {
    CameraKeys k;
    k.left = true;
    k.zoomIn = true;
    double yaw = 0, zoom = 1;
    for (int i = 0; i < 60; ++i) {
        const CameraStep s = keyboardCameraStep(k, 1.0 / 60.0, kViewport);
        yaw += s.yaw;
        zoom *= s.zoomFactor;
    }
    double yaw10 = 0, zoom10 = 1;
    for (int i = 0; i < 10; ++i) {
        const CameraStep s = keyboardCameraStep(k, 0.1, kViewport);
        yaw10 += s.yaw;
        zoom10 *= s.zoomFactor;
    }
    CHECK(yaw == Approx(yaw10));
    CHECK(yaw == Approx(-1.0)); // one second at the default rate
    CHECK(zoom == Approx(zoom10));
    CHECK(zoom == Approx(2.0));
}

TEST_CASE("keyboard camera: a stalled frame moves at most a tenth of a second",
          "[keyboard_camera]") {
    CameraKeys k;
    k.zoomOut = true;
    CHECK(keyboardCameraStep(k, 5.0, kViewport).zoomFactor == Approx(std::pow(2.0, -0.1)));
    CHECK(keyboardCameraStep(k, -1.0, kViewport).zoomFactor == 1);
    CHECK(keyboardCameraStep(k, std::nan(""), kViewport).zoomFactor == 1);
}

TEST_CASE("keyboard camera: a step applied to the orbit camera changes the view",
          "[keyboard_camera]") {
    OrbitCamera camera(CameraPose{}, CameraLimits{});
    CameraKeys k;
    k.right = true;
    const CameraStep s = keyboardCameraStep(k, 0.1, kViewport);
    CameraPose goal = camera.goal();
    goal.yaw += s.yaw;
    goal.pitch += s.pitch;
    camera.setGoal(goal);
    camera.snapToGoal();
    CHECK(camera.pose().yaw == Approx(0.1));
    camera.reset();
    camera.snapToGoal();
    CHECK(camera.pose().yaw == 0);
}
