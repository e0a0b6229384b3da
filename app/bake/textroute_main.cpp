// almere-textroute: writes the text route and the accessibility statement (core/text_route.hpp)
// into the site folder, from the content pack the viewer uses. Run by the build; exits non-zero
// with a message naming the file and field when the content is broken.
//   almere-textroute <assets folder> <site folder>
//   almere-textroute --app-lang <output folder> <lang files...>
// The second form copies language files for the viewer's asset bundle without the text route's
// own words (text.*, statement.*): the 3D page's download has a budget and never shows them.
#include "core/text_route.hpp"
#include "platform/files.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace almere;
namespace fs = std::filesystem;

namespace {

bool read(SourceFile& f) {
    if (platform::readFile(f.name, f.text)) return true;
    std::fprintf(stderr, "almere-textroute: %s: cannot read the file\n", f.name.c_str());
    return false;
}

// A language code names a folder of the site: two or three letters a-z, nothing else.
bool isLanguageCode(const std::string& code) {
    return (code.size() == 2 || code.size() == 3) &&
           std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool loadContent(const std::string& assets, TextRouteContent& out) {
    SourceFile city[4] = {{assets + "/city/wijken.geojson", ""},
                          {assets + "/city/stadsdelen.geojson", ""},
                          {assets + "/city/water.geojson", ""},
                          {assets + "/city/character.json", ""}};
    SourceFile plans{assets + "/plans/plans.json", ""}, form{assets + "/feedback/form.json", ""};
    for (SourceFile* f : {&city[0], &city[1], &city[2], &city[3], &plans, &form})
        if (!read(*f)) return false;
    auto source = parseCitySource(city[0], city[1], city[2], city[3]);
    if (!source)
        return std::fprintf(stderr, "almere-textroute: %s\n", source.error().c_str()), false;
    out.city = std::move(source.value());
    std::vector<std::string> codes;
    for (const WijkSource& w : out.city.wijken)
        codes.push_back(w.code);
    auto catalog = parsePlanCatalog(plans, codes);
    if (!catalog)
        return std::fprintf(stderr, "almere-textroute: %s\n", catalog.error().c_str()), false;
    out.catalog = std::move(catalog.value());
    auto rules = parseReactionRules(form);
    if (!rules) return std::fprintf(stderr, "almere-textroute: %s\n", rules.error().c_str()), false;
    out.rules = std::move(rules.value());

    std::vector<std::string> langFiles;
    for (const auto& entry : fs::directory_iterator(assets + "/lang"))
        if (entry.path().extension() == ".json") langFiles.push_back(entry.path().string());
    std::sort(langFiles.begin(), langFiles.end());
    for (const std::string& name : langFiles) {
        SourceFile file{name, ""};
        if (!read(file)) return false;
        auto strings = Strings::parse(file);
        if (!strings)
            return std::fprintf(stderr, "almere-textroute: %s\n", strings.error().c_str()), false;
        const std::string code = fs::path(name).stem().string();
        if (!isLanguageCode(code))
            return std::fprintf(stderr,
                                "almere-textroute: %s: expected a name of 2 or 3 letters "
                                "a-z (the language code)\n",
                                name.c_str()),
                   false;
        // Beside "strings": whether a native speaker checked it, said in that language.
        const nlohmann::json doc = nlohmann::json::parse(file.text, nullptr, false);
        const auto note = doc.find("language_unchecked");
        out.languages.push_back(
            {code, std::move(strings.value()),
             note != doc.end() && note->is_string() ? note->get<std::string>() : std::string()});
    }
    // Dutch first: the default page and the first entry of every language choice.
    std::stable_partition(out.languages.begin(), out.languages.end(),
                          [](const TextLanguage& l) { return l.code == "nl"; });
    return true;
}

bool isTextRouteKey(const std::string& key) {
    return key.rfind("text.", 0) == 0 || key.rfind("statement.", 0) == 0;
}

int writeAppLanguages(const std::string& outDir, char** files, int count) {
    for (int i = 0; i < count; ++i) {
        SourceFile file{files[i], ""};
        if (!read(file)) return 1;
        nlohmann::ordered_json doc = nlohmann::ordered_json::parse(file.text, nullptr, false);
        if (doc.is_discarded() || !doc.is_object() || !doc.contains("strings") ||
            !doc["strings"].is_object()) {
            std::fprintf(stderr, "almere-textroute: %s: expected an object with \"strings\"\n",
                         files[i]);
            return 1;
        }
        nlohmann::ordered_json kept = nlohmann::ordered_json::object();
        for (const auto& item : doc["strings"].items())
            if (!isTextRouteKey(item.key())) kept[item.key()] = item.value();
        doc["strings"] = std::move(kept);
        const fs::path out = fs::path(outDir) / fs::path(files[i]).filename();
        std::ofstream f(out, std::ios::binary | std::ios::trunc);
        f << doc.dump() << "\n";
        if (!f) {
            std::fprintf(stderr, "almere-textroute: %s: cannot write\n", out.c_str());
            return 1;
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::string(argv[1]) == "--app-lang") {
        std::error_code ec;
        fs::create_directories(argv[2], ec);
        return writeAppLanguages(argv[2], argv + 3, argc - 3);
    }
    if (argc != 3) {
        std::fprintf(stderr, "usage: almere-textroute <assets folder> <site folder>\n");
        return 2;
    }
    TextRouteContent content;
    if (!loadContent(argv[1], content)) return 1;
    auto pages = textRoutePages(content);
    if (!pages) {
        std::fprintf(stderr, "almere-textroute: %s\n", pages.error().c_str());
        return 1;
    }
    for (const TextPage& page : pages.value()) {
        const fs::path path = fs::path(argv[2]) / page.path;
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        // Written beside the target and renamed, so an interrupted build leaves no half page.
        const fs::path tmp = path.string() + ".tmp";
        {
            std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
            f << page.html;
            if (!f) {
                std::fprintf(stderr, "almere-textroute: %s: cannot write\n", tmp.c_str());
                return 1;
            }
        }
        fs::rename(tmp, path, ec);
        if (ec) {
            std::fprintf(stderr, "almere-textroute: %s: cannot rename into place\n", path.c_str());
            return 1;
        }
    }
    return 0;
}
