#include "core/plan_layers.hpp"

#include "core/district_layout.hpp"
#include "core/ground_mesh.hpp"
#include "core/massing.hpp"

#include <algorithm>

namespace almere {
namespace {

// Schematic lines as ribbons 80 m wide (GL lines would be one pixel thin), darker than their
// colour so they read against its tint, and named spots as white posts.
void addMarks(MeshData& out, const std::vector<RouteDef>& routes, const std::vector<Place>& places,
              Rgb color) {
    const glm::u8vec4 dark(glm::vec3(color) * 0.55f, 255);
    auto post = [&](glm::dvec2 at) {
        const glm::dvec2 h(90, 90);
        const glm::dvec2 box[4] = {at - h, at + glm::dvec2(h.x, -h.y), at + h,
                                   at + glm::dvec2(-h.x, h.y)};
        addBlock(out, box, layer::kLandTop, layer::kRoute + 14, glm::u8vec4(250, 250, 250, 255),
                 kNoFeature);
    };
    for (const RouteDef& route : routes) {
        for (size_t i = 0; i + 1 < route.points.size(); ++i) {
            const glm::dvec2 a = route.points[i], b = route.points[i + 1];
            const double len = glm::length(b - a);
            if (len < 1e-6) continue;
            const glm::dvec2 side = glm::dvec2(-(b - a).y, (b - a).x) / len * 40.0;
            addFlatPolygon(out, Polygon{{a - side, b - side, b + side, a + side}, {}},
                           layer::kRoute, dark, kNoFeature);
        }
        for (const Place& stop : route.stops)
            post(stop.at);
    }
    for (const Place& place : places)
        post(place.at);
}

// A band `width` metres wide centred on every ring's edges, with a square at each corner so
// that the pieces join without notches. Flat, just above the area's tint.
void addEdgeBand(MeshData& out, const Polygon& polygon, double width, glm::u8vec4 color) {
    const double half = width * 0.5;
    auto ring = [&](const std::vector<glm::dvec2>& points) {
        for (size_t i = 0; i < points.size(); ++i) {
            const glm::dvec2 a = points[i], b = points[(i + 1) % points.size()];
            const glm::dvec2 corner[4] = {a + glm::dvec2(-half, -half), a + glm::dvec2(half, -half),
                                          a + glm::dvec2(half, half), a + glm::dvec2(-half, half)};
            addFlatPolygon(out, Polygon{{corner[0], corner[1], corner[2], corner[3]}, {}},
                           layer::kPlanOutline, color, kNoFeature);
            const double len = glm::length(b - a);
            if (len < 1e-6) continue;
            const glm::dvec2 side = glm::dvec2(-(b - a).y, (b - a).x) / len * half;
            addFlatPolygon(out, Polygon{{a - side, b - side, b + side, a + side}, {}},
                           layer::kPlanOutline, color, kNoFeature);
        }
    };
    ring(polygon.outer);
    for (const auto& hole : polygon.holes)
        ring(hole);
}

// Plan blocks in the plan's own colour, so a new district reads as that plan from afar: roofs
// a lighter tone of it (they stand out from the area's tint in the same colour), walls much
// darker, which from above frames every roof with a dark edge.
constexpr float kPlanRoofLighten = 0.3f; // towards white
constexpr float kPlanWallShade = 0.5f;
constexpr double kPlanBandWidthM = 120; // about 4 pixels across in the start view
// A plan's open land (Pampus's Ecozone): a meadow green, darker than the plan tints so it reads
// as nature against them.
constexpr glm::u8vec4 kNatureGreen(96, 150, 72, 255);
// Touching (a plan block against a city street's edge) is not overlapping.
constexpr double kTouchingM = 0.01;

} // namespace

std::vector<Polygon> areaPolygons(const CityModel& city, const std::vector<std::string>& wijken,
                                  const std::vector<Polygon>& schematic) {
    std::vector<Polygon> parts = schematic;
    for (const std::string& code : wijken) {
        const int w = city.findWijk(code);
        if (w >= 0)
            parts.insert(parts.end(), city.wijken[size_t(w)].parts.begin(),
                         city.wijken[size_t(w)].parts.end());
    }
    return parts;
}

PlanView planView(const CityModel& city, const PlanDef& plan) {
    glm::dvec2 lo(1e300), hi(-1e300);
    for (const Polygon& part : planArea(city, plan))
        for (glm::dvec2 v : part.outer) {
            lo = glm::min(lo, v);
            hi = glm::max(hi, v);
        }
    if (!(lo.x <= hi.x)) return {};
    // About 2.5 times the area's size keeps it whole between the side panels.
    const double size = std::max(hi.x - lo.x, hi.y - lo.y);
    return {(lo + hi) * 0.5, std::clamp(size * 2.5, 5000.0, 24000.0)};
}

std::vector<Building> planBlocks(const CityModel& city, const PlanDef& plan, double* lotsLeft,
                                 std::vector<Building>* plotsOut) {
    const auto open = [&](glm::dvec2 p) {
        if (city.waterGrid.find(p) >= 0) return true;
        for (const OpenArea& area : plan.open)
            if (pointInPolygon(area.polygon, p)) return true;
        return false;
    };
    std::vector<Building> laidOut, plots;
    // Over a wijk with schematic buildings the plan keeps to the wijk's own streets: its blocks
    // go on the lots the city left empty, lined up with their neighbours.
    std::vector<int> built;
    for (const std::string& code : plan.areaWijken) {
        const int w = city.findWijk(code);
        const auto style =
            w >= 0 ? city.styles.find(city.wijken[size_t(w)].style) : city.styles.end();
        if (style == city.styles.end() || style->second.typology == Typology::None ||
            std::count(built.begin(), built.end(), w))
            continue;
        built.push_back(w);
        const DistrictLayout layout = layOutDistrict(
            plan.id + ":" + code, city.wijken[size_t(w)].parts, plan.style,
            [&](glm::dvec2 p) { return city.wijkGrid.find(p) == w && !open(p); }, lotsLeft,
            &style->second);
        laidOut.insert(laidOut.end(), layout.buildings.begin(), layout.buildings.end());
        plots.insert(plots.end(), layout.plots.begin(), layout.plots.end());
    }
    // The rest of the area on one street grid of the plan's own (its parts may touch or overlap,
    // and a hand-drawn part may reach into a built wijk: not there).
    std::vector<Polygon> parts = plan.schematicArea;
    for (const std::string& code : plan.areaWijken) {
        const int w = city.findWijk(code);
        if (w >= 0 && !std::count(built.begin(), built.end(), w))
            parts.insert(parts.end(), city.wijken[size_t(w)].parts.begin(),
                         city.wijken[size_t(w)].parts.end());
    }
    const auto rest = [&](glm::dvec2 p) {
        if (open(p) || std::count(built.begin(), built.end(), city.wijkGrid.find(p))) return false;
        for (const Polygon& part : parts)
            if (pointInPolygon(part, p)) return true;
        return false;
    };
    const DistrictLayout own = layOutDistrict(plan.id, parts, plan.style, rest, lotsLeft);
    laidOut.insert(laidOut.end(), own.buildings.begin(), own.buildings.end());
    plots.insert(plots.end(), own.plots.begin(), own.plots.end());
    // A farm's plot, like a block, only off the city's; its buildings only on a plot kept.
    FootprintGrid keptPlots;
    for (const Building& plot : plots)
        if (!city.builtGround.overlapsAny(plot, kTouchingM)) keptPlots.add(plot);
    keptPlots.build();
    std::vector<Building> kept;
    for (const Building& b : laidOut)
        if (!city.builtGround.overlapsAny(b, kTouchingM) &&
            (plots.empty() || keptPlots.overlapsAny(b, kTouchingM)))
            kept.push_back(b);
    if (plotsOut) *plotsOut = keptPlots.rects();
    // A fixed pseudo-random order: any prefix is an even thinning of the whole plan.
    const uint32_t seed = hashString(plan.id);
    std::vector<std::pair<uint32_t, size_t>> order;
    for (size_t i = 0; i < kept.size(); ++i)
        order.push_back({hashString(std::to_string(seed) + ":" + std::to_string(i)), i});
    std::sort(order.begin(), order.end());
    std::vector<Building> shuffled;
    for (const auto& entry : order)
        shuffled.push_back(kept[entry.second]);
    return shuffled;
}

std::vector<PlanLayer> buildPlanLayers(const CityModel& city, const PlanCatalog& catalog) {
    std::vector<PlanLayer> layers;
    double lotsLeft = kMaxLotsPerLoad;
    for (const PlanDef& plan : catalog.plans) {
        PlanLayer layer;
        const glm::u8vec4 tint(plan.color, 255);
        for (const Polygon& part : planArea(city, plan)) {
            addFlatPolygon(layer.area, part, layer::kPlanArea, tint, kNoFeature);
            addOutline(layer.outline, part, layer::kPlanOutline, tint, kNoFeature);
            addEdgeBand(layer.band, part, kPlanBandWidthM,
                        glm::u8vec4(glm::vec3(plan.color) * 0.7f, 255));
        }
        for (const OpenArea& open : plan.open)
            addFlatPolygon(layer.band, open.polygon, layer::kPlanOutline, kNatureGreen, kNoFeature);
        std::vector<Building> plots;
        const std::vector<Building> blocks = planBlocks(city, plan, &lotsLeft, &plots);
        BuildingEnds plotEnds;
        for (const Building& plot : plots) {
            addFieldPlot(layer.plots, plot, layer::kPlanPlots, kNoFeature);
            plotEnds.push_back(uint32_t(layer.plots.indices.size()));
        }
        layer.plotCells = groupByCell(layer.plots, plotEnds, kMassingTileSize);
        const glm::vec3 color(plan.color);
        addBuildings(layer.massing, layer.massingEnds, blocks, layer::kLandTop,
                     Rgb(glm::mix(color, glm::vec3(255), kPlanRoofLighten)),
                     Rgb(color * kPlanWallShade), kNoFeature);
        addMarks(layer.routes, plan.routes, plan.places, plan.color);
        layers.push_back(std::move(layer));
    }
    return layers;
}

std::vector<PlanLayer> buildThemeLayers(const CityModel& city, const PlanCatalog& catalog) {
    std::vector<PlanLayer> layers;
    for (const ThemeDef& theme : catalog.themes) {
        PlanLayer layer;
        for (const ThemeItem& item : theme.items) {
            const glm::u8vec4 tint(item.color, 255);
            for (const Polygon& part : areaPolygons(city, item.wijken, item.schematic)) {
                addFlatPolygon(layer.area, part, layer::kPlanArea, tint, kNoFeature);
                addOutline(layer.outline, part, layer::kPlanOutline, tint, kNoFeature);
            }
            addMarks(layer.routes, item.routes, item.places, item.color);
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

} // namespace almere
