// The content pipeline end to end: source GeoJSON -> baked .glb -> loaded city.
#include "city_fixture.hpp"
#include "core/geo.hpp"
#include "core/json_reader.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace almere;
using namespace almere::test;

TEST_CASE("the real content pack parses", "[bake]") {
    auto source = CityFiles().parse();
    INFO(source.error());
    REQUIRE(source);
    CHECK(source.value().wijken.size() == 71);
    CHECK(source.value().stadsdelen.size() == 6);
    CHECK(source.value().styles.count("leeg") == 1);
    int schematicWater = 0;
    for (const WaterSource& w : source.value().water)
        schematicWater += w.schematic;
    CHECK(schematicWater == 3); // Weerwater, Noorderplassen, eastern Gooimeer: marked as hand-made
}

TEST_CASE("the baked glb holds 71 wijk nodes with their names and codes", "[bake]") {
    REQUIRE(!bakedGlb().empty());
    auto loaded = loadCity(bakedGlb(), "test.glb");
    INFO(loaded.error());
    REQUIRE(loaded);
    const CityModel& city = loaded.value();
    REQUIRE(city.wijken.size() == 71);
    std::set<std::string> codes;
    for (const WijkInfo& w : city.wijken) {
        codes.insert(w.code);
        CHECK(!w.name.empty());
        CHECK(w.stadsdeel.rfind("Almere ", 0) == 0);
    }
    CHECK(codes.size() == 71);
    CHECK(city.wijken[size_t(city.findWijk("WK003417"))].name == "Centrum Almere Stad");
    CHECK(city.wijken[size_t(city.findWijk("WK003477"))].stadsdeel == "Almere Hout");
    CHECK(city.stadsdelen.size() == 6);
    CHECK(city.attribution == std::vector<std::string>{"test attribution"});
}

TEST_CASE("the baked land matches the municipality's bounding box within 200 m", "[bake]") {
    // facts.json (from the reference extract) gives the gemeente bbox in lon/lat.
    JsonReader r("assets/city/facts.json");
    const auto facts = r.parse(readSourceFile("assets/city/facts.json"));
    REQUIRE(r.ok());
    const auto bbox = facts["gemeente"]["bbox_WSEN"];
    const CityModel& city = loadedCity();
    REQUIRE(!city.land.vertices.empty());
    double west = 1e9, south = 1e9, east = -1e9, north = -1e9;
    for (const Vertex& v : city.land.vertices) {
        const LonLat ll = localToWgs84(toEastNorth(v.position));
        west = std::min(west, ll.lon);
        east = std::max(east, ll.lon);
        south = std::min(south, ll.lat);
        north = std::max(north, ll.lat);
    }
    const double mPerLon = 111320.0 * std::cos(52.37 * 3.14159265358979 / 180.0),
                 mPerLat = 111320.0;
    CHECK(std::abs(west - bbox[0].get<double>()) * mPerLon < 200);
    CHECK(std::abs(south - bbox[1].get<double>()) * mPerLat < 200);
    CHECK(std::abs(east - bbox[2].get<double>()) * mPerLon < 200);
    CHECK(std::abs(north - bbox[3].get<double>()) * mPerLat < 200);
}

TEST_CASE("every wijk's label point lies inside that wijk", "[bake]") {
    const CityModel& city = loadedCity();
    for (size_t i = 0; i < city.wijken.size(); ++i) {
        INFO(city.wijken[i].name);
        CHECK(wijkAt(city, city.wijken[i].label) == int(i));
    }
}
