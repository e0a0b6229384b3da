#pragma once
// A start view that shows the whole city in the part of the screen the panels leave free (a
// phone held upright: the title on top, a note at the bottom, the map between them), so no
// panel covers a stadsdeel's name.
#include "core/camera.hpp"

#include <glm/glm.hpp>
#include <vector>

namespace almere {

// The pose (heading and tilt as `start`) whose view puts every one of `points` (local east,
// north metres on the ground) inside `band` (x, y, w, h in the viewport's pixels), as large as
// fits and centred in it. halfSizes (pixels, one per point, or none) keep a label drawn
// centred on its point inside too. Limits are the camera's.
CameraPose fitPointsInBand(const OrbitCamera& camera, CameraPose start,
                           const std::vector<glm::dvec2>& points, glm::ivec2 viewport,
                           glm::vec4 band, const std::vector<glm::dvec2>& halfSizes = {});

} // namespace almere
