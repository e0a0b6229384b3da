#pragma once
// The text route (issue 10): the plans, phases, goals and themes of the 3D view as plain HTML
// pages, one per language, with a reaction form that posts to the same API, and the
// accessibility statement. Written at build time (almere-textroute) from the very content the
// viewer loads, so there is no hand-kept copy to drift. No script is needed to read a page; the
// form's small bridge (web/tekst.js) only sends, keeps the draft and shows the server's answer.
#include "core/city_source.hpp"
#include "core/plans.hpp"
#include "core/reaction.hpp"
#include "core/strings.hpp"

#include <string>
#include <vector>

namespace almere {

// A language file: its code (the file's name, "nl" for nl.json) and its words.
struct TextLanguage {
    std::string code;
    Strings words;
    // The file's "language_unchecked": that no native speaker has checked the translation, in
    // that language; "" where one has.
    std::string uncheckedNote;
};

struct TextRouteContent {
    PlanCatalog catalog;
    CitySource city;
    ReactionRules rules;
    std::vector<TextLanguage>
        languages; // every assets/lang file; Dutch is the default and fallback
};

// One page of the site: `path` relative to the site root ("tekst/index.html").
struct TextPage {
    std::string path;
    std::string html;
};

// Dutch at tekst/ and toegankelijkheid/, every other language at tekst/<code>/ and
// toegankelijkheid/<code>/. Fails when there is no Dutch file.
Result<std::vector<TextPage>> textRoutePages(const TextRouteContent& content);

// Languages written right to left (the page gets dir="rtl").
bool isRightToLeft(const std::string& languageCode);

} // namespace almere
