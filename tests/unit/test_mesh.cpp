#include "city_fixture.hpp"
#include "core/label_point.hpp"
#include "core/mesh.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {

// Sum over triangles of the area of their projection on the ground, signed so that faces
// seen counter-clockwise from above count positive.
double upwardArea(const MeshData& m) {
    double area = 0;
    for (size_t i = 0; i + 2 < m.indices.size(); i += 3) {
        const glm::dvec2 a = toEastNorth(m.vertices[m.indices[i]].position);
        const glm::dvec2 b = toEastNorth(m.vertices[m.indices[i + 1]].position);
        const glm::dvec2 c = toEastNorth(m.vertices[m.indices[i + 2]].position);
        area += 0.5 * ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
    }
    return area;
}

// Every triangle's winding agrees with its vertices' normal (front faces are counter-clockwise).
bool windingMatchesNormals(const MeshData& m) {
    for (size_t i = 0; i + 2 < m.indices.size(); i += 3) {
        const Vertex& a = m.vertices[m.indices[i]];
        const glm::vec3 n = glm::cross(m.vertices[m.indices[i + 1]].position - a.position,
                                       m.vertices[m.indices[i + 2]].position - a.position);
        if (glm::dot(n, a.normal) <= 0) return false;
    }
    return true;
}

const glm::u8vec4 kGrey(128, 128, 128, 255);

} // namespace

TEST_CASE("extruding a square gives a top and four outward walls", "[extrude]") {
    MeshData m;
    const Polygon square{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {}};
    REQUIRE(extrudePolygon(m, square, 2.0, 12.0, kGrey, 7));
    CHECK(m.vertices.size() == 4 + 4 * 4);
    CHECK(m.indices.size() == (2 + 4 * 2) * 3);
    CHECK(windingMatchesNormals(m));
    CHECK(upwardArea(m) == Approx(100.0)); // walls project to nothing
    for (const Vertex& v : m.vertices) {
        CHECK(v.feature == 7);
        CHECK((v.position.y == Approx(2.0) || v.position.y == Approx(12.0)));
        // Wall normals point away from the square's centre.
        if (v.normal.y == 0)
            CHECK(glm::dot(glm::vec2(v.normal.x, -v.normal.z),
                           glm::vec2(toEastNorth(v.position)) - glm::vec2(5, 5)) > 0);
    }
}

TEST_CASE("extrusion handles clockwise input, closing duplicates and holes", "[extrude]") {
    MeshData m;
    // Clockwise outer ring with GeoJSON's closing duplicate, and a counter-clockwise hole.
    const Polygon framed{{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}},
                         {{{3, 3}, {7, 3}, {7, 7}, {3, 7}}}};
    REQUIRE(extrudePolygon(m, framed, 0.0, 5.0, kGrey, 0));
    CHECK(windingMatchesNormals(m));
    CHECK(upwardArea(m) == Approx(100.0 - 16.0));
    // The hole's walls face into the hole, towards its centre.
    int holeWalls = 0;
    for (const Vertex& v : m.vertices) {
        const glm::vec2 p = toEastNorth(v.position);
        if (v.normal.y == 0 && p.x > 2 && p.x < 8 && p.y > 2 && p.y < 8) {
            ++holeWalls;
            CHECK(glm::dot(glm::vec2(v.normal.x, -v.normal.z), p - glm::vec2(5, 5)) < 0);
        }
    }
    CHECK(holeWalls == 16);
}

TEST_CASE("degenerate extrusions add nothing", "[extrude]") {
    MeshData m;
    CHECK_FALSE(extrudePolygon(m, Polygon{{{0, 0}, {1, 1}, {2, 2}}, {}}, 0, 5, kGrey, 0));
    CHECK_FALSE(extrudePolygon(m, Polygon{{{0, 0}, {1, 0}, {1, 1}}, {}}, 5, 5, kGrey, 0));
    CHECK_FALSE(extrudePolygon(m, Polygon{}, 0, 5, kGrey, 0));
    CHECK(m.vertices.empty());
    CHECK(m.indices.empty());
}

TEST_CASE("outlines close every ring", "[extrude]") {
    MeshData lines;
    addOutline(lines, Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 0}}, {}}, 1.0, kGrey, 3);
    CHECK(lines.vertices.size() == 3);
    CHECK(lines.indices == std::vector<uint32_t>{0, 1, 1, 2, 2, 0});
}

TEST_CASE("label points sit inside concave shapes", "[labels]") {
    // A U shape whose centroid lies in the gap between its arms.
    const Polygon u{{{0, 0}, {30, 0}, {30, 30}, {20, 30}, {20, 10}, {10, 10}, {10, 30}, {0, 30}},
                    {}};
    const glm::dvec2 p = labelPoint(u);
    CHECK(pointInPolygon(u, p));
    // A square keeps its centre.
    const glm::dvec2 c = labelPoint(Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {}});
    CHECK(c.x == Approx(5.0));
    CHECK(c.y == Approx(5.0));
}

TEST_CASE("splitting flat triangles by a grid keeps their area and bounds each piece",
          "[extrude]") {
    MeshData flat;
    REQUIRE(addFlatPolygon(flat, Polygon{{{-2500, -700}, {4100, 300}, {900, 5200}}, {}}, 1.0, kGrey,
                           9));
    const MeshData split = splitFlatByGrid(flat, 1000.0);
    CHECK(split.indices.size() > flat.indices.size());
    CHECK(upwardArea(split) == Approx(upwardArea(flat)));
    CHECK(windingMatchesNormals(split));
    for (size_t i = 0; i + 2 < split.indices.size(); i += 3) {
        glm::dvec2 lo(1e9), hi(-1e9);
        for (int k = 0; k < 3; ++k) {
            const Vertex& v = split.vertices[split.indices[i + k]];
            CHECK(v.feature == 9);
            CHECK(v.position.y == Approx(1.0));
            lo = glm::min(lo, toEastNorth(v.position));
            hi = glm::max(hi, toEastNorth(v.position));
        }
        CHECK(hi.x - lo.x <= 1000.0 + 1e-6);
        CHECK(hi.y - lo.y <= 1000.0 + 1e-6);
    }
}

TEST_CASE("a block is the same as extruding its quad", "[extrude]") {
    const glm::dvec2 corners[4] = {{0, 0}, {8, 1}, {7, 9}, {-1, 8}};
    MeshData block, extruded;
    addBlock(block, corners, 3.0, 20.0, kGrey, 4);
    REQUIRE(extrudePolygon(extruded, Polygon{{corners[0], corners[1], corners[2], corners[3]}, {}},
                           3.0, 20.0, kGrey, 4));
    REQUIRE(block.vertices.size() == extruded.vertices.size());
    REQUIRE(block.indices.size() == extruded.indices.size());
    CHECK(windingMatchesNormals(block));
    CHECK(upwardArea(block) == Approx(upwardArea(extruded)));
    for (size_t i = 0; i < block.vertices.size(); ++i)
        CHECK(block.vertices[i].position == extruded.vertices[i].position);
}

TEST_CASE("a block has its roof colour on top and walls darker at their feet", "[extrude]") {
    // The plans' blocks (light roofs framed by dark walls) and the depth cue of every block.
    const glm::dvec2 corners[4] = {{0, 0}, {8, 1}, {7, 9}, {-1, 8}};
    const glm::u8vec4 roof(240, 200, 180, 255), wall(100, 50, 30, 255);
    const glm::u8vec4 foot(glm::vec3(wall) * kWallFootShade, 255);
    MeshData block;
    addBlock(block, corners, 3.0, 20.0, roof, wall, 4);
    int roofs = 0, tops = 0, feet = 0;
    for (const Vertex& v : block.vertices) {
        if (v.normal.y > 0.5f) {
            CHECK(v.color == roof);
            ++roofs;
        } else if (v.position.y > 19.0f) {
            CHECK(v.color == wall);
            ++tops;
        } else {
            CHECK(v.color == foot);
            ++feet;
        }
    }
    CHECK(roofs == 4);
    CHECK(tops == 8);
    CHECK(feet == 8);
    CHECK(int(foot.r) < int(wall.r));
}

TEST_CASE("splitting a hostile layer by a grid stays bounded", "[extrude]") {
    // A .glb may repeat one triangle 2,000 km across thousands of times (12 bytes each): cut
    // at 1 km that was billions of pieces, and the viewer ran out of memory before its first
    // frame. The grid is made coarser instead.
    MeshData flat;
    REQUIRE(addFlatPolygon(flat, Polygon{{{-5e5, -5e5}, {5e5, -5e5}, {0, 5e5}}, {}}, 1.0, kGrey,
                           kNoFeature));
    const std::vector<uint32_t> triangle = flat.indices;
    for (int i = 1; i < 3000; ++i)
        flat.indices.insert(flat.indices.end(), triangle.begin(), triangle.end());
    const MeshData split = splitFlatByGrid(flat, 1000.0);
    CHECK(split.indices.size() / 3 <= 3 * kMaxSplitPieces);
    CHECK(upwardArea(split) == Approx(upwardArea(flat)));
    // The real city's layers are far smaller: its water is still cut at 1 km.
    const CityModel& city = almere::test::loadedCity();
    double largest = 0;
    for (size_t i = 0; i + 2 < city.water3d.indices.size(); i += 3) {
        glm::dvec2 lo(1e9), hi(-1e9);
        for (int k = 0; k < 3; ++k) {
            lo = glm::min(lo,
                          toEastNorth(city.water3d.vertices[city.water3d.indices[i + k]].position));
            hi = glm::max(hi,
                          toEastNorth(city.water3d.vertices[city.water3d.indices[i + k]].position));
        }
        largest = std::max({largest, hi.x - lo.x, hi.y - lo.y});
    }
    CHECK(largest <= 1000.0 + 1e-3);
}
