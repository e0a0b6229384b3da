// Soft ground shadows under buildings (issue 12's depth cue): one patch per building, in the
// massing's order, on the ground, away from the sun, dark inside and clear at the rim.
#include "core/city_model.hpp"
#include "core/ground_shadow.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace almere;

namespace {

struct Patch {
    glm::dvec2 innerCentre{0};
    glm::dvec2 lo{1e30}, hi{-1e30}; // bounds of every vertex it uses (east, north)
    size_t inner = 0, rim = 0;      // vertices: dark, and clear
    float lowest = 1e30f, highest = -1e30f;
};

Patch patch(const MeshData& mesh, IndexRange r) {
    Patch p;
    const std::set<uint32_t> used(mesh.indices.begin() + r.first,
                                  mesh.indices.begin() + r.first + r.count);
    for (uint32_t index : used) {
        const Vertex& v = mesh.vertices[index];
        const glm::dvec2 en = toEastNorth(v.position);
        p.lo = glm::min(p.lo, en);
        p.hi = glm::max(p.hi, en);
        p.lowest = std::min(p.lowest, v.position.y);
        p.highest = std::max(p.highest, v.position.y);
        if (v.color.a == shadow::kAlpha) {
            p.innerCentre += en;
            ++p.inner;
        } else {
            CHECK(v.color.a == 0);
            ++p.rim;
        }
        CHECK(v.feature == kNoFeature);
    }
    if (p.inner) p.innerCentre /= double(p.inner);
    return p;
}

} // namespace

TEST_CASE("each building gets a soft shadow on its ground, away from the sun", "[shadow]") {
    MeshData massing;
    BuildingEnds ends;
    const glm::dvec2 box[4] = {{-5, -5}, {5, -5}, {5, 5}, {-5, 5}};
    addBlock(massing, box, layer::kLandTop, layer::kLandTop + 20, {200, 200, 200, 255}, 7);
    ends.push_back(uint32_t(massing.indices.size()));
    const glm::dvec2 far[4] = {{95, -5}, {105, -5}, {105, 5}, {95, 5}};
    addBlock(massing, far, layer::kLandTop, layer::kLandTop + 60, {200, 200, 200, 255}, 7);
    ends.push_back(uint32_t(massing.indices.size()));

    BuildingEnds shadowEnds{123}; // replaced, not appended to
    const MeshData shadows = groundShadows(massing, ends, shadowEnds);
    REQUIRE(shadowEnds.size() == 2);
    const Patch low = patch(shadows, buildingIndices(shadowEnds, 0, 1));
    const Patch tower = patch(shadows, buildingIndices(shadowEnds, 1, 1));

    // On the ground the block stands on, just above it.
    CHECK(low.lowest == Approx(layer::kLandTop + shadow::kLiftM));
    CHECK(low.highest == Approx(layer::kLandTop + shadow::kLiftM));
    CHECK(low.inner == 1); // the dark middle
    CHECK(low.rim >= 4);   // each corner of the swept foot, grown by the rim

    // The sun stands west-south-west-ish (x -0.45, north -0.35): shadows fall east and north.
    const glm::vec3 sun = sunDirection();
    const glm::dvec2 away = glm::normalize(-glm::dvec2(sun.x, -sun.z));
    CHECK(away.x > 0);
    CHECK(away.y > 0);
    CHECK(glm::dot(low.innerCentre, away) > 1.0);
    // 20 m tall: the foot swept 7 m away from the sun, plus the soft rim.
    CHECK(low.hi.x == Approx(5 + 20 * shadow::kReachPerMetre * away.x + shadow::kRimM)
                          .margin(shadow::kRimM * 0.5));
    CHECK(low.lo.x == Approx(-5 - shadow::kRimM).margin(shadow::kRimM * 0.5));
    // A tower's shadow is capped: it must not lie across the next blocks.
    CHECK(glm::dot(tower.innerCentre - glm::dvec2(100, 0), away) ==
          Approx(shadow::kMaxReachM / 2).margin(0.5));
    CHECK(glm::dot(low.innerCentre, away) == Approx(20 * shadow::kReachPerMetre / 2).margin(0.5));
}

TEST_CASE("a shadow follows whatever made the block: real footprints, and the sun's side",
          "[shadow]") {
    // An L-shaped real footprint, extruded (no bottom face, walls to the ground).
    MeshData massing;
    BuildingEnds ends;
    const Polygon l{{{0, 0}, {30, 0}, {30, 10}, {10, 10}, {10, 30}, {0, 30}}, {}};
    REQUIRE(extrudePolygon(massing, l, layer::kLandTop, layer::kLandTop + 12, {1, 2, 3, 255}, 0));
    ends.push_back(uint32_t(massing.indices.size()));
    // A zero-height leftover: no walls, only a top, nothing to stand on the ground.
    const glm::dvec2 flat[4] = {{50, 0}, {60, 0}, {60, 10}, {50, 10}};
    addBlock(massing, flat, layer::kLandTop, layer::kLandTop, {1, 2, 3, 255}, 0);
    ends.push_back(uint32_t(massing.indices.size()));

    BuildingEnds shadowEnds;
    const MeshData east = groundShadows(massing, ends, shadowEnds, glm::vec3(-1, 1, 0));
    REQUIRE(shadowEnds.size() == 2);
    CHECK(buildingIndices(shadowEnds, 1, 1).count == 0);
    const Patch p = patch(east, buildingIndices(shadowEnds, 0, 1));
    // Sun in the west: the shadow covers the footprint's hull and reaches 12 * 0.35 m east.
    CHECK(p.hi.x == Approx(30 + 12 * shadow::kReachPerMetre + shadow::kRimM).margin(0.01));
    CHECK(p.lo.x == Approx(-shadow::kRimM).margin(0.01));
    CHECK(p.hi.y == Approx(30 + shadow::kRimM).margin(0.01));

    const MeshData west = groundShadows(massing, ends, shadowEnds, glm::vec3(1, 1, 0));
    const Patch q = patch(west, buildingIndices(shadowEnds, 0, 1));
    CHECK(q.lo.x == Approx(-12 * shadow::kReachPerMetre - shadow::kRimM).margin(0.01));
    CHECK(q.hi.x == Approx(30 + shadow::kRimM).margin(0.01));

    // Every triangle faces up (counter-clockwise seen from above), so nothing is culled away.
    for (size_t i = 0; i < east.indices.size(); i += 3) {
        const glm::dvec2 a = toEastNorth(east.vertices[east.indices[i]].position),
                         b = toEastNorth(east.vertices[east.indices[i + 1]].position),
                         c = toEastNorth(east.vertices[east.indices[i + 2]].position);
        CHECK((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) > 0);
    }
}

TEST_CASE("no massing, no shadows", "[shadow]") {
    BuildingEnds shadowEnds{1, 2};
    const MeshData none = groundShadows(MeshData{}, BuildingEnds{}, shadowEnds);
    CHECK(none.vertices.empty());
    CHECK(shadowEnds.empty());
}

TEST_CASE("shadows regrouped by cells keep every patch, each in the cell around it", "[shadow]") {
    MeshData massing;
    BuildingEnds ends;
    for (int i = 0; i < 40; ++i) { // a row of blocks 60 m apart: 10 cells of 250 m
        const glm::dvec2 c(60.0 * i - 1000, 30);
        const glm::dvec2 box[4] = {c + glm::dvec2(-5, -5), c + glm::dvec2(5, -5),
                                   c + glm::dvec2(5, 5), c + glm::dvec2(-5, 5)};
        addBlock(massing, box, layer::kLandTop, layer::kLandTop + 10, {9, 9, 9, 255}, 0);
        ends.push_back(uint32_t(massing.indices.size()));
    }
    BuildingEnds shadowEnds;
    MeshData shadows = groundShadows(massing, ends, shadowEnds);
    const std::multiset<uint32_t> before(shadows.indices.begin(), shadows.indices.end());
    const std::vector<MeshCell> cells = groupByCell(shadows, shadowEnds, 250);
    CHECK(std::multiset<uint32_t>(shadows.indices.begin(), shadows.indices.end()) == before);
    REQUIRE(cells.size() == 10);
    uint32_t next = 0;
    for (const MeshCell& cell : cells) {
        CHECK(cell.first == next); // contiguous, in order, covering all
        next += cell.count;
        // Its patches reach a rim and a sweep beyond the cell, never more.
        CHECK(cell.max.x - cell.min.x < 250 + 2 * (shadow::kRimM + 10 * shadow::kReachPerMetre));
        CHECK(cell.min.y == Approx(layer::kLandTop + shadow::kLiftM));
        CHECK(cell.count % 3 == 0);
    }
    CHECK(next == shadows.indices.size());
    CHECK(cells.front().min.x < cells.back().min.x); // west to east along the row
}

TEST_CASE("a foot with repeated and collinear corners still gets its hull", "[shadow]") {
    // An extruded footprint with a corner in the middle of a side: the foot repeats every corner
    // (walls share them) and has three points on one line.
    MeshData massing;
    BuildingEnds ends;
    const Polygon p{{{0, 0}, {5, 0}, {10, 0}, {10, 10}, {0, 10}}, {}};
    REQUIRE(extrudePolygon(massing, p, layer::kLandTop, layer::kLandTop + 8, {1, 2, 3, 255}, 0));
    ends.push_back(uint32_t(massing.indices.size()));
    BuildingEnds shadowEnds;
    const MeshData s = groundShadows(massing, ends, shadowEnds, glm::vec3(0, 1, 0)); // sun above
    const Patch patch1 = patch(s, buildingIndices(shadowEnds, 0, 1));
    CHECK(patch1.rim == 4); // the square's corners, not the one mid-side
    CHECK(patch1.lo.x == Approx(-shadow::kRimM).margin(1e-6));
    CHECK(patch1.hi.y == Approx(10 + shadow::kRimM).margin(1e-6));
}
