#include "core/attract_tour.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

constexpr double kPi = 3.14159265358979323846;

// 0 .. 1 with gentle start and end: growth that starts and settles without a jolt.
double smooth(double x) {
    x = std::clamp(x, 0.0, 1.0);
    return x * x * (3.0 - 2.0 * x);
}

} // namespace

AttractFrame attractTourAt(double seconds, size_t plans, size_t phases) {
    AttractFrame frame;
    if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
    frame.yaw = 2.0 * kPi * std::fmod(seconds, kAttractOrbitSeconds) / kAttractOrbitSeconds;
    if (plans == 0) return frame;
    const double round = kAttractTurnSeconds * double(plans);
    const double inRound = std::fmod(seconds, round);
    frame.plan = std::min(int(plans) - 1, int(inRound / kAttractTurnSeconds));
    const double t = inRound - kAttractTurnSeconds * frame.plan;
    // Seconds into the turn: 0-1.5 today, 1.5-5.5 growing, 5.5-9 at 2050, 9-11 back, 11-12 today.
    const double last = phases > 0 ? double(phases - 1) : 0.0;
    if (t < 1.5)
        frame.time = 0;
    else if (t < 5.5)
        frame.time = last * smooth((t - 1.5) / 4.0);
    else if (t < 9.0)
        frame.time = last;
    else
        frame.time = last * (1.0 - smooth((t - 9.0) / 2.0));
    return frame;
}

} // namespace almere
