#include "core/city_source.hpp"

#include "core/geo.hpp"
#include "core/json_reader.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

using nlohmann::json;

} // namespace

bool placeInNetherlands(JsonReader& r, LonLat ll, const std::string& path, glm::dvec2& out) {
    // The Netherlands only: RD New is not defined far outside it.
    if (!(ll.lon > 2.0 && ll.lon < 8.0 && ll.lat > 50.0 && ll.lat < 54.0))
        return r.fail(path, "position outside the Netherlands");
    out = wgs84ToLocal(ll);
    return true;
}

bool parseLonLat(JsonReader& r, const json& v, const std::string& path, glm::dvec2& out) {
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
        return r.fail(path, "expected [lon, lat]");
    return placeInNetherlands(r, {v[0].get<double>(), v[1].get<double>()}, path, out);
}

namespace {

bool parseRing(JsonReader& r, const json& ring, const std::string& path, Ring& out) {
    if (!ring.is_array()) return r.fail(path, "expected an array of [lon, lat] positions");
    if (ring.size() < 4) return r.fail(path, "a ring needs at least 4 positions");
    for (size_t i = 0; i < ring.size(); ++i) {
        const json& p = ring[i];
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
            return r.fail(indexPath(path, i), "expected [lon, lat]");
        // GeoJSON positions may carry an altitude after lon and lat; it is ignored.
        if (!placeInNetherlands(r, {p[0].get<double>(), p[1].get<double>()}, indexPath(path, i),
                                out.emplace_back()))
            return false;
    }
    return true;
}

} // namespace

bool parseGeoPolygon(JsonReader& r, const json& rings, const std::string& path, Polygon& out) {
    if (!rings.is_array() || rings.empty()) return r.fail(path, "expected an array of rings");
    for (size_t i = 0; i < rings.size(); ++i) {
        Ring ring;
        if (!parseRing(r, rings[i], indexPath(path, i), ring)) return false;
        (i == 0 ? out.outer : out.holes.emplace_back()) = std::move(ring);
    }
    if (triangulate(out).empty()) return r.fail(path, "polygon has no area");
    return true;
}

namespace {

bool parseGeometry(JsonReader& r, const json& feature, const std::string& path,
                   std::vector<Polygon>& out) {
    const std::string gpath = joinPath(path, "geometry");
    const json* geometry = r.object(feature, "geometry", path);
    std::string type;
    if (!geometry || !r.string(*geometry, "type", gpath, type)) return false;
    const json* coords = r.array(*geometry, "coordinates", gpath);
    if (!coords) return false;
    const std::string cpath = joinPath(gpath, "coordinates");
    if (type == "Polygon") return parseGeoPolygon(r, *coords, cpath, out.emplace_back());
    if (type != "MultiPolygon")
        return r.fail(joinPath(gpath, "type"), "expected Polygon or MultiPolygon");
    for (size_t i = 0; i < coords->size(); ++i)
        if (!parseGeoPolygon(r, (*coords)[i], indexPath(cpath, i), out.emplace_back()))
            return false;
    return true;
}

// Calls fn(feature, properties, path) for each feature; stops at the first error.
template <class Fn> bool forEachFeature(JsonReader& r, const json& doc, Fn fn) {
    const json* features = r.array(doc, "features", "");
    if (!features) return false;
    if (features->empty()) return r.fail("features", "is empty");
    for (size_t i = 0; i < features->size(); ++i) {
        const std::string path = indexPath("features", i);
        const json* props = r.object((*features)[i], "properties", path);
        if (!props || !fn((*features)[i], *props, path)) return false;
    }
    return true;
}

} // namespace

namespace {
constexpr std::pair<Typology, const char*> kTypologyNames[] = {
    {Typology::None, "none"},     {Typology::Rows, "rows"},   {Typology::Courtyards, "courtyards"},
    {Typology::Centre, "centre"}, {Typology::Halls, "halls"}, {Typology::Farmsteads, "farmsteads"},
};
} // namespace

const char* typologyName(Typology typology) {
    for (const auto& [t, name] : kTypologyNames)
        if (t == typology) return name;
    return "none";
}

bool parseTypology(const std::string& name, Typology& out) {
    for (const auto& [t, text] : kTypologyNames)
        if (name == text) {
            out = t;
            return true;
        }
    return false;
}

bool parseMassingStyle(JsonReader& r, const json& s, const std::string& path, MassingStyle& out) {
    std::string color, ground, typology;
    if (!r.string(s, "typology", path, typology)) return false;
    if (!parseTypology(typology, out.typology))
        return r.fail(joinPath(path, "typology"),
                      "expected none, rows, courtyards, centre, halls or farmsteads");
    const json* footprint = r.array(s, "footprint_m", path);
    const json* height = r.array(s, "height_m", path);
    if (!r.number(s, "spacing_m", path, out.spacingM) || !r.number(s, "fill", path, out.fill) ||
        !footprint || !height || !r.string(s, "color", path, color) ||
        !r.string(s, "ground", path, ground))
        return false;
    auto range = [&](const json& a, const char* key, glm::dvec2& v) {
        if (a.size() != 2 || !a[0].is_number() || !a[1].is_number() || a[0] > a[1] || a[0] < 0)
            return r.fail(joinPath(path, key), "expected [min, max] with 0 <= min <= max");
        v = {a[0].get<double>(), a[1].get<double>()};
        return true;
    };
    if (!range(*footprint, "footprint_m", out.footprintM) ||
        !range(*height, "height_m", out.heightM))
        return false;
    if (out.spacingM != 0 && (out.spacingM < 10 || out.spacingM > 1000))
        return r.fail(joinPath(path, "spacing_m"), "expected 0 or 10..1000 metres");
    if (out.fill < 0 || out.fill > 1) return r.fail(joinPath(path, "fill"), "expected 0..1");
    if (!parseHexColor(color, out.color))
        return r.fail(joinPath(path, "color"), "expected #rrggbb");
    if (!parseHexColor(ground, out.ground))
        return r.fail(joinPath(path, "ground"), "expected #rrggbb");
    return true;
}

bool parseHexColor(const std::string& text, Rgb& out) {
    if (text.size() != 7 || text[0] != '#') return false;
    unsigned v = 0;
    for (size_t i = 1; i < 7; ++i) {
        const char c = text[i];
        const int d = (c >= '0' && c <= '9')   ? c - '0'
                      : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                      : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                               : -1;
        if (d < 0) return false;
        v = v * 16 + static_cast<unsigned>(d);
    }
    out = Rgb((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    return true;
}

Result<std::map<std::string, MassingStyle>> parseStyles(const SourceFile& file) {
    JsonReader r(file.name);
    const json doc = r.parse(file.text);
    std::map<std::string, MassingStyle> out;
    const json* styles = r.ok() ? r.object(doc, "styles", "") : nullptr;
    if (styles && styles->empty()) r.fail("styles", "is empty");
    for (auto it = styles ? styles->begin() : doc.end(); styles && it != styles->end() && r.ok();
         ++it)
        parseMassingStyle(r, it.value(), joinPath("styles", it.key().c_str()), out[it.key()]);
    if (!r.ok()) return Result<std::map<std::string, MassingStyle>>::failure(r.error());
    return out;
}

Result<CitySource> parseCitySource(const SourceFile& wijkenFile, const SourceFile& stadsdelenFile,
                                   const SourceFile& waterFile, const SourceFile& characterFile) {
    CitySource city;

    auto styles = parseStyles(characterFile);
    if (!styles) return Result<CitySource>::failure(styles.error());
    city.styles = styles.take();
    JsonReader cr(characterFile.name);
    const json character = cr.parse(characterFile.text);
    const json* assignment = cr.object(character, "wijken", "");
    if (!assignment) return Result<CitySource>::failure(cr.error());

    JsonReader wr(wijkenFile.name);
    const json wijken = wr.parse(wijkenFile.text);
    if (wr.ok() && wr.string(wijken, "source", "", city.boundarySource)) {
        forEachFeature(wr, wijken, [&](const json& f, const json& props, const std::string& path) {
            WijkSource w;
            const std::string ppath = joinPath(path, "properties");
            if (!wr.string(props, "code", ppath, w.code) ||
                !wr.string(props, "name", ppath, w.name) ||
                !wr.string(props, "stadsdeel", ppath, w.stadsdeel) ||
                !parseGeometry(wr, f, path, w.parts))
                return false;
            auto style = assignment->find(w.code);
            if (style == assignment->end() || !style->is_string())
                return cr.fail(joinPath("wijken", w.code.c_str()), "no style for this wijk");
            w.style = style->get<std::string>();
            if (!city.styles.count(w.style))
                return cr.fail(joinPath("wijken", w.code.c_str()),
                               "unknown style '" + w.style + "'");
            city.wijken.push_back(std::move(w));
            return true;
        });
    }
    if (!wr.ok()) return Result<CitySource>::failure(wr.error());
    if (!cr.ok()) return Result<CitySource>::failure(cr.error());

    JsonReader sr(stadsdelenFile.name);
    const json stadsdelen = sr.parse(stadsdelenFile.text);
    if (sr.ok()) {
        forEachFeature(sr, stadsdelen,
                       [&](const json&, const json& props, const std::string& path) {
                           StadsdeelSource s;
                           const std::string ppath = joinPath(path, "properties");
                           const json* label = sr.array(props, "label", ppath);
                           if (!sr.string(props, "name", ppath, s.name) || !label ||
                               !parseLonLat(sr, *label, joinPath(ppath, "label"), s.label))
                               return false;
                           city.stadsdelen.push_back(std::move(s));
                           return true;
                       });
    }
    if (!sr.ok()) return Result<CitySource>::failure(sr.error());

    JsonReader ar(waterFile.name);
    const json water = ar.parse(waterFile.text);
    const json* extent = ar.ok() ? ar.array(water, "extent", "") : nullptr;
    if (extent) {
        if (extent->size() != 4 || !std::all_of(extent->begin(), extent->end(),
                                                [](const json& v) { return v.is_number(); }))
            ar.fail("extent", "expected [west, south, east, north]");
        else {
            city.extentMin = wgs84ToLocal({(*extent)[0].get<double>(), (*extent)[1].get<double>()});
            city.extentMax = wgs84ToLocal({(*extent)[2].get<double>(), (*extent)[3].get<double>()});
            if (!(city.extentMin.x < city.extentMax.x && city.extentMin.y < city.extentMax.y))
                ar.fail("extent", "west/south must be less than east/north");
        }
    }
    if (ar.ok()) {
        forEachFeature(ar, water, [&](const json& f, const json& props, const std::string& path) {
            WaterSource w;
            const std::string ppath = joinPath(path, "properties");
            if (!ar.string(props, "name", ppath, w.name) ||
                !ar.string(props, "kind", ppath, w.kind) ||
                !ar.string(props, "source", ppath, w.source) ||
                !ar.optionalBool(props, "schematic", ppath, w.schematic) ||
                !parseGeometry(ar, f, path, w.parts))
                return false;
            if (w.kind != "sea" && w.kind != "lake")
                return ar.fail(joinPath(ppath, "kind"), "expected \"sea\" or \"lake\"");
            city.water.push_back(std::move(w));
            return true;
        });
    }
    if (!ar.ok()) return Result<CitySource>::failure(ar.error());
    return city;
}

} // namespace almere
