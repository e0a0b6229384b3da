#include "core/building_tile_view.hpp"

#include "core/city_model.hpp"
#include "core/visibility.hpp"

#include <algorithm>
#include <cmath>

namespace almere {

double typicalBuildingPixels(double distance, double fovY, int viewportHeight) {
    return pixelsTall(25.0, distance, fovY, viewportHeight);
}

void tileWorldBounds(const BuildingTileInfo& tile, glm::vec3& min, glm::vec3& max) {
    const float ground = float(layer::kLandTop);
    min = glm::vec3(tile.min.x, ground, -tile.max.y);
    max = glm::vec3(tile.max.x, ground + tile.highestRoofM, -tile.min.y);
}

double distanceToBox(glm::vec3 eye, glm::vec3 min, glm::vec3 max) {
    return double(glm::length(eye - glm::clamp(eye, min, max)));
}

bool viewNeeds(const BuildingTileInfo& tile, const TileViewer& viewer, TileReach reach) {
    if (reach == TileReach::All) return true;
    glm::vec3 min, max;
    tileWorldBounds(tile, min, max);
    const double d = distanceToBox(viewer.eye, min, max);
    return typicalBuildingPixels(d, viewer.fovY, viewer.viewportHeight) >= kFetchPixels &&
           boxInFrustum(viewer.viewProj, min, max);
}

namespace {

// From the eye to the nearest point of the tile's box.
double distanceTo(const BuildingTileInfo& tile, const TileViewer& viewer) {
    glm::vec3 min, max;
    tileWorldBounds(tile, min, max);
    return distanceToBox(viewer.eye, min, max);
}

} // namespace

std::vector<size_t> tilesToFetch(const BuildingIndex& index, const TileViewer& viewer,
                                 const std::vector<bool>& have, size_t limit, TileReach reach) {
    std::vector<std::pair<double, size_t>> wanted;
    for (size_t i = 0; i < index.tiles.size(); ++i)
        if (!(i < have.size() && have[i]) && viewNeeds(index.tiles[i], viewer, reach))
            wanted.push_back({distanceTo(index.tiles[i], viewer), i});
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

std::vector<size_t> tilesToDrop(const BuildingIndex& index, const TileViewer& viewer,
                                const std::vector<size_t>& loadedBytes, size_t budgetBytes,
                                TileReach reach) {
    size_t total = 0;
    std::vector<std::pair<double, size_t>> spare; // loaded, not needed by the view
    for (size_t i = 0; i < loadedBytes.size() && i < index.tiles.size(); ++i) {
        if (loadedBytes[i] == 0) continue;
        total += loadedBytes[i];
        if (!viewNeeds(index.tiles[i], viewer, reach))
            spare.push_back({distanceTo(index.tiles[i], viewer), i});
    }
    // Furthest first, by selection (a handful per frame at most; no sort for the download).
    std::vector<size_t> out;
    for (size_t k = 0; k < spare.size() && total > budgetBytes; ++k) {
        for (size_t j = k + 1; j < spare.size(); ++j)
            if (spare[j] > spare[k]) std::swap(spare[j], spare[k]);
        out.push_back(spare[k].second);
        total -= loadedBytes[spare[k].second];
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
