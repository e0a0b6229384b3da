#pragma once
// Which tiles of real buildings a view needs, and in how much detail (issue 12). One rule for
// both targets: the web fetches the tiles it returns, nearest first, as the camera moves; the
// renderer draws each loaded tile in full near the camera and as flat roofs further away.
// Platform free: the viewer hands in the camera, the index and what is loaded already.
#include "core/building_tiles.hpp"
#include "core/city_model.hpp"

#include <glm/glm.hpp>
#include <vector>

namespace almere {

struct TileViewer {
    glm::mat4 viewProj{1};
    glm::vec3 eye{0};
    double fovY = 0.785398; // radians
    int viewportHeight = 720;
};

// How many pixels tall a typical 25 m building stands on screen at `distance` metres.
double typicalBuildingPixels(double distance, double fovY, int viewportHeight);

// A tile is fetched once a typical building in it would be this many pixels: further away the
// buildings are specks, and the start view of a whole covered city would fetch every tile.
constexpr double kFetchPixels = 4.0;
// Below this size the walls of a building are a pixel or two: its footprint's oriented bounding
// box as a flat roof looks the same for a fraction of the vertices (2 triangles instead of ~10
// to hundreds). Above it, the full footprint with its walls.
constexpr double kFullDetailPixels = 10.0;

// World-space box of a tile (x east, y up, z = -north), ground to highest roof.
void tileWorldBounds(const BuildingTileInfo& tile, glm::vec3& min, glm::vec3& max);

// Distance from the eye to the nearest point of a box (0 inside it).
double distanceToBox(glm::vec3 eye, glm::vec3 min, glm::vec3 max);

// Which tiles to load: those the view needs (the web: every tile is a download), or all of them
// (natively the tiles are on disk, and a kiosk's start view shows the whole city as roofs).
enum class TileReach { InView, All };

// Indices into index.tiles to load next, nearest first: with InView only those inside the view
// frustum and near enough (kFetchPixels). `have[i]` true: tile i is loaded or on its way, so it
// is left out. At most `limit` come back (a few requests in flight, not hundreds).
std::vector<size_t> tilesToFetch(const BuildingIndex& index, const TileViewer& viewer,
                                 const std::vector<bool>& have, size_t limit,
                                 TileReach reach = TileReach::InView);

enum class TileDetail { Full, Roofs };
TileDetail tileDetail(glm::vec3 min, glm::vec3 max, const TileViewer& viewer);

// How many of a loaded tile's buildings to draw: the schematic tiles' distance thinning
// (visibility.hpp), halved for tiles drawn as roofs. A real city has several times the
// schematic one's buildings (Almere: about 100,000 against 10,500), and far away they are all
// specks of a pixel or two.
uint32_t realBuildingsToDraw(const MassingTile& tile, bool full, glm::vec3 eye, double fovY,
                             int viewportHeight);

} // namespace almere
