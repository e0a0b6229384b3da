// Every language the content offers has every text (issue 10): a resident who picks Polish or
// Arabic never meets a bare key or a Dutch leftover, and a new plan, phase or form choice added
// to the content without its texts fails here with a list of what is missing. Interface
// languages must also keep to the letters the 3D interface's font subset can draw.
#include "city_fixture.hpp"
#include "core/interface_glyphs.hpp"
#include "core/strings.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#define STB_TRUETYPE_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include "imstb_truetype.h" // Dear ImGui's copy: the rasteriser the interface itself uses

using namespace almere;
using namespace almere::test;
using nlohmann::json;

namespace {

json readJson(const std::string& relative) {
    const std::string text = readSourceFile(relative);
    REQUIRE_FALSE(text.empty());
    return json::parse(text);
}

// assets/lang/<code>.json, by code, read from the directory: a file nobody listed is checked too.
std::map<std::string, json> languageFiles() {
    std::map<std::string, json> out;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(ALMERE_SOURCE_DIR) + "/assets/lang"))
        if (entry.path().extension() == ".json")
            out[entry.path().stem().string()] =
                readJson("assets/lang/" + entry.path().filename().string());
    return out;
}

std::vector<std::string> ids(const json& list) {
    std::vector<std::string> out;
    for (const json& item : list)
        out.push_back(item.is_string() ? item.get<std::string>()
                                       : item.at("id").get<std::string>());
    return out;
}

// The text keys the content's ids call for (the ui reads them as plan.<id>.title and so on).
std::set<std::string> contentKeys() {
    std::set<std::string> keys;
    const json plans = readJson("assets/plans/plans.json");
    for (const std::string& id : ids(plans.at("plans")))
        for (const char* part : {"title", "what", "quote", "source"})
            keys.insert("plan." + id + "." + part);
    for (const std::string& id : ids(plans.at("phases")))
        for (const char* part : {"label", "text", "source"})
            keys.insert("phase." + id + "." + part);
    for (const std::string& id : ids(plans.at("ambitions")))
        keys.insert("ambition." + id);
    for (const std::string& id : ids(plans.at("goals")))
        for (const char* part : {"text", "source"})
            keys.insert("goal." + id + "." + part);
    for (const json& theme : plans.at("themes")) {
        const std::string t = theme.at("id").get<std::string>();
        for (const char* part : {"title", "source", "note"})
            keys.insert("theme." + t + "." + part);
        for (const json& item : theme.at("items")) {
            keys.insert("theme." + t + "." + item.at("id").get<std::string>() + ".text");
            for (const json& route : item.value("routes", json::array()))
                keys.insert("route." + route.at("id").get<std::string>() + ".name");
        }
    }
    const json form = readJson("assets/feedback/form.json");
    for (const std::string& id : ids(form.at("age_bands")))
        keys.insert("feedback.age." + id);
    for (const std::string& id : ids(form.at("stadsdelen")))
        keys.insert("feedback.home." + id);
    for (const std::string& id : ids(form.at("subjects").at("ambitions")))
        keys.insert("ambition." + id);
    return keys;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines)
        out += "\n  " + line;
    return out;
}

// Code points of UTF-8 text; an invalid byte becomes U+FFFD (which no font subset here has).
std::vector<uint32_t> codepoints(const std::string& s) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 0;
        if (n == 0 || i + size_t(n) > s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        uint32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (int k = 1; k < n; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += size_t(n);
    }
    return out;
}

// Everything a language file shows: its strings, its own name and its unchecked note.
std::vector<std::pair<std::string, std::string>> shownTexts(const json& file) {
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back("language", file.at("language").get<std::string>());
    if (file.contains("language_unchecked"))
        out.emplace_back("language_unchecked", file.at("language_unchecked").get<std::string>());
    for (const auto& [key, value] : file.at("strings").items())
        out.emplace_back(key, value.get<std::string>());
    return out;
}

} // namespace

TEST_CASE("the form's languages are exactly the language files", "[languages][content]") {
    const json form = readJson("assets/feedback/form.json");
    std::set<std::string> listed, files;
    for (const std::string& code : ids(form.at("languages")))
        listed.insert(code);
    for (const auto& [code, file] : languageFiles())
        files.insert(code);
    CHECK(listed == files);
    CHECK(listed.count("nl") == 1); // Dutch stays the default
}

TEST_CASE("every language file says what it is", "[languages][content]") {
    for (const auto& [code, file] : languageFiles()) {
        INFO("assets/lang/" << code << ".json");
        REQUIRE(file.contains("language"));
        CHECK_FALSE(file.at("language").get<std::string>().empty());
        REQUIRE(file.contains("checked_by_native_speaker"));
        REQUIRE(file.at("checked_by_native_speaker").is_boolean());
        REQUIRE(file.contains("interface"));
        CHECK(file.at("interface").is_boolean());
        // An unchecked translation says so in its own words on the language choice.
        if (!file.at("checked_by_native_speaker").get<bool>()) {
            REQUIRE(file.contains("language_unchecked"));
            CHECK_FALSE(file.at("language_unchecked").get<std::string>().empty());
        }
        // Its own texts load the way the app loads them.
        const std::string text = readSourceFile("assets/lang/" + code + ".json");
        const auto parsed = Strings::parse({"assets/lang/" + code + ".json", text});
        REQUIRE(parsed);
        CHECK(parsed.value().forInterface() == file.at("interface").get<bool>());
    }
    const auto files = languageFiles();
    CHECK(files.at("nl").at("checked_by_native_speaker").get<bool>());
    CHECK(files.at("nl").at("interface").get<bool>());
}

TEST_CASE("every content id has text in every language", "[languages][content]") {
    const auto files = languageFiles();
    const json& dutch = files.at("nl").at("strings");
    std::set<std::string> keys = contentKeys();
    for (const auto& [key, value] : dutch.items())
        keys.insert(key);
    std::vector<std::string> missing;
    for (const auto& [code, file] : files) {
        const json& strings = file.at("strings");
        for (const std::string& key : keys) {
            const auto it = strings.find(key);
            if (it == strings.end() || !it->is_string() || it->get<std::string>().empty())
                missing.push_back(code + ": " + key);
        }
    }
    INFO("missing or empty texts (language: key):" << joined(missing));
    CHECK(missing.empty());
    CHECK(keys.size() > 150); // the check above saw the real content
}

TEST_CASE("interface languages use only letters the interface font has", "[languages][font]") {
    // The subset font the interface ships (scripts/setup.sh), regular and bold.
    std::vector<std::string> faces;
    for (const char* face : {"Regular", "Bold"}) {
        std::ifstream in(std::string(ALMERE_DEPS_DIR) + "/font/NotoSans-" + face + ".ttf",
                         std::ios::binary);
        faces.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        REQUIRE(faces.back().size() > 1000);
    }
    std::vector<stbtt_fontinfo> fonts(faces.size());
    for (size_t i = 0; i < faces.size(); ++i) {
        const auto* data = reinterpret_cast<const unsigned char*>(faces[i].data());
        REQUIRE(stbtt_InitFont(&fonts[i], data, stbtt_GetFontOffsetForIndex(data, 0)) != 0);
    }
    std::vector<std::string> problems;
    int interfaceLanguages = 0;
    for (const auto& [code, file] : languageFiles()) {
        if (!file.at("interface").get<bool>()) continue;
        ++interfaceLanguages;
        for (const auto& [key, text] : shownTexts(file))
            for (uint32_t cp : codepoints(text)) {
                if (cp == '\n') continue;
                bool drawn = inInterfaceGlyphs(cp);
                for (const stbtt_fontinfo& font : fonts)
                    drawn = drawn && stbtt_FindGlyphIndex(&font, int(cp)) != 0;
                if (!drawn) {
                    char hex[16];
                    std::snprintf(hex, sizeof hex, "U+%04X", cp);
                    problems.push_back(code + ": " + key + ": " + hex);
                }
            }
    }
    INFO("letters the interface cannot draw (language: key: code point):" << joined(problems));
    CHECK(problems.empty());
    CHECK(interfaceLanguages >= 3); // nl, en, pl
    // And the check can fail: Arabic is not in the font.
    CHECK_FALSE(inInterfaceGlyphs(0x0627));
    CHECK(stbtt_FindGlyphIndex(&fonts[0], 0x0627) == 0);
    CHECK(stbtt_FindGlyphIndex(&fonts[0], 0x0142) != 0); // ł
}
