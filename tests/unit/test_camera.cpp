#include "core/camera.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace almere;

namespace {

constexpr double kPi = 3.14159265358979323846;
const glm::ivec2 kViewport(1280, 800);

CameraPose homePose() {
    CameraPose p;
    p.target = {1000.0, -2000.0};
    p.distance = 5000;
    p.yaw = 0.3;
    p.pitch = 0.9;
    return p;
}

CameraLimits cityLimits() {
    CameraLimits l;
    l.boundsMin = {-15000.0, -12000.0};
    l.boundsMax = {15000.0, 12000.0};
    return l;
}

void settle(OrbitCamera& cam) {
    for (int i = 0; i < 600 && cam.isMoving(); ++i)
        cam.update(1.0 / 60.0);
}

void requireWithinLimits(const CameraPose& p, const CameraLimits& l) {
    REQUIRE(p.target.x >= l.boundsMin.x);
    REQUIRE(p.target.x <= l.boundsMax.x);
    REQUIRE(p.target.y >= l.boundsMin.y);
    REQUIRE(p.target.y <= l.boundsMax.y);
    REQUIRE(p.distance >= l.minDistance);
    REQUIRE(p.distance <= l.maxDistance);
    REQUIRE(p.pitch >= l.minPitch);
    REQUIRE(p.pitch <= l.maxPitch);
    REQUIRE(p.yaw >= -kPi);
    REQUIRE(p.yaw < kPi);
}

} // namespace

TEST_CASE("camera limits hold after extreme input", "[camera]") {
    const CameraLimits l = cityLimits();
    OrbitCamera cam(homePose(), l);

    cam.zoom(1e9);
    CHECK(cam.goal().distance == Approx(l.minDistance));
    cam.zoom(1e-9);
    CHECK(cam.goal().distance == Approx(l.maxDistance));
    cam.orbit(0, 1e7, 1280);
    CHECK(cam.goal().pitch == Approx(l.maxPitch));
    cam.orbit(0, -1e7, 1280);
    CHECK(cam.goal().pitch == Approx(l.minPitch));
    cam.rotate(1000.0);
    cam.pan(1e8, -1e8, 800);
    const glm::dvec2 t = cam.goal().target;
    const bool onEdge = t.x == l.boundsMin.x || t.x == l.boundsMax.x || t.y == l.boundsMin.y ||
                        t.y == l.boundsMax.y;
    CHECK(onEdge);
    cam.zoomAt(1e6, {0.0, 799.0}, kViewport);
    cam.zoom(std::nan(""));
    cam.pan(std::nan(""), 1.0, 800);
    requireWithinLimits(cam.goal(), l);

    for (int i = 0; i < 100; ++i) {
        cam.update(1.0 / 60.0);
        requireWithinLimits(cam.pose(), l);
    }
}

TEST_CASE("camera home pose outside the limits is clamped", "[camera]") {
    CameraPose home = homePose();
    home.distance = 1e7;
    home.target = {1e6, 0.0};
    const OrbitCamera cam(home, cityLimits());
    requireWithinLimits(cam.pose(), cityLimits());
}

TEST_CASE("camera reset returns home once converged", "[camera]") {
    OrbitCamera cam(homePose(), cityLimits());
    cam.pan(300, -200, 800);
    cam.zoom(3);
    cam.rotate(2.5);
    cam.orbit(100, 50, 1280);
    settle(cam);
    REQUIRE_FALSE(cam.isMoving());
    REQUIRE(cam.pose().distance != Approx(homePose().distance));

    cam.reset();
    REQUIRE(cam.isMoving());
    settle(cam);
    REQUIRE_FALSE(cam.isMoving());
    const CameraPose& p = cam.pose();
    CHECK(p.target.x == Approx(homePose().target.x));
    CHECK(p.target.y == Approx(homePose().target.y));
    CHECK(p.distance == Approx(homePose().distance));
    CHECK(p.yaw == Approx(homePose().yaw));
    CHECK(p.pitch == Approx(homePose().pitch));
}

TEST_CASE("camera easing is frame-rate independent", "[camera]") {
    auto run = [](int steps, double seconds) {
        OrbitCamera cam(homePose(), cityLimits());
        cam.pan(400, 300, 800);
        cam.zoom(4);
        cam.rotate(3.0); // crosses the yaw wrap
        cam.orbit(0, -200, 1280);
        for (int i = 0; i < steps; ++i)
            cam.update(seconds / steps);
        return cam.pose();
    };
    for (double seconds : {0.15, 1.0}) {
        const CameraPose a = run(int(std::lround(seconds * 60)), seconds);
        const CameraPose b = run(int(std::lround(seconds * 30)), seconds);
        CHECK(glm::length(a.target - b.target) <= 0.01 * a.distance);
        CHECK(a.distance == Approx(b.distance).epsilon(0.01));
        CHECK(std::abs(a.yaw - b.yaw) <= 0.01);
        CHECK(a.pitch == Approx(b.pitch).epsilon(0.01));
    }
}

TEST_CASE("camera ray through the screen centre hits the target", "[camera]") {
    OrbitCamera cam(homePose(), cityLimits());
    const auto hit = cam.groundPoint({640.0, 400.0}, kViewport);
    REQUIRE(hit);
    CHECK(hit->x == Approx(homePose().target.x).margin(1e-6));
    CHECK(hit->y == Approx(homePose().target.y).margin(1e-6));
    CHECK(cam.eye().y == Approx(homePose().distance * std::sin(homePose().pitch)));

    const OrbitCamera::Ray ray = cam.rayThrough({640.0, 400.0}, kViewport);
    CHECK(glm::length(ray.dir) == Approx(1.0));
    CHECK(glm::length(ray.origin - cam.eye()) == Approx(0.0).margin(1e-9));
}

TEST_CASE("camera yaw 0 looks north", "[camera]") {
    CameraPose home = homePose();
    home.yaw = 0;
    const OrbitCamera cam(home, cityLimits());
    const glm::dvec3 eye = cam.eye();
    CHECK(eye.x == Approx(home.target.x));
    CHECK(eye.z > home.target.y); // south of the target, looking towards -z
}

TEST_CASE("camera sky pixels have no ground point", "[camera]") {
    CameraPose home = homePose();
    home.pitch = 0.35; // 20 degrees: the top of a 45 degree view shows sky
    const OrbitCamera cam(home, cityLimits());
    CHECK_FALSE(cam.groundPoint({640.0, 0.0}, kViewport));
    CHECK(cam.groundPoint({640.0, 799.0}, kViewport));
    const glm::dvec3 target(home.target.x, 0.0, home.target.y);
    CHECK_FALSE(cam.project(cam.eye() * 2.0 - target, kViewport)); // behind the camera
}

TEST_CASE("camera project inverts groundPoint", "[camera]") {
    OrbitCamera cam(homePose(), cityLimits());
    for (double yaw : {0.0, 1.2, -2.8}) {
        CameraPose goal = homePose();
        goal.yaw = yaw;
        cam.setGoal(goal);
        cam.snapToGoal();
        for (glm::dvec2 px : {glm::dvec2(640, 400), glm::dvec2(0, 799), glm::dvec2(1279, 300),
                              glm::dvec2(100, 150), glm::dvec2(900, 650)}) {
            const auto ground = cam.groundPoint(px, kViewport, 12.0);
            REQUIRE(ground);
            const auto back = cam.project({ground->x, 12.0, ground->y}, kViewport);
            REQUIRE(back);
            CHECK(glm::length(*back - px) < 0.5);
        }
    }
}

TEST_CASE("camera view and projection agree with project", "[camera]") {
    OrbitCamera cam(homePose(), cityLimits());
    const glm::dmat4 vp = glm::dmat4(cam.projection(1280.0 / 800.0)) * glm::dmat4(cam.view());
    for (glm::dvec3 w :
         {glm::dvec3(1000, 0, -2000), glm::dvec3(1500, 40, -2600), glm::dvec3(400, 0, -1500)}) {
        const glm::dvec4 clip = vp * glm::dvec4(w, 1.0);
        const glm::dvec2 ndc = glm::dvec2(clip) / clip.w;
        const glm::dvec2 px((ndc.x + 1) * 0.5 * 1280, (1 - ndc.y) * 0.5 * 800);
        const auto projected = cam.project(w, kViewport);
        REQUIRE(projected);
        CHECK(glm::length(px - *projected) < 0.5);
        CHECK(std::abs(clip.z / clip.w) < 1.0); // inside the depth range
    }
    CHECK(cam.nearPlane() >= 2.0);
    CHECK(cam.farPlane() > cam.pose().distance * 2);
}

TEST_CASE("camera zoomAt keeps the ground under the cursor", "[camera]") {
    OrbitCamera cam(homePose(), cityLimits());
    for (glm::dvec2 px : {glm::dvec2(200, 600), glm::dvec2(1100, 300), glm::dvec2(640, 400)}) {
        for (double factor : {2.0, 0.6}) {
            const auto before = cam.groundPoint(px, kViewport);
            REQUIRE(before);
            cam.zoomAt(factor, px, kViewport);
            settle(cam);
            const auto after = cam.groundPoint(px, kViewport);
            REQUIRE(after);
            CHECK(glm::length(*after - *before) < 0.02 * cam.pose().distance);
        }
    }
}

TEST_CASE("camera pan moves the target across the view", "[camera]") {
    OrbitCamera cam(homePose(), cityLimits());
    const CameraPose start = cam.pose();
    const glm::dvec2 forward(std::sin(start.yaw), -std::cos(start.yaw));

    cam.pan(100, 0, 800);
    settle(cam);
    const glm::dvec2 moved = cam.pose().target - start.target;
    REQUIRE(glm::length(moved) > 1.0);
    CHECK(std::abs(glm::dot(moved, forward)) < 1e-6 * glm::length(moved));

    // The ground that was at the centre followed the finger 100 px to the right.
    const glm::dvec3 oldTarget(start.target.x, 0.0, start.target.y);
    const auto px = cam.project(oldTarget, kViewport);
    REQUIRE(px);
    CHECK(px->x == Approx(740.0).margin(1.0));
    CHECK(px->y == Approx(400.0).margin(1.0));

    // Dragging down pulls the ground towards the viewer: the target moves ahead.
    const glm::dvec2 before = cam.pose().target;
    cam.pan(0, 50, 800);
    settle(cam);
    CHECK(glm::dot(cam.pose().target - before, forward) > 0.0);
    const auto px2 = cam.project(oldTarget, kViewport);
    REQUIRE(px2);
    CHECK(px2->y == Approx(450.0).margin(3.0));
}

TEST_CASE("camera orbit turns half way round across the screen", "[camera]") {
    OrbitCamera cam(homePose(), cityLimits());
    cam.orbit(1280, 0, 1280);
    const double turned = cam.goal().yaw - homePose().yaw;
    CHECK(std::abs(std::remainder(turned - kPi, 2 * kPi)) < 1e-9);
}
