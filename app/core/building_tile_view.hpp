#pragma once
// Which tiles of real buildings a view needs, and in how much detail (issue 12). One rule for
// both targets: the web fetches the tiles it returns, nearest first, as the camera moves, and
// unloads the furthest it no longer needs once they exceed a budget; the renderer draws each
// loaded tile in full near the camera and as flat roofs further away.
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

// Whether the view needs the tile: with InView when it is inside the view frustum and near
// enough (kFetchPixels); with All always.
bool viewNeeds(const BuildingTileInfo& tile, const TileViewer& viewer, TileReach reach);

// Indices into index.tiles to load next, nearest first: those the view needs. `have[i]` true:
// tile i is loaded or on its way, so it is left out. At most `limit` come back (a few requests
// in flight, not hundreds).
std::vector<size_t> tilesToFetch(const BuildingIndex& index, const TileViewer& viewer,
                                 const std::vector<bool>& have, size_t limit,
                                 TileReach reach = TileReach::InView);

// GPU memory that loaded tiles may take on the web unless the page says otherwise
// (Module.buildingTileMiB): a phone's browser shares the phone's memory, and a visitor who looks
// all over the city would otherwise keep every tile (Almere's 100,000 buildings: about 150 MB).
constexpr size_t kDefaultTileBudgetBytes = size_t(64) << 20;

// Indices into index.tiles to unload so that the rest fit in `budgetBytes`: `loadedBytes[i]` is
// what tile i takes on the GPU (0: not loaded). The furthest from the eye go first (ties: the
// higher index); a tile the view needs (viewNeeds) is never dropped, so the loaded tiles may
// exceed the budget while the view needs them all. Once dropped, a tile is fetched again when
// the view needs it again.
std::vector<size_t> tilesToDrop(const BuildingIndex& index, const TileViewer& viewer,
                                const std::vector<size_t>& loadedBytes, size_t budgetBytes,
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
