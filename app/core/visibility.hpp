#pragma once
// What of the schematic massing is worth drawing this frame: tiles outside the view are
// skipped, and far tiles are thinned to the share of their blocks a viewer can still tell
// apart. Software renderers (llvmpipe kiosks, SwiftShader browsers) are bound by vertex work.
#include "core/city_model.hpp"

#include <glm/glm.hpp>

namespace almere {

// False only when the box is certainly outside the clip volume.
bool boxInFrustum(const glm::mat4& viewProj, glm::vec3 min, glm::vec3 max);

// How many pixels tall `metres` stand on screen `distance` metres away (at least 1 m), at a
// vertical field of view of `fovY` radians on a viewport `viewportHeight` pixels high.
double pixelsTall(double metres, double distance, double fovY, int viewportHeight);

// How many of a tile's buildings to draw, seen from `eye` at a vertical field of view of
// `fovY` radians on a viewport `viewportHeight` pixels high.
uint32_t buildingsToDraw(const MassingTile& tile, glm::vec3 eye, double fovY, int viewportHeight);

// How a tile's blocks are drawn, by how tall its tallest block stands on screen: in full from
// kFullBlockPixels, as core/massing.hpp farBlocks (walls shaded from roof to foot instead of
// one flat colour per face: the same at that size) from kBoxBlockPixels, else as speckBlocks
// (roofs widened and darkened). At 1080p a row of family houses 10 m tall is 6 pixels from
// 2 km and 2 from 6.5 km; the start view of the whole city is 10-20 km away.
enum class BlockDetail { Full = 0, Box = 1, Speck = 2 }; // also the renderer's level index
constexpr double kFullBlockPixels = 6.0;
constexpr double kBoxBlockPixels = 2.0;
BlockDetail tileBlockDetail(const MassingTile& tile, glm::vec3 eye, double fovY,
                            int viewportHeight);

} // namespace almere
