// Farmsteads with their plots (issue 12: "scattered farmsteads with their plots in Oosterwold"):
// every plot lies inside its wijk (or its plan's area) and out of the water, plots keep apart
// from each other and from the streets, each farmstead's buildings stand on their plot, and the
// plots are drawn as fields in a few tones inside a hedge, near the camera only.
#include "city_fixture.hpp"
#include "core/district_layout.hpp"
#include "core/ground_mesh.hpp"
#include "core/plan_layers.hpp"
#include "core/plans.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <set>

using namespace almere;
using namespace almere::test;

namespace {

constexpr double kToleranceM = 0.01;

std::vector<glm::dvec2> corners(const Building& b) {
    std::vector<glm::dvec2> out;
    for (glm::dvec2 k :
         {glm::dvec2(-1, -1), glm::dvec2(1, -1), glm::dvec2(1, 1), glm::dvec2(-1, 1)})
        out.push_back(b.centre + rotated(k * b.size * 0.5, b.angle));
    return out;
}

// The point lies on the oriented rectangle (its edge included).
bool onRect(const Building& rect, glm::dvec2 p) {
    const glm::dvec2 local = rotated(p - rect.centre, -rect.angle);
    return std::abs(local.x) <= rect.size.x * 0.5 + kToleranceM &&
           std::abs(local.y) <= rect.size.y * 0.5 + kToleranceM;
}

bool holds(const Building& plot, const Building& building) {
    for (glm::dvec2 c : corners(building))
        if (!onRect(plot, c)) return false;
    return true;
}

struct PlotCheck {
    size_t plots = 0, buildings = 0;
    size_t bare = 0; // plots with hardly any land beside their buildings (an edge cuts the yard)
};

// The layout's plots: inside (per `inside`), apart, off the streets, each farm building on
// exactly one plot and every plot with its farmhouse.
PlotCheck checkPlots(const DistrictLayout& layout, const std::function<bool(glm::dvec2)>& inside) {
    for (const Building& plot : layout.plots) {
        CHECK(plot.size.x > 0.5);
        CHECK(plot.size.y > 0.5);
        for (glm::dvec2 c : corners(plot))
            REQUIRE(inside(c));
        REQUIRE(inside(plot.centre));
        for (const Building& street : layout.streets)
            REQUIRE_FALSE(footprintsOverlap(plot, street, kToleranceM));
    }
    for (size_t i = 0; i < layout.plots.size(); ++i)
        for (size_t j = i + 1; j < layout.plots.size(); ++j)
            REQUIRE_FALSE(footprintsOverlap(layout.plots[i], layout.plots[j], kToleranceM));
    std::vector<size_t> perPlot(layout.plots.size(), 0);
    std::vector<double> builtArea(layout.plots.size(), 0);
    for (const Building& b : layout.buildings) {
        size_t on = 0;
        for (size_t p = 0; p < layout.plots.size(); ++p)
            if (holds(layout.plots[p], b)) {
                ++on;
                ++perPlot[p];
                builtArea[p] += b.size.x * b.size.y;
            }
        REQUIRE(on == 1);
    }
    PlotCheck out{layout.plots.size(), layout.buildings.size(), 0};
    for (size_t p = 0; p < layout.plots.size(); ++p) {
        CHECK(perPlot[p] >= 1); // the farmhouse (or, where it did not fit, the barn)
        CHECK(perPlot[p] <= 2); // and its barn
        out.bare += layout.plots[p].size.x * layout.plots[p].size.y < 3 * builtArea[p];
    }
    return out;
}

} // namespace

TEST_CASE("every farmstead of the city stands on its plot, inside its wijk, apart from the rest",
          "[massing][layout][plots]") {
    const CityModel& city = loadedCity();
    size_t plots = 0, bare = 0, farmWijken = 0;
    for (size_t w = 0; w < city.wijken.size(); ++w) {
        const WijkInfo& wijk = city.wijken[w];
        const MassingStyle& style = city.styles.at(wijk.style);
        INFO(wijk.code << " " << wijk.name << " (" << wijk.style << ")");
        const auto buildable = [&](glm::dvec2 p) {
            return city.wijkGrid.find(p) == int(w) && city.waterGrid.find(p) < 0;
        };
        const DistrictLayout layout = layOutDistrict(wijk.code, wijk.parts, style, buildable);
        if (style.typology != Typology::Farmsteads) {
            CHECK(layout.plots.empty());
            continue;
        }
        ++farmWijken;
        const PlotCheck check = checkPlots(layout, buildable);
        plots += check.plots;
        bare += check.bare;
        const DistrictLayout again = layOutDistrict(wijk.code, wijk.parts, style, buildable);
        REQUIRE(again.plots.size() == layout.plots.size());
        for (size_t i = 0; i < layout.plots.size(); ++i)
            CHECK(again.plots[i].centre == layout.plots[i].centre);
    }
    CHECK(farmWijken >= 2); // Oosterwold's landelijk wijken and the natuur ones
    CHECK(plots > 100);
    // Most are fields: only a farm whose corner an edge cuts keeps to its yard.
    CHECK(bare * 10 < plots);

    // All of them are in the city's ground mesh: 2 field and 8 hedge triangles each.
    size_t fieldTriangles = 0;
    for (size_t i = 0; i + 2 < city.ground.indices.size(); i += 3) {
        const glm::u8vec4 c = city.ground.vertices[city.ground.indices[i]].color;
        if (c == kStreetColor || c == kHedgeColor) continue;
        ++fieldTriangles;
    }
    CHECK(fieldTriangles == 2 * plots);
}

TEST_CASE("a field plot: one tone of a few inside a hedge, flat, covering just its plot",
          "[plots]") {
    std::set<int> tonesUsed;
    for (int i = 0; i < 60; ++i) {
        const Building plot{{1000.0 + 230 * i, -400.0 + 17 * i}, {200, 150}, 0.4, 0};
        MeshData mesh;
        addFieldPlot(mesh, plot, layer::kStreet, 7);
        REQUIRE(mesh.indices.size() == 3 * (2 + 8));
        double fieldArea = 0, hedgeArea = 0;
        for (size_t t = 0; t < mesh.indices.size(); t += 3) {
            const Vertex& a = mesh.vertices[mesh.indices[t]];
            const glm::dvec2 p = toEastNorth(a.position),
                             q = toEastNorth(mesh.vertices[mesh.indices[t + 1]].position),
                             r = toEastNorth(mesh.vertices[mesh.indices[t + 2]].position);
            const double area = 0.5 * ((q.x - p.x) * (r.y - p.y) - (r.x - p.x) * (q.y - p.y));
            CHECK(area > 0); // counter-clockwise (east, north): faces up, not culled
            (a.color == kHedgeColor ? hedgeArea : fieldArea) += area;
        }
        // Field and hedge tile the plot exactly: nothing overlaps, nothing is left out.
        // (Float vertices a kilometre out: areas to within half a square metre.)
        CHECK(fieldArea + hedgeArea == Approx(200.0 * 150.0).margin(0.5));
        CHECK(hedgeArea ==
              Approx(200.0 * 150.0 - (200 - 2 * kHedgeM) * (150 - 2 * kHedgeM)).margin(0.5));
        for (const Vertex& v : mesh.vertices) {
            CHECK(v.position.y == float(layer::kStreet));
            CHECK(v.normal == glm::vec3(0, 1, 0));
            CHECK(v.feature == 7);
            CHECK(onRect(plot, toEastNorth(v.position)));
        }
        // The field's tone, shaded by at most 4 %; the hedge darker than every tone.
        const glm::vec3 field(mesh.vertices[0].color), tone(fieldTone(plot));
        CHECK(glm::all(glm::lessThanEqual(glm::abs(field - tone), tone * 0.041f + 1.0f)));
        for (int k = 0; k < 3; ++k)
            if (fieldTone(plot) == kFieldTones[k]) tonesUsed.insert(k);
        const glm::u8vec4 again = fieldTone(plot);
        CHECK(again == fieldTone(plot));
    }
    CHECK(tonesUsed.size() == 3); // all three tones turn up
    for (const glm::u8vec4& tone : kFieldTones) {
        const glm::ivec3 t(tone), hedge(kHedgeColor);
        CHECK(hedge.x + hedge.y + hedge.z < t.x + t.y + t.z - 60);
    }
}

TEST_CASE("the Oosterwold plan's farms stand on plots in its area, off the city's, drawn by cell",
          "[massing][layout][plots]") {
    auto catalog = parsePlanCatalog(sourceFile("assets/plans/plans.json"), wijkCodes());
    REQUIRE(catalog);
    const CityModel& city = loadedCity();
    const std::vector<PlanLayer> layers = buildPlanLayers(city, catalog.value());
    size_t plansWithPlots = 0;
    for (size_t p = 0; p < layers.size(); ++p) {
        const PlanDef& plan = catalog.value().plans[p];
        INFO(plan.id);
        const std::vector<Polygon> area = planArea(city, plan);
        const auto inArea = [&](glm::dvec2 at) {
            bool inside = false;
            for (const Polygon& part : area)
                inside = inside || pointInPolygon(part, at);
            return inside && city.waterGrid.find(at) < 0;
        };
        // What the layer is built from: the plan's blocks (infill) with their plots.
        DistrictLayout layout;
        layout.buildings = planBlocks(city, plan, nullptr, &layout.plots);
        if (plan.style.typology != Typology::Farmsteads) {
            CHECK(layout.plots.empty());
            CHECK(layers[p].plots.indices.empty());
            continue;
        }
        ++plansWithPlots;
        const PlotCheck check = checkPlots(layout, inArea);
        CHECK(check.plots > 100);
        CHECK(check.bare * 10 < check.plots);
        // Infill: not on the city's streets, nor on a city farm's plot or any city block's lot.
        for (const Building& plot : layout.plots)
            REQUIRE_FALSE(city.builtGround.overlapsAny(plot, kToleranceM));
        // The layer's mesh: every plot, every vertex in the area, above the plan's tint.
        CHECK(layers[p].plots.indices.size() == check.plots * 3 * (2 + 8));
        for (const Vertex& v : layers[p].plots.vertices) {
            REQUIRE(inArea(toEastNorth(v.position)));
            REQUIRE(v.position.y == float(layer::kPlanPlots));
        }
        uint32_t next = 0;
        for (const MeshCell& cell : layers[p].plotCells) {
            REQUIRE(cell.first == next);
            next += cell.count;
            CHECK(cell.max.x - cell.min.x < kMassingTileSize + 400);
        }
        CHECK(next == layers[p].plots.indices.size());
    }
    CHECK(plansWithPlots == 1); // Oosterwold
    CHECK(layer::kPlanPlots > layer::kPlanArea);
    CHECK(layer::kPlanPlots < layer::kPlanOutline);
}
