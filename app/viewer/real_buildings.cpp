#include "viewer/real_buildings.hpp"

#include "core/real_tile_mesh.hpp"
#include "platform/files.hpp"
#include "platform/host.hpp"
#include "render/city_renderer.hpp"

#include <cstdio>

namespace almere {
namespace {

// Requests at once: enough to keep a phone's connection busy, few enough that a fast camera
// sweep does not queue up tiles it has long left behind.
constexpr size_t kMaxInFlight = 4;
constexpr size_t kMaxIndexBytes = 16u << 20;
constexpr size_t kMaxTileBytes = 64u << 20;

} // namespace

RealBuildings::RealBuildings(std::string diskDir, std::string fetchDir, std::string shownName)
    : diskDir_(std::move(diskDir)), fetchDir_(std::move(fetchDir)),
      shownName_(std::move(shownName)) {
    const std::string path = diskDir_ + "/" + kBuildingIndexName;
    const std::string name = shownName_ + "/" + kBuildingIndexName;
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
    platform::fetchAsset(fetchDir_ + "/" + file, [weak, path, name](bool) {
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
        state->arrived.push_back(baked.take());
    });
}

bool RealBuildings::update(const CityModel& city, const TileViewer& viewer,
                           CityRenderer& renderer) {
    State& s = *state_;
    if (!s.settled || s.index.tiles.empty()) return false;
    const size_t room = kMaxInFlight > s.inFlight ? kMaxInFlight - s.inFlight : 0;
    const std::vector<size_t> wanted = tilesToFetch(s.index, viewer, s.asked, room + 1);
    wantedMore_ = !wanted.empty();
    for (size_t k = 0; k < wanted.size() && k < room; ++k)
        fetchTile(wanted[k]);
    if (s.arrived.empty()) return false;
    // One tile per frame: building and uploading a dense tile takes a few milliseconds.
    renderer.addRealTile(buildRealTileMesh(city, s.arrived.front()));
    s.arrived.pop_front();
    --s.inFlight;
    return true;
}

} // namespace almere
