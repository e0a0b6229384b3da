#pragma once
// What of the schematic massing is worth drawing this frame: tiles outside the view are
// skipped, and far tiles are thinned to the share of their blocks a viewer can still tell
// apart. Software renderers (llvmpipe kiosks, SwiftShader browsers) are bound by vertex work.
#include "core/city_model.hpp"

#include <glm/glm.hpp>

namespace almere {

// False only when the box is certainly outside the clip volume.
bool boxInFrustum(const glm::mat4& viewProj, glm::vec3 min, glm::vec3 max);

// How many of a tile's buildings to draw, seen from `eye` at a vertical field of view of
// `fovY` radians on a viewport `viewportHeight` pixels high.
uint32_t buildingsToDraw(const MassingTile& tile, glm::vec3 eye, double fovY, int viewportHeight);

} // namespace almere
