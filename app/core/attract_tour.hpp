#pragma once
// The kiosk's slow tour between visitors (issue 11, "attract screen"): where the camera looks and
// which plan grows, as a pure function of the seconds since the tour began, so that a golden
// image can show any moment of it exactly (--attract-demo T).
#include <cstddef>

namespace almere {

struct AttractFrame {
    int plan = -1;   // the one plan switched on (-1: none)
    double time = 0; // the timeline, 0 (today) .. phases - 1 (2050)
    double yaw = 0;  // radians added to the start view's heading
};

// Each plan has its turn of this many seconds: a moment of today, growing to 2050, a while at
// 2050, back to today. One plan at a time, so a passer-by sees what each one changes.
constexpr double kAttractTurnSeconds = 12.0;
// The camera drifts one full turn around the city in this many seconds: slow enough to read the
// message, fast enough to show the city is three-dimensional.
constexpr double kAttractOrbitSeconds = 360.0;

AttractFrame attractTourAt(double seconds, size_t plans, size_t phases);

} // namespace almere
