#include "core/building_tile_view.hpp"

#include "core/city_model.hpp"
#include "core/visibility.hpp"

#include <algorithm>
#include <cmath>

namespace almere {

double typicalBuildingPixels(double distance, double fovY, int viewportHeight) {
    return 25.0 * viewportHeight / (2.0 * std::max(1.0, distance) * std::tan(fovY * 0.5));
}

void tileWorldBounds(const BuildingTileInfo& tile, glm::vec3& min, glm::vec3& max) {
    const float ground = float(layer::kLandTop);
    min = glm::vec3(tile.min.x, ground, -tile.max.y);
    max = glm::vec3(tile.max.x, ground + tile.highestRoofM, -tile.min.y);
}

double distanceToBox(glm::vec3 eye, glm::vec3 min, glm::vec3 max) {
    return double(glm::length(eye - glm::clamp(eye, min, max)));
}

std::vector<size_t> tilesToFetch(const BuildingIndex& index, const TileViewer& viewer,
                                 const std::vector<bool>& have, size_t limit, TileReach reach) {
    std::vector<std::pair<double, size_t>> wanted;
    for (size_t i = 0; i < index.tiles.size(); ++i) {
        if (i < have.size() && have[i]) continue;
        glm::vec3 min, max;
        tileWorldBounds(index.tiles[i], min, max);
        const double d = distanceToBox(viewer.eye, min, max);
        if (reach == TileReach::InView &&
            (typicalBuildingPixels(d, viewer.fovY, viewer.viewportHeight) < kFetchPixels ||
             !boxInFrustum(viewer.viewProj, min, max)))
            continue;
        wanted.push_back({d, i});
    }
    // Nearest first, ties by index (the same order on every run). A selection of the first
    // `limit` rather than a sort: callers ask for a handful, and the web download stays small.
    std::vector<size_t> out;
    for (size_t k = 0; k < wanted.size() && k < limit; ++k) {
        for (size_t j = k + 1; j < wanted.size(); ++j)
            if (wanted[j] < wanted[k]) std::swap(wanted[j], wanted[k]);
        out.push_back(wanted[k].second);
    }
    return out;
}

TileDetail tileDetail(glm::vec3 min, glm::vec3 max, const TileViewer& viewer) {
    const double d = distanceToBox(viewer.eye, min, max);
    return typicalBuildingPixels(d, viewer.fovY, viewer.viewportHeight) >= kFullDetailPixels
               ? TileDetail::Full
               : TileDetail::Roofs;
}

} // namespace almere

namespace almere {

uint32_t realBuildingsToDraw(const MassingTile& tile, bool full, glm::vec3 eye, double fovY,
                             int viewportHeight) {
    const uint32_t n = buildingsToDraw(tile, eye, fovY, viewportHeight);
    return full ? n : std::max<uint32_t>(std::min<uint32_t>(1, n), n / 2);
}

} // namespace almere
