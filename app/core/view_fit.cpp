#include "core/view_fit.hpp"

#include <algorithm>
#include <cfloat>

namespace almere {

CameraPose fitPointsInBand(const OrbitCamera& camera, CameraPose pose,
                           const std::vector<glm::dvec2>& points, glm::ivec2 viewport,
                           glm::vec4 band, const std::vector<glm::dvec2>& halfSizes) {
    if (points.empty() || band.z <= 1 || band.w <= 1) return pose;
    OrbitCamera probe(camera.home(), camera.limits());
    const glm::dvec2 bandCentre(band.x + band.z * 0.5, band.y + band.w * 0.5);
    // The screen box around every point (and its label), seen from the probe's pose.
    auto measure = [&](glm::dvec2& lo, glm::dvec2& hi) {
        for (size_t i = 0; i < points.size(); ++i) {
            const auto s = probe.projectMapPoint(points[i], 0.0, viewport);
            if (!s) return false;
            const glm::dvec2 half = i < halfSizes.size() ? halfSizes[i] : glm::dvec2(0);
            lo = glm::min(lo, *s - half);
            hi = glm::max(hi, *s + half);
        }
        return true;
    };
    // A few rounds of "scale to fit, then move the middle to the band's middle": each round
    // nearly settles it, as the projection is close to linear at city scale.
    for (int round = 0; round < 12; ++round) {
        probe.setGoal(pose);
        probe.snapToGoal();
        glm::dvec2 lo(DBL_MAX), hi(-DBL_MAX);
        if (!measure(lo, hi)) return pose;
        const double scale = std::max((hi.x - lo.x) / band.z, (hi.y - lo.y) / band.w);
        pose.distance *= std::max(scale, 0.05);
        probe.setGoal(pose);
        probe.snapToGoal();
        pose = probe.goal(); // within the camera's limits
        lo = glm::dvec2(DBL_MAX);
        hi = glm::dvec2(-DBL_MAX);
        if (!measure(lo, hi)) return pose;
        const auto from = probe.groundPoint((lo + hi) * 0.5, viewport);
        const auto to = probe.groundPoint(bandCentre, viewport);
        if (!from || !to) return pose;
        pose.target += *from - *to;
    }
    probe.setGoal(pose);
    return probe.goal();
}

} // namespace almere
