#include "core/visibility.hpp"

#include <algorithm>
#include <cmath>

namespace almere {

bool boxInFrustum(const glm::mat4& viewProj, glm::vec3 min, glm::vec3 max) {
    glm::vec4 corners[8];
    for (int i = 0; i < 8; ++i)
        corners[i] = viewProj * glm::vec4(i & 1 ? max.x : min.x, i & 2 ? max.y : min.y,
                                          i & 4 ? max.z : min.z, 1.0f);
    // Outside if all corners are beyond the same one of the six clip planes.
    for (int axis = 0; axis < 3; ++axis) {
        bool allBelow = true, allAbove = true;
        for (const glm::vec4& c : corners) {
            allBelow = allBelow && c[axis] < -c.w;
            allAbove = allAbove && c[axis] > c.w;
        }
        if (allBelow || allAbove) return false;
    }
    return true;
}

double pixelsTall(double metres, double distance, double fovY, int viewportHeight) {
    return metres * viewportHeight / (2.0 * std::max(1.0, distance) * std::tan(fovY * 0.5));
}

namespace {

double tileDistance(const MassingTile& tile, glm::vec3 eye) {
    return double(glm::length(eye - glm::clamp(eye, tile.min, tile.max)));
}

} // namespace

BlockDetail tileBlockDetail(const MassingTile& tile, glm::vec3 eye, double fovY,
                            int viewportHeight) {
    const double pixels =
        pixelsTall(double(tile.max.y - tile.min.y), tileDistance(tile, eye), fovY, viewportHeight);
    return pixels >= kFullBlockPixels  ? BlockDetail::Full
           : pixels >= kBoxBlockPixels ? BlockDetail::Box
                                       : BlockDetail::Speck;
}

uint32_t buildingsToDraw(const MassingTile& tile, glm::vec3 eye, double fovY, int viewportHeight) {
    // On-screen size of a typical 25 m block; below a few pixels, blocks merge into texture
    // and a random subset (the tile's order is shuffled) looks the same at a fraction of the cost.
    const double pixels = pixelsTall(25.0, tileDistance(tile, eye), fovY, viewportHeight);
    const double share = std::clamp(pixels / 4.0, 0.3, 1.0);
    return uint32_t(std::ceil(share * tile.buildings));
}

} // namespace almere
