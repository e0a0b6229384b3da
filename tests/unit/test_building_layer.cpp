// The optional layer of real buildings (issue 12): parsing, skipping broken footprints,
// coverage of the wijken, and the baked file's round trip.
#include "city_fixture.hpp"
#include "core/building_coverage.hpp"
#include "core/building_file.hpp"
#include "core/building_layer.hpp"
#include "core/geo.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>

using namespace almere;
using namespace almere::test;
using nlohmann::json;

namespace {

json position(glm::dvec2 local, bool rd) {
    if (rd) {
        const RdPoint p = localToRd(local);
        return {p.x, p.y};
    }
    const LonLat p = localToWgs84(local);
    return {p.lon, p.lat};
}

json ring(const std::vector<glm::dvec2>& corners, bool rd, bool close = true) {
    json out = json::array();
    for (glm::dvec2 c : corners)
        out.push_back(position(c, rd));
    if (close) out.push_back(out[0]);
    return out;
}

std::vector<glm::dvec2> square(glm::dvec2 centre, double half) {
    return {centre + glm::dvec2(-half, -half), centre + glm::dvec2(half, -half),
            centre + glm::dvec2(half, half), centre + glm::dvec2(-half, half)};
}

json feature(const std::string& id, json geometry, json properties) {
    return {{"type", "Feature"}, {"id", id}, {"geometry", geometry}, {"properties", properties}};
}

json polygon(json rings) {
    return {{"type", "Polygon"}, {"coordinates", rings}};
}

json layerDoc(json features, bool rd) {
    json doc = {{"type", "FeatureCollection"},
                {"metadata", {{"source", "3DBAG (test extract)"}, {"licence", "CC BY 4.0"}}},
                {"features", features}};
    if (rd)
        doc["crs"] = {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::28992"}}}};
    return doc;
}

Result<BuildingLayer> parse(const json& doc) {
    return parseBuildingLayer({"buildings.geojson", doc.dump()});
}

// 300 squares of 12 m on a 40 m grid around Almere Centrum: height i % 40 + 3 m, alternately
// as a plain height and as 3D BAG's roof and ground elevations (ground below NAP, as in Almere).
json gridFeatures(bool rd) {
    json features = json::array();
    for (int i = 0; i < 300; ++i) {
        const glm::dvec2 centre(40.0 * (i % 20), 40.0 * (i / 20));
        const double height = i % 40 + 3;
        json props = i % 2 ? json{{"height", height}}
                           : json{{"b3_h_dak_70p", height - 4.5},
                                  {"b3_h_maaiveld", -4.5},
                                  {"b3_h_dak_50p", 999}};
        features.push_back(feature("NL.IMBAG.Pand." + std::to_string(i),
                                   polygon({ring(square(centre, 6), rd)}), props));
    }
    return features;
}

double area(const Ring& r) {
    double twice = 0;
    for (size_t i = 0; i < r.size(); ++i)
        twice += r[i].x * r[(i + 1) % r.size()].y - r[(i + 1) % r.size()].x * r[i].y;
    return std::abs(twice) / 2;
}

} // namespace

TEST_CASE("a layer's buildings come out with their heights, in WGS84 and RD New", "[buildings]") {
    for (bool rd : {false, true}) {
        INFO((rd ? "RD New" : "WGS84"));
        auto parsed = parse(layerDoc(gridFeatures(rd), rd));
        INFO(parsed.error());
        REQUIRE(parsed);
        const BuildingLayer& l = parsed.value();
        CHECK(l.rdNew == rd);
        CHECK(l.featuresRead == 300);
        CHECK(l.skipped == 0);
        REQUIRE(l.buildings.size() == 300);
        for (int i = 0; i < 300; ++i) {
            const RealBuilding& b = l.buildings[size_t(i)];
            CHECK(b.id == "NL.IMBAG.Pand." + std::to_string(i));
            CHECK(b.heightM == Approx(i % 40 + 3).margin(1e-9));
            REQUIRE(b.parts.size() == 1);
            CHECK(b.parts[0].outer.size() == 4); // the repeated first corner is dropped
            CHECK(area(b.parts[0].outer) == Approx(144).epsilon(0.01));
            const glm::dvec2 c = footprintCentroid(b);
            CHECK(glm::distance(c, glm::dvec2(40.0 * (i % 20), 40.0 * (i / 20))) < 0.5);
        }
        CHECK(l.credit() == "3DBAG (test extract) (CC BY 4.0)");
    }
}

TEST_CASE("broken footprints and heights are skipped and counted, naming feature and field",
          "[buildings]") {
    json features = gridFeatures(false);
    const glm::dvec2 at(-500, -500);
    const json good = {{"height", 10}};
    auto add = [&](const std::string& id, json geometry, json props) {
        features.push_back(feature(id, geometry, props));
    };
    const std::vector<glm::dvec2> bowTie = {at, at + glm::dvec2(10, 10), at + glm::dvec2(10, 0),
                                            at + glm::dvec2(0, 10)};
    add("bow-tie", polygon({ring(bowTie, false)}), good);
    add("too-few", polygon({ring({at, at + glm::dvec2(10, 0)}, false)}), good);
    add("unclosed", polygon({ring(square(at, 5), false, false)}), good);
    add("nan-height", polygon({ring(square(at, 5), false)}), {{"height", "NaN"}});
    add("null-height", polygon({ring(square(at, 5), false)}), {{"height", nullptr}});
    add("negative", polygon({ring(square(at, 5), false)}), {{"height", -3}});
    add("absurd", polygon({ring(square(at, 5), false)}), {{"height", 301}});
    add("roof-below-ground", polygon({ring(square(at, 5), false)}),
        {{"b3_h_dak_70p", -6}, {"b3_h_maaiveld", -4}});
    add("no-ground", polygon({ring(square(at, 5), false)}), {{"b3_h_dak_70p", 12}});
    add("point", {{"type", "Point"}, {"coordinates", position(at, false)}}, good);
    add("abroad", polygon({ring({{0.0, 0.0}, {1e6, 0}, {1e6, 1e6}}, false)}), good);
    add("spike",
        polygon({ring({at, at + glm::dvec2(10, 0), at + glm::dvec2(20, 0), at + glm::dvec2(5, 0),
                       at + glm::dvec2(5, 10)},
                      false)}),
        good);
    features.push_back(nullptr); // not even an object
    json noProps = feature("no-props", polygon({ring(square(at, 5), false)}), good);
    noProps.erase("properties");
    features.push_back(noProps);

    auto parsed = parse(layerDoc(features, false));
    INFO(parsed.error());
    REQUIRE(parsed);
    const BuildingLayer& l = parsed.value();
    CHECK(l.featuresRead == 314);
    CHECK(l.buildings.size() == 300);
    CHECK(l.skipped == 14);
    const std::map<std::string, size_t>& why = l.skippedByReason;
    CHECK(why.at("ring crosses itself") == 2); // the bow tie and the spike
    CHECK(why.at("a ring needs at least 4 positions (3 corners, then the first again)") == 1);
    CHECK(why.at("ring not closed (the last position must repeat the first)") == 1);
    CHECK(why.at("expected a number of metres") == 1);
    CHECK(why.at("no height (height, or b3_h_dak_70p with b3_h_maaiveld)") == 1);
    CHECK(why.at("height must be above 0 m") == 2);
    CHECK(why.at("height above 300 m is not a building") == 1);
    CHECK(why.at("expected the ground elevation (metres NAP)") == 1);
    CHECK(why.at("expected Polygon or MultiPolygon") == 1);
    CHECK(why.at("position outside the Netherlands") == 1);
    CHECK(why.at("expected a Feature object") == 1);
    CHECK(why.at("expected an object with the height") == 1);
    REQUIRE(l.firstReasons.size() == building_limits::kReasonsKept);
    CHECK(l.firstReasons[0] ==
          "buildings.geojson: features[300] (id bow-tie).geometry.coordinates[0]: "
          "ring crosses itself");
    CHECK(l.firstReasons[3] ==
          "buildings.geojson: features[303] (id nan-height).properties.height: "
          "expected a number of metres");
}

TEST_CASE("a MultiPolygon with a hole is one building of several parts", "[buildings]") {
    const json multi = {{"type", "MultiPolygon"},
                        {"coordinates",
                         {{ring(square({0, 0}, 20), true), ring(square({0, 0}, 5), true)},
                          {ring(square({100, 0}, 5), true)}}}};
    auto parsed = parse(layerDoc({feature("two-parts", multi, {{"height", 7.5}})}, true));
    REQUIRE(parsed);
    REQUIRE(parsed.value().buildings.size() == 1);
    const RealBuilding& b = parsed.value().buildings[0];
    REQUIRE(b.parts.size() == 2);
    CHECK(b.parts[0].holes.size() == 1);
    CHECK(b.heightM == 7.5);
}

TEST_CASE("holes must lie inside their outer ring, apart from it and from each other",
          "[buildings]") {
    const Ring outer = {{0, 0}, {40, 0}, {40, 40}, {0, 40}};
    auto holes = [&](std::vector<Ring> h) { return Polygon{outer, std::move(h)}; };
    auto at = [](glm::dvec2 lo, glm::dvec2 hi) { return Ring{lo, {hi.x, lo.y}, hi, {lo.x, hi.y}}; };
    size_t which = 99;
    CHECK(holeProblem(holes({})) == nullptr);
    CHECK(holeProblem(holes({at({5, 5}, {15, 15}), at({20, 20}, {35, 35})})) == nullptr);
    CHECK(std::string(holeProblem(holes({at({50, 50}, {60, 60})}))) ==
          "hole outside its outer ring");
    CHECK(std::string(holeProblem(holes({at({5, 5}, {15, 15}), at({30, 30}, {50, 50})}), &which)) ==
          "hole touches or crosses its outer ring");
    CHECK(which == 1);
    // Sharing a side with the outer ring (a courtyard open to the street is no hole).
    CHECK(std::string(holeProblem(holes({at({0, 10}, {10, 20})}))) ==
          "hole touches or crosses its outer ring");
    // One corner on the outer ring's side is touching, too.
    CHECK(std::string(holeProblem(holes({Ring{{20, 0}, {25, 10}, {15, 10}}}))) ==
          "hole touches or crosses its outer ring");
    CHECK(std::string(holeProblem(holes({at({5, 5}, {15, 15}), at({10, 10}, {20, 20})}))) ==
          "holes touch or cross each other");
    CHECK(std::string(holeProblem(holes({at({5, 5}, {35, 35}), at({10, 10}, {20, 20})}))) ==
          "hole inside another hole");
    CHECK(std::string(holeProblem(holes({at({10, 10}, {20, 20}), at({5, 5}, {35, 35})}))) ==
          "hole inside another hole");
    // A "hole" around the whole outer ring: no edges meet, but it is not inside.
    CHECK(std::string(holeProblem(Polygon{at({10, 10}, {20, 20}), {outer}})) ==
          "hole outside its outer ring");
}

TEST_CASE("a footprint with a misplaced hole is skipped and counted with its reason",
          "[buildings]") {
    auto withHole = [](const std::string& id, glm::dvec2 holeCentre, double half) {
        return feature(
            id, polygon({ring(square({0, 0}, 20), true), ring(square(holeCentre, half), true)}),
            {{"height", 9}});
    };
    json features =
        json::array({withHole("courtyard", {0, 0}, 5), withHole("hole-outside", {100, 0}, 5),
                     withHole("hole-across", {20, 0}, 5), withHole("hole-beyond", {0, 0}, 30)});
    // Two holes crossing each other.
    features.push_back(
        feature("holes-cross",
                polygon({ring(square({0, 0}, 20), true), ring(square({-3, 0}, 5), true),
                         ring(square({3, 0}, 5), true)}),
                {{"height", 9}}));
    auto parsed = parse(layerDoc(features, true));
    REQUIRE(parsed);
    const BuildingLayer& l = parsed.value();
    REQUIRE(l.buildings.size() == 1);
    CHECK(l.buildings[0].id == "courtyard");
    CHECK(l.skipped == 4);
    CHECK(l.skippedByReason.at("hole outside its outer ring") == 2); // apart, and around it
    CHECK(l.skippedByReason.at("hole touches or crosses its outer ring") == 1);
    CHECK(l.skippedByReason.at("holes touch or cross each other") == 1);
    REQUIRE(l.firstReasons.size() == 4);
    CHECK(l.firstReasons[0] == "buildings.geojson: features[1] (id hole-outside)"
                               ".geometry.coordinates[1]: hole outside its outer ring");
    CHECK(l.firstReasons[3] == "buildings.geojson: features[4] (id holes-cross)"
                               ".geometry.coordinates[2]: holes touch or cross each other");
}

TEST_CASE("a height too small for the baked file is skipped, not baked", "[buildings]") {
    // Found by tests/fuzz/fuzz_buildings: 1e-300 m passed "above 0", became 0 as the file's
    // 32-bit float, and the viewer refused the whole baked file.
    json features = json::array();
    for (double h : {1e-300, 0.05, 0.1})
        features.push_back(feature("h", polygon({ring(square({0, 0}, 5), true)}), {{"height", h}}));
    auto parsed = parse(layerDoc(features, true));
    REQUIRE(parsed);
    REQUIRE(parsed.value().buildings.size() == 1);
    CHECK(parsed.value().skippedByReason.at("height below 0.1 m") == 2);
    BakedBuildings baked{"s", "l", {WijkBuildings{"WK000001", true, parsed.value().buildings}}};
    CHECK(decodeBuildings(encodeBuildings(baked), "b.bin"));
}

TEST_CASE("a layer that is broken as a whole is an error naming the file and field",
          "[buildings]") {
    auto error = [](const std::string& text) {
        auto r = parseBuildingLayer({"layer.geojson", text});
        return r ? std::string("(parsed)") : r.error();
    };
    json doc = layerDoc(gridFeatures(false), false);
    CHECK(error("{\"type\": ") == "layer.geojson: is not valid JSON (or not valid UTF-8)");
    json noLicence = doc;
    noLicence["metadata"].erase("licence");
    CHECK(error(noLicence.dump()) == "layer.geojson: metadata.licence: is missing");
    json noMetadata = doc;
    noMetadata.erase("metadata");
    CHECK(error(noMetadata.dump()) == "layer.geojson: metadata: is missing");
    json emptySource = doc;
    emptySource["metadata"]["source"] = "";
    CHECK(error(emptySource.dump()) ==
          "layer.geojson: metadata.source: is empty: the credits must name it");
    json otherCrs = doc;
    otherCrs["crs"] = {{"type", "name"}, {"properties", {{"name", "EPSG:3857"}}}};
    CHECK(error(otherCrs.dump()) ==
          "layer.geojson: crs.properties.name: unknown 'EPSG:3857': expected EPSG:28992 (RD "
          "New) or OGC CRS84 (WGS84)");
    json badBbox = doc;
    badBbox["bbox"] = {1, 2, 3};
    CHECK(error(badBbox.dump()) == "layer.geojson: bbox: expected [west, south, east, north]");
    json notACollection = doc;
    notACollection["type"] = "Feature";
    CHECK(error(notACollection.dump()) == "layer.geojson: type: expected FeatureCollection");
    json noFeatures = doc;
    noFeatures.erase("features");
    CHECK(error(noFeatures.dump()) == "layer.geojson: features: is missing");
}

TEST_CASE("the crossing test knows simple rings from crossing ones", "[buildings]") {
    CHECK_FALSE(ringCrossesItself({{0, 0}, {10, 0}, {10, 10}, {0, 10}}));
    CHECK_FALSE(ringCrossesItself({{0, 0}, {10, 0}, {10, 10}, {5, 3}, {0, 10}})); // concave
    CHECK(ringCrossesItself({{0, 0}, {10, 10}, {10, 0}, {0, 10}}));               // bow tie
    CHECK(ringCrossesItself({{0, 0}, {10, 0}, {5, 0}, {5, 5}}));                  // folds back
    CHECK(ringCrossesItself({{0, 0}, {10, 0}, {10, 10}, {5, 0}, {0, 10}})); // corner on an edge
}

TEST_CASE("a layer covers the wijken inside its extent, and only those get its buildings",
          "[buildings]") {
    auto source = CityFiles().parse();
    REQUIRE(source);
    const std::vector<WijkSource>& wijken = source.value().wijken;
    const CityModel& city = loadedCity(); // its picking grid is an independent judge
    auto centrum = std::find_if(wijken.begin(), wijken.end(),
                                [](const WijkSource& w) { return w.code == "WK003417"; });
    REQUIRE(centrum != wijken.end());
    glm::dvec2 lo(1e300), hi(-1e300);
    for (const Polygon& p : centrum->parts)
        for (glm::dvec2 v : p.outer) {
            lo = glm::min(lo, v);
            hi = glm::max(hi, v);
        }

    // Squares on a grid over the centrum and 1.5 km around it, where the picking grid agrees
    // on the wijk at the centre and 30 m around it (clear of any boundary).
    json features = json::array();
    std::map<std::string, size_t> expected; // wijk code -> buildings
    size_t outside = 0;
    for (double x = lo.x - 1500; x <= hi.x + 1500; x += 90)
        for (double y = lo.y - 1500; y <= hi.y + 1500; y += 90) {
            const glm::dvec2 c(x, y);
            const int w = wijkAt(city, c);
            bool clear = true;
            for (glm::dvec2 d :
                 {glm::dvec2(30, 0), glm::dvec2(-30, 0), glm::dvec2(0, 30), glm::dvec2(0, -30)})
                clear = clear && wijkAt(city, c + d) == w;
            if (!clear) continue;
            features.push_back(feature("b" + std::to_string(features.size()),
                                       polygon({ring(square(c, 6), true)}), {{"height", 9}}));
            if (w < 0)
                ++outside;
            else
                ++expected[city.wijken[size_t(w)].code];
        }
    REQUIRE(features.size() > 200);
    REQUIRE(expected["WK003417"] > 20);

    SECTION("declared extent: the centrum's bounds") {
        json doc = layerDoc(features, true);
        const RdPoint sw = localToRd(lo - 1.0), ne = localToRd(hi + 1.0);
        doc["bbox"] = {sw.x, sw.y, ne.x, ne.y};
        auto parsed = parse(doc);
        INFO(parsed.error());
        REQUIRE(parsed);
        CHECK(parsed.value().declaredExtent);
        const BuildingCoverage cov = assignBuildings(wijken, parsed.take());
        REQUIRE(cov.wijken.size() == wijken.size());
        size_t inUncovered = 0;
        for (const WijkBuildings& w : cov.wijken) {
            INFO(w.code);
            CHECK(w.covered == (w.code == "WK003417"));
            CHECK(w.buildings.size() == (w.covered ? expected[w.code] : 0));
            if (!w.covered) inUncovered += expected[w.code];
            for (const RealBuilding& b : w.buildings)
                CHECK(b.heightM == 9);
        }
        CHECK(cov.inUncoveredWijken == inUncovered);
        CHECK(cov.outsideWijken == outside);
    }
    SECTION("no declared extent: the buildings' bounds, plus a margin") {
        auto parsed = parse(layerDoc(features, true));
        REQUIRE(parsed);
        CHECK_FALSE(parsed.value().declaredExtent);
        const BuildingLayer& l = parsed.value();
        size_t covered = 0;
        for (const WijkSource& w : wijken) {
            const bool inside = layerCoversWijk(l, w.parts);
            covered += inside;
            if (w.code == "WK003417") CHECK(inside);
        }
        CHECK(covered < wijken.size() / 2); // a 3 km patch of the city covers a few wijken only
    }
    SECTION("an empty layer covers nothing") {
        auto parsed = parse(layerDoc(json::array(), true));
        REQUIRE(parsed);
        for (const WijkSource& w : wijken)
            CHECK_FALSE(layerCoversWijk(parsed.value(), w.parts));
    }
}

TEST_CASE("the baked buildings file reads back what was written, and rejects damage",
          "[buildings]") {
    auto parsed = parse(layerDoc(gridFeatures(true), true));
    REQUIRE(parsed);
    BakedBuildings baked{"3DBAG (test extract)", "CC BY 4.0", {}};
    baked.wijken.push_back(WijkBuildings{"WK000001", true, parsed.value().buildings});
    baked.wijken.push_back(WijkBuildings{"WK000002", false, {}});
    baked.wijken[0].buildings[0].parts[0].holes.push_back(square({0, 0}, 2));
    const std::vector<uint8_t> bytes = encodeBuildings(baked);
    CHECK(bytes.size() < 300 * 48); // about 40 bytes for a four-cornered footprint

    auto back = decodeBuildings(bytes, "city.buildings.bin");
    INFO(back.error());
    REQUIRE(back);
    CHECK(back.value().source == baked.source);
    CHECK(back.value().licence == baked.licence);
    REQUIRE(back.value().wijken.size() == 2);
    CHECK(back.value().wijken[1].code == "WK000002");
    CHECK_FALSE(back.value().wijken[1].covered);
    const std::vector<RealBuilding>& in = baked.wijken[0].buildings;
    const std::vector<RealBuilding>& out = back.value().wijken[0].buildings;
    REQUIRE(out.size() == in.size());
    CHECK(back.value().wijken[0].covered);
    for (size_t i = 0; i < in.size(); ++i) {
        CHECK(out[i].heightM == Approx(in[i].heightM));
        REQUIRE(out[i].parts.size() == in[i].parts.size());
        REQUIRE(out[i].parts[0].outer.size() == in[i].parts[0].outer.size());
        CHECK(out[i].parts[0].holes.size() == in[i].parts[0].holes.size());
        for (size_t v = 0; v < in[i].parts[0].outer.size(); ++v)
            CHECK(glm::distance(out[i].parts[0].outer[v], in[i].parts[0].outer[v]) < 0.01);
    }

    // Every cut-off file and a flipped magic are errors, never a crash.
    for (size_t n = 0; n < bytes.size(); n += 7) {
        const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + long(n));
        CHECK_FALSE(decodeBuildings(cut, "cut.bin"));
    }
    std::vector<uint8_t> wrong = bytes;
    wrong[0] = 'X';
    CHECK(decodeBuildings(wrong, "x.bin").error() == "x.bin: byte 4: not a baked buildings file");
    // Flipped bytes anywhere (counts, heights, coordinates) decode or fail; they never crash.
    uint32_t seed = 12345;
    size_t decoded = 0, badHeights = 0;
    for (int round = 0; round < 2000; ++round) {
        std::vector<uint8_t> damaged = bytes;
        for (int flips = 0; flips < 3; ++flips) {
            seed = seed * 1664525u + 1013904223u;
            damaged[(seed >> 8) % damaged.size()] ^= uint8_t(1u << (seed % 8));
        }
        auto result = decodeBuildings(damaged, "damaged.bin");
        decoded += bool(result);
        for (const WijkBuildings& w : result ? result.value().wijken : std::vector<WijkBuildings>())
            for (const RealBuilding& b : w.buildings)
                badHeights += !(b.heightM > 0 && b.heightM <= 300);
    }
    CHECK(badHeights == 0);
    CHECK(decoded < 2000); // most damage is found (a moved corner is not)
    std::vector<uint8_t> extra = bytes;
    extra.push_back(0);
    CHECK_FALSE(decodeBuildings(extra, "extra.bin"));
}

TEST_CASE("the baked buildings file carries the fingerprint of the city it belongs to",
          "[buildings]") {
    // Of the wijken only: codes and outlines, which decide where each building was sorted.
    CityModel city;
    city.wijken.push_back(
        WijkInfo{"WK000001", "A", "S", "suburbaan", {}, {Polygon{{{0, 0}, {10, 0}, {0, 10}}, {}}}});
    CityModel moved = city;
    moved.wijken[0].parts[0].outer[1].x = 10.001;
    CityModel renamed = city;
    renamed.wijken[0].code = "WK000002";
    CityModel credited = city;
    credited.attribution.push_back("a layer (CC0)");
    const uint64_t glb = fingerprintWijken(city);
    CHECK(glb != fingerprintWijken(moved));
    CHECK(glb != fingerprintWijken(renamed));
    CHECK(glb == fingerprintWijken(credited));
    const CityModel none;
    CHECK(fingerprintWijken(none) == 14695981039346656037ull); // FNV-1a's offset basis

    BakedBuildings baked{"src", "CC0", {WijkBuildings{"WK000001", false, {}}}};
    baked.cityFingerprint = glb;
    const std::vector<uint8_t> bytes = encodeBuildings(baked);
    auto back = decodeBuildings(bytes, "a.bin");
    REQUIRE(back);
    CHECK(back.value().cityFingerprint == glb);

    // A version 1 file (no fingerprint) is refused by its version, not misread.
    std::vector<uint8_t> v1 = bytes;
    v1[4] = 1;
    v1.erase(v1.begin() + 8, v1.begin() + 16);
    CHECK(decodeBuildings(v1, "old.bin").error() == "old.bin: byte 8: version 1, expected 2");
}

TEST_CASE("hostile sizes are skipped by the caps, not worked through", "[buildings]") {
    std::vector<glm::dvec2> many; // a circle of 1,001 corners: simple, but over the cap
    for (int i = 0; i < 1001; ++i)
        many.push_back(50.0 * glm::dvec2(std::cos(i * 0.00627), std::sin(i * 0.00627)));
    json parts = json::array();
    for (int i = 0; i < 65; ++i)
        parts.push_back({ring(square({20.0 * i, 0}, 5), true)});
    json features = {
        feature("round", polygon({ring(many, true)}), {{"height", 5}}),
        feature("many-parts", {{"type", "MultiPolygon"}, {"coordinates", parts}}, {{"height", 5}})};
    auto parsed = parse(layerDoc(features, true));
    REQUIRE(parsed);
    CHECK(parsed.value().buildings.empty());
    CHECK(parsed.value().skippedByReason.at("more than 1000 corners") == 1);
    CHECK(parsed.value().skippedByReason.at("more than 64 polygons") == 1);
}

TEST_CASE("the layer's credit reaches the baked city's attribution", "[buildings]") {
    auto source = CityFiles().parse();
    REQUIRE(source);
    BuildingLayer l;
    l.source = "3DBAG v2024.02";
    l.licence = "CC BY 4.0";
    auto glb = bakeCity(source.value(), {"boundaries", l.credit()});
    REQUIRE(glb);
    auto city = loadCity(glb.value(), "test.glb");
    REQUIRE(city);
    CHECK(city.value().attribution ==
          std::vector<std::string>{"boundaries", "3DBAG v2024.02 (CC BY 4.0)"});
}
