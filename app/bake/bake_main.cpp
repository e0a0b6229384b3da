// almere-bake: turns the content pack's source geodata (assets/city) into the .glb both the
// kiosk and the web viewer load. Run by the build; exits non-zero with a message naming the
// file and field when the content is broken.
#include "core/city_gltf.hpp"
#include "core/city_source.hpp"
#include "core/plans.hpp"
#include "platform/city_files.hpp"
#include "platform/files.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

using namespace almere;

int main(int argc, char** argv) {
    if (argc != 3 && !(argc == 6 && std::string(argv[3]) == "--plans")) {
        std::fprintf(stderr, "usage: almere-bake <assets/city folder> <output.glb> "
                             "[--plans <plans.json> <output plans.json>]\n");
        return 2;
    }
    const std::string dir = argv[1];
    auto source = platform::readCitySource(dir);
    if (!source) {
        std::fprintf(stderr, "almere-bake: %s\n", source.error().c_str());
        return 1;
    }
    std::vector<std::string> credits{source.value().boundarySource};
    for (const WaterSource& w : source.value().water)
        if (std::find(credits.begin(), credits.end(), w.source) == credits.end())
            credits.push_back(w.source);
    auto glb = bakeCity(source.value(), credits);
    if (!glb) {
        std::fprintf(stderr, "almere-bake: %s\n", glb.error().c_str());
        return 1;
    }
    // Write beside the target and rename, so an interrupted bake never leaves a half file.
    const std::string out = argv[2], tmp = out + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(glb.value().data()),
                std::streamsize(glb.value().size()));
        if (!f) {
            std::fprintf(stderr, "almere-bake: %s: cannot write\n", tmp.c_str());
            return 1;
        }
    }
    if (std::rename(tmp.c_str(), out.c_str()) != 0) {
        std::fprintf(stderr, "almere-bake: %s: cannot rename into place\n", out.c_str());
        return 1;
    }
    if (argc == 6) {
        // The plans refer to wijk codes: validate them against this city, then ship a copy.
        SourceFile plans{argv[4], ""};
        if (!platform::readFile(plans.name, plans.text)) {
            std::fprintf(stderr, "almere-bake: %s: cannot read the file\n", plans.name.c_str());
            return 1;
        }
        std::vector<std::string> codes;
        for (const WijkSource& w : source.value().wijken)
            codes.push_back(w.code);
        auto catalog = parsePlanCatalog(plans, codes);
        if (!catalog) {
            std::fprintf(stderr, "almere-bake: %s\n", catalog.error().c_str());
            return 1;
        }
        std::ofstream copy(argv[5], std::ios::binary | std::ios::trunc);
        copy << plans.text;
        if (!copy) {
            std::fprintf(stderr, "almere-bake: %s: cannot write\n", argv[5]);
            return 1;
        }
    }
    std::printf("almere-bake: %zu wijken, %zu water bodies -> %s (%zu bytes)\n",
                source.value().wijken.size(), source.value().water.size(), out.c_str(),
                glb.value().size());
    return 0;
}
