#include "core/gestures.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace almere;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int64_t kMouse = -1;

glm::dvec2 onCircle(glm::dvec2 centre, double radius, double ccwAngle) {
    // Screen y points down, so counter-clockwise on screen subtracts from y.
    return centre + radius * glm::dvec2(std::cos(ccwAngle), -std::sin(ccwAngle));
}

} // namespace

TEST_CASE("gestures left mouse drag orbits by the delta", "[gestures]") {
    GestureTracker g;
    g.pointerDown(kMouse, {100, 100}, PointerKind::Mouse, 0, 0.0);
    g.pointerMove(kMouse, {130, 90}, 0.05);
    g.pointerMove(kMouse, {150, 80}, 0.10);
    GestureOutput out = g.take();
    CHECK(out.orbit.x == Approx(50));
    CHECK(out.orbit.y == Approx(-20));
    CHECK(out.pan == glm::dvec2(0));
    CHECK(out.zoomFactor == 1.0);
    g.pointerUp(kMouse, {160, 80}, 0.2);
    out = g.take();
    CHECK(out.orbit.x == Approx(10));
    CHECK_FALSE(out.tap);
    CHECK(g.take().orbit == glm::dvec2(0)); // take() clears
}

TEST_CASE("gestures right or middle drag pans", "[gestures]") {
    for (int button : {1, 2}) {
        GestureTracker g;
        g.pointerDown(kMouse, {100, 100}, PointerKind::Mouse, button, 0.0);
        g.pointerMove(kMouse, {80, 140}, 0.1);
        const GestureOutput out = g.take();
        CHECK(out.pan.x == Approx(-20));
        CHECK(out.pan.y == Approx(40));
        CHECK(out.orbit == glm::dvec2(0));
    }
}

TEST_CASE("gestures taps", "[gestures]") {
    SECTION("quick click is a tap at the down point") {
        GestureTracker g;
        g.pointerDown(kMouse, {300, 200}, PointerKind::Mouse, 0, 1.0);
        g.pointerMove(kMouse, {303, 202}, 1.05);
        g.pointerUp(kMouse, {304, 203}, 1.2);
        const GestureOutput out = g.take();
        REQUIRE(out.tap);
        CHECK(*out.tap == glm::dvec2(300, 200));
        CHECK_FALSE(g.take().tap);
    }
    SECTION("quick touch is a tap") {
        GestureTracker g;
        g.pointerDown(7, {50, 60}, PointerKind::Touch, 0, 0.0);
        g.pointerUp(7, {50, 60}, 0.1);
        CHECK(g.take().tap);
    }
    SECTION("moving beyond the slop is not a tap, even when coming back") {
        GestureTracker g;
        g.pointerDown(7, {50, 60}, PointerKind::Touch, 0, 0.0);
        g.pointerMove(7, {80, 60}, 0.1);
        g.pointerUp(7, {50, 60}, 0.2);
        CHECK_FALSE(g.take().tap);
    }
    SECTION("the slop is settable") {
        GestureTracker g;
        g.tapSlopPx = 40;
        g.pointerDown(7, {50, 60}, PointerKind::Touch, 0, 0.0);
        g.pointerUp(7, {80, 60}, 0.2);
        CHECK(g.take().tap);
    }
    SECTION("long press is not a tap") {
        GestureTracker g;
        g.pointerDown(7, {50, 60}, PointerKind::Touch, 0, 0.0);
        g.pointerUp(7, {50, 60}, 0.8);
        CHECK_FALSE(g.take().tap);
    }
    SECTION("a second finger during it spoils the tap of both") {
        GestureTracker g;
        g.pointerDown(1, {50, 60}, PointerKind::Touch, 0, 0.0);
        g.pointerDown(2, {250, 60}, PointerKind::Touch, 0, 0.05);
        g.pointerUp(2, {250, 60}, 0.1);
        g.pointerUp(1, {50, 60}, 0.15);
        CHECK_FALSE(g.take().tap);
    }
    SECTION("right click is not a tap") {
        GestureTracker g;
        g.pointerDown(kMouse, {300, 200}, PointerKind::Mouse, 1, 0.0);
        g.pointerUp(kMouse, {300, 200}, 0.1);
        CHECK_FALSE(g.take().tap);
    }
}

TEST_CASE("gestures pinch spread zooms at the midpoint", "[gestures]") {
    GestureTracker g;
    g.pointerDown(1, {400, 300}, PointerKind::Touch, 0, 0.0);
    g.pointerDown(2, {500, 300}, PointerKind::Touch, 0, 0.0);
    for (int i = 1; i <= 10; ++i) { // symmetric, one finger per event as SDL reports them
        g.pointerMove(1, {400 - 5.0 * i, 300}, 0.01 * i);
        g.pointerMove(2, {500 + 5.0 * i, 300}, 0.01 * i);
    }
    const GestureOutput out = g.take();
    CHECK(out.zoomFactor == Approx(2.0));
    CHECK(out.zoomCentre.x == Approx(450));
    CHECK(out.zoomCentre.y == Approx(300));
    CHECK(glm::length(out.pan) < 1e-9);
    CHECK(out.rotate == Approx(0).margin(1e-9));
    CHECK(out.orbit == glm::dvec2(0));
}

TEST_CASE("gestures twist: counter-clockwise on screen is positive", "[gestures]") {
    const glm::dvec2 centre(600, 400);
    for (double sign : {1.0, -1.0}) {
        GestureTracker g;
        g.pointerDown(1, onCircle(centre, 100, kPi), PointerKind::Touch, 0, 0.0);
        g.pointerDown(2, onCircle(centre, 100, 0), PointerKind::Touch, 0, 0.0);
        for (int i = 1; i <= 18; ++i) {
            const double a = sign * (kPi / 2) * i / 18;
            g.pointerMove(1, onCircle(centre, 100, kPi + a), 0.01 * i);
            g.pointerMove(2, onCircle(centre, 100, a), 0.01 * i);
        }
        const GestureOutput out = g.take();
        CHECK(out.rotate == Approx(sign * kPi / 2));
        CHECK(out.zoomFactor == Approx(1.0));
        CHECK(glm::length(out.pan) < 1e-6);
    }
}

TEST_CASE("gestures two-finger drag pans by the midpoint", "[gestures]") {
    GestureTracker g;
    g.pointerDown(1, {400, 300}, PointerKind::Touch, 0, 0.0);
    g.pointerDown(2, {500, 320}, PointerKind::Touch, 0, 0.0);
    for (int i = 1; i <= 8; ++i) {
        g.pointerMove(1, glm::dvec2(400, 300) + glm::dvec2(5, -3) * double(i), 0.01 * i);
        g.pointerMove(2, glm::dvec2(500, 320) + glm::dvec2(5, -3) * double(i), 0.01 * i);
    }
    const GestureOutput out = g.take();
    CHECK(out.pan.x == Approx(40));
    CHECK(out.pan.y == Approx(-24));
    CHECK(out.zoomFactor == Approx(1.0));
    CHECK(out.rotate == Approx(0).margin(1e-9));
    CHECK(out.orbit == glm::dvec2(0));
    g.pointerUp(1, glm::dvec2(440, 276), 0.2);
    g.pointerUp(2, glm::dvec2(540, 296), 0.2);
    CHECK_FALSE(g.take().tap); // a two-finger gesture never taps
}

TEST_CASE("gestures lifting one of two fingers re-anchors without a jump", "[gestures]") {
    GestureTracker g;
    g.pointerDown(1, {400, 300}, PointerKind::Touch, 0, 0.0);
    g.pointerDown(2, {600, 300}, PointerKind::Touch, 0, 0.0);
    g.pointerMove(2, {650, 300}, 0.1);
    g.take();
    g.pointerUp(1, {400, 300}, 0.2);
    g.pointerMove(2, {655, 302}, 0.25);
    g.pointerMove(2, {660, 304}, 0.3);
    GestureOutput out = g.take();
    CHECK(out.orbit.x == Approx(10));
    CHECK(out.orbit.y == Approx(4));
    CHECK(out.pan == glm::dvec2(0));
    CHECK(out.zoomFactor == 1.0);
    g.pointerUp(2, {660, 304}, 0.35);
    CHECK_FALSE(g.take().tap);

    // A finger landing during a one-finger orbit neither jumps the orbit nor pans by the gap.
    g.pointerDown(3, {100, 100}, PointerKind::Touch, 0, 1.0);
    g.pointerMove(3, {110, 100}, 1.1);
    g.pointerDown(4, {300, 100}, PointerKind::Touch, 0, 1.2);
    g.pointerMove(4, {300, 100}, 1.3);
    out = g.take();
    CHECK(out.orbit.x == Approx(10));
    CHECK(glm::length(out.pan) < 1e-9);
}

TEST_CASE("gestures ignore unknown ids and cancel", "[gestures]") {
    GestureTracker g;
    g.pointerMove(42, {10, 10}, 0.0);
    g.pointerUp(42, {10, 10}, 0.1);
    GestureOutput out = g.take();
    CHECK(out.orbit == glm::dvec2(0));
    CHECK_FALSE(out.tap);

    g.pointerDown(1, {10, 10}, PointerKind::Touch, 0, 0.0);
    CHECK(g.anyPointerDown());
    g.cancelAll();
    CHECK_FALSE(g.anyPointerDown());
    g.pointerMove(1, {50, 10}, 0.1);
    g.pointerUp(1, {10, 10}, 0.2);
    out = g.take();
    CHECK(out.orbit == glm::dvec2(0));
    CHECK_FALSE(out.tap);
}

TEST_CASE("gestures wheel zooms at the cursor", "[gestures]") {
    GestureTracker g;
    g.wheel(1, {320, 240});
    GestureOutput out = g.take();
    CHECK(out.zoomFactor == Approx(1.15));
    CHECK(out.zoomCentre == glm::dvec2(320, 240));
    g.wheel(2, {10, 20});
    g.wheel(-1, {30, 40});
    out = g.take();
    CHECK(out.zoomFactor == Approx(1.15));
    CHECK(out.zoomCentre == glm::dvec2(30, 40));
    g.wheel(-1, {0, 0});
    CHECK(g.take().zoomFactor == Approx(1 / 1.15));
}
