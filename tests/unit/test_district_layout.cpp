// The schematic building generator (core/district_layout, issue 12): for every wijk of the real
// city and every typology, blocks stand inside their wijk and out of the water, never overlap
// each other or a street, and come out the same for the same input; a plan's blocks stand in
// its area, as infill off the city's own blocks and streets, and out of its open areas.
#include "city_fixture.hpp"
#include "core/district_layout.hpp"
#include "core/plan_layers.hpp"
#include "core/plans.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

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

namespace {

// The city's schematic blocks and the grid blocks its streets are drawn round (each with its
// street's width), laid out again here wijk by wijk as deriveDetails does: the plans' blocks are
// checked against these, not against the CityModel's own index of them that the plans use.
struct CityGround {
    std::vector<Building> blocks;
    std::vector<Building> streetBlocks;
    std::vector<double> streetWidths;
    std::vector<Building> lots; // the ground each street block's buildings span
    size_t plots = 0;           // farm plots (each 2 + 8 flat triangles in the ground mesh)
};

CityGround cityGround(const CityModel& city) {
    CityGround out;
    double lotsLeft = kMaxLotsPerLoad;
    for (size_t w = 0; w < city.wijken.size(); ++w) {
        const auto style = city.styles.find(city.wijken[w].style);
        if (style == city.styles.end()) continue;
        const DistrictLayout layout = layOutDistrict(
            city.wijken[w].code, city.wijken[w].parts, style->second,
            [&](glm::dvec2 p) {
                return city.wijkGrid.find(p) == int(w) && city.waterGrid.find(p) < 0;
            },
            &lotsLeft);
        out.blocks.insert(out.blocks.end(), layout.buildings.begin(), layout.buildings.end());
        out.lots.insert(out.lots.end(), layout.lots.begin(), layout.lots.end());
        out.plots += layout.plots.size();
        for (const Building& g : layout.groundBlocks) {
            out.streetBlocks.push_back(g);
            out.streetWidths.push_back(layout.streetM);
        }
    }
    return out;
}

// The blocks of `mine` that `meets` one of `theirs` whose bounds overlap its own (a sweep
// along east over the bounds).
template <class Meets>
size_t countMeeting(const std::vector<Building>& mine, const std::vector<Building>& theirs,
                    Meets meets) {
    std::vector<std::pair<Bounds, size_t>> sorted;
    double widest = 0;
    for (size_t i = 0; i < theirs.size(); ++i) {
        sorted.push_back({bounds(theirs[i]), i});
        widest = std::max(widest, sorted.back().first.hi.x - sorted.back().first.lo.x);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first.lo.x < b.first.lo.x; });
    size_t count = 0;
    for (const Building& b : mine) {
        const Bounds m = bounds(b);
        auto it = std::lower_bound(
            sorted.begin(), sorted.end(), m.lo.x - widest,
            [](const std::pair<Bounds, size_t>& e, double x) { return e.first.lo.x < x; });
        for (; it != sorted.end() && it->first.lo.x <= m.hi.x; ++it)
            if (it->first.hi.x >= m.lo.x && it->first.lo.y <= m.hi.y && it->first.hi.y >= m.lo.y &&
                meets(b, it->second)) {
                ++count;
                break;
            }
    }
    return count;
}

// Plan blocks standing on a city block; inside one (in a courtyard or a back garden: on the
// ground a street block's buildings span); and on a city street: on the frame of a street block
// (overlapping the block, not wholly inside it less half the street on every side).
size_t onCityBlocks(const std::vector<Building>& plan, const CityGround& ground) {
    return countMeeting(plan, ground.blocks, [&](const Building& b, size_t i) {
        return footprintsOverlap(b, ground.blocks[i], kToleranceM);
    });
}

size_t inCityLots(const std::vector<Building>& plan, const CityGround& ground) {
    return countMeeting(plan, ground.lots, [&](const Building& b, size_t i) {
        return footprintsOverlap(b, ground.lots[i], kToleranceM);
    });
}

size_t onCityStreets(const std::vector<Building>& plan, const CityGround& ground) {
    return countMeeting(plan, ground.streetBlocks, [&](const Building& b, size_t i) {
        const Building& g = ground.streetBlocks[i];
        if (!footprintsOverlap(b, g, kToleranceM)) return false;
        const glm::dvec2 lot = (g.size - ground.streetWidths[i]) * 0.5 + kToleranceM;
        for (glm::dvec2 corner : corners(b)) {
            const glm::dvec2 local = rotated(corner - g.centre, -g.angle);
            if (std::abs(local.x) > lot.x || std::abs(local.y) > lot.y) return true;
        }
        return false;
    });
}

// A plan laid out over its whole area as before infill: on its own street grid, out of the
// water (and with `keepOpen`, out of its open areas), whatever the city has built there.
std::vector<Building> planWithoutInfill(const CityModel& city, const PlanDef& plan, bool keepOpen) {
    const std::vector<Polygon> area = planArea(city, plan);
    return layOutDistrict(plan.id, area, plan.style,
                          [&](glm::dvec2 p) {
                              if (city.waterGrid.find(p) >= 0) return false;
                              for (const OpenArea& open : plan.open)
                                  if (keepOpen && pointInPolygon(open.polygon, p)) return false;
                              for (const Polygon& part : area)
                                  if (pointInPolygon(part, p)) return true;
                              return false;
                          })
        .buildings;
}

bool segmentsCross(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c, glm::dvec2 d) {
    auto side = [](glm::dvec2 p, glm::dvec2 q, glm::dvec2 r) {
        const double z = (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
        return (z > 0) - (z < 0);
    };
    return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

// True when a footprint and a polygon share ground: a corner of one inside the other, or edges
// crossing.
bool meetsPolygon(const Building& b, const Polygon& polygon) {
    const std::vector<glm::dvec2> box = corners(b);
    const std::vector<glm::dvec2>& ring = polygon.outer;
    for (glm::dvec2 c : box)
        if (pointInPolygon(polygon, c)) return true;
    for (glm::dvec2 v : ring) {
        const glm::dvec2 local = rotated(v - b.centre, -b.angle);
        if (std::abs(local.x) < b.size.x * 0.5 && std::abs(local.y) < b.size.y * 0.5) return true;
    }
    for (size_t i = 0; i < 4; ++i)
        for (size_t j = 0; j < ring.size(); ++j)
            if (segmentsCross(box[i], box[(i + 1) % 4], ring[j], ring[(j + 1) % ring.size()]))
                return true;
    return false;
}

} // namespace

TEST_CASE("plan blocks are infill: none on a city block or a city street", "[massing][layout]") {
    auto catalog = parsePlanCatalog(sourceFile("assets/plans/plans.json"), wijkCodes());
    REQUIRE(catalog);
    const CityModel& city = loadedCity();
    const CityGround ground = cityGround(city);
    // The same city as the viewer's: every schematic building laid out again here.
    REQUIRE(ground.blocks.size() == city.massingEnds.size());
    REQUIRE(ground.streetBlocks.size() * 24 + ground.plots * 30 == city.ground.indices.size());
    std::map<std::string, size_t> kept;
    for (const PlanDef& plan : catalog.value().plans) {
        INFO(plan.id);
        const std::vector<Building> blocks = planBlocks(city, plan);
        const std::vector<Building> before = planWithoutInfill(city, plan, true);
        size_t inItsWijken = 0;
        for (const Building& b : blocks) {
            const int w = wijkAt(city, b.centre);
            inItsWijken += w >= 0 && std::count(plan.areaWijken.begin(), plan.areaWijken.end(),
                                                city.wijken[size_t(w)].code);
        }
        WARN(plan.id << ": " << blocks.size() << " blocks (" << inItsWijken
                     << " in its CBS wijken); on its own grid without infill " << before.size()
                     << ", of which " << onCityBlocks(before, ground) << " on a city block, "
                     << inCityLots(before, ground) << " inside one, "
                     << onCityStreets(before, ground) << " on a city street");
        CHECK(onCityBlocks(blocks, ground) == 0);
        CHECK(inCityLots(blocks, ground) == 0);
        CHECK(onCityStreets(blocks, ground) == 0);
        kept[plan.id] = blocks.size();
    }
    // Pampus has no city blocks (style 'leeg'); Hart over the centre and Oosterwold over its
    // rural wijk keep a clear number of new blocks between the city's (on the lots it left
    // empty, and for Hart along the Weerwater's south shore).
    CHECK(kept["pampus"] > 3500);
    CHECK(kept["hart"] > 300);
    CHECK(kept["oosterwold"] > 300);
}

TEST_CASE("the infill checks can fail: without infill plans stand on the city's blocks",
          "[massing][layout]") {
    auto catalog = parsePlanCatalog(sourceFile("assets/plans/plans.json"), wijkCodes());
    REQUIRE(catalog);
    const CityModel& city = loadedCity();
    const CityGround ground = cityGround(city);
    const PlanDef& hart = catalog.value().plans[1];
    const PlanDef& oosterwold = catalog.value().plans[2];
    CHECK(onCityBlocks(planWithoutInfill(city, hart, true), ground) > 100);
    CHECK(inCityLots(planWithoutInfill(city, hart, true), ground) > 100);
    CHECK(onCityStreets(planWithoutInfill(city, hart, true), ground) > 100);
    CHECK(onCityBlocks(planWithoutInfill(city, oosterwold, true), ground) > 10);
    // A block across a street, and one wholly inside a street block's lot.
    const Building& g = ground.streetBlocks.front();
    const double street = ground.streetWidths.front();
    const Building inLot{g.centre, (g.size - street) * 0.5, g.angle, 10};
    Building across = inLot;
    across.centre = g.centre + rotated({g.size.x * 0.5, 0}, g.angle);
    CHECK(onCityStreets({inLot}, {{}, {g}, {street}, {}}) == 0);
    CHECK(onCityStreets({across}, {{}, {g}, {street}, {}}) == 1);
}

TEST_CASE("Pampus leaves its Ecozone open: no block in it", "[massing][layout]") {
    auto catalog = parsePlanCatalog(sourceFile("assets/plans/plans.json"), wijkCodes());
    REQUIRE(catalog);
    const CityModel& city = loadedCity();
    const PlanDef& pampus = catalog.value().plans[0];
    REQUIRE(pampus.open.size() == 1);
    const Polygon& ecozone = pampus.open[0].polygon;
    // A band through Pampus: it lies in the wijk.
    for (glm::dvec2 v : ecozone.outer)
        CHECK(wijkAt(city, v) == city.findWijk("WK003496"));
    size_t inside = 0;
    for (const Building& b : planBlocks(city, pampus))
        inside += meetsPolygon(b, ecozone);
    CHECK(inside == 0);
    // Without it the plan would build there.
    size_t wouldBe = 0;
    for (const Building& b : planWithoutInfill(city, pampus, false))
        wouldBe += meetsPolygon(b, ecozone);
    CHECK(wouldBe > 100);
    CHECK(meetsPolygon(Building{ecozone.outer[0], {30, 30}, 0.2, 10}, ecozone));
}
