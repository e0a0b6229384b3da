#include "viewer/real_buildings.hpp"

#include "core/real_tile_mesh.hpp"
#include "platform/files.hpp"
#include "platform/host.hpp"
#include "render/city_renderer.hpp"

#include <SDL.h>
#include <cstdio>

namespace almere {
namespace {

// Requests at once: enough to keep a phone's connection busy, few enough that a fast camera
// sweep does not queue up tiles it has long left behind.
constexpr size_t kMaxInFlight = 4;
// Natively the files are read at once; a frame adds tiles for up to this long (at least one), so
// a kiosk has the whole city in a few seconds without a visible stall.
constexpr double kLocalUploadMs = 6.0;
constexpr size_t kMaxIndexBytes = 16u << 20;
constexpr size_t kMaxTileBytes = 64u << 20;

} // namespace

RealBuildings::RealBuildings(std::string diskDir, std::string fetchDir, std::string shownName)
    : diskDir_(std::move(diskDir)), fetchDir_(std::move(fetchDir)),
      shownName_(std::move(shownName)), budget_(platform::buildingTileBudget()) {
    const std::string path = diskDir_ + "/" + kBuildingIndexName;
    const std::string name = shownName_ + "/" + kBuildingIndexName;
    if (!platform::offersBuildingTiles()) {
        state_->settled = true; // a site without a layer: nothing to ask for
        return;
    }
    std::weak_ptr<State> weak = state_;
    // Natively fetchAsset answers at once (the file is local or not); the web fetches it.
    platform::fetchAsset(fetchDir_ + "/" + kBuildingIndexName, [weak, path, name](bool) {
        const std::shared_ptr<State> state = weak.lock();
        if (!state) return;
        state->settled = true;
        std::vector<uint8_t> bytes;
        // Optional: without the index every wijk keeps its schematic buildings.
        if (!platform::readFile(path, bytes, kMaxIndexBytes)) return;
        state->found = true;
        auto index = decodeBuildingIndex(bytes, name);
        if (!index) {
            // A damaged optional layer must not keep the city from showing: schematic it is.
            state->error = index.error();
            std::fprintf(stderr, "almere2050: %s (showing schematic buildings)\n",
                         state->error.c_str());
            return;
        }
        state->index = index.take();
        state->asked.assign(state->index.tiles.size(), false);
    });
}

void RealBuildings::fetchTile(size_t tile) {
    const BuildingTileInfo& info = state_->index.tiles[tile];
    const std::string file = buildingTileName(info.cell);
    const std::string path = diskDir_ + "/" + file, name = shownName_ + "/" + file;
    state_->asked[tile] = true;
    ++state_->inFlight;
    ++requested_;
    std::weak_ptr<State> weak = state_;
    platform::fetchAsset(fetchDir_ + "/" + file, [weak, path, name, tile](bool) {
        const std::shared_ptr<State> state = weak.lock();
        if (!state) return;
        std::vector<uint8_t> bytes;
        auto baked = platform::readFile(path, bytes, kMaxTileBytes)
                         ? decodeBuildings(bytes, name)
                         : Result<BakedBuildings>::failure(name + ": cannot read the file");
        if (!baked) {
            // One missing or broken tile leaves a gap, not a broken city; it is not asked again.
            std::fprintf(stderr, "almere2050: %s (its buildings are left out)\n",
                         baked.error().c_str());
            --state->inFlight;
            return;
        }
        state->arrived.push_back({tile, baked.take()});
    });
}

bool RealBuildings::update(const CityModel& city, const TileViewer& viewer,
                           CityRenderer& renderer) {
    State& s = *state_;
    if (!s.settled || s.index.tiles.empty()) return false;
    const bool local = platform::assetsAreLocal();
    const TileReach reach = local ? TileReach::All : TileReach::InView;
    const size_t room = kMaxInFlight > s.inFlight ? kMaxInFlight - s.inFlight : 0;
    const std::vector<size_t> wanted = tilesToFetch(s.index, viewer, s.asked, room + 1, reach);
    wantedMore_ = !wanted.empty();
    for (size_t k = 0; k < wanted.size() && k < room; ++k)
        fetchTile(wanted[k]);
    // On the web one tile per frame: building and uploading a dense tile takes a few
    // milliseconds, and a phone must not stutter while the user moves the map.
    const uint64_t start = SDL_GetPerformanceCounter();
    bool changed = false;
    loaded_.resize(s.index.tiles.size(), 0);
    while (!s.arrived.empty()) {
        const size_t tile = s.arrived.front().first;
        const RealTileMesh mesh = buildRealTileMesh(city, s.arrived.front().second);
        renderer.addRealTile(mesh, tile);
        loadedTotal_ += gpuBytes(mesh) - loaded_[tile];
        loaded_[tile] = gpuBytes(mesh);
        s.arrived.erase(s.arrived.begin());
        --s.inFlight;
        changed = true;
        const double ms = double(SDL_GetPerformanceCounter() - start) * 1000.0 /
                          double(SDL_GetPerformanceFrequency());
        if (!local || ms >= kLocalUploadMs) break;
        if (s.arrived.empty() && s.inFlight == 0) {
            // Natively reading is immediate: ask for the next few within the same frame.
            const std::vector<size_t> next =
                tilesToFetch(s.index, viewer, s.asked, kMaxInFlight + 1, TileReach::All);
            wantedMore_ = !next.empty();
            for (size_t k = 0; k < next.size() && k < kMaxInFlight; ++k)
                fetchTile(next[k]);
        }
    }
    // Over the budget: the furthest tiles the view no longer needs give their GPU memory back,
    // and are asked for again once it needs them (natively none: every tile is needed).
    for (size_t tile : tilesToDrop(s.index, viewer, loaded_, budget_, reach)) {
        renderer.removeRealTile(tile);
        loadedTotal_ -= loaded_[tile];
        loaded_[tile] = 0;
        s.asked[tile] = false;
        ++dropped_;
        changed = true;
    }
    return changed;
}

} // namespace almere
