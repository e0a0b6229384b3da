// Real buildings per area (issue 12): the tiled files the baker writes (an index with coverage
// and tile bounds, one file per tile), read like hostile input, and the rule that picks the
// tiles a view needs, shared by the web (what to fetch, what to unload) and the renderer (how
// much detail).
#include "city_fixture.hpp"
#include "core/building_coverage.hpp"
#include "core/building_tile_view.hpp"
#include "core/building_tiles.hpp"
#include "core/city_model.hpp"
#include "core/visibility.hpp"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <set>

using namespace almere;
using almere::test::squareBuilding;

namespace {

// Two covered wijken with buildings every 100 m over 1.2 x 0.8 km, one uncovered wijk.
BakedBuildings sampleCity() {
    BakedBuildings baked{"3DBAG (test)", "CC BY 4.0", {}};
    WijkBuildings west{"WK000001", true, {}}, east{"WK000002", true, {}};
    for (int x = 0; x < 12; ++x)
        for (int y = 0; y < 8; ++y)
            (x < 6 ? west : east)
                .buildings.push_back(
                    squareBuilding({x * 100.0 + 30, y * 100.0 + 30}, 12, 5.0 + x + y));
    baked.wijken = {west, east, WijkBuildings{"WK000003", false, {}}};
    return baked;
}

size_t buildingsIn(const BakedBuildings& b) {
    size_t n = 0;
    for (const WijkBuildings& w : b.wijken)
        n += w.buildings.size();
    return n;
}

} // namespace

TEST_CASE("tiles and their index read back what was baked", "[buildings]") {
    BakedBuildings baked = sampleCity();
    baked.cityFingerprint = 0x0123456789abcdefull; // the .glb's: it pairs the tiles with it
    const TiledBuildings tiled = tileBuildings(baked, 500);
    const BuildingIndex& index = tiled.index;
    CHECK(index.cityFingerprint == baked.cityFingerprint);
    CHECK(index.coveredWijken == std::vector<std::string>{"WK000001", "WK000002"});
    CHECK(index.covers("WK000002"));
    CHECK_FALSE(index.covers("WK000003"));
    // 1.2 x 0.8 km in 500 m cells: 3 x 2 tiles.
    REQUIRE(index.tiles.size() == 6);
    REQUIRE(tiled.files.size() == 6);

    auto back = decodeBuildingIndex(encodeBuildingIndex(index), "index.bin");
    INFO(back.error());
    REQUIRE(back);
    CHECK(back.value().cityFingerprint == 0x0123456789abcdefull);
    CHECK(back.value().source == index.source);
    CHECK(back.value().licence == index.licence);
    CHECK(back.value().tileSize == 500.0f);
    CHECK(back.value().coveredWijken == index.coveredWijken);
    REQUIRE(back.value().tiles.size() == 6);

    size_t total = 0;
    for (size_t i = 0; i < 6; ++i) {
        const BuildingTileInfo& t = back.value().tiles[i];
        CHECK(t.cell == index.tiles[i].cell);
        CHECK(t.bytes == tiled.files[i].size());
        auto tile = decodeBuildings(tiled.files[i], buildingTileName(t.cell));
        INFO(tile.error());
        REQUIRE(tile);
        CHECK(buildingsIn(tile.value()) == t.buildings);
        total += t.buildings;
        float highest = 0;
        for (const WijkBuildings& w : tile.value().wijken) {
            CHECK(w.covered);
            for (const RealBuilding& b : w.buildings) {
                // Each building in the tile of its centroid, inside the tile's bounds.
                const glm::dvec2 c = footprintCentroid(b);
                CHECK(glm::ivec2(glm::floor(c / 500.0)) == t.cell);
                CHECK(c.x >= t.min.x);
                CHECK(c.x <= t.max.x);
                CHECK(c.y >= t.min.y);
                CHECK(c.y <= t.max.y);
                highest = std::max(highest, float(b.heightM));
            }
        }
        CHECK(t.highestRoofM == highest);
    }
    CHECK(total == 96);
    CHECK(buildingTileName({3, -2}) == "3_-2.bin");
    CHECK(buildingTilesDirFor("out/almere.glb") == "out/almere.buildings");
    CHECK(buildingTilesDirFor("out/city") == "out/city.buildings");
}

TEST_CASE("a damaged tile index gives a clear error, never a crash", "[buildings]") {
    const std::vector<uint8_t> good = encodeBuildingIndex(tileBuildings(sampleCity(), 500).index);
    REQUIRE(decodeBuildingIndex(good, "index.bin"));
    // Cut at every length: an error naming the file, never a crash.
    for (size_t n = 0; n < good.size(); ++n) {
        auto cut = decodeBuildingIndex({good.begin(), good.begin() + long(n)}, "index.bin");
        REQUIRE_FALSE(cut);
        CHECK(cut.error().rfind("index.bin: byte ", 0) == 0);
    }
    // Every byte flipped in turn: read or refused, never a crash or a runaway allocation.
    for (size_t i = 0; i < good.size(); ++i) {
        std::vector<uint8_t> bad = good;
        bad[i] ^= 0xff;
        auto r = decodeBuildingIndex(bad, "index.bin");
        if (!r) CHECK_FALSE(r.error().empty());
    }
    auto errorOf = [](BuildingIndex index) {
        auto r = decodeBuildingIndex(encodeBuildingIndex(index), "index.bin");
        return r ? std::string() : r.error();
    };
    const BuildingIndex sound = tileBuildings(sampleCity(), 500).index;
    BuildingIndex twice = sound;
    twice.tiles[1].cell = twice.tiles[0].cell;
    CHECK_THAT(errorOf(twice), Catch::Contains("tile 1: cells out of order or listed twice"));
    BuildingIndex swapped = sound;
    std::swap(swapped.tiles[3], swapped.tiles[4]);
    CHECK_THAT(errorOf(swapped), Catch::Contains("tile 4: cells out of order or listed twice"));
    BuildingIndex flipped = sound;
    std::swap(flipped.tiles[2].min, flipped.tiles[2].max);
    CHECK_THAT(errorOf(flipped), Catch::Contains("tile 2: bounds upside down"));
    BuildingIndex tall = sound;
    tall.tiles[0].highestRoofM = 1000;
    CHECK_THAT(errorOf(tall), Catch::Contains("highest roof outside"));
    BuildingIndex far = sound;
    far.tiles[0].cell = {2'000'000, 0};
    CHECK_THAT(errorOf(far), Catch::Contains("cell too far"));
    BuildingIndex tiny = sound;
    tiny.tileSize = 0;
    CHECK_THAT(errorOf(tiny), Catch::Contains("tile size outside"));
    std::vector<uint8_t> extra = good;
    extra.push_back(0);
    CHECK_THAT(decodeBuildingIndex(extra, "index.bin").error(),
               Catch::Contains("unexpected bytes after the last tile"));
    std::vector<uint8_t> wrong = good;
    wrong[0] = 'X';
    CHECK_THAT(decodeBuildingIndex(wrong, "index.bin").error(),
               Catch::Contains("not a building tile index"));
    // A tile count far beyond the bytes there are is refused before anything is allocated.
    std::vector<uint8_t> many = encodeBuildingIndex(BuildingIndex{0, "s", "l", 500, {}, {}});
    many[many.size() - 1] = 0x7f;
    CHECK_THAT(decodeBuildingIndex(many, "index.bin").error(),
               Catch::Contains("more tiles than the file has bytes for"));
}

namespace {

// A 10 x 10 km grid of 500 m tiles around the origin, each with 8 m buildings.
BuildingIndex gridIndex() {
    BuildingIndex index;
    index.coveredWijken = {"WK000001"};
    for (int y = -10; y < 10; ++y)
        for (int x = -10; x < 10; ++x) {
            BuildingTileInfo t;
            t.cell = {x, y};
            t.min = glm::vec2(x * 500.0f + 10, y * 500.0f + 10);
            t.max = t.min + glm::vec2(480);
            t.highestRoofM = 8;
            t.buildings = 50;
            t.bytes = 2000;
            index.tiles.push_back(t);
        }
    return index;
}

// A camera at `eye` (east, height, north) looking at `target` (east, north on the ground).
TileViewer viewerAt(glm::dvec3 eye, glm::dvec2 target, int height = 720) {
    TileViewer v;
    v.eye = glm::vec3(float(eye.x), float(eye.y), float(-eye.z));
    const glm::mat4 view =
        glm::lookAt(v.eye, glm::vec3(float(target.x), 3.0f, float(-target.y)), glm::vec3(0, 1, 0));
    v.viewProj = glm::perspective(float(v.fovY), 16.0f / 9.0f, 10.0f, 100000.0f) * view;
    v.viewportHeight = height;
    return v;
}

glm::ivec2 cellOf(const BuildingIndex& index, size_t i) {
    return index.tiles[i].cell;
}

} // namespace

TEST_CASE("a view fetches the tiles in front of it and near, nearest first", "[buildings]") {
    const BuildingIndex index = gridIndex();
    // Low over the south-west of the grid, looking north-east: a close view.
    const TileViewer close = viewerAt({-4000, 400, -4000}, {-3000, -3000});
    const std::vector<size_t> all = tilesToFetch(index, close, {}, 1000);
    REQUIRE(!all.empty());
    CHECK(all.size() < index.tiles.size() / 2);
    double last = -1;
    for (size_t i : all) {
        glm::vec3 min, max;
        tileWorldBounds(index.tiles[i], min, max);
        const double d = distanceToBox(close.eye, min, max);
        CHECK(d >= last); // nearest first
        last = d;
        CHECK(typicalBuildingPixels(d, close.fovY, close.viewportHeight) >= kFetchPixels);
        // In front of the camera: north-east of it, not the tiles behind.
        CHECK(cellOf(index, i).x >= -9);
        CHECK(cellOf(index, i).y >= -9);
    }
    // The tile under the camera's target comes early, the one behind the camera never.
    const auto has = [&](glm::ivec2 cell) {
        return std::any_of(all.begin(), all.end(),
                           [&](size_t i) { return cellOf(index, i) == cell; });
    };
    CHECK(has({-6, -6}));
    CHECK_FALSE(has({-10, -10}));
    CHECK_FALSE(has({9, 9})); // in the view's direction but too far to tell buildings apart

    // What is loaded or on its way is not asked again, and at most `limit` come back.
    std::vector<bool> have(index.tiles.size(), false);
    const std::vector<size_t> first = tilesToFetch(index, close, have, 3);
    REQUIRE(first.size() == 3);
    CHECK(first == std::vector<size_t>(all.begin(), all.begin() + 3));
    for (size_t i : first)
        have[i] = true;
    const std::vector<size_t> next = tilesToFetch(index, close, have, 3);
    CHECK(next == std::vector<size_t>(all.begin() + 3, all.begin() + 6));

    // Moving the camera to the north-east asks for tiles the first view did not need.
    const TileViewer moved = viewerAt({3000, 400, 3000}, {4000, 4000});
    const std::vector<size_t> there = tilesToFetch(index, moved, {}, 1000);
    REQUIRE(!there.empty());
    for (size_t i : there)
        CHECK(std::find(all.begin(), all.end(), i) == all.end());
}

TEST_CASE("the start view high above the city fetches nothing; detail by distance", "[buildings]") {
    const BuildingIndex index = gridIndex();
    // 20 km up: buildings are under a pixel or two, not worth a download.
    const TileViewer high = viewerAt({0, 20000, -10000}, {0, 0});
    CHECK(tilesToFetch(index, high, {}, 1000).empty());
    // Where the tiles are on disk (a kiosk) all of them, nearest first, behind the camera too.
    const std::vector<size_t> all = tilesToFetch(index, high, {}, 1000, TileReach::All);
    CHECK(all.size() == index.tiles.size());
    glm::vec3 lo, hi;
    tileWorldBounds(index.tiles[all.front()], lo, hi);
    const double nearest = distanceToBox(high.eye, lo, hi);
    tileWorldBounds(index.tiles[all.back()], lo, hi);
    CHECK(distanceToBox(high.eye, lo, hi) > nearest);
    // A smaller screen reaches less far than a larger one.
    const TileViewer phone = viewerAt({-4000, 400, -4000}, {-3000, -3000}, 400);
    const TileViewer kiosk = viewerAt({-4000, 400, -4000}, {-3000, -3000}, 1080);
    CHECK(tilesToFetch(index, phone, {}, 1000).size() <
          tilesToFetch(index, kiosk, {}, 1000).size());

    const TileViewer close = viewerAt({-4000, 400, -4000}, {-3000, -3000});
    glm::vec3 min, max;
    tileWorldBounds(index.tiles[size_t(2 * 20 + 2)], min, max); // cell (-8, -8), under the eye
    CHECK(tileDetail(min, max, close) == TileDetail::Full);
    tileWorldBounds(index.tiles.back(), min, max); // cell (9, 9), 18 km away
    CHECK(tileDetail(min, max, close) == TileDetail::Roofs);
}

TEST_CASE("far tiles drawn as roofs are thinned to half the schematic share", "[buildings]") {
    MassingTile tile;
    tile.min = glm::vec3(0, 3, -500);
    tile.max = glm::vec3(500, 20, 0);
    tile.buildings = 400;
    const glm::vec3 near(250, 200, 100), far(250, 9000, 20000);
    CHECK(realBuildingsToDraw(tile, true, near, 0.785, 1080) == 400);
    const uint32_t schematic = buildingsToDraw(tile, far, 0.785, 1080);
    REQUIRE(schematic < 400);
    CHECK(realBuildingsToDraw(tile, true, far, 0.785, 1080) == schematic);
    CHECK(realBuildingsToDraw(tile, false, far, 0.785, 1080) == schematic / 2);
    // A tile of one building keeps it.
    tile.buildings = 1;
    CHECK(realBuildingsToDraw(tile, false, far, 0.785, 1080) == 1);
}

TEST_CASE("over the budget the furthest tiles the view no longer needs are dropped, and come back",
          "[buildings]") {
    const BuildingIndex index = gridIndex();
    const TileViewer here = viewerAt({-4000, 400, -4000}, {-3000, -3000});
    const TileViewer there = viewerAt({3000, 400, 3000}, {4000, 4000});
    // The first view's tiles loaded, 1000 bytes each on the GPU.
    const std::vector<size_t> first = tilesToFetch(index, here, {}, 1000);
    REQUIRE(first.size() >= 4);
    std::vector<size_t> bytes(index.tiles.size(), 0);
    for (size_t i : first)
        bytes[i] = 1000;
    const size_t all = 1000 * first.size();
    // Within the budget, or all needed by the view: nothing goes.
    CHECK(tilesToDrop(index, here, bytes, all).empty());
    CHECK(tilesToDrop(index, here, bytes, 0).empty());
    CHECK(tilesToDrop(index, there, bytes, all).empty());
    // Where every tile is needed (a kiosk, all on disk) never anything.
    CHECK(tilesToDrop(index, there, bytes, 0, TileReach::All).empty());

    // The camera moved away: the budget holds the first view's tiles but for three, and the
    // three furthest from the new view go, furthest first.
    const std::vector<size_t> dropped = tilesToDrop(index, there, bytes, all - 3000);
    REQUIRE(dropped.size() == 3);
    double last = 1e300;
    for (size_t i : dropped) {
        CHECK(bytes[i] > 0);
        glm::vec3 min, max;
        tileWorldBounds(index.tiles[i], min, max);
        const double d = distanceToBox(there.eye, min, max);
        CHECK(d <= last);
        last = d;
    }
    for (size_t i : first)
        if (std::find(dropped.begin(), dropped.end(), i) == dropped.end()) {
            glm::vec3 min, max;
            tileWorldBounds(index.tiles[i], min, max);
            CHECK(distanceToBox(there.eye, min, max) <= last); // the kept ones are nearer
        }
    // Bytes count, not tiles: the furthest tile large, dropping it alone is enough.
    std::vector<size_t> uneven = bytes;
    uneven[dropped[0]] = 50000;
    const std::vector<size_t> one = tilesToDrop(index, there, uneven, all);
    CHECK(one.size() == 1);
    CHECK(one[0] == dropped[0]);

    // While the view still needs a tile it stays, however tight the budget: at the second view
    // with both views' tiles loaded, only the first view's go.
    std::vector<size_t> both = bytes;
    const std::vector<size_t> second = tilesToFetch(index, there, {}, 1000);
    for (size_t i : second)
        both[i] = 1000;
    const std::vector<size_t> freed = tilesToDrop(index, there, both, 0);
    CHECK(freed.size() == first.size());
    for (size_t i : freed)
        CHECK(std::find(second.begin(), second.end(), i) == second.end());

    // Dropped and forgotten (not loaded, not asked), a tile is fetched again once the camera
    // returns.
    std::vector<bool> have(index.tiles.size(), false);
    for (size_t i : first)
        have[i] = true;
    for (size_t i : dropped)
        have[i] = false;
    const std::vector<size_t> back = tilesToFetch(index, here, have, 1000);
    CHECK(std::set<size_t>(back.begin(), back.end()) ==
          std::set<size_t>(dropped.begin(), dropped.end()));
}
