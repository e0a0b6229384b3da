#include "core/plans.hpp"

#include "core/json_reader.hpp"
#include "core/triangulate.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

namespace almere {
namespace {

using nlohmann::json;

// An integer in [lo, hi] (hi >= 0). get<int>() alone wraps: a year of 4294969336 would be read
// as 2040 and accepted.
bool integerIn(const json& v, int lo, int hi, int& out) {
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(hi)))
        return false;
    const int64_t n = v.get<int64_t>();
    if (n < lo || n > hi) return false;
    out = int(n);
    return true;
}

bool lineRange(JsonReader& r, const json& parent, const std::string& path, glm::ivec2& out) {
    const json* lines = r.array(parent, "lines", path);
    if (!lines) return false;
    if (lines->size() != 2 || !integerIn((*lines)[0], 1, INT_MAX, out[0]) ||
        !integerIn((*lines)[1], out[0], INT_MAX, out[1]))
        return r.fail(joinPath(path, "lines"), "expected [first, last] line numbers");
    return true;
}

bool stringList(JsonReader& r, const json& parent, const char* key, const std::string& path,
                std::vector<std::string>& out) {
    const json* list = r.array(parent, key, path);
    if (!list) return false;
    for (size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_string())
            return r.fail(indexPath(joinPath(path, key), i), "expected a string");
        out.push_back((*list)[i].get<std::string>());
    }
    return true;
}

bool isIdentifier(const std::string& id) {
    return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool parsePlace(JsonReader& r, const json& v, const std::string& path, Place& out) {
    const json* at = r.array(v, "at", path);
    return at && r.string(v, "name", path, out.name) &&
           parseLonLat(r, *at, joinPath(path, "at"), out.at);
}

bool parseRoute(JsonReader& r, const json& v, const std::string& path, RouteDef& out) {
    const json* points = r.array(v, "points", path);
    const json* stops = points ? r.array(v, "stops", path) : nullptr;
    if (!stops || !r.string(v, "id", path, out.id) || !lineRange(r, v, path, out.lines))
        return false;
    if (!isIdentifier(out.id)) return r.fail(joinPath(path, "id"), "expected a-z, 0-9 or _");
    if (points->size() < 2 || points->size() > 1000)
        return r.fail(joinPath(path, "points"), "expected 2 to 1000 positions");
    for (size_t i = 0; i < points->size(); ++i)
        if (!parseLonLat(r, (*points)[i], indexPath(joinPath(path, "points"), i),
                         out.points.emplace_back()))
            return false;
    for (size_t i = 0; i < stops->size(); ++i)
        if (!parsePlace(r, (*stops)[i], indexPath(joinPath(path, "stops"), i),
                        out.stops.emplace_back()))
            return false;
    return true;
}

// The optional "routes" and "places" of a plan or theme item.
bool parseMarks(JsonReader& r, const json& v, const std::string& path,
                std::vector<RouteDef>& routes, std::vector<Place>& places) {
    if (v.contains("routes")) {
        const json* list = r.array(v, "routes", path);
        if (!list) return false;
        for (size_t i = 0; i < list->size(); ++i)
            if (!parseRoute(r, (*list)[i], indexPath(joinPath(path, "routes"), i),
                            routes.emplace_back()))
                return false;
    }
    if (v.contains("places")) {
        const json* list = r.array(v, "places", path);
        if (!list) return false;
        for (size_t i = 0; i < list->size(); ++i)
            if (!parsePlace(r, (*list)[i], indexPath(joinPath(path, "places"), i),
                            places.emplace_back()))
                return false;
    }
    return true;
}

// An open area: an id, its source lines, and a polygon of at least three [lon, lat] positions.
bool parseOpenArea(JsonReader& r, const json& v, const std::string& path, OpenArea& out) {
    const json* polygon = r.array(v, "polygon", path);
    if (!polygon || !r.string(v, "id", path, out.id) || !lineRange(r, v, path, out.lines))
        return false;
    if (!isIdentifier(out.id)) return r.fail(joinPath(path, "id"), "expected a-z, 0-9 or _");
    const std::string ppath = joinPath(path, "polygon");
    if (polygon->size() < 3 || polygon->size() > 1000)
        return r.fail(ppath, "expected 3 to 1000 [lon, lat] positions");
    for (size_t i = 0; i < polygon->size(); ++i)
        if (!parseLonLat(r, (*polygon)[i], indexPath(ppath, i), out.polygon.outer.emplace_back()))
            return false;
    if (triangulate(out.polygon).empty()) return r.fail(ppath, "polygon has no area");
    return true;
}

bool parsePhase(JsonReader& r, const json& p, const std::string& path, PhaseDef& out) {
    if (!r.string(p, "id", path, out.id) || !lineRange(r, p, path, out.lines)) return false;
    if (!isIdentifier(out.id)) return r.fail(joinPath(path, "id"), "expected a-z, 0-9 or _");
    if (p.contains("year")) {
        if (!integerIn(p["year"], 1976, 2100, out.year))
            return r.fail(joinPath(path, "year"), "expected a year between 1976 and 2100");
    }
    return true;
}

// An area: CBS wijken by code (their real outlines) and/or hand-drawn polygons.
bool parseArea(JsonReader& r, const json& area, const std::string& apath,
               const std::vector<std::string>& wijkCodes, std::vector<std::string>& wijken,
               std::vector<Polygon>& schematic) {
    if (area.contains("wijken") && !stringList(r, area, "wijken", apath, wijken)) return false;
    for (size_t i = 0; i < wijken.size(); ++i)
        if (std::find(wijkCodes.begin(), wijkCodes.end(), wijken[i]) == wijkCodes.end())
            return r.fail(indexPath(joinPath(apath, "wijken"), i),
                          "unknown wijk '" + wijken[i] + "'");
    if (area.contains("schematic")) {
        const json* parts = r.array(area, "schematic", apath);
        if (!parts) return false;
        for (size_t i = 0; i < parts->size(); ++i)
            if (!parseGeoPolygon(r, (*parts)[i], indexPath(joinPath(apath, "schematic"), i),
                                 schematic.emplace_back()))
                return false;
    }
    if (wijken.empty() && schematic.empty())
        return r.fail(apath, "needs at least one wijk or schematic polygon");
    return true;
}

bool parseTheme(JsonReader& r, const json& t, const std::string& path,
                const std::vector<std::string>& wijkCodes, ThemeDef& out) {
    const json* items = r.array(t, "items", path);
    if (!items || !r.string(t, "id", path, out.id)) return false;
    if (!isIdentifier(out.id)) return r.fail(joinPath(path, "id"), "expected a-z, 0-9 or _");
    if (items->empty()) return r.fail(joinPath(path, "items"), "is empty");
    for (size_t i = 0; i < items->size(); ++i) {
        const json& v = (*items)[i];
        const std::string ipath = indexPath(joinPath(path, "items"), i);
        ThemeItem item;
        std::string color;
        if (!r.string(v, "id", ipath, item.id) || !r.string(v, "color", ipath, color) ||
            !lineRange(r, v, ipath, item.lines) ||
            !parseMarks(r, v, ipath, item.routes, item.places))
            return false;
        // An item shows an area, lines or named spots: at least one of them.
        if (v.contains("area") || (item.routes.empty() && item.places.empty())) {
            const json* area = r.object(v, "area", ipath);
            if (!area || !parseArea(r, *area, joinPath(ipath, "area"), wijkCodes, item.wijken,
                                    item.schematic))
                return false;
        }
        if (!isIdentifier(item.id)) return r.fail(joinPath(ipath, "id"), "expected a-z, 0-9 or _");
        if (!parseHexColor(color, item.color))
            return r.fail(joinPath(ipath, "color"), "expected #rrggbb");
        out.items.push_back(std::move(item));
    }
    return true;
}

bool parsePlan(JsonReader& r, const json& p, const std::string& path, const PlanCatalog& catalog,
               const std::vector<std::string>& wijkCodes, PlanDef& out) {
    std::string color;
    const json* area = nullptr;
    const json* style = nullptr;
    const json* growth = nullptr;
    if (!r.string(p, "id", path, out.id) || !r.string(p, "color", path, color) ||
        !(area = r.object(p, "area", path)) || !(style = r.object(p, "style", path)) ||
        !(growth = r.array(p, "growth", path)) ||
        !stringList(r, p, "ambitions", path, out.ambitions) || !lineRange(r, p, path, out.lines))
        return false;
    if (!isIdentifier(out.id)) return r.fail(joinPath(path, "id"), "expected a-z, 0-9 or _");
    if (!parseHexColor(color, out.color))
        return r.fail(joinPath(path, "color"), "expected #rrggbb");

    if (!parseArea(r, *area, joinPath(path, "area"), wijkCodes, out.areaWijken, out.schematicArea))
        return false;

    if (!parseMassingStyle(r, *style, joinPath(path, "style"), out.style)) return false;

    const std::string gpath = joinPath(path, "growth");
    if (growth->size() != catalog.phases.size())
        return r.fail(gpath, "expected " + std::to_string(catalog.phases.size()) +
                                 " values, one per phase");
    for (size_t i = 0; i < growth->size(); ++i) {
        const json& g = (*growth)[i];
        if (!g.is_number() || g.get<double>() < 0 || g.get<double>() > 1)
            return r.fail(indexPath(gpath, i), "expected a share between 0 and 1");
        if (i > 0 && g.get<double>() < out.growth.back())
            return r.fail(indexPath(gpath, i), "a plan does not shrink over time");
        out.growth.push_back(g.get<double>());
    }

    if (!parseMarks(r, p, path, out.routes, out.places)) return false;
    if (p.contains("open")) {
        const json* open = r.array(p, "open", path);
        if (!open) return false;
        for (size_t i = 0; i < open->size(); ++i)
            if (!parseOpenArea(r, (*open)[i], indexPath(joinPath(path, "open"), i),
                               out.open.emplace_back()))
                return false;
    }
    for (size_t i = 0; i < out.ambitions.size(); ++i)
        if (std::find(catalog.ambitions.begin(), catalog.ambitions.end(), out.ambitions[i]) ==
            catalog.ambitions.end())
            return r.fail(indexPath(joinPath(path, "ambitions"), i),
                          "unknown ambition '" + out.ambitions[i] + "'");
    return true;
}

} // namespace

Result<PlanCatalog> parsePlanCatalog(const SourceFile& file,
                                     const std::vector<std::string>& wijkCodes) {
    using R = Result<PlanCatalog>;
    JsonReader r(file.name);
    const json doc = r.parse(file.text);
    if (!r.ok()) return R::failure(r.error());
    PlanCatalog catalog;
    const json* phases = r.array(doc, "phases", "");
    const json* plans = phases ? r.array(doc, "plans", "") : nullptr;
    if (!plans || !stringList(r, doc, "ambitions", "", catalog.ambitions))
        return R::failure(r.error());
    if (phases->size() < 2) return R::failure(file.name + ": phases: expected at least two");
    if (plans->empty()) return R::failure(file.name + ": plans: is empty");

    for (size_t i = 0; i < phases->size(); ++i) {
        PhaseDef phase;
        const std::string path = indexPath("phases", i);
        if (!parsePhase(r, (*phases)[i], path, phase)) return R::failure(r.error());
        // Phases run forward in time: a year may never come before an earlier phase's year.
        for (const PhaseDef& earlier : catalog.phases)
            if (phase.year && earlier.year && phase.year <= earlier.year)
                return R::failure(file.name + ": " + path + ".year: " + std::to_string(phase.year) +
                                  " is not after phase '" + earlier.id + "' (" +
                                  std::to_string(earlier.year) + ")");
        for (const PhaseDef& earlier : catalog.phases)
            if (earlier.id == phase.id)
                return R::failure(file.name + ": " + path + ".id: '" + phase.id + "' used twice");
        catalog.phases.push_back(phase);
    }
    const json* goals = r.array(doc, "goals", "");
    if (!goals) return R::failure(r.error());
    for (size_t i = 0; i < goals->size(); ++i) {
        GoalDef goal;
        const std::string path = indexPath("goals", i);
        if (!r.string((*goals)[i], "id", path, goal.id) ||
            !lineRange(r, (*goals)[i], path, goal.lines))
            return R::failure(r.error());
        if (!isIdentifier(goal.id))
            return R::failure(file.name + ": " + path + ".id: expected a-z, 0-9 or _");
        catalog.goals.push_back(goal);
    }
    if (doc.contains("themes")) {
        const json* themes = r.array(doc, "themes", "");
        if (!themes) return R::failure(r.error());
        for (size_t i = 0; i < themes->size(); ++i)
            if (!parseTheme(r, (*themes)[i], indexPath("themes", i), wijkCodes,
                            catalog.themes.emplace_back()))
                return R::failure(r.error());
    }
    for (size_t i = 0; i < plans->size(); ++i) {
        PlanDef plan;
        if (!parsePlan(r, (*plans)[i], indexPath("plans", i), catalog, wijkCodes, plan))
            return R::failure(r.error());
        catalog.plans.push_back(std::move(plan));
    }
    return catalog;
}

double growthAt(const PlanDef& plan, double time) {
    if (plan.growth.empty() || !std::isfinite(time)) return 0;
    const double t = std::clamp(time, 0.0, double(plan.growth.size() - 1));
    const size_t i = std::min(size_t(t), plan.growth.size() - 1);
    const size_t j = std::min(i + 1, plan.growth.size() - 1);
    return plan.growth[i] + (plan.growth[j] - plan.growth[i]) * (t - double(i));
}

} // namespace almere
