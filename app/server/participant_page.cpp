#include "server/participant_page.hpp"

#include "core/session_answer.hpp"
#include "server/http_message.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

namespace almere::server {
namespace {

using json = nlohmann::json;

const char* pick(PageLang lang, const char* nl, const char* en) {
    return lang == PageLang::en ? en : nl;
}

const std::string& local(const LocalText& text, PageLang lang) {
    return lang == PageLang::en ? text.en : text.nl;
}

std::string esc(std::string_view text) {
    return htmlEscape(text);
}

// The five faces of the feedback form; their words are the kiosk's (feedback.rating.N).
// Faces from Unicode 6.0's first emoticons, which old phones have too (U+1F641 and U+1F642,
// the plain frown and smile, came later and show as empty boxes there).
const char* const kFaces[5] = {"\xF0\x9F\x98\x9E", "\xF0\x9F\x98\x9F", "\xF0\x9F\x98\x90",
                               "\xF0\x9F\x98\x8A", "\xF0\x9F\x98\x84"};

// The same words, for a server whose content pack has no lang files.
const char* const kRatingWords[2][5] = {{"Heel slecht", "Slecht", "Neutraal", "Goed", "Heel goed"},
                                        {"Very bad", "Bad", "Neutral", "Good", "Very good"}};

std::string ratingWord(const SheetModel& m, int rating) {
    const std::string key = "feedback.rating." + std::to_string(rating);
    const std::string word = m.words ? (*m.words)(key.c_str()) : key;
    return word != key ? word : kRatingWords[m.lang == PageLang::en][rating - 1];
}

const char* voteWord(PageLang lang, const std::string& vote) {
    if (vote == "agree") return pick(lang, "Eens", "Agree");
    if (vote == "disagree") return pick(lang, "Oneens", "Disagree");
    return pick(lang, "Sla over", "Pass");
}

const char* const kVotes[3] = {"agree", "disagree", "pass"};

// The agenda's statements and the approved proposals, as (id, text).
std::vector<std::pair<std::string, std::string>> statementsOf(const SheetModel& m,
                                                              const AgendaQuestion& q) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const AgendaOption& s : q.statements)
        out.emplace_back(s.id, local(s.text, m.lang));
    for (const ProposedStatement& p : m.proposals)
        out.emplace_back(p.id, p.text);
    return out;
}

const WijkPlace* placeAt(const SheetModel& m, double lon, double lat) {
    if (!m.places) return nullptr;
    for (const WijkPlace& p : *m.places)
        if (std::fabs(p.lon - lon) < 1e-7 && std::fabs(p.lat - lat) < 1e-7) return &p;
    return nullptr;
}

// A stored canonical answer in words, for "Jouw antwoord: ...".
std::string describeAnswer(const SheetModel& m, const AgendaQuestion& q, const std::string& text) {
    const json a = json::parse(text, nullptr, false);
    if (!a.is_object()) return "";
    std::string out;
    if (a.contains("rating") && a["rating"].is_number_integer()) {
        const int r = a["rating"].get<int>();
        return "<p>" + std::to_string(r) + " \xE2\x80\x93 " + esc(ratingWord(m, r)) + "</p>";
    }
    if (a.contains("choices") && a["choices"].is_array()) {
        out = "<ul>";
        for (const auto& c : a["choices"])
            for (const AgendaOption& o : q.options)
                if (c.is_string() && c.get<std::string>() == o.id)
                    out += "<li>" + esc(local(o.text, m.lang)) + "</li>";
        return out + "</ul>";
    }
    if (a.contains("votes") && a["votes"].is_object()) {
        out = "<ul>";
        for (const auto& [id, text] : statementsOf(m, q))
            if (a["votes"].contains(id) && a["votes"][id].is_string())
                out += "<li>" + esc(text) + ": <strong>" +
                       voteWord(m.lang, a["votes"][id].get<std::string>()) + "</strong></li>";
        return out + "</ul>";
    }
    if (a.contains("pin") && a["pin"].is_object()) {
        const WijkPlace* p = placeAt(m, a["pin"].value("lon", 0.0), a["pin"].value("lat", 0.0));
        if (p) return "<p>" + esc(p->name) + " (" + esc(p->stadsdeel) + ")</p>";
        return std::string("<p>") + pick(m.lang, "Een plek op de kaart", "A place on the map") +
               "</p>";
    }
    if (a.contains("comment") && a["comment"].is_string())
        return "<p class=\"said\">" + esc(a["comment"].get<std::string>()) + "</p>";
    return "";
}

bool typedHas(const SheetModel& m, const std::string& name, const std::string& value) {
    return std::any_of(m.typed.begin(), m.typed.end(),
                       [&](const auto& f) { return f.first == name && f.second == value; });
}

// Whether a control starts checked: what was just sent (after an error), else the stored answer.
struct Checked {
    const SheetModel& m;
    json stored;
    bool operator()(const std::string& field, const std::string& value) const {
        if (!m.typed.empty()) return typedHas(m, field, value);
        if (!stored.is_object()) return false;
        if (field == "rating" && stored.contains("rating")) return stored["rating"].dump() == value;
        if (field == "choice" && stored.contains("choices"))
            for (const auto& c : stored["choices"])
                if (c == value) return true;
        if (field.rfind("vote.", 0) == 0 && stored.contains("votes")) {
            const std::string id = field.substr(5);
            return stored["votes"].contains(id) && stored["votes"][id] == value;
        }
        return false;
    }
};

std::string errorFor(const SheetModel& m, const std::string& field) {
    if (m.error.empty() || m.errorField != field) return "";
    return "<p class=\"error\" id=\"error-" + esc(field) + "\">" + esc(m.error) + "</p>";
}

std::string describedBy(const SheetModel& m, const std::string& field) {
    if (m.error.empty() || m.errorField != field) return "";
    return " aria-describedby=\"error-" + esc(field) + "\" aria-invalid=\"true\"";
}

std::string radio(const std::string& name, const std::string& value, const std::string& label,
                  bool checked, const std::string& type = "radio") {
    return "<label class=\"option\"><input type=\"" + type + "\" name=\"" + esc(name) +
           "\" value=\"" + esc(value) + "\"" + (checked ? " checked" : "") + "> <span>" + label +
           "</span></label>";
}

std::string ratingControls(const SheetModel& m, const Checked& checked) {
    std::string out = "<div class=\"faces\">";
    for (int r = 1; r <= 5; ++r)
        out += radio("rating", std::to_string(r),
                     std::string("<span class=\"face\" aria-hidden=\"true\">") + kFaces[r - 1] +
                         "</span> " + esc(ratingWord(m, r)),
                     checked("rating", std::to_string(r)));
    return out + "</div>";
}

std::string choiceControls(const SheetModel& m, const AgendaQuestion& q, const Checked& checked) {
    std::string out;
    if (q.multiple)
        out += std::string("<p class=\"hint\">") +
               pick(m.lang, "Je mag meer antwoorden kiezen.", "You may choose more than one.") +
               "</p>";
    for (const AgendaOption& o : q.options)
        out += radio("choice", o.id, esc(local(o.text, m.lang)), checked("choice", o.id),
                     q.multiple ? "checkbox" : "radio");
    return out;
}

std::string statementControls(const SheetModel& m, const AgendaQuestion& q,
                              const Checked& checked) {
    std::string out = std::string("<p class=\"hint\">") +
                      pick(m.lang, "Kies bij elke stelling: eens, oneens of sla over.",
                           "For each statement choose: agree, disagree or pass.") +
                      "</p>";
    for (const auto& [id, text] : statementsOf(m, q)) {
        const std::string name = "vote." + id;
        out +=
            "<fieldset class=\"statement\"><legend>" + esc(text) + "</legend><div class=\"votes\">";
        for (const char* vote : kVotes)
            out += radio(name, vote, voteWord(m.lang, vote), checked(name, vote));
        out += "</div></fieldset>";
    }
    return out;
}

std::string placeControls(const SheetModel& m, const Checked& checked) {
    const std::string chosen = !m.typed.empty() ? formValue(m.typed, "wijk") : "";
    std::string storedCode;
    if (m.typed.empty() && checked.stored.is_object() && checked.stored.contains("pin"))
        if (const WijkPlace* p = placeAt(m, checked.stored["pin"].value("lon", 0.0),
                                         checked.stored["pin"].value("lat", 0.0)))
            storedCode = p->code;
    std::string out = std::string("<p class=\"hint\">") +
                      pick(m.lang, "Geen kaart? Kies dan hier de wijk.",
                           "No map? Then choose the neighbourhood here.") +
                      "</p><label class=\"field\" for=\"wijk\">" +
                      pick(m.lang, "Wijk", "Neighbourhood") + "</label><select id=\"wijk\" " +
                      "name=\"wijk\"" + describedBy(m, "wijk") + "><option value=\"\">" +
                      pick(m.lang, "Kies een wijk", "Choose a neighbourhood") + "</option>";
    std::string group;
    for (const WijkPlace& p : m.places ? *m.places : std::vector<WijkPlace>{}) {
        if (p.stadsdeel != group) {
            if (!group.empty()) out += "</optgroup>";
            group = p.stadsdeel;
            out += "<optgroup label=\"" + esc(group) + "\">";
        }
        const bool selected = p.code == chosen || p.code == storedCode;
        out += "<option value=\"" + esc(p.code) + "\"" + (selected ? " selected" : "") + ">" +
               esc(p.name) + "</option>";
    }
    if (!group.empty()) out += "</optgroup>";
    return out + "</select>";
}

std::string commentControls(const SheetModel& m) {
    std::string text = formValue(m.typed, "comment");
    return std::string("<label class=\"field\" for=\"comment\">") +
           pick(m.lang, "Je reactie (hoogstens 500 tekens)",
                "Your comment (at most 500 characters)") +
           "</label><textarea id=\"comment\" name=\"comment\" maxlength=\"500\" rows=\"5\"" +
           describedBy(m, "comment") + ">" + esc(text) + "</textarea>";
}

std::string fieldOf(const AgendaQuestion& q) {
    switch (q.kind) {
    case QuestionKind::rating:
        return "rating";
    case QuestionKind::choice:
        return "choice";
    case QuestionKind::statements:
        return "votes";
    case QuestionKind::place:
        return "wijk";
    case QuestionKind::comment:
        return "comment";
    }
    return "";
}

std::string answerForm(const SheetModel& m, const AgendaRound& round) {
    const AgendaQuestion& q = round.question;
    const Checked checked{
        m, json::parse(m.storedAnswer.empty() ? "null" : m.storedAnswer, nullptr, false)};
    const std::string code = esc(m.state.code);
    const std::string field = fieldOf(q);
    const bool grouped = q.kind != QuestionKind::place && q.kind != QuestionKind::comment;
    std::string out =
        "<form class=\"answer\" method=\"post\" action=\"/s/" + code + "/answer\" data-kind=\"" +
        questionKindId(q.kind) + "\">" + "<input type=\"hidden\" name=\"round\" value=\"" +
        std::to_string(m.state.round) + "\">" +
        (m.lang == PageLang::en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "");
    out += grouped ? "<fieldset class=\"question\"" + describedBy(m, field) + "><legend>"
                   : "<div class=\"question\"><p class=\"legend\">";
    out += esc(local(q.text, m.lang));
    out += grouped ? "</legend>" : "</p>";
    if (!local(q.source, m.lang).empty())
        out += "<p class=\"source\">" + std::string(pick(m.lang, "Uit: ", "From: ")) +
               esc(local(q.source, m.lang)) + "</p>";
    out += errorFor(m, field);
    switch (q.kind) {
    case QuestionKind::rating:
        out += ratingControls(m, checked);
        break;
    case QuestionKind::choice:
        out += choiceControls(m, q, checked);
        break;
    case QuestionKind::statements:
        out += statementControls(m, q, checked);
        break;
    case QuestionKind::place:
        out += placeControls(m, checked);
        break;
    case QuestionKind::comment:
        out += commentControls(m);
        break;
    }
    out += grouped ? "</fieldset>" : "</div>";
    out += errorFor(m, "");
    out += std::string("<button type=\"submit\" class=\"send\">") +
           (m.storedAnswer.empty() ? pick(m.lang, "Antwoord versturen", "Send answer")
                                   : pick(m.lang, "Antwoord veranderen", "Change answer")) +
           "</button></form>";
    return out;
}

std::string proposalForm(const SheetModel& m) {
    const std::string code = esc(m.state.code);
    std::string out =
        std::string("<form class=\"propose\" method=\"post\" action=\"/s/") + code +
        "/statement\"><input type=\"hidden\" name=\"round\" value=\"" +
        std::to_string(m.state.round) + "\">" +
        (m.lang == PageLang::en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "") +
        "<h2>" + pick(m.lang, "Zelf een stelling voorstellen", "Propose a statement") +
        "</h2><p class=\"hint\">" +
        pick(m.lang,
             "De gespreksleider kijkt eerst naar je voorstel. Daarna kan iedereen "
             "erover stemmen.",
             "The facilitator looks at your proposal first. Then everyone can vote "
             "on it.") +
        "</p>";
    if (!m.proposalMessage.empty())
        out += "<p class=\"notice\" role=\"status\">" + esc(m.proposalMessage) + "</p>";
    out += errorFor(m, "text");
    out += std::string("<label class=\"field\" for=\"proposal\">") +
           pick(m.lang, "Je stelling (hoogstens 200 tekens)",
                "Your statement (at most 200 characters)") +
           "</label><textarea id=\"proposal\" name=\"text\" maxlength=\"200\" rows=\"3\"" +
           describedBy(m, "text") + ">" + esc(formValue(m.typed, "text")) +
           "</textarea><button type=\"submit\" class=\"send secondary\">" +
           pick(m.lang, "Stelling voorstellen", "Propose statement") + "</button></form>";
    return out;
}

std::string confirmation(const SheetModel& m, const AgendaQuestion& q, bool open) {
    if (m.storedAnswer.empty()) return "";
    std::string out = "<div class=\"confirm\" id=\"antwoord\" tabindex=\"-1\"><h2>";
    out += open ? pick(m.lang, "Je antwoord is opgeslagen", "Your answer has been saved")
                : pick(m.lang, "Je antwoord", "Your answer");
    out += "</h2>" + describeAnswer(m, q, m.storedAnswer);
    if (open)
        out += std::string("<p>") +
               pick(m.lang, "Je kunt je antwoord nog veranderen zolang de vraag open is.",
                    "You can still change your answer while the question is open.") +
               "</p>";
    return out + "</div>";
}

struct Bar {
    std::string label;
    int64_t count = 0;
};

std::string bars(const SheetModel& m, const std::vector<Bar>& list) {
    int64_t most = 1;
    for (const Bar& b : list)
        most = std::max(most, b.count);
    std::string out = "<ul class=\"bars\">";
    for (const Bar& b : list)
        out += "<li><span class=\"bar-label\">" + esc(b.label) +
               "</span> <span class=\"bar-count\">" + std::to_string(b.count) +
               "</span><span class=\"bar\" aria-hidden=\"true\"><span style=\"width:" +
               std::to_string(b.count * 100 / most) + "%\"></span></span></li>";
    (void)m;
    return out + "</ul>";
}

std::string results(const SheetModel& m, const AgendaQuestion& q) {
    int64_t total = 0;
    std::vector<Bar> list;
    std::map<std::string, std::map<std::string, int64_t>> votes; // statement -> vote -> count
    std::map<std::string, int64_t> byOption, byWijk;
    for (const auto& [text, count] : m.tally) {
        total += count;
        const json a = json::parse(text, nullptr, false);
        if (!a.is_object()) continue;
        if (a.contains("choices"))
            for (const auto& c : a["choices"])
                if (c.is_string()) byOption[c.get<std::string>()] += count;
        if (a.contains("votes") && a["votes"].is_object())
            for (const auto& [id, v] : a["votes"].items())
                if (v.is_string()) votes[id][v.get<std::string>()] += count;
        if (a.contains("pin") && a["pin"].is_object()) {
            const WijkPlace* p = placeAt(m, a["pin"].value("lon", 0.0), a["pin"].value("lat", 0.0));
            byWijk[p ? p->name : pick(m.lang, "Andere plek", "Other place")] += count;
        }
    }
    std::string out = std::string("<section class=\"results\" aria-labelledby=\"results-title\">"
                                  "<h2 id=\"results-title\">") +
                      pick(m.lang, "Uitslag", "Results") + "</h2><p>" +
                      pick(m.lang, "Aantal antwoorden: ", "Number of answers: ") +
                      std::to_string(total) + "</p>";
    switch (q.kind) {
    case QuestionKind::rating:
        for (int r = 5; r >= 1; --r) {
            const std::string key = json{{"rating", r}}.dump();
            list.push_back({ratingWord(m, r), m.tally.count(key) ? m.tally.at(key) : 0});
        }
        out += bars(m, list);
        break;
    case QuestionKind::choice:
        for (const AgendaOption& o : q.options)
            list.push_back({local(o.text, m.lang), byOption[o.id]});
        out += bars(m, list);
        break;
    case QuestionKind::statements:
        for (const auto& [id, text] : statementsOf(m, q)) {
            out += "<h3>" + esc(text) + "</h3>";
            std::vector<Bar> three;
            for (const char* vote : kVotes)
                three.push_back({voteWord(m.lang, vote), votes[id][vote]});
            out += bars(m, three);
        }
        break;
    case QuestionKind::place:
        for (const auto& [name, count] : byWijk)
            list.push_back({name, count});
        std::sort(list.begin(), list.end(),
                  [](const Bar& a, const Bar& b) { return a.count > b.count; });
        out += bars(m, list);
        break;
    case QuestionKind::comment:
        break; // the comments themselves are read by the participation team, not shown here
    }
    return out + "</section>";
}

const char* kStyle = R"CSS(
*{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:"Noto Sans",system-ui,sans-serif;color:#14202a;background:#f4f7fa;line-height:1.45}
a{color:#00508a}
:focus-visible{outline:3px solid #14202a;outline-offset:2px;box-shadow:0 0 0 6px #ffd84d}
.skip{position:absolute;left:8px;top:-200px;z-index:10;background:#fff;padding:12px 16px;border-radius:6px}
.skip:focus{top:8px}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.top{background:#005c9e;color:#fff;padding:.5rem 1rem}
.top p{margin:0;font-size:.95rem;font-weight:600}
main{display:block}
.panel{max-width:40rem;margin:0 auto;padding:0 1rem 1.5rem}
#sheet h1{font-size:1.5rem;line-height:1.25;margin:1rem 0 .5rem}
#sheet h2{font-size:1.2rem;margin:1rem 0 .5rem}
#sheet h3{font-size:1rem;margin:1rem 0 .25rem}
.step{margin:1rem 0 0;color:#3d4f5c;font-size:.95rem}
.intro{margin:.25rem 0 .75rem}
.intro summary{min-height:48px;display:flex;align-items:center;color:#00508a;font-weight:600;cursor:pointer}
.intro p{margin:0 0 .5rem}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend,.legend{font-weight:700;font-size:1.125rem;margin:0 0 .25rem;padding:0}
.source{margin:0 0 .75rem;font-size:.9rem;color:#3d4f5c}
.hint{margin:.25rem 0 .5rem}
.option{display:flex;align-items:center;gap:.75rem;min-height:48px;padding:.5rem .75rem;margin:.5rem 0;background:#fff;border:2px solid #8a9aa8;border-radius:10px;font-size:1.1rem;cursor:pointer}
.option input{width:28px;height:28px;margin:0;flex:none;accent-color:#005c9e}
.option:has(input:checked){border-color:#005c9e;background:#e6f0f8}
.face{font-size:1.75rem;line-height:1}
.statement{margin:.75rem 0;padding:.5rem .75rem;background:#fff;border-radius:10px;border:1px solid #c5d0d9}
.statement legend{font-weight:600;font-size:1rem;float:left;width:100%;margin-bottom:.25rem}
.votes{clear:both;display:flex;flex-wrap:wrap;gap:.5rem}
.votes .option{flex:1 1 6.5rem;margin:0}
.field{display:block;font-weight:600;margin:.75rem 0 .25rem}
select,textarea,input[type=text]{width:100%;font:inherit;font-size:1.05rem;padding:.6rem;border:2px solid #5f7080;border-radius:8px;background:#fff;color:inherit}
select{min-height:48px}
textarea{min-height:6rem;resize:vertical}
.send{display:block;width:100%;min-height:48px;margin:1rem 0 .5rem;padding:.6rem 1rem;font:inherit;font-size:1.125rem;font-weight:700;color:#fff;background:#005c9e;border:0;border-radius:10px;cursor:pointer}
.send.secondary{background:#fff;color:#005c9e;border:2px solid #005c9e}
.error{color:#a4161a;font-weight:700;margin:.5rem 0;padding:.5rem .75rem;border-left:5px solid #a4161a;background:#fdecec}
.confirm{margin:1rem 0;padding:.75rem 1rem;background:#e7f5ec;border-left:6px solid #1d7a3e;border-radius:6px}
.confirm h2{margin-top:0}
.said{white-space:pre-wrap;overflow-wrap:anywhere}
.notice{padding:.5rem .75rem;background:#fff4d6;border-left:5px solid #8a6100}
.waiting{padding:1rem;background:#fff;border-radius:10px}
.bars{list-style:none;margin:.5rem 0;padding:0}
.bars li{display:grid;grid-template-columns:1fr auto;gap:.1rem .5rem;margin:.4rem 0}
.bar{grid-column:1 / -1;display:block;height:.75rem;background:#dde5ec;border-radius:4px;overflow:hidden}
.bar span{display:block;height:100%;background:#005c9e}
.bar-count{font-weight:700}
.refresh{display:inline-flex;align-items:center;min-height:48px}
.fold{display:none;-webkit-tap-highlight-color:transparent}
#canvas{display:none}
body.viewer{background:#ccdef0}
body.viewer #canvas{display:block;position:fixed;inset:0;width:100vw;height:100vh;touch-action:none}
body.viewer .top{position:fixed;top:0;left:0;right:0;z-index:2}
body.viewer .panel{position:fixed;left:0;right:0;bottom:0;z-index:3;max-width:none;max-height:55vh;overflow-y:auto;overscroll-behavior:contain;padding:0 1rem 1rem;background:#fff;border-radius:16px 16px 0 0;box-shadow:0 -4px 20px rgba(0,0,0,.2)}
body.viewer .fold{display:block;position:sticky;top:0;z-index:1;width:calc(100% + 2rem);margin:0 -1rem;min-height:48px;font:inherit;font-weight:700;color:#005c9e;background:#fff;border:0;border-bottom:1px solid #dde5ec;border-radius:16px 16px 0 0;cursor:pointer}
body.viewer .panel.folded #sheet{display:none}
body.viewer #sheet[data-state=open]{animation:slide-up .3s ease-out}
@keyframes slide-up{from{transform:translateY(40%)}to{transform:none}}
@media (prefers-reduced-motion:reduce){body.viewer #sheet[data-state=open]{animation:none}}
)CSS";

std::string documentStart(PageLang lang, const std::string& title) {
    return std::string("<!doctype html>\n<html lang=\"") + pick(lang, "nl", "en") +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\"><title>" +
           esc(title) + "</title><link rel=\"icon\" href=\"data:,\"><style>" + kStyle +
           "</style></head>";
}

std::string banner(PageLang lang, const std::string& text) {
    return std::string("<header class=\"top\"><p>") +
           (text.empty() ? pick(lang, "Burgerberaad Almere 2050", "Citizens' assembly Almere 2050")
                         : esc(text)) +
           "</p></header>";
}

// "Vraag 2 van 7"
std::string stepLine(const SheetModel& m) {
    return "<p class=\"step\">" + std::string(pick(m.lang, "Vraag ", "Question ")) +
           std::to_string(m.state.round + 1) + pick(m.lang, " van ", " of ") +
           std::to_string(m.agenda->rounds.size()) + "</p>";
}

std::string refreshLink(const SheetModel& m) {
    return "<p><a class=\"refresh\" href=\"/s/" + esc(m.state.code) +
           (m.lang == PageLang::en ? "?lang=en" : "") + "\">" +
           pick(m.lang, "Pagina vernieuwen", "Refresh the page") + "</a></p>";
}

} // namespace

PageLang pageLangFrom(const std::string& value) {
    return value == "en" ? PageLang::en : PageLang::nl;
}

std::string normaliseJoinCode(std::string_view typed) {
    std::string out;
    for (const char c : typed)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != '-')
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

FormFields parseFormBody(std::string_view body) {
    FormFields out;
    while (!body.empty()) {
        const size_t amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;
        const size_t eq = pair.find('=');
        out.emplace_back(percentDecoded(pair.substr(0, eq), true),
                         eq == std::string_view::npos ? std::string()
                                                      : percentDecoded(pair.substr(eq + 1), true));
    }
    return out;
}

std::string formValue(const FormFields& form, std::string_view name) {
    for (const auto& [key, value] : form)
        if (key == name) return value;
    return "";
}

std::vector<std::string> openStatementIds(const AgendaQuestion& question,
                                          const std::vector<ProposedStatement>& proposals) {
    std::vector<std::string> ids;
    for (const AgendaOption& s : question.statements)
        ids.push_back(s.id);
    for (const ProposedStatement& p : proposals)
        ids.push_back(p.id);
    return ids;
}

Result<std::string> answerFromForm(const FormFields& form, const AgendaQuestion& question,
                                   const std::vector<std::string>& statementIds,
                                   const std::vector<WijkPlace>& places) {
    // The form's fields become the API's JSON answer; parseSessionAnswer alone decides whether
    // it is one. An absent field is left out, so the rule reports it as missing.
    json answer = json::object();
    switch (question.kind) {
    case QuestionKind::rating: {
        const std::string text = formValue(form, "rating");
        if (text.size() == 1 && text[0] >= '0' && text[0] <= '9')
            answer["rating"] = text[0] - '0';
        else if (!text.empty())
            answer["rating"] = text;
        break;
    }
    case QuestionKind::choice: {
        json picked = json::array();
        for (const auto& [key, value] : form)
            if (key == "choice") picked.push_back(value);
        answer["choices"] = picked;
        break;
    }
    case QuestionKind::statements: {
        json votes = json::object();
        for (const auto& [key, value] : form)
            if (key.rfind("vote.", 0) == 0 && !value.empty()) votes[key.substr(5)] = value;
        answer["votes"] = votes;
        break;
    }
    case QuestionKind::place: {
        const std::string code = formValue(form, "wijk");
        for (const WijkPlace& p : places)
            if (!code.empty() && p.code == code) answer["pin"] = {{"lon", p.lon}, {"lat", p.lat}};
        break;
    }
    case QuestionKind::comment:
        if (std::any_of(form.begin(), form.end(),
                        [](const auto& f) { return f.first == "comment"; }))
            answer["comment"] = formValue(form, "comment");
        break;
    }
    return parseSessionAnswer(answer.dump(-1, ' ', false, json::error_handler_t::replace), question,
                              statementIds);
}

std::pair<std::string, std::string>
explainAnswerError(const std::string& ruleError, const AgendaQuestion& question, PageLang lang) {
    const bool tooLong = ruleError.find("longer than") != std::string::npos;
    switch (question.kind) {
    case QuestionKind::rating:
        return {pick(lang, "Kies een van de vijf gezichten.", "Choose one of the five faces."),
                "rating"};
    case QuestionKind::choice:
        return {question.multiple
                    ? pick(lang, "Kies een of meer antwoorden.", "Choose one or more answers.")
                    : pick(lang, "Kies een antwoord.", "Choose one answer."),
                "choice"};
    case QuestionKind::statements:
        return {pick(lang, "Kies bij minstens een stelling: eens, oneens of sla over.",
                     "For at least one statement choose: agree, disagree or pass."),
                "votes"};
    case QuestionKind::place:
        return {pick(lang, "Kies een wijk uit de lijst.", "Choose a neighbourhood from the list."),
                "wijk"};
    case QuestionKind::comment:
        return {tooLong ? pick(lang, "Je reactie is te lang. Gebruik hoogstens 500 tekens.",
                               "Your comment is too long. Use at most 500 characters.")
                        : pick(lang, "Schrijf eerst je reactie.", "Write your comment first."),
                "comment"};
    }
    return {ruleError, ""};
}

std::string renderSheet(const SheetModel& m) {
    const SessionState& s = m.state;
    const bool inRound = (s.state == "open" || s.state == "closed") && s.round >= 0 &&
                         size_t(s.round) < m.agenda->rounds.size();
    // What the page's script compares with the live state to know when to fetch a new sheet,
    // and the sentence it announces then.
    std::string proposals;
    for (const ProposedStatement& p : m.proposals)
        proposals += (proposals.empty() ? "" : ",") + p.id;
    std::string announce;
    if (!inRound)
        announce = pick(m.lang, "Wacht op de gespreksleider", "Wait for the facilitator");
    else if (s.state == "open")
        announce = pick(m.lang, "Nieuwe vraag: ", "New question: ") +
                   local(m.agenda->rounds[size_t(s.round)].title, m.lang);
    else
        announce = s.resultsShown
                       ? pick(m.lang, "De uitslag staat hieronder.", "The results are below.")
                       : pick(m.lang, "De vraag is gesloten", "The question is closed");
    std::string out = "<section id=\"sheet\" aria-labelledby=\"sheet-title\" data-state=\"" +
                      esc(s.state) + "\" data-round=\"" + std::to_string(s.round) +
                      "\" data-results=\"" + (s.resultsShown ? "1" : "0") +
                      "\" data-statements=\"" + esc(proposals) + "\" data-version=\"" +
                      std::to_string(s.version) + "\" data-announce=\"" + esc(announce) + "\">";
    if (!inRound) {
        out += "<h1 id=\"sheet-title\">" + esc(local(m.agenda->title, m.lang)) +
               "</h1><div class=\"waiting\"><p><strong>" +
               pick(m.lang, "Wacht op de gespreksleider", "Wait for the facilitator") +
               "</strong></p><p>" +
               pick(m.lang, "De eerste vraag komt zo. Je ziet hem hier.",
                    "The first question is coming soon. You will see it here.") +
               "</p>" + refreshLink(m) + "</div>";
        return out + "</section>";
    }
    const AgendaRound& round = m.agenda->rounds[size_t(s.round)];
    out += stepLine(m) + "<h1 id=\"sheet-title\">" + esc(local(round.title, m.lang)) + "</h1>";
    if (s.state == "open") {
        // The question and its answers come first, within one thumb's reach on a phone; the
        // facilitator presents the round, so its introduction is one tap away.
        out += "<details class=\"intro\"><summary>" +
               std::string(pick(m.lang, "Uitleg bij deze vraag", "About this question")) +
               "</summary><p>" + esc(local(round.intro, m.lang)) + "</p></details>";
        out += confirmation(m, round.question, true);
        out += answerForm(m, round);
        if (round.question.kind == QuestionKind::statements) out += proposalForm(m);
        return out + "</section>";
    }
    out += "<div class=\"waiting\"><p><strong>" +
           std::string(pick(m.lang, "De vraag is gesloten", "The question is closed")) +
           "</strong></p><p>" + esc(local(round.question.text, m.lang)) + "</p></div>";
    if (!m.error.empty()) out += errorFor(m, m.errorField);
    if (s.resultsShown) out += results(m, round.question);
    out += confirmation(m, round.question, false);
    if (!s.resultsShown)
        out += std::string("<p>") +
               pick(m.lang, "Wacht op de volgende vraag.", "Wait for the next question.") + "</p>" +
               refreshLink(m);
    return out + "</section>";
}

std::string renderParticipantPage(const SheetModel& m, bool withScript) {
    const SessionState& s = m.state;
    const bool inRound =
        s.round >= 0 && size_t(s.round) < m.agenda->rounds.size() && s.state != "lobby";
    const std::string agendaTitle = local(m.agenda->title, m.lang);
    const std::string title = inRound ? local(m.agenda->rounds[size_t(s.round)].title, m.lang) +
                                            " \xE2\x80\x93 " + agendaTitle
                                      : agendaTitle;
    std::string out = documentStart(m.lang, title);
    out += "<body data-code=\"" + esc(s.code) + "\" data-lang=\"" + pick(m.lang, "nl", "en") +
           "\" data-map-label=\"" + pick(m.lang, "3D-kaart van Almere", "3D map of Almere") +
           "\"><a class=\"skip\" href=\"#sheet\">" +
           pick(m.lang, "Naar de vraag", "Skip to the question") + "</a>";
    out += banner(m.lang, agendaTitle);
    out +=
        "<main id=\"main\"><div class=\"panel\" id=\"panel\"><button type=\"button\" "
        "class=\"fold\" id=\"fold\" aria-expanded=\"true\" aria-controls=\"sheet\" data-show=\"" +
        std::string(pick(m.lang, "Vraag tonen", "Show the question")) + "\" data-hide=\"" +
        pick(m.lang, "Vraag verbergen", "Hide the question") + "\">" +
        std::string(pick(m.lang, "Vraag verbergen", "Hide the question")) + "</button>";
    out += renderSheet(m);
    out += "</div><div id=\"announce\" class=\"visually-hidden\" role=\"status\" "
           "aria-live=\"polite\"></div></main>";
    if (withScript) out += "<script src=\"/session.js\" defer></script>";
    return out + "</body></html>\n";
}

std::string renderJoinPage(PageLang lang, const std::string& typed, bool problem) {
    std::string out = documentStart(
        lang, pick(lang, "Meedoen met het Burgerberaad", "Join the citizens' assembly"));
    out += std::string("<body><a class=\"skip\" href=\"#main\">") +
           pick(lang, "Naar de inhoud", "Skip to content") + "</a>" + banner(lang, "");
    out += std::string("<main id=\"main\"><div class=\"panel\"><h1>") +
           pick(lang, "Meedoen", "Join") + "</h1><form method=\"get\" action=\"/s\">" +
           (lang == PageLang::en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "");
    out += std::string("<label class=\"field\" for=\"code\">") +
           pick(lang, "Code van de sessie (6 tekens)", "Session code (6 characters)") +
           "</label><p class=\"hint\" id=\"code-hint\">" +
           pick(lang,
                "De code staat op het grote scherm. Hoofdletters of kleine letters maakt niet "
                "uit. In de code staan nooit tekens die op elkaar lijken: geen O of 0, geen I, "
                "L of 1, geen S of 5, geen B of 8, geen Z of 2 en geen G of 6.",
                "The code is on the big screen. Capitals or small letters: it does not matter. "
                "The code never has characters that look alike: no O or 0, no I, L or 1, no S "
                "or 5, no B or 8, no Z or 2 and no G or 6.") +
           "</p>";
    if (problem)
        out += std::string("<p class=\"error\" id=\"code-error\">") +
               pick(lang, "Deze code kennen we niet. Kijk nog eens op het grote scherm.",
                    "We do not know this code. Look at the big screen again.") +
               "</p>";
    out += std::string("<input type=\"text\" id=\"code\" name=\"code\" maxlength=\"12\" "
                       "autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" "
                       "value=\"") +
           esc(typed) + "\" aria-describedby=\"code-hint" + (problem ? " code-error" : "") + "\"" +
           (problem ? " aria-invalid=\"true\"" : "") +
           " style=\"text-transform:uppercase;letter-spacing:.15em;min-height:48px\">" +
           "<button type=\"submit\" class=\"send\">" + pick(lang, "Meedoen", "Join") +
           "</button></form></div></main></body></html>\n";
    return out;
}

std::string renderGonePage(PageLang lang, int status) {
    const bool ended = status == 410;
    std::string out = documentStart(
        lang, ended ? pick(lang, "De sessie is afgelopen", "The session has ended")
                    : pick(lang, "Deze sessie bestaat niet", "This session does not exist"));
    out += std::string("<body><a class=\"skip\" href=\"#main\">") +
           pick(lang, "Naar de inhoud", "Skip to content") + "</a>" + banner(lang, "") +
           "<main id=\"main\"><div class=\"panel\"><h1>";
    out += ended ? pick(lang, "De sessie is afgelopen", "The session has ended")
                 : pick(lang, "Deze sessie bestaat niet", "This session does not exist");
    out += "</h1><p>";
    out += ended ? pick(lang, "Bedankt voor het meedoen. Je kunt geen antwoorden meer geven.",
                        "Thank you for taking part. You can no longer answer.")
                 : pick(lang, "Kijk of je de code goed hebt overgenomen van het grote scherm.",
                        "Check that you copied the code correctly from the big screen.");
    out += std::string("</p><p><a class=\"refresh\" href=\"/s") +
           (lang == PageLang::en ? "?lang=en" : "") + "\">" +
           pick(lang, "Een andere code invullen", "Enter another code") +
           "</a></p></div></main></body></html>\n";
    return out;
}

} // namespace almere::server
