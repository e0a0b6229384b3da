#include "core/triangulate.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>

using namespace almere;

namespace {

// All vertices in the order triangulate() indexes them.
std::vector<glm::dvec2> flatten(const Polygon& polygon) {
    std::vector<glm::dvec2> vertices = polygon.outer;
    for (const Ring& hole : polygon.holes)
        vertices.insert(vertices.end(), hole.begin(), hole.end());
    return vertices;
}

double triangleArea(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c) {
    return 0.5 * ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
}

double polygonArea(const Polygon& polygon) {
    double area = std::abs(signedArea(polygon.outer));
    for (const Ring& hole : polygon.holes)
        area -= std::abs(signedArea(hole));
    return area;
}

struct Summary {
    std::size_t triangles = 0;
    double area = 0.0;
    bool allCounterClockwise = true;
    bool indicesInRange = true;
    bool centroidsInside = true;
};

// Checks the invariants every result must satisfy and sums up the rest for the test to judge.
Summary summarize(const Polygon& polygon, const std::vector<uint32_t>& indices) {
    const std::vector<glm::dvec2> vertices = flatten(polygon);
    Summary s;
    REQUIRE(indices.size() % 3 == 0);
    s.triangles = indices.size() / 3;
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        if (indices[t] >= vertices.size() || indices[t + 1] >= vertices.size() ||
            indices[t + 2] >= vertices.size()) {
            s.indicesInRange = false;
            continue;
        }
        const glm::dvec2 a = vertices[indices[t]];
        const glm::dvec2 b = vertices[indices[t + 1]];
        const glm::dvec2 c = vertices[indices[t + 2]];
        const double area = triangleArea(a, b, c);
        if (!(area > 0.0)) s.allCounterClockwise = false;
        s.area += area;
        if (!pointInPolygon(polygon, (a + b + c) / 3.0)) s.centroidsInside = false;
    }
    return s;
}

// Triangulates and checks that the triangles exactly cover the polygon.
void checkCovers(const Polygon& polygon, std::size_t expectedTriangles = 0) {
    const std::vector<uint32_t> indices = triangulate(polygon);
    const Summary s = summarize(polygon, indices);
    CHECK(s.indicesInRange);
    CHECK(s.allCounterClockwise);
    CHECK(s.centroidsInside);
    const double expected = polygonArea(polygon);
    CHECK(std::abs(s.area - expected) <= 1e-9 * expected);
    if (expectedTriangles > 0) CHECK(s.triangles == expectedTriangles);
}

Ring reversed(Ring ring) {
    std::reverse(ring.begin(), ring.end());
    return ring;
}

Ring square(double x0, double y0, double size) {
    return {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}};
}

} // namespace

TEST_CASE("signedArea is positive for counter-clockwise rings", "[triangulate]") {
    const Ring ring = square(0.0, 0.0, 2.0);
    CHECK(signedArea(ring) == Approx(4.0));
    CHECK(signedArea(reversed(ring)) == Approx(-4.0));
    Ring closed = ring;
    closed.push_back(ring.front());
    CHECK(signedArea(closed) == Approx(4.0));
    CHECK(signedArea({}) == 0.0);
    // Far from the origin, as RD coordinates are.
    CHECK(signedArea(square(155000.25, 463000.5, 0.1)) == Approx(0.01).epsilon(1e-6));
}

TEST_CASE("pointInRing and pointInPolygon", "[triangulate]") {
    const Polygon polygon{square(0.0, 0.0, 10.0), {square(2.0, 2.0, 2.0), square(6.0, 6.0, 2.0)}};
    CHECK(pointInRing(polygon.outer, {5.0, 5.0}));
    CHECK(pointInRing(reversed(polygon.outer), {5.0, 5.0}));
    CHECK_FALSE(pointInRing(polygon.outer, {11.0, 5.0}));
    CHECK_FALSE(pointInRing(polygon.outer, {-1.0, -1.0}));
    CHECK_FALSE(pointInRing({}, {0.0, 0.0}));
    CHECK(pointInPolygon(polygon, {5.0, 5.0}));
    CHECK_FALSE(pointInPolygon(polygon, {3.0, 3.0}));
    CHECK_FALSE(pointInPolygon(polygon, {7.0, 7.0}));
    CHECK_FALSE(pointInPolygon(polygon, {12.0, 3.0}));
}

TEST_CASE("ringCentroid is area weighted", "[triangulate]") {
    const glm::dvec2 c = ringCentroid(square(2.0, 4.0, 2.0));
    CHECK(c.x == Approx(3.0));
    CHECK(c.y == Approx(5.0));

    // An L shape: the centroid is pulled towards the larger arm, unlike the vertex mean.
    const Ring ell{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 4}, {0, 4}};
    const glm::dvec2 l = ringCentroid(ell);
    // Arms 4x1 (centroid 2, 0.5) and 1x3 (centroid 0.5, 2.5), total area 7.
    CHECK(l.x == Approx((4.0 * 2.0 + 3.0 * 0.5) / 7.0));
    CHECK(l.y == Approx((4.0 * 0.5 + 3.0 * 2.5) / 7.0));
    const glm::dvec2 lr = ringCentroid(reversed(ell));
    CHECK(lr.x == Approx(l.x));
    CHECK(lr.y == Approx(l.y));

    // Degenerate rings fall back to the vertex mean, the closing duplicate counted once.
    const glm::dvec2 line = ringCentroid({{0, 0}, {1, 0}, {2, 0}, {0, 0}});
    CHECK(line.x == Approx(1.0));
    CHECK(line.y == Approx(0.0));
    CHECK(ringCentroid({}) == glm::dvec2(0.0));
}

TEST_CASE("Square", "[triangulate]") {
    const Polygon polygon{square(0.0, 0.0, 1.0), {}};
    checkCovers(polygon, 2);
    checkCovers(Polygon{reversed(polygon.outer), {}}, 2);
}

TEST_CASE("Concave polygons", "[triangulate]") {
    SECTION("L shape") {
        checkCovers(Polygon{{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 4}, {0, 4}}, {}}, 4);
    }
    SECTION("U shape") {
        checkCovers(Polygon{{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}}, {}},
                    6);
    }
    SECTION("Comb") {
        // Ten teeth of width 1 pointing up from a spine of height 1: many reflex vertices in a row.
        Ring comb{{0.0, 0.0}, {20.0, 0.0}};
        for (int i = 9; i >= 0; --i) {
            const double x = 2.0 * i;
            comb.push_back({x + 2.0, 5.0});
            comb.push_back({x + 1.0, 5.0});
            comb.push_back({x + 1.0, 1.0});
            comb.push_back({x, 1.0});
        }
        const Polygon polygon{comb, {}};
        REQUIRE(signedArea(comb) == Approx(20.0 + 10 * 4.0));
        checkCovers(polygon, comb.size() - 2);
        checkCovers(Polygon{reversed(comb), {}}, comb.size() - 2);
    }
    SECTION("Far from the origin") {
        // An RD-sized offset must not cost precision.
        Ring ell{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 4}, {0, 4}};
        for (glm::dvec2& v : ell)
            v = v * 0.37 + glm::dvec2(143000.0, 487000.0);
        checkCovers(Polygon{ell, {}}, 4);
    }
}

TEST_CASE("Polygons with holes", "[triangulate]") {
    SECTION("One hole") {
        const Polygon polygon{square(0.0, 0.0, 10.0), {square(3.0, 3.0, 4.0)}};
        checkCovers(polygon, 8);
    }
    SECTION("Two holes") {
        const Polygon polygon{square(0.0, 0.0, 10.0),
                              {square(1.0, 1.0, 3.0), reversed(square(5.0, 6.0, 3.0))}};
        checkCovers(polygon, 14);
    }
    SECTION("Holes next to each other on the bridge ray") {
        // The left hole's bridge would cross the right hole if holes were bridged left to right.
        Ring outer{{0, 0}, {20, 0}, {20, 10}, {0, 10}};
        const Polygon polygon{
            outer, {square(2.0, 4.0, 2.0), square(8.0, 3.0, 4.0), square(14.0, 4.5, 1.0)}};
        checkCovers(polygon, 16 + 2 * 3 - 2);
    }
    SECTION("Hole in a concave outer ring") {
        const Polygon polygon{
            {{0, 0}, {10, 0}, {10, 10}, {6, 10}, {6, 4}, {4, 4}, {4, 10}, {0, 10}},
            {square(1.0, 1.0, 2.0), square(7.0, 5.0, 2.0)}};
        checkCovers(polygon);
    }
    SECTION("Hole touching the outer ring at a vertex") {
        const Polygon polygon{square(0.0, 0.0, 10.0), {{{10, 5}, {7, 3}, {7, 7}}}};
        checkCovers(polygon);
    }
    SECTION("Four holes meeting in one vertex") {
        // A pinwheel: where several rings share a point, every bridge has to attach to the copy of
        // that point whose interior angle it passes through.
        const std::vector<Ring> holes{{{2, 2}, {6, 5}, {2, 8}},
                                      {{6, 5}, {10, 2}, {10, 8}},
                                      {{6, 5}, {8, 9}, {4, 9}},
                                      {{6, 5}, {4, 1}, {8, 1}}};
        for (int flips = 0; flips < 16; ++flips) {
            Polygon polygon{{{0, 0}, {12, 0}, {12, 10}, {0, 10}}, holes};
            for (int i = 0; i < 4; ++i) {
                if (flips & (1 << i)) polygon.holes[i] = reversed(polygon.holes[i]);
            }
            // No fixed triangle count: it depends on which bridges collapse to zero length.
            checkCovers(polygon);
        }
    }
    SECTION("Many holes in a large ring") {
        // Enough vertices for the z-order ear search, enough holes for the bridging grid.
        Ring outer;
        constexpr int kCount = 400;
        for (int i = 0; i < kCount; ++i) {
            const double a = 6.283185307179586 * i / kCount;
            const double r = 100.0 + 5.0 * std::sin(9.0 * a);
            outer.push_back({143000.0 + r * std::cos(a), 487000.0 + r * std::sin(a)});
        }
        Polygon polygon{outer, {}};
        for (int i = 0; i < 8; ++i) {
            for (int j = 0; j < 8; ++j) {
                const Ring hole =
                    square(143000.0 - 60.0 + 15.0 * i, 487000.0 - 60.0 + 15.0 * j, 7.0);
                polygon.holes.push_back((i + j) % 2 == 0 ? hole : reversed(hole));
            }
        }
        checkCovers(polygon, kCount + 64 * 4 + 2 * 64 - 2);
    }
    SECTION("Closed rings in GeoJSON style") {
        Ring outer = square(0.0, 0.0, 10.0);
        outer.push_back(outer.front());
        Ring hole = reversed(square(3.0, 3.0, 4.0));
        hole.push_back(hole.front());
        checkCovers(Polygon{outer, {hole}}, 8);
    }
    SECTION("Holes that cannot contribute are ignored") {
        const Polygon polygon{square(0.0, 0.0, 10.0),
                              {{}, {{1, 1}, {2, 2}}, {{3, 3}, {4, 4}, {5, 5}}, square(20, 20, 1)}};
        const std::vector<uint32_t> indices = triangulate(polygon);
        CHECK(indices.size() == 6);
        for (uint32_t i : indices)
            CHECK(i < 4);
    }
}

TEST_CASE("Both windings give counter-clockwise triangles", "[triangulate]") {
    const Ring ell{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 4}, {0, 4}};
    for (bool flipOuter : {false, true}) {
        for (bool flipHole : {false, true}) {
            Ring outer = flipOuter ? reversed(ell) : ell;
            Ring h = flipHole ? reversed(square(0.25, 2.0, 0.5)) : square(0.25, 2.0, 0.5);
            checkCovers(Polygon{outer, {h}});
        }
    }
}

TEST_CASE("Closing duplicate vertex never appears in a triangle", "[triangulate]") {
    Ring ring{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 4}, {0, 4}, {0, 0}};
    const std::vector<uint32_t> indices = triangulate(Polygon{ring, {}});
    REQUIRE(indices.size() == 12);
    CHECK(std::find(indices.begin(), indices.end(), 6u) == indices.end());
    CHECK(std::find(indices.begin(), indices.end(), 0u) != indices.end());
    checkCovers(Polygon{ring, {}}, 4);
}

TEST_CASE("Repeated and collinear points", "[triangulate]") {
    SECTION("Repeated points reference the first of each run") {
        const Ring ring{{0, 0}, {0, 0}, {2, 0}, {2, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 2}};
        const std::vector<uint32_t> indices = triangulate(Polygon{ring, {}});
        REQUIRE(indices.size() == 6);
        for (uint32_t i : indices)
            CHECK((i == 0 || i == 2 || i == 5 || i == 6));
        checkCovers(Polygon{ring, {}}, 2);
    }
    SECTION("Collinear points along the edges") {
        const Ring ring{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {1.5, 2}, {0, 2}, {0, 1}};
        checkCovers(Polygon{ring, {}});
    }
    SECTION("Collinear points in a hole") {
        const Polygon polygon{square(0.0, 0.0, 10.0),
                              {{{3, 3}, {5, 3}, {7, 3}, {7, 7}, {5, 7}, {3, 7}, {3, 5}}}};
        checkCovers(polygon);
    }
}

TEST_CASE("Degenerate input returns no triangles", "[triangulate]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(triangulate(Polygon{}).empty());
    CHECK(triangulate(Polygon{{{0, 0}}, {}}).empty());
    CHECK(triangulate(Polygon{{{0, 0}, {1, 1}}, {}}).empty());
    CHECK(triangulate(Polygon{{{0, 0}, {1, 1}, {0, 0}}, {}}).empty());
    CHECK(triangulate(Polygon{{{0, 0}, {1, 1}, {2, 2}}, {}}).empty());
    CHECK(triangulate(Polygon{{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {1, 1}}, {}}).empty());
    CHECK(triangulate(Polygon{{{0.1, 0.3}, {0.2, 0.6}, {0.3, 0.9}, {0.7, 2.1}}, {}}).empty());
    CHECK(triangulate(Polygon{{{5, 5}, {5, 5}, {5, 5}, {5, 5}}, {}}).empty());
    CHECK(triangulate(Polygon{{{0, 0}, {1, 0}, {nan, 1}}, {}}).empty());
    CHECK(triangulate(Polygon{{{0, 0}, {1, 0}, {inf, 1}}, {}}).empty());
    CHECK(triangulate(Polygon{square(0, 0, 1), {{{0.2, 0.2}, {0.4, nan}, {0.3, 0.4}}}}).empty());
    // Degenerate holes do not make an otherwise fine polygon degenerate.
    CHECK(triangulate(Polygon{square(0, 0, 1), {{{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}}}).size() ==
          6);
}

TEST_CASE("Hostile input terminates", "[triangulate]") {
    std::mt19937 rng(1234);
    std::uniform_real_distribution<double> coord(-10.0, 10.0);
    std::uniform_int_distribution<int> grid(0, 4);
    for (int iteration = 0; iteration < 300; ++iteration) {
        Polygon polygon;
        const int count = 3 + iteration % 40;
        const bool snapped = iteration % 2 == 0; // snapped points make many exact coincidences
        for (int i = 0; i < count; ++i) {
            const double x = snapped ? grid(rng) : coord(rng);
            const double y = snapped ? grid(rng) : coord(rng);
            polygon.outer.push_back({x, y});
        }
        for (int h = 0; h < iteration % 3; ++h) {
            Ring hole;
            for (int i = 0; i < 3 + h; ++i) {
                const double x = coord(rng) * 0.3;
                hole.push_back({x, coord(rng) * 0.3});
            }
            polygon.holes.push_back(hole);
        }
        // Self-intersecting input has no defined triangulation; the contract is only that the
        // call returns valid, counter-clockwise triangles.
        const Summary s = summarize(polygon, triangulate(polygon));
        CHECK(s.indicesInRange);
        CHECK(s.allCounterClockwise);
    }
}

TEST_CASE("Large hostile input finishes quickly", "[triangulate]") {
    std::mt19937 rng(99);
    std::uniform_real_distribution<double> coord(0.0, 1000.0);
    Polygon polygon;
    for (int i = 0; i < 3000; ++i) {
        const double x = coord(rng);
        polygon.outer.push_back({x, coord(rng)});
    }
    for (int h = 0; h < 300; ++h) {
        const double x = coord(rng);
        const double y = coord(rng);
        polygon.holes.push_back({{x, y}, {x + 200.0, y}, {x, y + 200.0}});
    }
    const auto start = std::chrono::steady_clock::now();
    const Summary s = summarize(polygon, triangulate(polygon));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(s.indicesInRange);
    CHECK(s.allCounterClockwise);
    // Generous, for slow sanitizer builds: the point is that the fallbacks are bounded.
    CHECK(seconds < 20.0);
}

TEST_CASE("Random star-shaped polygons", "[triangulate]") {
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    constexpr double kTwoPi = 6.283185307179586;
    for (int iteration = 0; iteration < 200; ++iteration) {
        // Up to a few hundred vertices, so that both the plain and the z-order ear search run.
        const int count = 3 + static_cast<int>(unit(rng) * (iteration % 4 == 0 ? 400 : 60));
        // Sorted angles give a simple polygon as long as no gap reaches half a turn.
        std::vector<double> angles;
        double largestGap = kTwoPi;
        while (largestGap >= 0.5 * kTwoPi) {
            angles.resize(count);
            for (double& a : angles)
                a = unit(rng) * kTwoPi;
            std::sort(angles.begin(), angles.end());
            angles.erase(std::unique(angles.begin(), angles.end()), angles.end());
            largestGap = angles.front() + kTwoPi - angles.back();
            for (std::size_t i = 1; i < angles.size(); ++i) {
                largestGap = std::max(largestGap, angles[i] - angles[i - 1]);
            }
        }

        const glm::dvec2 centre{unit(rng) * 1000.0, unit(rng) * 1000.0};
        Ring ring;
        for (double a : angles) {
            const double r = 1.0 + 99.0 * unit(rng);
            ring.push_back(centre + r * glm::dvec2(std::cos(a), std::sin(a)));
        }
        if (iteration % 2 == 1) std::reverse(ring.begin(), ring.end());
        if (iteration % 5 == 0) ring.push_back(ring.front());

        const Polygon polygon{ring, {}};
        const double expected = polygonArea(polygon);
        REQUIRE(expected > 0.0);
        INFO("iteration " << iteration << ", " << ring.size() << " vertices");
        const Summary s = summarize(polygon, triangulate(polygon));
        CHECK(s.indicesInRange);
        CHECK(s.allCounterClockwise);
        CHECK(std::abs(s.area - expected) <= 1e-9 * expected);
    }
}
