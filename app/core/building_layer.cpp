#include "core/building_layer.hpp"

#include "core/city_source.hpp"
#include "core/geo.hpp"
#include "core/json_reader.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

using nlohmann::json;
namespace lim = building_limits;

// Why one feature is skipped: the field (path from the feature) and the reason.
struct Skip {
    std::string field, why;
};

bool skip(Skip& s, std::string field, std::string why) {
    s = {std::move(field), std::move(why)};
    return false;
}

bool toLocal(const json& p, bool rdNew, glm::dvec2& out, const std::string& path, Skip& s) {
    if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
        return skip(s, path, rdNew ? "expected [x, y]" : "expected [lon, lat]");
    // Positions may carry an altitude after the first two numbers; it is ignored.
    const double a = p[0].get<double>(), b = p[1].get<double>();
    if (rdNew) {
        // RD New's published validity area, with room for its false origin.
        if (!(a > -7000 && a < 300000 && b > 289000 && b < 629000))
            return skip(s, path, "position outside the Netherlands (RD New)");
        out = rdToLocal({a, b});
    } else {
        if (!(a > 2.0 && a < 8.0 && b > 50.0 && b < 54.0))
            return skip(s, path, "position outside the Netherlands");
        out = wgs84ToLocal({a, b});
    }
    return true;
}

double ringArea(const Ring& ring) {
    double twice = 0;
    for (size_t i = 0, n = ring.size(); i < n; ++i)
        twice += ring[i].x * ring[(i + 1) % n].y - ring[(i + 1) % n].x * ring[i].y;
    return twice / 2;
}

// A GeoJSON ring into an open ring (the repeated first point dropped) in local metres.
bool parseRing(const json& ring, bool rdNew, const std::string& path, Ring& out, Skip& s) {
    if (!ring.is_array()) return skip(s, path, "expected an array of positions");
    if (ring.size() < 4)
        return skip(s, path, "a ring needs at least 4 positions (3 corners, then the first again)");
    if (ring.size() > lim::kMaxVerticesPerRing + 1)
        return skip(s, path, "more than " + std::to_string(lim::kMaxVerticesPerRing) + " corners");
    for (size_t i = 0; i < ring.size(); ++i) {
        glm::dvec2 p;
        if (!toLocal(ring[i], rdNew, p, indexPath(path, i), s)) return false;
        // Repeated points say nothing about the shape; the crossing test would see them as
        // touching.
        if (out.empty() || out.back() != p) out.push_back(p);
    }
    if (ring.front() != ring.back())
        return skip(s, path, "ring not closed (the last position must repeat the first)");
    if (out.size() > 1 && out.front() == out.back()) out.pop_back();
    if (out.size() < 3) return skip(s, path, "fewer than 3 distinct corners");
    if (ringCrossesItself(out)) return skip(s, path, "ring crosses itself");
    if (std::abs(ringArea(out)) < 0.1) return skip(s, path, "ring has no area");
    return true;
}

bool parsePolygon(const json& rings, bool rdNew, const std::string& path, Polygon& out, Skip& s) {
    if (!rings.is_array() || rings.empty()) return skip(s, path, "expected an array of rings");
    if (rings.size() > lim::kMaxRingsPerPolygon)
        return skip(s, path, "more than " + std::to_string(lim::kMaxRingsPerPolygon) + " rings");
    for (size_t i = 0; i < rings.size(); ++i) {
        Ring ring;
        if (!parseRing(rings[i], rdNew, indexPath(path, i), ring, s)) return false;
        (i == 0 ? out.outer : out.holes.emplace_back()) = std::move(ring);
    }
    size_t hole = 0;
    if (const char* why = holeProblem(out, &hole)) return skip(s, indexPath(path, hole + 1), why);
    return true;
}

bool parseFootprint(const json& feature, bool rdNew, std::vector<Polygon>& out, Skip& s) {
    auto geometry = feature.find("geometry");
    if (geometry == feature.end() || !geometry->is_object())
        return skip(s, "geometry", "expected a Polygon or MultiPolygon");
    auto type = geometry->find("type");
    auto coords = geometry->find("coordinates");
    const bool multi = type != geometry->end() && *type == "MultiPolygon";
    if (!multi && (type == geometry->end() || *type != "Polygon"))
        return skip(s, "geometry.type", "expected Polygon or MultiPolygon");
    if (coords == geometry->end() || !coords->is_array())
        return skip(s, "geometry.coordinates", "expected an array");
    if (!multi) return parsePolygon(*coords, rdNew, "geometry.coordinates", out.emplace_back(), s);
    if (coords->empty()) return skip(s, "geometry.coordinates", "has no polygons");
    if (coords->size() > lim::kMaxPolygonsPerFeature)
        return skip(s, "geometry.coordinates",
                    "more than " + std::to_string(lim::kMaxPolygonsPerFeature) + " polygons");
    for (size_t i = 0; i < coords->size(); ++i)
        if (!parsePolygon((*coords)[i], rdNew, indexPath("geometry.coordinates", i),
                          out.emplace_back(), s))
            return false;
    return true;
}

// A number property: 0 absent (or null, as 3D BAG writes unknowns), 1 read, -1 not a number.
int numberProperty(const json& props, const char* key, double& out) {
    auto it = props.find(key);
    if (it == props.end() || it->is_null()) return 0;
    if (!it->is_number()) return -1;
    out = it->get<double>();
    return 1;
}

bool parseHeight(const json& props, double& height, Skip& s) {
    const std::string where = "properties.";
    switch (numberProperty(props, "height", height)) {
    case -1:
        return skip(s, where + "height", "expected a number of metres");
    case 1:
        break;
    default: {
        // 3D BAG: roof elevation minus ground elevation, both in metres NAP.
        static const char* const kRoofGround[][2] = {{"b3_h_dak_70p", "b3_h_maaiveld"},
                                                     {"b3_h_dak_50p", "b3_h_maaiveld"},
                                                     {"h_dak_70p", "h_maaiveld"},
                                                     {"h_dak_50p", "h_maaiveld"}};
        bool found = false;
        for (const auto& pair : kRoofGround) {
            double roof = 0, ground = 0;
            const int r = numberProperty(props, pair[0], roof);
            if (r == 0) continue;
            if (r < 0) return skip(s, where + pair[0], "expected a number of metres NAP");
            if (numberProperty(props, pair[1], ground) != 1)
                return skip(s, where + pair[1], "expected the ground elevation (metres NAP)");
            height = roof - ground;
            found = true;
            break;
        }
        if (!found)
            return skip(s, "properties", "no height (height, or b3_h_dak_70p with b3_h_maaiveld)");
    }
    }
    if (!(height > 0)) return skip(s, where + "height", "height must be above 0 m");
    // Found by tests/fuzz/fuzz_buildings: 1e-300 m is above 0 but 0 as the file's 32-bit float,
    // and the viewer then refused the whole file.
    if (height < lim::kMinHeightM) return skip(s, where + "height", "height below 0.1 m");
    if (height > lim::kMaxHeightM)
        return skip(s, where + "height", "height above 300 m is not a building");
    return true;
}

std::string featureId(const json& feature) {
    auto text = [](const json& v) {
        return v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : std::string();
    };
    auto id = feature.find("id");
    if (id != feature.end()) return text(*id).substr(0, 64);
    auto props = feature.find("properties");
    if (props != feature.end() && props->is_object()) {
        auto bagId = props->find("identificatie");
        if (bagId != props->end()) return text(*bagId).substr(0, 64);
    }
    return {};
}

bool parseFeature(const json& feature, bool rdNew, RealBuilding& out, Skip& s) {
    if (!feature.is_object()) return skip(s, "", "expected a Feature object");
    auto props = feature.find("properties");
    if (props == feature.end() || !props->is_object())
        return skip(s, "properties", "expected an object with the height");
    return parseFootprint(feature, rdNew, out.parts, s) && parseHeight(*props, out.heightM, s);
}

// The crs member (a GeoJSON 2008 leftover that GDAL still writes): true for RD New.
bool parseCrs(JsonReader& r, const json& doc, bool& rdNew) {
    rdNew = false;
    auto crs = doc.find("crs");
    if (crs == doc.end() || crs->is_null()) return true;
    std::string name;
    const json* props = r.object(*crs, "properties", "crs");
    if (!props || !r.string(*props, "name", "crs.properties", name)) return false;
    if (name.find("28992") != std::string::npos) {
        rdNew = true;
        return true;
    }
    // EPSG:4326 formally has latitude first, but GeoJSON writers keep [lon, lat] under it.
    if (name.find("CRS84") != std::string::npos || name.find("4326") != std::string::npos)
        return true;
    return r.fail("crs.properties.name",
                  "unknown '" + name + "': expected EPSG:28992 (RD New) or OGC CRS84 (WGS84)");
}

bool parseBbox(JsonReader& r, const json& doc, BuildingLayer& layer) {
    auto bbox = doc.find("bbox");
    if (bbox == doc.end()) return true;
    // [west, south, east, north], or with heights [west, south, low, east, north, high].
    if (!bbox->is_array() || (bbox->size() != 4 && bbox->size() != 6) ||
        !std::all_of(bbox->begin(), bbox->end(), [](const json& v) { return v.is_number(); }))
        return r.fail("bbox", "expected [west, south, east, north]");
    const size_t half = bbox->size() / 2;
    const json lo = {(*bbox)[0], (*bbox)[1]}, hi = {(*bbox)[half], (*bbox)[half + 1]};
    glm::dvec2 corners[4];
    Skip s;
    if (!toLocal(lo, layer.rdNew, corners[0], "bbox", s) ||
        !toLocal(hi, layer.rdNew, corners[1], "bbox", s) ||
        !toLocal(json{lo[0], hi[1]}, layer.rdNew, corners[2], "bbox", s) ||
        !toLocal(json{hi[0], lo[1]}, layer.rdNew, corners[3], "bbox", s))
        return r.fail("bbox", s.why);
    if (!(lo[0] < hi[0] && lo[1] < hi[1]))
        return r.fail("bbox", "west must be below east, "
                              "south below north");
    // WGS84 corners project to a slightly turned rectangle: take the bounds of all four.
    layer.extentMin = layer.extentMax = corners[0];
    for (const glm::dvec2& c : corners) {
        layer.extentMin = glm::min(layer.extentMin, c);
        layer.extentMax = glm::max(layer.extentMax, c);
    }
    layer.declaredExtent = true;
    return true;
}

void growExtentOverBuildings(BuildingLayer& layer) {
    if (layer.declaredExtent || layer.buildings.empty()) return;
    layer.extentMin = glm::dvec2(1e300);
    layer.extentMax = glm::dvec2(-1e300);
    for (const RealBuilding& b : layer.buildings)
        for (const Polygon& p : b.parts)
            for (const glm::dvec2& v : p.outer) {
                layer.extentMin = glm::min(layer.extentMin, v);
                layer.extentMax = glm::max(layer.extentMax, v);
            }
}

} // namespace

namespace {

// Corners closer than a millimetre to a line count as on it: projected coordinates carry
// rounding noise, and a footprint folding back on itself must not slip through on it.
constexpr double kOnLineM = 1e-3;

int orient(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c) {
    const double v = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    const double tolerance = kOnLineM * glm::length(b - a);
    return (v > tolerance) - (v < -tolerance);
}

bool within(glm::dvec2 a, glm::dvec2 b, glm::dvec2 p) { // p on the line through a, b
    return std::min(a.x, b.x) - kOnLineM <= p.x && p.x <= std::max(a.x, b.x) + kOnLineM &&
           std::min(a.y, b.y) - kOnLineM <= p.y && p.y <= std::max(a.y, b.y) + kOnLineM;
}

// True when segments ab and cd touch or cross (within kOnLineM).
bool segmentsTouch(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c, glm::dvec2 d) {
    const int o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a),
              o4 = orient(c, d, b);
    if (o1 != o2 && o3 != o4) return true;
    return (o1 == 0 && within(a, b, c)) || (o2 == 0 && within(a, b, d)) ||
           (o3 == 0 && within(c, d, a)) || (o4 == 0 && within(c, d, b));
}

void ringBounds(const Ring& ring, glm::dvec2& lo, glm::dvec2& hi) {
    lo = hi = ring.front();
    for (const glm::dvec2& v : ring) {
        lo = glm::min(lo, v);
        hi = glm::max(hi, v);
    }
}

} // namespace

bool ringCrossesItself(const Ring& ring) {
    const size_t n = ring.size();
    if (n < 3) return false;
    for (size_t i = 0; i < n; ++i) {
        const glm::dvec2 a = ring[i], b = ring[(i + 1) % n], c = ring[(i + 2) % n];
        // Adjacent edges share a corner; they are wrong only when the second folds back.
        if (orient(a, b, c) == 0 && glm::dot(b - a, c - b) < 0) return true;
        for (size_t j = i + 2; j < n; ++j) {
            if (i == 0 && j == n - 1) continue; // the closing edge is adjacent to the first
            if (segmentsTouch(a, b, ring[j], ring[(j + 1) % n])) return true;
        }
    }
    return false;
}

bool ringsTouch(const Ring& a, const Ring& b) {
    if (a.empty() || b.empty()) return false;
    glm::dvec2 aLo, aHi, bLo, bHi;
    ringBounds(a, aLo, aHi);
    ringBounds(b, bLo, bHi);
    // Bounds apart by more than the tolerance: no edge of one can reach the other (cheap, and
    // most holes of a real footprint lie apart).
    if (aHi.x + kOnLineM < bLo.x || bHi.x + kOnLineM < aLo.x || aHi.y + kOnLineM < bLo.y ||
        bHi.y + kOnLineM < aLo.y)
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = 0; j < b.size(); ++j)
            if (segmentsTouch(a[i], a[(i + 1) % a.size()], b[j], b[(j + 1) % b.size()]))
                return true;
    return false;
}

const char* holeProblem(const Polygon& polygon, size_t* hole) {
    for (size_t i = 0; i < polygon.holes.size(); ++i) {
        const Ring& h = polygon.holes[i];
        if (hole) *hole = i;
        if (ringsTouch(h, polygon.outer)) return "hole touches or crosses its outer ring";
        // No edges meet, so one corner tells where the whole hole lies.
        if (!pointInRing(polygon.outer, h.front())) return "hole outside its outer ring";
        for (size_t j = 0; j < i; ++j) {
            const Ring& other = polygon.holes[j];
            if (ringsTouch(h, other)) return "holes touch or cross each other";
            if (pointInRing(other, h.front()) || pointInRing(h, other.front()))
                return "hole inside another hole";
        }
    }
    return nullptr;
}

Result<BuildingLayer> parseBuildingLayer(const SourceFile& file) {
    JsonReader r(file.name);
    const json doc = r.parse(file.text);
    BuildingLayer layer;
    std::string type;
    if (r.ok() && r.string(doc, "type", "", type) && type != "FeatureCollection")
        r.fail("type", "expected FeatureCollection");
    const json* metadata = r.ok() ? r.object(doc, "metadata", "") : nullptr;
    if (metadata && r.string(*metadata, "source", "metadata", layer.source) &&
        r.string(*metadata, "licence", "metadata", layer.licence)) {
        if (layer.source.empty()) r.fail("metadata.source", "is empty: the credits must name it");
        if (layer.licence.empty()) r.fail("metadata.licence", "is empty: the credits name it");
    }
    const json* features = nullptr;
    if (r.ok() && parseCrs(r, doc, layer.rdNew) && parseBbox(r, doc, layer))
        features = r.array(doc, "features", "");
    if (features && features->size() > lim::kMaxFeatures)
        r.fail("features", "more than " + std::to_string(lim::kMaxFeatures) + " features");
    if (!r.ok()) return Result<BuildingLayer>::failure(r.error());

    layer.featuresRead = features->size();
    layer.buildings.reserve(features->size());
    for (size_t i = 0; i < features->size(); ++i) {
        const json& feature = (*features)[i];
        RealBuilding building;
        Skip s;
        if (parseFeature(feature, layer.rdNew, building, s)) {
            building.id = featureId(feature);
            layer.buildings.push_back(std::move(building));
            continue;
        }
        ++layer.skipped;
        ++layer.skippedByReason[s.why];
        if (layer.firstReasons.size() < lim::kReasonsKept) {
            const std::string id = feature.is_object() ? featureId(feature) : std::string();
            std::string path = indexPath("features", i) + (id.empty() ? "" : " (id " + id + ")");
            if (!s.field.empty()) path += "." + s.field;
            layer.firstReasons.push_back(file.name + ": " + path + ": " + s.why);
        }
    }
    growExtentOverBuildings(layer);
    return layer;
}

} // namespace almere
