// A broken content pack must say which file and which field is wrong, and never crash.
#include "city_fixture.hpp"

#include <catch2/catch.hpp>

using namespace almere;
using namespace almere::test;

namespace {

std::string errorWith(void (*mutate)(CityFiles&)) {
    CityFiles files;
    mutate(files);
    auto result = files.parse();
    return result ? std::string("(no error)") : result.error();
}

void replaceFirst(std::string& text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("content errors name the file and the field", "[content]") {
    CHECK(errorWith([](CityFiles& f) { f.wijken.text = "{\"features\": ["; }) ==
          "assets/city/wijken.geojson: is not valid JSON (or not valid UTF-8)");
    CHECK(errorWith([](CityFiles& f) {
              f.wijken.text =
                  "{\"source\":\"x\",\"features\":[{\"properties\":{\"code\":\"\xff\"}}]}";
          }) == "assets/city/wijken.geojson: is not valid JSON (or not valid UTF-8)");
    CHECK(errorWith([](CityFiles& f) { replaceFirst(f.wijken.text, "\"code\":", "\"kode\":"); }) ==
          "assets/city/wijken.geojson: features[0].properties.code: is missing");
    CHECK(errorWith([](CityFiles& f) {
              replaceFirst(f.wijken.text, "\"name\":\"De Werven\"", "\"name\":3");
          }) == "assets/city/wijken.geojson: features[1].properties.name: expected a string");
    CHECK(
        errorWith([](CityFiles& f) {
            replaceFirst(f.wijken.text, "[[[5.224,52.334]", "[[[\"5.224\",52.334]");
        }) ==
        "assets/city/wijken.geojson: features[0].geometry.coordinates[0][0]: expected [lon, lat]");
    CHECK(errorWith([](CityFiles& f) {
              replaceFirst(f.wijken.text, "[[[5.224,52.334]", "[[[15.224,52.334]");
          }) == "assets/city/wijken.geojson: features[0].geometry.coordinates[0][0]: position "
                "outside the Netherlands");
    CHECK(
        errorWith([](CityFiles& f) { replaceFirst(f.wijken.text, "\"Polygon\"", "\"Point\""); }) ==
        "assets/city/wijken.geojson: features[0].geometry.type: expected Polygon or MultiPolygon");
    CHECK(errorWith([](CityFiles& f) {
              replaceFirst(f.wijken.text,
                           "[[[5.224,52.334],[5.219,52.338],[5.215,52.336],[5.205,52.336],[5.223,"
                           "52.332],[5.224,52.334]]]",
                           "[[[5.224,52.334],[5.224,52.334],[5.224,52.334],[5.224,52.334]]]");
          }) ==
          "assets/city/wijken.geojson: features[0].geometry.coordinates: polygon has no area");
    CHECK(errorWith([](CityFiles& f) {
              replaceFirst(f.character.text, "\"WK003401\": \"stedelijk\"",
                           "\"WK003401\": \"kasteel\"");
          }) == "assets/city/character.json: wijken.WK003401: unknown style 'kasteel'");
    CHECK(errorWith([](CityFiles& f) {
              replaceFirst(f.character.text, "\"fill\": 0.9", "\"fill\": 9");
          }) == "assets/city/character.json: styles.centrum.fill: expected 0..1");
    CHECK(errorWith([](CityFiles& f) {
              replaceFirst(f.water.text, "\"kind\":\"sea\"", "\"kind\":\"ocean\"");
          }) ==
          "assets/city/water.geojson: features[0].properties.kind: expected \"sea\" or \"lake\"");
    CHECK(errorWith([](CityFiles& f) { f.stadsdelen.text = "{\"features\": []}"; }) ==
          "assets/city/stadsdelen.geojson: features: is empty");
}

TEST_CASE("hostile or damaged glb files are refused with a message", "[content][gltf]") {
    const std::vector<uint8_t>& good = bakedGlb();
    REQUIRE(good.size() > 1000);
    CHECK(loadCity({}, "a.glb").error() == "a.glb: file is empty or truncated");
    CHECK_FALSE(
        loadCity(std::vector<uint8_t>(good.begin(), good.begin() + good.size() / 2), "half.glb"));
    std::vector<uint8_t> noise(4096);
    for (size_t i = 0; i < noise.size(); ++i)
        noise[i] = uint8_t((i * 2654435761u) >> 13);
    CHECK_FALSE(loadCity(noise, "noise.glb"));

    // Same length edits inside the JSON chunk: an accessor count far past its buffer, and an
    // index pointing at no accessor.
    auto edited = [&](const std::string& from, const std::string& to) {
        std::string bytes(good.begin(), good.end());
        const size_t at = bytes.find(from);
        REQUIRE(at != std::string::npos);
        REQUIRE(from.size() == to.size());
        bytes.replace(at, from.size(), to);
        return std::vector<uint8_t>(bytes.begin(), bytes.end());
    };
    auto tooMany = loadCity(edited("\"count\":4,", "\"count\":9,"), "count.glb");
    CHECK_FALSE(tooMany);
    CHECK(tooMany.error().find("count.glb") == 0);
    auto badIndex = loadCity(edited("\"indices\":3", "\"indices\":9"), "index.glb");
    CHECK_FALSE(badIndex);

    // Flip bytes all over the binary chunk: whatever happens, no crash.
    for (size_t step = 1; step < 40; ++step) {
        std::vector<uint8_t> damaged = good;
        for (size_t i = 1000 + step; i < damaged.size(); i += 997 * step)
            damaged[i] ^= 0x5a;
        (void)loadCity(damaged, "damaged.glb");
    }
}
