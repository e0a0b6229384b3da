#pragma once
// Loads the real buildings (issue 12) tile by tile as the camera needs them, on both targets:
// first the small index (which wijken are covered, where the tiles are), then the tiles that
// core's tilesToFetch picks, nearest first, a few requests at a time. On the web (each tile a
// download) only the tiles the view needs, and at most one added to the GPU per frame so that
// none stalls, and the furthest it no longer needs are unloaded once they exceed a budget
// (core's tilesToDrop; platform::buildingTileBudget) and fetched again when needed; natively (on
// disk: platform::assetsAreLocal) all of them, as many per frame as fit in a few milliseconds,
// so a kiosk's start view shows the whole city within seconds.
#include "core/building_tile_view.hpp"
#include "core/city_model.hpp"

#include <memory>
#include <string>
#include <vector>

namespace almere {

class CityRenderer;

class RealBuildings {
  public:
    // `diskDir`: where the tiles' folder is, or lands once fetched (natively the folder itself);
    // `fetchDir`: the same under the page's folder, for fetchAsset; `shownName`: for messages.
    // Reads or starts fetching the index. Absent: every wijk stays schematic, no error.
    RealBuildings(std::string diskDir, std::string fetchDir, std::string shownName);

    // The index arrived, or is known to be absent or broken: coverage is settled.
    bool settled() const { return state_->settled; }
    // The index was read (it may still be broken: see error()).
    bool found() const { return state_->found; }
    // Why the index could not be used (empty when it was, or simply absent).
    const std::string& error() const { return state_->error; }
    // Absent or broken: an empty index.
    const BuildingIndex& index() const { return state_->index; }

    // Once per frame after the massing is derived: asks for what the view needs, uploads at
    // most one arrived tile (natively: a few milliseconds' worth) and unloads tiles over the
    // budget. True when a tile was added or removed (the frame must be drawn again).
    bool update(const CityModel& city, const TileViewer& viewer, CityRenderer& renderer);
    // Tiles asked for, or wanted by the last view, that are not drawn yet (screenshots wait).
    bool busy() const { return state_->inFlight > 0 || wantedMore_; }
    size_t tilesRequested() const { return requested_; }
    size_t tilesDropped() const { return dropped_; }
    // What the tiles on the GPU take now (gpuBytes of each).
    size_t loadedBytes() const { return loadedTotal_; }

  private:
    // Shared with the fetch callbacks, which may outlive a frame (web).
    struct State {
        bool settled = false, found = false;
        std::string error;
        BuildingIndex index;
        std::vector<bool> asked; // per index tile: on its way or on the GPU
        // Decoded, waiting for the GPU (a handful), with their index tile.
        std::vector<std::pair<size_t, BakedBuildings>> arrived;
        size_t inFlight = 0; // asked, not yet uploaded or failed
    };
    void fetchTile(size_t tile);
    std::string diskDir_, fetchDir_, shownName_;
    size_t budget_; // GPU bytes the tiles may keep beyond what the view needs
    std::shared_ptr<State> state_ = std::make_shared<State>();
    std::vector<size_t> loaded_; // per index tile: its gpuBytes, 0 when not on the GPU
    size_t loadedTotal_ = 0;
    bool wantedMore_ = false;
    size_t requested_ = 0, dropped_ = 0;
};

} // namespace almere
