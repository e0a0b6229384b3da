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

namespace {

// A .glb from its JSON chunk and BIN chunk; binLength is what the BIN chunk's header claims.
std::vector<uint8_t> glbOf(std::string json, const std::vector<uint8_t>& bin, uint32_t binLength) {
    while (json.size() % 4)
        json += ' ';
    std::vector<uint8_t> out;
    auto u32 = [&](uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out.push_back(uint8_t(v >> (8 * i)));
    };
    u32(0x46546C67);
    u32(2);
    u32(uint32_t(20 + json.size() + 8 + bin.size()));
    u32(uint32_t(json.size()));
    u32(0x4E4F534A);
    out.insert(out.end(), json.begin(), json.end());
    u32(binLength);
    u32(0x004E4942);
    out.insert(out.end(), bin.begin(), bin.end());
    return out;
}

std::string loadError(const std::vector<uint8_t>& glb) {
    auto loaded = loadCity(glb, "hostile.glb");
    return loaded ? std::string("(loaded)") : loaded.error();
}

} // namespace

TEST_CASE("a glb's container is checked before tinygltf reads it", "[content][gltf]") {
    const std::string asset = "{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":";
    const std::vector<uint8_t> bin(16, 0);
    // tinygltf 2.7 forgets the BIN chunk's 8-byte header when it checks the chunk's length,
    // then copies the buffer from past the end of the file (ASan: heap-buffer-overflow).
    CHECK(loadError(glbOf(asset + "24}]}", bin, 24)) ==
          "hostile.glb: the BIN chunk runs past the end of the file");
    // A zero-length buffer made tinygltf throw std::out_of_range: the app aborted.
    CHECK(loadError(glbOf(asset + "0}]}", bin, 16)) ==
          "hostile.glb: buffers: byteLength must be 1 to the BIN chunk's size");
    // A buffer may not name another file: tinygltf would read it (any size, even a device).
    const std::string other = std::string(ALMERE_SOURCE_DIR) + "/assets/feedback/form.json";
    CHECK(loadError(glbOf(asset + "16,\"uri\":\"" + other + "\"}]}", bin, 16)) ==
          "hostile.glb: buffers: expected only the file's own BIN chunk");
    // The header's own fields.
    std::vector<uint8_t> good = glbOf(asset + "16}]}", bin, 16);
    CHECK(loadError(good).find("hostile.glb: the context, water, land") == 0);
    std::vector<uint8_t> longer = good;
    longer.push_back(0);
    CHECK(loadError(longer) == "hostile.glb: the header's length does not match the file's size");
    std::vector<uint8_t> version = good;
    version[4] = 1;
    CHECK(loadError(version) == "hostile.glb: not a glTF 2.0 binary");
    std::vector<uint8_t> json = good;
    json[12] = 0xff; // the JSON chunk's length
    CHECK(loadError(json) == "hostile.glb: the JSON chunk is damaged");
}
