#include "core/text_route.hpp"

#include "core/geo.hpp"
#include "core/html_text.hpp"
#include "core/label_point.hpp"

#include <algorithm>
#include <cstdio>

namespace almere {
namespace {

// One language's words with Dutch behind them: a key this language lacks is shown in Dutch, and
// the element says so (lang="nl"), so a screen reader switches voice instead of mangling it.
struct Words {
    const Strings& own;
    const Strings& nl;
    bool rightToLeft = false; // the page's direction: Dutch inside it runs left to right

    bool fellBack(const std::string& key) const { return !own.find(key) && nl.find(key); }
    // The text, unescaped: for attribute values, where no lang can be set.
    std::string raw(const std::string& key) const {
        if (const std::string* t = own.find(key)) return *t;
        if (const std::string* t = nl.find(key)) return *t;
        return key; // visible, never a crash (as Strings does)
    }
    // <tag attrs>text</tag>, with lang="nl" where the text is the Dutch fallback.
    std::string el(const char* tag, const std::string& key, const std::string& attrs = "") const {
        std::string open = std::string("<") + tag + attrs;
        if (fellBack(key)) open += rightToLeft ? " lang=\"nl\" dir=\"ltr\"" : " lang=\"nl\"";
        return open + ">" + htmlEscape(raw(key)) + "</" + tag + ">";
    }
    // Inline text: escaped, in a span only where it fell back.
    std::string in(const std::string& key) const {
        return fellBack(key) ? el("span", key) : htmlEscape(raw(key));
    }
};

// An ambition's title is the vision's own words, kept for recognition; below it, what its
// harder words mean, in plain language (CONTENT-REVIEW section 4).
std::string plainWords(const Words& w, const std::string& ambition) {
    return "<span class=\"uitleg\">" + w.in("ambition." + ambition + ".plain") + "</span>";
}

const Strings* findLanguage(const std::vector<TextLanguage>& languages, const std::string& code) {
    for (const TextLanguage& l : languages)
        if (l.code == code) return &l.words;
    return nullptr;
}

std::string attr(const char* name, const std::string& value) {
    return std::string(" ") + name + "=\"" + htmlEscape(value) + "\"";
}

// Where a language's page lives below `folder` ("tekst/", "tekst/en/").
std::string languageDir(const std::string& code) {
    return code == "nl" ? "" : code + "/";
}

const char* const kStyle =
    "body{font:1.125rem/1.6 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}"
    "header,body>nav,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}"
    "a{color:#0b4f8a}a:focus,button:focus,input:focus,select:focus,textarea:focus,"
    "main:focus,#fouten:focus{outline:3px solid #b35c00;outline-offset:2px}"
    // The skip link waits above the page, not beside it: overflow to the side would widen a
    // right-to-left page.
    ".skip{position:absolute;top:-10rem;inset-inline-start:.5rem;padding:.75rem;"
    "background:#fff}.skip:focus{top:.5rem}"
    "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}"
    "nav a{display:inline-block;min-height:48px;line-height:48px}"
    "blockquote{margin:0;padding-inline-start:1rem;border-inline-start:4px solid #6b6b6b}"
    "article{border-top:1px solid #8a8a8a;margin-top:1.5rem}"
    "button{font:inherit;min-height:48px;padding:.5rem 1rem;border:2px solid #0b4f8a;"
    "border-radius:6px;background:#0b4f8a;color:#fff;cursor:pointer}"
    "button.lees{background:#fff;color:#0b4f8a}"
    "fieldset{border:1px solid #6b6b6b;border-radius:6px;margin:1.25rem 0;padding:.5rem 1rem}"
    "legend{font-weight:700;padding:0 .25rem}"
    ".keus{display:flex;align-items:center;gap:.5rem;min-height:48px}"
    ".keus input{width:28px;height:28px;margin:0}"
    "label{display:block}.keus label{display:inline;flex:1;padding:.6rem 0}"
    ".uitleg{display:block;font-size:.95em;color:#3d4b57}.keus+.uitleg{margin:-.4rem 0 .4rem 2.3rem}"
    "input[type=search],select,textarea{font:inherit;width:100%;box-sizing:border-box;"
    "min-height:48px;border:2px solid #555;border-radius:6px;padding:.4rem}"
    "textarea{min-height:8rem}#plek option{padding:.75rem .25rem}"
    ".fout{color:#a50e0e;font-weight:700}"
    "#fouten{border:3px solid #a50e0e;padding:0 1rem;margin:1rem 0}"
    "#fouten[hidden],.fout[hidden]{display:none}"
    "#status{font-weight:700}"
    "footer{margin-top:3rem;border-top:1px solid #8a8a8a}";

struct PageFrame {
    std::string code;   // page language
    std::string root;   // relative path from the page to the site root
    std::string folder; // "tekst" or "toegankelijkheid"
};

std::string head(const Words& w, const PageFrame& f, const std::string& titleKey, bool withScript) {
    std::string h = "<!DOCTYPE html>\n<html" + attr("lang", f.code);
    if (isRightToLeft(f.code)) h += " dir=\"rtl\"";
    h += "><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"><title>" +
         htmlEscape(w.raw(titleKey)) + " – " + htmlEscape(w.raw("title")) + "</title><style>" +
         kStyle + "</style>";
    if (withScript) h += "<script defer" + attr("src", f.root + "tekst/tekst.js") + "></script>";
    return h + "</head>\n<body>";
}

// The language choice: every language in its own words, with its own note where no native
// speaker has checked the translation.
std::string languageNav(const Words& w, const PageFrame& f,
                        const std::vector<TextLanguage>& languages) {
    std::string nav = "<nav" + attr("aria-label", w.raw("text.languages")) + "><ul>";
    for (const TextLanguage& language : languages) {
        const std::string& code = language.code;
        const Strings& l = language.words;
        std::string item =
            "<li" + attr("lang", code) + attr("dir", isRightToLeft(code) ? "rtl" : "ltr");
        item += "><a" + attr("href", f.root + f.folder + "/" + languageDir(code)) +
                attr("hreflang", code);
        if (code == f.code) item += " aria-current=\"page\"";
        item += ">" + htmlEscape(l.language()) + "</a>";
        if (!language.uncheckedNote.empty())
            item += " <small>(" + htmlEscape(language.uncheckedNote) + ")</small>";
        nav += item + "</li>";
    }
    return nav + "</ul></nav>";
}

std::string header(const Words& w, const PageFrame& f, const std::vector<TextLanguage>& languages,
                   const std::string& titleKey) {
    return "<a class=\"skip\" href=\"#main\">" + w.in("text.skip") + "</a><header>" +
           languageNav(w, f, languages) + w.el("h1", titleKey) + "</header>";
}

std::string footer(const Words& w, const PageFrame& f) {
    return "<footer>" + w.el("p", "text.footer") + "<ul><li><a" + attr("href", f.root) + ">" +
           w.in("text.view_3d") + "</a></li><li><a" +
           attr("href", f.root + "toegankelijkheid/" + languageDir(f.code)) + ">" +
           w.in("text.statement_link") + "</a></li></ul></footer>";
}

std::string sourceLine(const Words& w, const std::string& key) {
    return "<p>" + w.in("source") + ": " + w.in(key) + "</p>";
}

std::string section(const std::string& id, const Words& w, const std::string& titleKey,
                    const std::string& body) {
    return "<section" + attr("id", id) + attr("aria-labelledby", id + "-titel") + ">" +
           w.el("h2", titleKey, attr("id", id + "-titel")) + body + "</section>";
}

std::string nameList(const Words& w, const char* labelKey, const std::vector<std::string>& names) {
    if (names.empty()) return "";
    std::string list = "<p>" + w.in(labelKey) + ":</p><ul>";
    for (const std::string& n : names)
        list += "<li>" + htmlEscape(n) + "</li>";
    return list + "</ul>";
}

std::string wijkName(const CitySource& city, const std::string& code) {
    for (const WijkSource& wijk : city.wijken)
        if (wijk.code == code) return wijk.name;
    return code;
}

std::string plansSection(const Words& w, const TextRouteContent& c) {
    std::string body;
    for (const PlanDef& plan : c.catalog.plans) {
        const std::string key = "plan." + plan.id;
        const std::string heading = "plan-" + plan.id;
        body += "<article" + attr("id", "plan-" + plan.id + "-kaart") +
                attr("aria-labelledby", heading) + ">" +
                w.el("h3", key + ".title", attr("id", heading)) + w.el("p", key + ".what") +
                w.el("blockquote", key + ".quote") + sourceLine(w, key + ".source");
        body += "<p>" + w.in("serves") + ":</p><ul>";
        for (const std::string& a : plan.ambitions)
            body += "<li>" + w.in("ambition." + a) + plainWords(w, a) + "</li>";
        body += "</ul>";
        std::vector<std::string> places;
        for (const Place& p : plan.places)
            places.push_back(p.name);
        for (const RouteDef& r : plan.routes)
            places.push_back(w.raw("route." + r.id + ".name"));
        body += nameList(w, "text.places", places) + w.el("p", "disclaimer") +
                "<button type=\"button\" class=\"lees\" hidden" +
                attr("data-stop", w.raw("text.read_stop")) + ">" + w.in("text.read_aloud") +
                "</button></article>";
    }
    return section("plannen", w, "plans_title", w.el("p", "plans_schematic") + body);
}

std::string phasesSection(const Words& w, const TextRouteContent& c) {
    std::string body = w.el("p", "text.phases_intro") + "<ol>";
    for (const PhaseDef& phase : c.catalog.phases) {
        const std::string key = "phase." + phase.id;
        body += "<li>" + w.el("h3", key + ".label") + w.el("p", key + ".text") +
                sourceLine(w, key + ".source") + "</li>";
    }
    return section("tijd", w, "text.phases_title", body + "</ol>");
}

std::string goalsSection(const Words& w, const TextRouteContent& c) {
    std::string body = "<ul>";
    for (const GoalDef& goal : c.catalog.goals)
        body += "<li>" + w.el("p", "goal." + goal.id + ".text") +
                sourceLine(w, "goal." + goal.id + ".source") + "</li>";
    return section("doelen", w, "goals_title", body + "</ul>");
}

std::string themesSection(const Words& w, const TextRouteContent& c) {
    std::string body;
    for (const ThemeDef& theme : c.catalog.themes) {
        const std::string key = "theme." + theme.id;
        body += "<article" + attr("aria-labelledby", "thema-" + theme.id) + ">" +
                w.el("h3", key + ".title", attr("id", "thema-" + theme.id)) + "<ul>";
        for (const ThemeItem& item : theme.items) {
            std::vector<std::string> places, wijken, routes;
            for (const Place& p : item.places)
                places.push_back(p.name);
            for (const RouteDef& r : item.routes) {
                routes.push_back(w.raw("route." + r.id + ".name"));
                for (const Place& stop : r.stops)
                    places.push_back(stop.name);
            }
            for (const std::string& code : item.wijken)
                wijken.push_back(wijkName(c.city, code));
            body += "<li>" + w.el("p", key + "." + item.id + ".text") +
                    nameList(w, "text.wijken", wijken) + nameList(w, "text.routes", routes) +
                    nameList(w, "text.places", places) + "</li>";
        }
        body += "</ul>" + w.el("p", key + ".note") + sourceLine(w, key + ".source") + "</article>";
    }
    return section("themas", w, "themes", body);
}

// --- the reaction form ---------------------------------------------------------------------

// A radio or checkbox with its label, in a row tall enough to tap.
std::string choice(const std::string& type, const std::string& name, const std::string& id,
                   const std::string& value, const std::string& label, bool required,
                   const std::string& extra = "") {
    return "<div class=\"keus\"><input" + attr("type", type) + attr("name", name) + attr("id", id) +
           attr("value", value) + (required ? " required" : "") + extra + "><label" +
           attr("for", id) + ">" + label + "</label></div>";
}

// The error text of a group of controls: hidden until the browser or the server finds fault.
std::string errorText(const Words& w, const std::string& group) {
    return w.el("p", "text.error." + group,
                attr("class", "fout") + attr("id", "fout-" + group) + " hidden");
}

std::string required(const Words& w) {
    return " <abbr" + attr("title", w.raw("text.required")) + ">*</abbr>";
}

// Which server fields ("<field>: <what>", api.cpp) a group answers for: data-fields.
std::string fields(const std::string& list) {
    return attr("data-fields", list);
}

std::string subjectFieldset(const Words& w, const TextRouteContent& c) {
    std::string f = "<fieldset id=\"onderwerp\"" + fields("subject subject.kind subject.id") +
                    " aria-describedby=\"fout-subject\"><legend>" + w.in("feedback.subject_q") +
                    required(w) + "</legend>" + errorText(w, "subject");
    for (const std::string& plan : c.rules.plans)
        f += choice("radio", "subject", "s-plan-" + plan, "plan:" + plan,
                    w.in("plan." + plan + ".title"), true);
    f += "<fieldset><legend>" + w.in("feedback.ambition") + "</legend>";
    for (const std::string& a : c.rules.ambitions)
        // The plain words describe the choice; its name stays the vision's title.
        f += choice("radio", "subject", "s-ambition-" + a, "ambition:" + a, w.in("ambition." + a),
                    true, attr("aria-describedby", "uitleg-" + a)) +
             w.el("p", "ambition." + a + ".plain", attr("class", "uitleg") + attr("id", "uitleg-" + a));
    f += "</fieldset>" +
         choice("radio", "subject", "s-place", "place:", w.in("feedback.place"), true);
    return f + "</fieldset>";
}

std::string pinText(glm::dvec2 local) {
    const LonLat ll = localToWgs84(local);
    char text[48];
    std::snprintf(text, sizeof text, "%.5f,%.5f", ll.lon, ll.lat);
    return text;
}

// Heel Almere or one of the wijken, grouped by stadsdeel; each wijk carries the point where
// its name sits on the map, the pin of a reaction about that place.
std::string placeFieldset(const Words& w, const TextRouteContent& c) {
    std::string f =
        "<fieldset id=\"plekken\"" + fields("pin wijk") +
        " aria-describedby=\"fout-place\"><legend>" + w.in("text.place_q") + "</legend>" +
        w.el("p", "text.place_help", attr("id", "plek-hulp")) + errorText(w, "place") +
        "<label for=\"zoek\">" + w.in("text.place_search") +
        "</label><input type=\"search\" id=\"zoek\" autocomplete=\"off\" "
        "aria-controls=\"plek\" aria-describedby=\"plek-hulp\">"
        "<label for=\"plek\">" +
        w.in("text.place_list") + "</label><select id=\"plek\" name=\"plek\" size=\"8\">" +
        "<option value=\"\" selected>" + htmlEscape(w.raw("feedback.whole_city")) + "</option>";
    for (const StadsdeelSource& sd : c.city.stadsdelen) {
        std::vector<const WijkSource*> wijken;
        for (const WijkSource& wijk : c.city.wijken)
            if (wijk.stadsdeel == sd.name) wijken.push_back(&wijk);
        if (wijken.empty()) continue;
        std::sort(wijken.begin(), wijken.end(),
                  [](const WijkSource* a, const WijkSource* b) { return a->name < b->name; });
        f += "<optgroup" + attr("label", sd.name) + ">";
        for (const WijkSource* wijk : wijken) {
            // The largest part holds the label, as in the baker.
            const Polygon* largest = nullptr;
            for (const Polygon& p : wijk->parts)
                if (!largest || p.outer.size() > largest->outer.size()) largest = &p;
            if (!largest) continue;
            f += "<option" + attr("value", wijk->code) +
                 attr("data-pin", pinText(labelPoint(*largest))) + ">" + htmlEscape(wijk->name) +
                 "</option>";
        }
        f += "</optgroup>";
    }
    return f + "</select></fieldset>";
}

std::string ratingFieldset(const Words& w) {
    std::string f = "<fieldset id=\"oordeel\"" + fields("rating") +
                    " aria-describedby=\"fout-rating\"><legend>" + w.in("feedback.rating_q") +
                    required(w) + "</legend>" + errorText(w, "rating");
    for (int i = 1; i <= 5; ++i) {
        const std::string n = std::to_string(i);
        f += choice("radio", "rating", "r-" + n, n, w.in("feedback.rating." + n), true);
    }
    return f + "</fieldset>";
}

std::string commentField(const Words& w) {
    const std::string max = std::to_string(kMaxCommentChars);
    return "<div id=\"toelichting\"" + fields("comment") + "><label for=\"tekst\">" +
           w.in("feedback.comment_q") + "</label>" + errorText(w, "comment") +
           "<textarea id=\"tekst\" name=\"tekst\" aria-describedby=\"teller\"" +
           attr("maxlength", max) + "></textarea><p id=\"teller\" aria-live=\"polite\"" +
           attr("data-max", max) + attr("data-unit", w.raw("text.chars_left")) + ">" + max + " " +
           w.in("text.chars_left") + "</p></div>";
}

std::string backgroundFieldset(const Words& w, const TextRouteContent& c) {
    std::string f = "<fieldset id=\"achtergrond\"" + fields("age_band home_stadsdeel") +
                    " aria-describedby=\"fout-background\"><legend>" +
                    w.in("feedback.background_q") + "</legend>" + errorText(w, "background") +
                    "<label for=\"leeftijd\">" + w.in("feedback.age") + " (" +
                    w.in("text.optional") + ")</label><select id=\"leeftijd\" name=\"leeftijd\">" +
                    "<option value=\"\">–</option>";
    for (const std::string& band : c.rules.ageBands)
        f += "<option" + attr("value", band) + ">" + htmlEscape(w.raw("feedback.age." + band)) +
             "</option>";
    f += "</select><label for=\"woonplek\">" + w.in("feedback.home") + " (" +
         w.in("text.optional") + ")</label><select id=\"woonplek\" name=\"woonplek\">" +
         "<option value=\"\">–</option>";
    for (const std::string& home : c.rules.stadsdelen)
        f += "<option" + attr("value", home) + ">" + htmlEscape(w.raw("feedback.home." + home)) +
             "</option>";
    return f + "</select></fieldset>";
}

std::string consentFieldset(const Words& w) {
    return "<fieldset id=\"toestemming\"" + fields("consent") +
           " aria-describedby=\"fout-consent\"><legend>" + w.in("text.consent_title") +
           required(w) + "</legend>" + w.el("p", "feedback.consent_text") +
           w.el("p", "feedback.not_formal") + errorText(w, "consent") +
           choice("checkbox", "consent", "consent", "ja", w.in("feedback.consent_yes"), true) +
           "</fieldset>";
}

// The page's language goes with a reaction where the server takes it; other languages are
// sent as Dutch (form.json's "languages" lists what the server accepts).
std::string reactionLanguage(const TextRouteContent& c, const std::string& code) {
    const auto& accepted = c.rules.languages;
    return std::find(accepted.begin(), accepted.end(), code) != accepted.end() ? code : "nl";
}

std::string formSection(const Words& w, const TextRouteContent& c, const PageFrame& f) {
    // The bridge's messages travel as data attributes: no text lives in the script.
    std::string form =
        "<form id=\"reactie\"" + attr("data-api", f.root + "api/reactions") +
        attr("data-lang", reactionLanguage(c, f.code)) +
        attr("data-sending", w.raw("text.sending")) +
        attr("data-sent", w.raw("feedback.thanks_text")) +
        attr("data-not-sent", w.raw("text.not_sent")) +
        attr("data-draft", w.raw("text.draft_found")) +
        attr("data-other", w.raw("text.error.other")) + ">" + w.el("p", "text.form_intro") +
        "<div id=\"fouten\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"fouten-titel\" "
        "hidden>" +
        w.el("h3", "text.errors_title", attr("id", "fouten-titel")) + "<ul></ul></div>" +
        subjectFieldset(w, c) + placeFieldset(w, c) + ratingFieldset(w) + commentField(w) +
        backgroundFieldset(w, c) + consentFieldset(w) + "<button type=\"submit\">" +
        w.in("feedback.send") + "</button> <button type=\"button\" id=\"opnieuw\" hidden>" +
        w.in("text.retry") + "</button><p id=\"status\" role=\"status\"></p></form>";
    return section("mening", w, "feedback.give", form);
}

std::string textPage(const Words& w, const TextRouteContent& c, const PageFrame& f) {
    std::string contents = "<nav" + attr("aria-label", w.raw("text.contents")) + "><ul>";
    for (auto [id, key] : {std::pair{"plannen", "plans_title"},
                           {"tijd", "text.phases_title"},
                           {"doelen", "goals_title"},
                           {"themas", "themes"},
                           {"mening", "feedback.give"}})
        contents += std::string("<li><a href=\"#") + id + "\">" + w.in(key) + "</a></li>";
    contents += "<li><a" + attr("href", f.root) + ">" + w.in("text.view_3d") + "</a></li><li><a" +
                attr("href", f.root + "toegankelijkheid/" + languageDir(f.code)) + ">" +
                w.in("text.statement_link") + "</a></li></ul></nav>";
    return head(w, f, "text.page_title", true) + header(w, f, c.languages, "text.page_title") +
           contents + "<main id=\"main\" tabindex=\"-1\">" + w.el("p", "text.intro") +
           w.el("p", "vision_explained") + plansSection(w, c) + phasesSection(w, c) +
           goalsSection(w, c) + themesSection(w, c) + formSection(w, c, f) + "</main>" +
           footer(w, f) + "</body></html>\n";
}

std::string statementPage(const Words& w, const TextRouteContent& c, const PageFrame& f) {
    std::string body = w.el("p", "statement.intro");
    for (const char* part : {"ok", "not_ok", "tested", "date", "contact"}) {
        const std::string key = std::string("statement.") + part;
        std::string text = w.el("p", key + "_text");
        if (std::string(part) == "not_ok")
            text += "<p><a" + attr("href", f.root + "tekst/" + languageDir(f.code)) + ">" +
                    w.in("statement.alternative") + "</a></p>";
        body += section(std::string("s-") + part, w, key + "_title", text);
    }
    return head(w, f, "statement.title", false) + header(w, f, c.languages, "statement.title") +
           "<main id=\"main\" tabindex=\"-1\">" + body + "</main>" + footer(w, f) +
           "</body></html>\n";
}

} // namespace

bool isRightToLeft(const std::string& languageCode) {
    for (const char* rtl : {"ar", "fa", "he", "ur"})
        if (languageCode == rtl) return true;
    return false;
}

Result<std::vector<TextPage>> textRoutePages(const TextRouteContent& content) {
    using R = Result<std::vector<TextPage>>;
    const Strings* nl = findLanguage(content.languages, "nl");
    if (!nl) return R::failure("assets/lang: no nl.json (Dutch is the text route's default)");
    std::vector<TextPage> pages;
    for (const TextLanguage& lang : content.languages) {
        const Words w{lang.words, *nl, isRightToLeft(lang.code)};
        const std::string dir = languageDir(lang.code);
        const std::string root = lang.code == "nl" ? "../" : "../../";
        pages.push_back(
            {"tekst/" + dir + "index.html", textPage(w, content, {lang.code, root, "tekst"})});
        pages.push_back({"toegankelijkheid/" + dir + "index.html",
                         statementPage(w, content, {lang.code, root, "toegankelijkheid"})});
    }
    return pages;
}

} // namespace almere
