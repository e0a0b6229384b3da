// The text route's pages (core/text_route.hpp), written from the real content pack: every plan,
// phase and wijk is on the page, each language gets its pages, a missing text falls back to
// Dutch with its language marked, and Arabic runs right to left.
#include "city_fixture.hpp"
#include "core/html_text.hpp"
#include "core/text_route.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace almere;
using namespace almere::test;

namespace {

Strings language(const std::string& file) {
    auto parsed = Strings::parse(sourceFile(file));
    return parsed ? parsed.take() : Strings();
}

// A language file of its own: `strings` as given, nothing else.
Strings madeLanguage(const std::string& name, const nlohmann::json& strings) {
    auto parsed = Strings::parse(
        {"test.json", nlohmann::json{{"language", name}, {"strings", strings}}.dump()});
    return parsed ? parsed.take() : Strings();
}

TextRouteContent content() {
    TextRouteContent c;
    auto city = CityFiles().parse();
    REQUIRE(city);
    c.city = city.take();
    std::vector<std::string> codes;
    for (const WijkSource& w : c.city.wijken)
        codes.push_back(w.code);
    auto catalog = parsePlanCatalog(sourceFile("assets/plans/plans.json"), codes);
    REQUIRE(catalog);
    c.catalog = catalog.take();
    auto rules = parseReactionRules(sourceFile("assets/feedback/form.json"));
    REQUIRE(rules);
    c.rules = rules.take();
    c.languages.push_back({"nl", language("assets/lang/nl.json")});
    c.languages.push_back({"en", language("assets/lang/en.json")});
    return c;
}

const TextPage* page(const std::vector<TextPage>& pages, const std::string& path) {
    for (const TextPage& p : pages)
        if (p.path == path) return &p;
    return nullptr;
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("the text route has a page per language and a statement beside it", "[text_route]") {
    auto pages = textRoutePages(content());
    REQUIRE(pages);
    REQUIRE(pages.value().size() == 4);
    const TextPage* nl = page(pages.value(), "tekst/index.html");
    const TextPage* en = page(pages.value(), "tekst/en/index.html");
    REQUIRE(nl);
    REQUIRE(en);
    REQUIRE(page(pages.value(), "toegankelijkheid/index.html"));
    REQUIRE(page(pages.value(), "toegankelijkheid/en/index.html"));
    CHECK(nl->html.find("<html lang=\"nl\">") != std::string::npos);
    CHECK(en->html.find("<html lang=\"en\">") != std::string::npos);
    // One h1; the 3D view, the statement and the script are found from each page's folder.
    CHECK(count(nl->html, "<h1") == 1);
    CHECK(nl->html.find("<a href=\"../\">") != std::string::npos);
    CHECK(en->html.find("<a href=\"../../\">") != std::string::npos);
    CHECK(en->html.find("href=\"../../toegankelijkheid/en/\"") != std::string::npos);
    CHECK(en->html.find("src=\"../../tekst/tekst.js\"") != std::string::npos);
    CHECK(en->html.find("data-api=\"../../api/reactions\"") != std::string::npos);
    // No drawing needed: no canvas, no wasm.
    CHECK(nl->html.find("<canvas") == std::string::npos);
    CHECK(nl->html.find(".wasm") == std::string::npos);
}

TEST_CASE("every plan, phase, goal and theme of the content is on the page", "[text_route]") {
    const TextRouteContent c = content();
    auto pages = textRoutePages(c);
    REQUIRE(pages);
    const std::string& html = page(pages.value(), "tekst/index.html")->html;
    const Strings& nl = c.languages[0].words;
    for (const PlanDef& plan : c.catalog.plans) {
        CHECK(html.find(htmlEscape(nl(("plan." + plan.id + ".title").c_str()))) !=
              std::string::npos);
        CHECK(html.find(htmlEscape(nl(("plan." + plan.id + ".quote").c_str()))) !=
              std::string::npos);
    }
    for (const PhaseDef& phase : c.catalog.phases)
        CHECK(html.find(htmlEscape(nl(("phase." + phase.id + ".text").c_str()))) !=
              std::string::npos);
    for (const GoalDef& goal : c.catalog.goals)
        CHECK(html.find(htmlEscape(nl(("goal." + goal.id + ".text").c_str()))) !=
              std::string::npos);
    for (const ThemeDef& theme : c.catalog.themes)
        CHECK(html.find(htmlEscape(nl(("theme." + theme.id + ".title").c_str()))) !=
              std::string::npos);
    CHECK(count(html, "class=\"lees\"") == c.catalog.plans.size());
}

TEST_CASE("the form offers every wijk, grouped by stadsdeel, with its pin", "[text_route]") {
    const TextRouteContent c = content();
    auto pages = textRoutePages(c);
    REQUIRE(pages);
    const std::string& html = page(pages.value(), "tekst/index.html")->html;
    REQUIRE(c.city.wijken.size() == 71);
    CHECK(count(html, "data-pin=\"") == 71);
    for (const WijkSource& w : c.city.wijken)
        CHECK(html.find("<option value=\"" + w.code + "\" data-pin=\"5.") != std::string::npos);
    CHECK(count(html, "<optgroup") == c.city.stadsdelen.size());
    CHECK(html.find("<option value=\"\" selected>Heel Almere</option>") != std::string::npos);
    // The comment's limit is the server's, in code points.
    CHECK(html.find("maxlength=\"" + std::to_string(kMaxCommentChars) + "\"") != std::string::npos);
    // A Dutch reaction goes as Dutch.
    CHECK(html.find("data-lang=\"nl\"") != std::string::npos);
}

TEST_CASE("a text missing in a language is shown in Dutch and marked so", "[text_route]") {
    TextRouteContent c = content();
    c.languages.push_back(
        {"ar", madeLanguage("العربية", {{"text.page_title", "الخطط"}}), "لم يراجعها متحدث أصلي"});
    auto pages = textRoutePages(c);
    REQUIRE(pages);
    const TextPage* ar = page(pages.value(), "tekst/ar/index.html");
    REQUIRE(ar);
    CHECK(ar->html.find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos);
    CHECK(ar->html.find("<h1>الخطط</h1>") != std::string::npos);
    CHECK(
        ar->html.find("<h2 id=\"plannen-titel\" lang=\"nl\" dir=\"ltr\">Plannen voor 2050</h2>") !=
        std::string::npos);
    // Every language choice names its language in its own words and carries its own note.
    const std::string& nl = page(pages.value(), "tekst/index.html")->html;
    CHECK(nl.find("<li lang=\"nl\" dir=\"ltr\"><a") != std::string::npos);
    CHECK(
        nl.find("<li lang=\"ar\" dir=\"rtl\"><a href=\"../tekst/ar/\" hreflang=\"ar\">العربية</a> "
                "<small>(لم يراجعها متحدث أصلي)</small></li>") != std::string::npos);
    // form.json takes Arabic reactions, so the Arabic form sends them as Arabic ...
    CHECK(ar->html.find("data-lang=\"ar\"") != std::string::npos);
    // ... and a language the server does not take goes as Dutch.
    c.rules.languages = {"nl", "en"};
    auto notTaken = textRoutePages(c);
    REQUIRE(notTaken);
    const TextPage* arAsDutch = page(notTaken.value(), "tekst/ar/index.html");
    REQUIRE(arAsDutch);
    CHECK(arAsDutch->html.find("data-lang=\"nl\"") != std::string::npos);
    CHECK(arAsDutch->html.find("data-lang=\"ar\"") == std::string::npos);
}

TEST_CASE("content text is escaped, never markup", "[text_route]") {
    TextRouteContent c = content();
    c.languages[1] = {"en", madeLanguage("English", {{"text.page_title", "<script>x</script>&"}})};
    auto pages = textRoutePages(c);
    REQUIRE(pages);
    const std::string& en = page(pages.value(), "tekst/en/index.html")->html;
    CHECK(en.find("<script>x") == std::string::npos);
    CHECK(en.find("<h1>&lt;script&gt;x&lt;/script&gt;&amp;</h1>") != std::string::npos);
}

TEST_CASE("without Dutch there is no text route", "[text_route]") {
    TextRouteContent c = content();
    c.languages.erase(c.languages.begin());
    auto pages = textRoutePages(c);
    REQUIRE_FALSE(pages);
    CHECK(pages.error().find("nl.json") != std::string::npos);
}
