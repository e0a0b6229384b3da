// The plans content (assets/plans/plans.json), its validation, and the plan/timeline model.
#include "city_fixture.hpp"
#include "core/plan_layers.hpp"
#include "core/plan_state.hpp"
#include "core/plans.hpp"

#include <catch2/catch.hpp>

using namespace almere;
using namespace almere::test;

namespace {

Result<PlanCatalog> parseWith(const std::string& from, const std::string& to) {
    SourceFile file = sourceFile("assets/plans/plans.json");
    if (!from.empty()) {
        const size_t at = file.text.find(from);
        REQUIRE(at != std::string::npos);
        file.text.replace(at, from.size(), to);
    }
    return parsePlanCatalog(file, wijkCodes());
}

std::string errorWith(const std::string& from, const std::string& to) {
    auto result = parseWith(from, to);
    return result ? std::string("(no error)") : result.error();
}

} // namespace

TEST_CASE("the plans content parses: three plans, five phases built from the document", "[plans]") {
    auto catalog = parseWith("", "");
    INFO(catalog.error());
    REQUIRE(catalog);
    const PlanCatalog& c = catalog.value();
    REQUIRE(c.plans.size() == 3);
    CHECK(c.plans[0].id == "pampus");
    CHECK(c.plans[1].id == "hart");
    CHECK(c.plans[2].id == "oosterwold");
    CHECK(c.plans[0].areaWijken == std::vector<std::string>{"WK003496"});
    CHECK(c.plans[1].schematicArea.size() == 1);
    REQUIRE(c.phases.size() == 5);
    CHECK(c.phases[3].year == 2040);
    CHECK(c.phases[4].year == 2050);
    CHECK(c.phases[0].year == 0); // the document gives no year for "now"
    CHECK(c.ambitions.size() == 6);
    CHECK(c.goals.size() == 5);
    REQUIRE(c.themes.size() == 3);
    CHECK(c.themes[0].items.size() == 3);
    // Green-blue: the document's four ecological links (l.1236-1239) as schematic lines.
    REQUIRE(c.themes[1].items.size() == 2);
    CHECK(c.themes[1].items[0].routes.size() == 4);
    CHECK(c.themes[1].items[0].wijken.empty());
    CHECK(c.themes[1].items[1].places.size() == 5);
    // Mobility: IJmeerlijn, the Stichtse Lijn reservation, hubs at the six stations.
    REQUIRE(c.themes[2].items.size() == 3);
    CHECK(c.themes[2].items[1].routes[0].id == "stichtse_lijn");
    CHECK(c.themes[2].items[2].places.size() == 6);
    REQUIRE(c.plans[0].routes.size() == 1);
    CHECK(c.plans[0].routes[0].id == "ijmeerlijn");
    CHECK(c.plans[0].routes[0].stops.size() == 3);
    CHECK(c.plans[2].places.size() == 2); // Eemvallei and the forest link
    // Pampus leaves its Ecozone open (l.1269), a schematic band through the place mark.
    REQUIRE(c.plans[0].open.size() == 1);
    CHECK(c.plans[0].open[0].id == "ecozone");
    CHECK(c.plans[0].open[0].lines == glm::ivec2(1269, 1269));
    CHECK(c.plans[0].open[0].polygon.outer.size() == 4);
    CHECK(pointInPolygon(c.plans[0].open[0].polygon, c.plans[0].places[0].at));
    CHECK(c.plans[1].open.empty());
    CHECK(c.plans[2].open.empty());
}

TEST_CASE("broken plans content is refused with the file and field named", "[plans][content]") {
    CHECK(errorWith("\"color\": \"#e0663a\",", "") ==
          "assets/plans/plans.json: plans[0].color: is missing");
    CHECK(errorWith("\"ambitions\": [\"woningen\", \"economie\", \"bereikbaarheid\"",
                    "\"ambitions\": [\"wonen\", \"economie\", \"bereikbaarheid\"") ==
          "assets/plans/plans.json: plans[0].ambitions[0]: unknown ambition 'wonen'");
    CHECK(errorWith("\"id\": \"2050\", \"year\": 2050", "\"id\": \"2050\", \"year\": 2030") ==
          "assets/plans/plans.json: phases[4].year: 2030 is not after phase '2040' (2040)");
    // Integers past int's range once wrapped round to a valid year or line (2^32 + 2040).
    CHECK(errorWith("\"id\": \"2040\", \"year\": 2040", "\"id\": \"2040\", \"year\": 4294969336") ==
          "assets/plans/plans.json: phases[3].year: expected a year between 1976 and 2100");
    CHECK(errorWith("{\"id\": \"nu\", \"lines\": [4, 5]}",
                    "{\"id\": \"nu\", \"lines\": [4, 4294967301]}") ==
          "assets/plans/plans.json: phases[0].lines: expected [first, last] line numbers");
    CHECK(errorWith("[[5.203, 52.3560]", "[[15.203, 52.3560]") ==
          "assets/plans/plans.json: themes[0].items[2].area.schematic[0][0][0]: position outside "
          "the Netherlands");
    CHECK(errorWith("\"wijken\": [\"WK003496\"]", "\"wijken\": [\"WK000000\"]") ==
          "assets/plans/plans.json: plans[0].area.wijken[0]: unknown wijk 'WK000000'");
    CHECK(errorWith("\"growth\": [0, 0, 0.45, 0.75, 1]", "\"growth\": [0, 0.45, 1]") ==
          "assets/plans/plans.json: plans[0].growth: expected 5 values, one per phase");
    CHECK(errorWith("\"growth\": [0, 0, 0.45, 0.75, 1]", "\"growth\": [0, 0, 0.45, 0.3, 1]") ==
          "assets/plans/plans.json: plans[0].growth[3]: a plan does not shrink over time");
    CHECK(errorWith("\"id\": \"pampus\"", "\"id\": \"pamp\xffus\"") ==
          "assets/plans/plans.json: is not valid JSON (or not valid UTF-8)");
    CHECK(errorWith("\"plans\": [", "\"plannen\": [") ==
          "assets/plans/plans.json: plans: is missing");
    CHECK(errorWith("{\"name\": \"Pampus\", \"at\": [5.150, 52.375]}",
                    "{\"name\": \"Pampus\", \"at\": [5.150]}") ==
          "assets/plans/plans.json: themes[2].items[0].routes[0].stops[1].at: expected [lon, lat]");
    CHECK(errorWith("{\"name\": \"Station Almere Poort\", ", "{") ==
          "assets/plans/plans.json: themes[2].items[2].places[0].name: is missing");
    CHECK(errorWith("\"places\": [{\"name\": \"Eemvallei\", \"at\": [5.330, 52.350]}",
                    "\"places\": [{\"name\": \"Eemvallei\", \"at\": [9.5, 52.350]}") ==
          "assets/plans/plans.json: plans[2].places[0].at: position outside the Netherlands");
    // A theme item shows an area, lines or spots; with none of them the area is asked for.
    CHECK(errorWith("\"id\": \"hubs\", \"color\": \"#d99a1e\", \"lines\": [2351, 2390],\n         "
                    "\"places\"",
                    "\"id\": \"hubs\", \"color\": \"#d99a1e\", \"lines\": [2351, 2390], \"x\"") ==
          "assets/plans/plans.json: themes[2].items[2].area: is missing");
    CHECK(errorWith("\"points\": [[5.292, 52.379], [5.270, 52.405], [5.248, 52.427]]",
                    "\"points\": [[5.292, 52.379]]") ==
          "assets/plans/plans.json: themes[1].items[0].routes[2].points: expected 2 to 1000 "
          "positions");
    CHECK(errorWith("{\"id\": \"klimaat\", \"lines\": [973, 977]}", "{\"id\": \"klimaat\"}") ==
          "assets/plans/plans.json: goals[4].lines: is missing");
}

TEST_CASE("a plan's open areas are validated: errors name file and field", "[plans][content]") {
    const std::string polygon =
        "[[5.1366, 52.3858], [5.1458, 52.3897], [5.1324, 52.3587], [5.1281, 52.3663]]";
    auto withPolygon = [&](const std::string& to) { return errorWith(polygon, to); };
    const std::string at = "assets/plans/plans.json: plans[0].open[0].";
    CHECK(withPolygon("[[5.1366, 52.3858], [5.1458, 52.3897]]") ==
          at + "polygon: expected 3 to 1000 [lon, lat] positions");
    CHECK(withPolygon("[[5.1366, 52.3858], [5.1458, 52.3897], [51.324, 52.3587]]") ==
          at + "polygon[2]: position outside the Netherlands");
    CHECK(withPolygon("[[5.1366, 52.3858], [5.1458], [5.1324, 52.3587]]") ==
          at + "polygon[1]: expected [lon, lat]");
    CHECK(withPolygon("[[5.1366, 52.3858], [5.1458, 52.3897], [5.1366, 52.3858]]") ==
          at + "polygon: polygon has no area");
    CHECK(withPolygon("\"ecozone\"") == at + "polygon: expected an array");
    CHECK(errorWith("{\"id\": \"ecozone\", \"lines\": [1269, 1269],",
                    "{\"id\": \"Ecozone\", \"lines\": [1269, 1269],") ==
          at + "id: expected a-z, 0-9 or _");
    CHECK(errorWith("\"lines\": [1269, 1269],", "") == at + "lines: is missing");
    CHECK(errorWith("\"open\": [", "\"open\": {}, \"unused\": [") ==
          "assets/plans/plans.json: plans[0].open: expected an array");
    // Without the key a plan has no open areas.
    auto without = parseWith("\"open\": [", "\"unused\": [");
    REQUIRE(without);
    CHECK(without.value().plans[0].open.empty());
}

TEST_CASE("plan growth follows the timeline between phases", "[plans]") {
    PlanDef plan;
    plan.growth = {0, 0.2, 0.6, 1};
    CHECK(growthAt(plan, 0) == 0);
    CHECK(growthAt(plan, 1) == Approx(0.2));
    CHECK(growthAt(plan, 1.5) == Approx(0.4));
    CHECK(growthAt(plan, 3) == 1);
    CHECK(growthAt(plan, 99) == 1);
    CHECK(growthAt(plan, -5) == 0);
    CHECK(growthAt(plan, std::nan("")) == 0);
}

TEST_CASE("plan state: switches, timeline easing and a text form that round-trips", "[plans]") {
    auto catalog = parseWith("", "");
    REQUIRE(catalog);
    PlanState state(&catalog.value());
    CHECK(state.encode() == "plans=;phase=nu");
    state.toggle(0);
    state.setPhase(4);
    CHECK(state.animating());
    for (int i = 0; i < 240; ++i)
        state.update(1.0 / 60); // four seconds
    CHECK_FALSE(state.animating());
    CHECK(state.time() == 4);
    CHECK(state.shown(0) == 1);
    CHECK(state.shown(1) == 0); // switched off: nothing of it shows
    CHECK(state.encode() == "plans=pampus;phase=2050");

    state.setPhase(99); // clamped to the last phase
    CHECK(state.phase() == 4);
    state.toggle(0);
    state.update(1.0 / 60);
    CHECK(state.shown(0) < 1); // switching off animates, it does not jump
    CHECK(state.shown(0) > 0.5);

    // Dragging the timeline follows the finger between phases; the nearest phase is reported.
    state.setEnabled(0, true);
    state.dragTime(2.6);
    CHECK(state.time() == Approx(2.6));
    CHECK(state.phase() == 3);
    for (int i = 0; i < 240; ++i)
        state.update(1.0 / 60);
    CHECK(state.time() == Approx(2.6)); // stays where it was left
    CHECK(state.shown(0) == Approx(growthAt(catalog.value().plans[0], 2.6)));
    state.dragTime(-3);
    CHECK(state.time() == 0);
    state.dragTime(std::nan(""));
    CHECK(state.time() == 0);

    PlanState restored(&catalog.value());
    REQUIRE(restored.decode("plans=hart,oosterwold;phase=daarna"));
    restored.snap();
    CHECK(restored.enabled(1));
    CHECK(restored.enabled(2));
    CHECK_FALSE(restored.enabled(0));
    CHECK(restored.phase() == 2);
    CHECK(restored.shown(1) == Approx(catalog.value().plans[1].growth[2]));
    CHECK(restored.encode() == "plans=hart,oosterwold;phase=daarna");
    REQUIRE(restored.decode("plans=pampus;phase=2050;themes=werk"));
    CHECK(restored.themeEnabled(0));
    CHECK(restored.encode() == "plans=pampus;phase=2050;themes=werk");
    CHECK_FALSE(restored.decode("plans=pampus;phase=2050;themes=sport"));
    REQUIRE(restored.decode("plans=pampus;phase=2050;compare=0.30"));
    CHECK_FALSE(restored.themeEnabled(0));
    CHECK(restored.compare());
    CHECK(restored.divider() == Approx(0.30));
    CHECK(restored.encode() == "plans=pampus;phase=2050;compare=0.30");
    restored.setDivider(7);
    CHECK(restored.divider() == Approx(0.95));
    REQUIRE(restored.decode("plans=hart,oosterwold;phase=daarna"));
    CHECK_FALSE(restored.compare());
    for (const char* bad : {"", "plans=mars;phase=nu", "phase=3000", "plans=hart", "x=1;phase=nu",
                            "plans=hart;phase=nu;phase", "phase=nu;compare=2",
                            "phase=nu;compare=0.5x", "phase=nu;compare="})
        CHECK_FALSE(restored.decode(bad));
    CHECK(restored.encode() == "plans=hart,oosterwold;phase=daarna"); // unchanged by bad input
}

TEST_CASE("plan layers: areas from real wijk outlines, blocks inside them and out of the water",
          "[plans]") {
    auto catalog = parseWith("", "");
    REQUIRE(catalog);
    const CityModel& city = loadedCity();
    const std::vector<PlanLayer> layers = buildPlanLayers(city, catalog.value());
    REQUIRE(layers.size() == 3);
    for (size_t p = 0; p < layers.size(); ++p) {
        INFO(catalog.value().plans[p].id);
        CHECK(layers[p].massingEnds.size() > 100);
        CHECK(layers[p].massing.indices.size() == layers[p].massingEnds.back());
        CHECK(!layers[p].area.indices.empty());
        for (const Vertex& v : layers[p].massing.vertices)
            if (v.normal.y > 0.5f) REQUIRE(city.waterGrid.find(toEastNorth(v.position)) < 0);
    }
    // Pampus's blocks stand in the CBS wijk Overig Almere Pampus.
    const int pampus = city.findWijk("WK003496");
    size_t inside = 0, roofs = 0;
    for (const Vertex& v : layers[0].massing.vertices)
        if (v.normal.y > 0.5f) {
            ++roofs;
            inside += wijkAt(city, toEastNorth(v.position)) == pampus;
        }
    CHECK(inside == roofs);
    // Deterministic.
    const std::vector<PlanLayer> again = buildPlanLayers(city, catalog.value());
    CHECK(again[1].massing.vertices.size() == layers[1].massing.vertices.size());
    CHECK(again[1].massing.vertices[40].position == layers[1].massing.vertices[40].position);
}

TEST_CASE("a plan's view frames its whole area", "[plans]") {
    auto catalog = parseWith("", "");
    REQUIRE(catalog);
    const CityModel& city = loadedCity();
    const PlanView pampus = planView(city, catalog.value().plans[0]);
    CHECK(wijkAt(city, pampus.centre) == city.findWijk("WK003496"));
    CHECK(pampus.distance >= 5000);
    CHECK(pampus.distance <= 24000);
    // Oosterwold is larger than Hart van de Stad: the camera steps back further for it.
    CHECK(planView(city, catalog.value().plans[2]).distance >
          planView(city, catalog.value().plans[1]).distance);
}

TEST_CASE("a plan whose blocks have a zero-size footprint grows by what was built", "[plans]") {
    // Validation accepts footprint_m [0, 0]; each such block is a top without walls.
    auto catalog = parseWith("\"footprint_m\": [12, 16]", "\"footprint_m\": [0, 0]");
    REQUIRE(catalog);
    REQUIRE(catalog.value().plans[0].style.footprintM == glm::dvec2(0));
    const std::vector<PlanLayer> layers = buildPlanLayers(loadedCity(), catalog.value());
    const PlanLayer& pampus = layers[0];
    const uint32_t n = uint32_t(pampus.massingEnds.size());
    REQUIRE(n > 100);
    CHECK(pampus.massingEnds.back() == pampus.massing.indices.size());
    // Half grown: exactly the first half of the blocks, wherever the mesh builder ended them.
    const IndexRange half = buildingIndices(pampus.massingEnds, 0, n / 2);
    CHECK(half.first == 0);
    CHECK(half.count == pampus.massingEnds[n / 2 - 1]);
    CHECK(half.count < pampus.massing.indices.size());
    // A fixed 30 indices per block would draw past the end of the plan's mesh.
    CHECK(size_t(n) * 30 > pampus.massing.indices.size());
}
