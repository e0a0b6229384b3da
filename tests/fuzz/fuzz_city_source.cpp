// libFuzzer target for the city sources a municipality may swap in (assets/city): the GeoJSON
// of the wijken, stadsdelen and water, and character.json. The input takes the place of the
// one file it looks like (its own top-level key: "extent" for water, "styles" for the
// character, "label" for stadsdelen, else wijken), so the real files are seeds as they are;
// the other three are the real ones. What the baker accepts is baked, and the viewer must
// then load it. Besides "no crash, no hang, no sanitizer report" it checks that a refusal
// names a file. Built and run by tests/fuzz/run.sh.
#include "fuzz_common.hpp"

using namespace almere;
using almere::fuzz::require;

namespace {

const fuzz::RealCity* real = nullptr;

bool mentions(const std::string& text, const char* key) {
    return text.find(std::string("\"") + key + "\"") != std::string::npos;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    real = new fuzz::RealCity();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::RealCity files = *real;
    const std::string text(reinterpret_cast<const char*>(data), size);
    SourceFile& role = mentions(text, "extent")   ? files.water
                       : mentions(text, "styles") ? files.character
                       : mentions(text, "label")  ? files.stadsdelen
                                                  : files.wijken;
    role.text = text;
    auto source = parseCitySource(files.wijken, files.stadsdelen, files.water, files.character);
    if (!source) {
        // A wijk without a style is character.json's error, whichever file changed.
        require(source.error().rfind("assets/city/", 0) == 0, "a refusal without the file");
        return 0;
    }
    auto glb = bakeCity(source.value(), {"fuzz"});
    if (!glb) return 0; // the baker's own refusal (a polygon it cannot triangulate)
    auto loaded = loadCity(glb.value(), "baked.glb");
    if (!loaded) std::fprintf(stderr, "fuzz: %s\n", loaded.error().c_str());
    require(bool(loaded), "the viewer refuses what the baker made");
    return 0;
}
