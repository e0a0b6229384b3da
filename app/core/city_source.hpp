#pragma once
// The city's source content (assets/city/*.json, *.geojson), parsed, validated and projected
// to local RD metres. Input of the baker; the runtime reads the baked .glb instead.
#include "core/geo.hpp"
#include "core/result.hpp"
#include "core/triangulate.hpp"

#include <glm/glm.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace almere {

using Rgb = glm::u8vec3;

struct MassingStyle {
    double spacingM = 0; // lot grid spacing; 0 = no buildings
    double fill = 0;     // share of lots that get a building
    glm::dvec2 footprintM{0};
    glm::dvec2 heightM{0};
    Rgb color{0};
    Rgb ground{0};
};

struct WijkSource {
    std::string code, name, stadsdeel, style;
    std::vector<Polygon> parts; // local (east, north) metres
};

struct StadsdeelSource {
    std::string name;
    glm::dvec2 label{0};
};

struct WaterSource {
    std::string name, kind, source;
    bool schematic = false;
    std::vector<Polygon> parts;
};

struct CitySource {
    std::vector<WijkSource> wijken;
    std::vector<StadsdeelSource> stadsdelen;
    std::vector<WaterSource> water;
    std::map<std::string, MassingStyle> styles;
    std::string boundarySource;            // attribution of the wijk boundaries
    glm::dvec2 extentMin{0}, extentMax{0}; // where the water data is complete (east, north)
};

// One file's text, named as the user knows it (e.g. "assets/city/wijken.geojson").
struct SourceFile {
    std::string name;
    std::string text;
};

Result<CitySource> parseCitySource(const SourceFile& wijken, const SourceFile& stadsdelen,
                                   const SourceFile& water, const SourceFile& character);

// Massing styles from a JSON document with a "styles" object (character.json, or the copy the
// baker stores in the .glb).
Result<std::map<std::string, MassingStyle>> parseStyles(const SourceFile& file);

class JsonReader;

// A lon/lat inside the Netherlands, to local metres; errors go to the reader.
bool placeInNetherlands(JsonReader& r, LonLat ll, const std::string& path, glm::dvec2& out);
// A JSON [lon, lat] pair inside the Netherlands, to local metres.
bool parseLonLat(JsonReader& r, const nlohmann::json& v, const std::string& path, glm::dvec2& out);

// One GeoJSON polygon's rings (lon/lat) into local metres; errors go to the reader.
bool parseGeoPolygon(JsonReader& r, const nlohmann::json& rings, const std::string& path,
                     Polygon& out);
bool parseMassingStyle(JsonReader& r, const nlohmann::json& style, const std::string& path,
                       MassingStyle& out);

bool parseHexColor(const std::string& text, Rgb& out);

} // namespace almere
