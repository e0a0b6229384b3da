// The schematic building generator (core/district_layout, issue 12): for every wijk of the real
// city and every typology, blocks stand inside their wijk and out of the water, never overlap
// each other or a street, and come out the same for the same input; a plan's blocks stand in
// its area.
#include "city_fixture.hpp"
#include "core/district_layout.hpp"
#include "core/plan_layers.hpp"
#include "core/plans.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace almere;
using namespace almere::test;

namespace {

// Touching (a bar against its neighbour, a block against its street's edge) is not overlapping.
constexpr double kToleranceM = 0.01;

std::vector<glm::dvec2> corners(const Building& b) {
    const double c = std::cos(b.angle), s = std::sin(b.angle);
    std::vector<glm::dvec2> out;
    for (glm::dvec2 k :
         {glm::dvec2(-1, -1), glm::dvec2(1, -1), glm::dvec2(1, 1), glm::dvec2(-1, 1)}) {
        const glm::dvec2 v = k * b.size * 0.5;
        out.push_back(b.centre + glm::dvec2(v.x * c - v.y * s, v.x * s + v.y * c));
    }
    return out;
}

struct Bounds {
    glm::dvec2 lo{1e300}, hi{-1e300};
};

Bounds bounds(const Building& b) {
    Bounds out;
    for (glm::dvec2 p : corners(b)) {
        out.lo = glm::min(out.lo, p);
        out.hi = glm::max(out.hi, p);
    }
    return out;
}

// Pairs of buildings that overlap, found with a sweep over their bounding boxes.
size_t overlappingPairs(const std::vector<Building>& buildings) {
    std::vector<std::pair<Bounds, size_t>> sorted;
    for (size_t i = 0; i < buildings.size(); ++i)
        sorted.push_back({bounds(buildings[i]), i});
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first.lo.x < b.first.lo.x; });
    size_t pairs = 0;
    for (size_t i = 0; i < sorted.size(); ++i)
        for (size_t j = i + 1; j < sorted.size() && sorted[j].first.lo.x < sorted[i].first.hi.x;
             ++j) {
            if (sorted[j].first.lo.y >= sorted[i].first.hi.y ||
                sorted[i].first.lo.y >= sorted[j].first.hi.y)
                continue;
            pairs += footprintsOverlap(buildings[sorted[i].second], buildings[sorted[j].second],
                                       kToleranceM);
        }
    return pairs;
}

size_t onStreets(const DistrictLayout& layout) {
    size_t count = 0;
    for (const Building& b : layout.buildings)
        for (const Building& street : layout.streets)
            if (footprintsOverlap(b, street, kToleranceM)) {
                ++count;
                break;
            }
    return count;
}

bool same(const std::vector<Building>& a, const std::vector<Building>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].centre != b[i].centre || a[i].size != b[i].size || a[i].angle != b[i].angle ||
            a[i].height != b[i].height)
            return false;
    return true;
}

// The character.json style of each typology (farmsteads: the rural one).
MassingStyle styleOf(const CityModel& city, Typology typology) {
    for (const char* name : {"centrum", "stedelijk", "suburbaan", "bedrijven", "landelijk"}) {
        const MassingStyle& style = city.styles.at(name);
        if (style.typology == typology) return style;
    }
    FAIL("no style of typology " << typologyName(typology));
    return {};
}

} // namespace

TEST_CASE("every wijk in every typology: blocks inside, apart, off the streets, repeatable",
          "[massing][layout]") {
    const CityModel& city = loadedCity();
    REQUIRE(city.wijken.size() > 60);
    for (Typology typology : {Typology::Rows, Typology::Courtyards, Typology::Centre,
                              Typology::Halls, Typology::Farmsteads}) {
        const MassingStyle style = styleOf(city, typology);
        size_t total = 0;
        for (size_t w = 0; w < city.wijken.size(); ++w) {
            const WijkInfo& wijk = city.wijken[w];
            INFO(typologyName(typology) << " in " << wijk.code << " " << wijk.name);
            const auto buildable = [&](glm::dvec2 p) {
                return city.wijkGrid.find(p) == int(w) && city.waterGrid.find(p) < 0;
            };
            const DistrictLayout layout = layOutDistrict(wijk.code, wijk.parts, style, buildable);
            for (const Building& b : layout.buildings) {
                REQUIRE(b.size.x > 0);
                REQUIRE(b.size.y > 0);
                for (glm::dvec2 corner : corners(b)) {
                    REQUIRE(wijkAt(city, corner) == int(w));
                    REQUIRE(city.waterGrid.find(corner) < 0);
                }
            }
            CHECK(overlappingPairs(layout.buildings) == 0);
            CHECK(onStreets(layout) == 0);
            const DistrictLayout again = layOutDistrict(wijk.code, wijk.parts, style, buildable);
            CHECK(same(again.buildings, layout.buildings));
            CHECK(same(again.streets, layout.streets));
            total += layout.buildings.size();
        }
        INFO(typologyName(typology));
        CHECK(total > 1000);
    }
}

TEST_CASE("the checks of the layout test can fail", "[massing][layout]") {
    const Building a{{0, 0}, {20, 10}, 0.3, 10};
    Building b = a;
    b.centre = {19.9, 0};
    CHECK(footprintsOverlap(a, b, kToleranceM));                // turned 0.3 rad: still overlapping
    b.centre = glm::dvec2(std::cos(0.3), std::sin(0.3)) * 20.0; // end to end: touching
    CHECK_FALSE(footprintsOverlap(a, b, kToleranceM));
    b.centre = glm::dvec2(std::cos(0.3), std::sin(0.3)) * 19.9;
    CHECK(footprintsOverlap(a, b, kToleranceM));
    // Crossed at right angles, all corners outside each other: only the axes of both tell.
    const Building cross{{0, 0}, {4, 40}, 0.3, 10};
    CHECK(footprintsOverlap(a, cross, kToleranceM));
    CHECK(overlappingPairs({a, cross, Building{{500, 0}, {10, 10}, 0, 5}}) == 1);
}

TEST_CASE("a district's street grid follows its shape", "[massing][layout]") {
    // A 2 km x 400 m rectangle turned 30 degrees: the streets run along its long side.
    const double angle = 0.5235987755982988;
    const glm::dvec2 along(std::cos(angle), std::sin(angle)), across(-along.y, along.x);
    const Polygon part{{along * -1000.0 + across * -200.0, along * 1000.0 + across * -200.0,
                        along * 1000.0 + across * 200.0, along * -1000.0 + across * 200.0},
                       {}};
    CHECK(gridAngle({part}) == Approx(angle).margin(1e-9));
    // Turned a further 90 degrees it is the same rectangle.
    const Polygon upright{{across * -1000.0 + along * -200.0, across * 1000.0 + along * -200.0,
                           across * 1000.0 + along * 200.0, across * -1000.0 + along * 200.0},
                          {}};
    CHECK(gridAngle({upright}) == Approx(angle + 1.5707963267948966).margin(1e-9));
}

TEST_CASE("each typology builds its own kind of place", "[massing][layout]") {
    const CityModel& city = loadedCity();
    const int w = city.findWijk("WK003417"); // Centrum Almere Stad: large enough for all
    REQUIRE(w >= 0);
    const auto buildable = [&](glm::dvec2 p) {
        return city.wijkGrid.find(p) == w && city.waterGrid.find(p) < 0;
    };
    auto layout = [&](Typology t) {
        return layOutDistrict("WK003417", city.wijken[size_t(w)].parts, styleOf(city, t), buildable)
            .buildings;
    };
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[v.size() / 2];
    };
    auto depths = [&](const std::vector<Building>& bs) {
        std::vector<double> v;
        for (const Building& b : bs)
            v.push_back(std::min(b.size.x, b.size.y));
        return median(v);
    };
    auto heights = [&](const std::vector<Building>& bs) {
        std::vector<double> v;
        for (const Building& b : bs)
            v.push_back(b.height);
        return median(v);
    };
    const auto rows = layout(Typology::Rows), centre = layout(Typology::Centre),
               halls = layout(Typology::Halls), farms = layout(Typology::Farmsteads);
    // Terraced rows 8-10 m deep; halls much deeper; the centre taller than the rows.
    CHECK(depths(rows) >= 8);
    CHECK(depths(rows) <= 10);
    CHECK(depths(halls) > 30);
    CHECK(heights(centre) > 1.5 * heights(rows));
    // Farmsteads are scattered: far fewer buildings than the rows over the same land.
    CHECK(farms.size() * 10 < rows.size());
    // About one grid block in ten is left green: not every block has buildings.
    CHECK(!rows.empty());
}

TEST_CASE("a plan's blocks stand in the plan's area and out of the water", "[massing][layout]") {
    auto catalog = parsePlanCatalog(sourceFile("assets/plans/plans.json"), wijkCodes());
    REQUIRE(catalog);
    const CityModel& city = loadedCity();
    const std::vector<PlanLayer> layers = buildPlanLayers(city, catalog.value());
    REQUIRE(layers.size() == catalog.value().plans.size());
    for (size_t p = 0; p < layers.size(); ++p) {
        const PlanDef& plan = catalog.value().plans[p];
        INFO(plan.id);
        const std::vector<Polygon> area = planArea(city, plan);
        size_t roofCorners = 0;
        for (const Vertex& v : layers[p].massing.vertices) {
            if (v.normal.y < 0.5f) continue; // roof corners are the footprint corners
            const glm::dvec2 at = toEastNorth(v.position);
            bool inside = false;
            for (const Polygon& part : area)
                inside = inside || pointInPolygon(part, at);
            REQUIRE(inside);
            REQUIRE(city.waterGrid.find(at) < 0);
            ++roofCorners;
        }
        CHECK(roofCorners > 400);
    }
    // The vision's typologies: Pampus urban, Hart van de Stad a centre, Oosterwold rural.
    CHECK(catalog.value().plans[0].style.typology == Typology::Courtyards);
    CHECK(catalog.value().plans[1].style.typology == Typology::Centre);
    CHECK(catalog.value().plans[2].style.typology == Typology::Farmsteads);
}

TEST_CASE("a style's typology is validated: an unknown one names file and field",
          "[massing][layout]") {
    auto parse = [](const std::string& typology) {
        return parseStyles(
            {"character.json", R"({"styles": {"a": {)" + typology +
                                   R"("spacing_m": 60, "fill": 0.9, "footprint_m": [8, 10],
                                "height_m": [6, 9], "color": "#d99a7e", "ground": "#c4d4ab"}}})"});
    };
    auto good = parse(R"("typology": "rows", )");
    REQUIRE(good);
    CHECK(good.value().at("a").typology == Typology::Rows);
    auto unknown = parse(R"("typology": "villas", )");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().find("character.json") != std::string::npos);
    CHECK(unknown.error().find("styles.a.typology") != std::string::npos);
    CHECK_FALSE(parse(""));
    for (Typology t : {Typology::None, Typology::Rows, Typology::Courtyards, Typology::Centre,
                       Typology::Halls, Typology::Farmsteads}) {
        Typology back = Typology::None;
        CHECK(parseTypology(typologyName(t), back));
        CHECK(back == t);
    }
}

TEST_CASE("the streets and plots are drawn by cell, flat between the land and the plans' tint",
          "[massing][layout]") {
    const CityModel& city = loadedCity();
    REQUIRE(!city.groundCells.empty());
    uint32_t next = 0;
    for (const MeshCell& cell : city.groundCells) {
        REQUIRE(cell.first == next);
        REQUIRE(cell.count > 0);
        for (uint32_t i = cell.first; i < cell.first + cell.count; ++i) {
            const glm::vec3 p = city.ground.vertices[city.ground.indices[i]].position;
            REQUIRE(glm::all(glm::greaterThanEqual(p, cell.min)));
            REQUIRE(glm::all(glm::lessThanEqual(p, cell.max)));
            REQUIRE(p.y == float(layer::kStreet));
        }
        next += cell.count;
    }
    CHECK(next == city.ground.indices.size());
    CHECK(layer::kStreet > layer::kLandTop);
    CHECK(layer::kStreet < layer::kPlanArea);
    CHECK(layer::kPlanPlots > layer::kStreet);
    // Each ground vertex carries its wijk, for the selection highlight.
    for (const Vertex& v : city.ground.vertices)
        REQUIRE(v.feature < city.wijken.size());
}
