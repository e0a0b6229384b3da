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

// What a style's schematic buildings are laid out as (see core/district_layout.hpp): the
// kinds of place Almere has, each on a street grid of its own block size.
enum class Typology {
    None,       // no buildings (not yet built)
    Rows,       // family neighbourhood: terraced houses back to back, gardens between
    Courtyards, // apartment blocks round a courtyard (taller towards the district's middle)
    Centre,     // taller perimeter blocks with a few towers
    Halls,      // business park: large low halls with yards
    Farmsteads, // rural: a farmhouse and a barn on a large plot
};

// The typology's name in the JSON ("rows", ...), and back; false for an unknown name.
const char* typologyName(Typology typology);
bool parseTypology(const std::string& name, Typology& out);

// Numbers are read per typology (district_layout.cpp says how): spacing is the street grid's
// block size across the streets, fill the share of blocks built (the rest are parks or open
// plots), footprint the depth of a row or bar (halls: a hall's side; farmsteads: the
// farmhouse's length), height the range of building heights.
struct MassingStyle {
    Typology typology = Typology::None;
    double spacingM = 0; // street grid block size; 0 = no buildings
    double fill = 0;     // share of blocks that are built
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
