// The kiosk's attract tour (issue 11): one plan at a time grows to 2050 and back, the camera
// drifts slowly, and every moment is a pure function of the time (golden images rely on it).
#include "core/attract_tour.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace almere;

TEST_CASE("the attract tour grows each plan to 2050 in turn and back to today", "[attract]") {
    const size_t plans = 3, phases = 5;
    const double turn = kAttractTurnSeconds;
    for (int p = 0; p < 3; ++p) {
        const double start = turn * p;
        INFO("plan " << p);
        CHECK(attractTourAt(start + 0.5, plans, phases).plan == p);
        CHECK(attractTourAt(start + 0.5, plans, phases).time == 0.0);
        CHECK(attractTourAt(start + 7.0, plans, phases).plan == p);
        CHECK(attractTourAt(start + 7.0, plans, phases).time == 4.0); // 2050, the last phase
        const double growing = attractTourAt(start + 3.5, plans, phases).time;
        CHECK(growing > 0.5);
        CHECK(growing < 3.5);
        CHECK(attractTourAt(start + 11.5, plans, phases).time == 0.0); // back to today
    }
    // ... and then the first plan again.
    CHECK(attractTourAt(3 * turn + 7.0, plans, phases).plan == 0);
    CHECK(attractTourAt(3 * turn + 7.0, plans, phases).time == 4.0);
}

TEST_CASE("the attract tour's timeline never jumps", "[attract]") {
    double previous = attractTourAt(0, 3, 5).time;
    for (double t = 0.05; t < 3 * kAttractTurnSeconds + 1; t += 0.05) {
        const AttractFrame f = attractTourAt(t, 3, 5);
        INFO("t = " << t);
        CHECK(std::abs(f.time - previous) < 0.2);
        CHECK(f.time >= 0.0);
        CHECK(f.time <= 4.0);
        previous = f.time;
    }
}

TEST_CASE("the attract tour's camera drifts slowly, a full turn in minutes", "[attract]") {
    CHECK(attractTourAt(0, 3, 5).yaw == 0.0);
    const double perSecond = attractTourAt(1.0, 3, 5).yaw;
    CHECK(perSecond > 0.0);
    CHECK(perSecond < 0.03); // under 2 degrees a second
    CHECK(attractTourAt(kAttractOrbitSeconds * 0.5, 3, 5).yaw ==
          Approx(3.14159265358979).epsilon(1e-9));
}

TEST_CASE("the attract tour copes with no plans and odd times", "[attract]") {
    CHECK(attractTourAt(5, 0, 5).plan == -1);
    CHECK(attractTourAt(-3, 3, 5).plan == 0);
    CHECK(attractTourAt(std::nan(""), 3, 5).time == 0.0);
    CHECK(attractTourAt(1e12, 3, 5).plan >= 0);
}
