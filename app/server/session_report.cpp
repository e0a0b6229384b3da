#include "server/session_report.hpp"

#include "core/html_text.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

namespace almere::server {
namespace {

using json = nlohmann::ordered_json;

// The words beside the rating faces, as the feedback form shows them (assets/lang/nl.json).
const char* const kRatingWords[5] = {"Heel slecht", "Slecht", "Neutraal", "Goed", "Heel goed"};

// One bar: its label (wrapped onto lines), its length (0..1) and the figures after it.
struct Bar {
    std::string label;
    double share = 0;
    std::string figures;
};

// Splits text into lines of at most `width` characters at spaces (a longer word stays whole).
std::vector<std::string> wrap(const std::string& text, size_t width) {
    std::vector<std::string> lines;
    std::string line, word;
    size_t lineChars = 0, wordChars = 0;
    const auto flushWord = [&] {
        if (wordChars == 0) return;
        if (lineChars > 0 && lineChars + 1 + wordChars > width) {
            lines.push_back(line);
            line.clear();
            lineChars = 0;
        }
        if (lineChars > 0) line += ' ', ++lineChars;
        line += word;
        lineChars += wordChars;
        word.clear();
        wordChars = 0;
    };
    for (size_t at = 0; at < text.size();) {
        uint32_t cp = 0;
        size_t n = decodeUtf8(text, at, cp);
        if (n == 0) n = 1; // stored text is valid; be safe anyway
        if (text[at] == ' ' || text[at] == '\n') {
            flushWord();
        } else {
            word.append(text, at, n);
            ++wordChars;
        }
        at += n;
    }
    flushWord();
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

// A horizontal bar chart: label lines above each bar, the figures to its right.
std::string barChart(const std::string& title, const std::vector<Bar>& bars) {
    constexpr int kWidth = 680, kBarMax = 440, kLine = 17, kBar = 16, kGap = 12;
    std::vector<std::vector<std::string>> labels;
    int height = 0;
    for (const Bar& b : bars) {
        labels.push_back(wrap(b.label, 80));
        height += int(labels.back().size()) * kLine + kBar + kGap;
    }
    std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      std::to_string(kWidth) + "\" height=\"" + std::to_string(height) +
                      "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) +
                      "\" role=\"img\" aria-label=\"" + htmlEscape(title) + "\">\n";
    int y = 0;
    for (size_t i = 0; i < bars.size(); ++i) {
        svg += "<g class=\"bar\">";
        for (const std::string& line : labels[i]) {
            y += kLine;
            svg += "<text class=\"label\" x=\"0\" y=\"" + std::to_string(y - 4) + "\">" +
                   htmlEscape(line) + "</text>";
        }
        const int length = int(std::lround(std::clamp(bars[i].share, 0.0, 1.0) * kBarMax));
        svg += "<rect x=\"0\" y=\"" + std::to_string(y) + "\" width=\"" +
               std::to_string(std::max(length, 1)) + "\" height=\"" + std::to_string(kBar) +
               "\" fill=\"#1d5b8f\"/>";
        svg += "<text class=\"figures\" x=\"" + std::to_string(std::max(length, 1) + 6) +
               "\" y=\"" + std::to_string(y + kBar - 3) + "\">" + htmlEscape(bars[i].figures) +
               "</text></g>\n";
        y += kBar + kGap;
    }
    return svg + "</svg>\n";
}

// How often each canonical answer was given: online (one per participant) or on paper.
using Tally = std::vector<std::pair<json, int64_t>>;

Tally onlineTally(const SessionRecord& r, int round) {
    Tally t;
    for (const SessionAnswer& a : r.answers)
        if (a.round == round) t.emplace_back(json::parse(a.answer, nullptr, false), 1);
    return t;
}

Tally paperTally(const SessionRecord& r, int round) {
    Tally t;
    for (const PaperCount& p : r.paper)
        if (p.round == round) t.emplace_back(json::parse(p.answer, nullptr, false), p.count);
    return t;
}

int64_t total(const Tally& t) {
    int64_t n = 0;
    for (const auto& [answer, count] : t)
        n += count;
    return n;
}

double shareOf(int64_t n, int64_t of) {
    return of > 0 ? double(n) / double(of) : 0.0;
}

std::vector<Bar> ratingBars(const Tally& t) {
    int64_t counts[5] = {};
    for (const auto& [answer, count] : t)
        if (answer.contains("rating") && answer["rating"].is_number_integer()) {
            const int64_t v = answer["rating"].get<int64_t>();
            if (v >= 1 && v <= 5) counts[v - 1] += count;
        }
    const int64_t most = std::max<int64_t>(1, *std::max_element(counts, counts + 5));
    std::vector<Bar> bars;
    for (int v = 0; v < 5; ++v)
        bars.push_back({std::to_string(v + 1) + " " + kRatingWords[v], shareOf(counts[v], most),
                        std::to_string(counts[v])});
    return bars;
}

std::vector<Bar> choiceBars(const Tally& t, const AgendaQuestion& q) {
    std::map<std::string, int64_t> counts;
    for (const auto& [answer, count] : t)
        if (answer.contains("choices") && answer["choices"].is_array())
            for (const auto& c : answer["choices"])
                if (c.is_string()) counts[c.get<std::string>()] += count;
    int64_t most = 1;
    for (const auto& [id, n] : counts)
        most = std::max(most, n);
    std::vector<Bar> bars;
    for (const AgendaOption& o : q.options)
        bars.push_back({o.text.nl, shareOf(counts[o.id], most), std::to_string(counts[o.id])});
    return bars;
}

// Statements sorted by their share of "agree", with all three counts.
std::vector<Bar> statementBars(const Tally& t,
                               const std::vector<std::pair<std::string, std::string>>& statements) {
    struct Votes {
        int64_t agree = 0, disagree = 0, pass = 0;
        int64_t all() const { return agree + disagree + pass; }
    };
    std::map<std::string, Votes> votes;
    for (const auto& [answer, count] : t)
        if (answer.contains("votes") && answer["votes"].is_object())
            for (const auto& item : answer["votes"].items()) {
                Votes& v = votes[item.key()];
                if (item.value() == "agree") v.agree += count;
                if (item.value() == "disagree") v.disagree += count;
                if (item.value() == "pass") v.pass += count;
            }
    std::vector<std::pair<double, Bar>> rows;
    for (const auto& [id, text] : statements) {
        const Votes v = votes[id];
        const double share = shareOf(v.agree, v.all());
        rows.push_back({share,
                        {text, share,
                         std::to_string(int(std::lround(share * 100))) + "% eens (" +
                             std::to_string(v.agree) + " eens, " + std::to_string(v.disagree) +
                             " oneens, " + std::to_string(v.pass) + " pas)"}});
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<Bar> bars;
    for (auto& [share, bar] : rows)
        bars.push_back(std::move(bar));
    return bars;
}

std::string commentList(const Tally& t) {
    std::string html = "<ul class=\"comments\">\n";
    for (const auto& [answer, count] : t)
        if (answer.contains("comment") && answer["comment"].is_string())
            html += "<li>" + htmlEscape(answer["comment"].get<std::string>()) +
                    (count > 1 ? " <span class=\"times\">(" + std::to_string(count) + "×)</span>"
                               : "") +
                    "</li>\n";
    return html + "</ul>\n";
}

// One round's counts from one channel ("Online", "Op papier").
std::string channel(const std::string& heading, const std::string& unit, const Tally& t,
                    const AgendaRound& round,
                    const std::vector<std::pair<std::string, std::string>>& statements) {
    const int64_t n = total(t);
    std::string html = "<h3>" + htmlEscape(heading) + " <span class=\"count\">(" +
                       std::to_string(n) + " " + unit + ")</span></h3>\n";
    if (n == 0) return html + "<p class=\"none\">Geen.</p>\n";
    const std::string title = heading + ": " + round.title.nl;
    switch (round.question.kind) {
    case QuestionKind::rating:
        return html + barChart(title, ratingBars(t));
    case QuestionKind::choice:
        return html + barChart(title, choiceBars(t, round.question));
    case QuestionKind::statements:
        return html + barChart(title, statementBars(t, statements));
    case QuestionKind::place:
        return html + barChart(title, {{"Spelden op de kaart", 1.0, std::to_string(n)}}) +
               "<p>Aantal spelden: <strong class=\"pins\">" + std::to_string(n) +
               "</strong> (de plekken staan in export.geojson)</p>\n";
    case QuestionKind::comment:
        return html + commentList(t);
    }
    return html;
}

std::string dateOf(int64_t unixSeconds) {
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
    return text;
}

const char* const kStyle = R"css(
body { font: 11pt/1.45 system-ui, sans-serif; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-top: 2px solid #1d5b8f; padding-top: .6em; }
h3 { font-size: 1em; margin: 1.2em 0 .4em; }
.meta, .source, .count, .none { color: #444; }
.question { font-weight: 600; }
svg.chart { display: block; max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg.chart .label { fill: #111; } svg.chart .figures { fill: #111; font-weight: 600; }
ul.comments li { margin: .3em 0; }
section.round { break-inside: avoid-page; page-break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
)css";

} // namespace

std::string sessionPinsGeoJson(const SessionRecord& r) {
    json features = json::array();
    for (const SessionAnswer& a : r.answers) {
        if (!r.agenda || a.round < 0 || size_t(a.round) >= r.agenda->rounds.size()) continue;
        const AgendaRound& round = r.agenda->rounds[size_t(a.round)];
        if (round.question.kind != QuestionKind::place) continue;
        const json answer = json::parse(a.answer, nullptr, false);
        if (!answer.contains("pin")) continue;
        const json& pin = answer["pin"];
        features.push_back(
            {{"type", "Feature"},
             {"geometry", {{"type", "Point"}, {"coordinates", {pin["lon"], pin["lat"]}}}},
             {"properties",
              {{"round", a.round},
               {"round_id", round.id},
               {"participant", a.participant},
               {"view", a.view},
               {"answered_at", a.answeredAt}}}});
    }
    return json{{"type", "FeatureCollection"}, {"features", features}}.dump();
}

std::string sessionReportHtml(const SessionRecord& r, int64_t printedAt) {
    const std::string title =
        r.agenda ? r.agenda->title.nl : "Burgerberaad (agenda " + r.state.agenda + ")";
    std::string html = "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>" +
                       htmlEscape(title + " - sessie " + r.state.code) + "</title>\n<style>" +
                       kStyle + "</style>\n</head>\n<body>\n<header>\n<h1>" + htmlEscape(title) +
                       "</h1>\n<p class=\"meta\">Sessie <strong>" + htmlEscape(r.state.code) +
                       "</strong> &middot; " + std::to_string(r.state.participants) +
                       " deelnemers online &middot; stand: " + htmlEscape(r.state.state) +
                       " &middot; gemaakt op " + dateOf(printedAt) + "</p>\n</header>\n<main>\n";
    if (!r.agenda)
        return html + "<p>Deze agenda is niet meer bekend.</p>\n</main>\n</body>\n</html>\n";
    for (size_t i = 0; i < r.agenda->rounds.size(); ++i) {
        const AgendaRound& round = r.agenda->rounds[i];
        std::vector<std::pair<std::string, std::string>> statements;
        for (const AgendaOption& s : round.question.statements)
            statements.emplace_back(s.id, s.text.nl);
        for (const Proposal& p : r.proposals)
            if (p.round == int(i) && p.status == "approved")
                statements.emplace_back(p.id, p.text + " (voorstel van een deelnemer)");
        html += "<section class=\"round\" id=\"ronde-" + std::to_string(i + 1) + "\">\n<h2>Ronde " +
                std::to_string(i + 1) + ": " + htmlEscape(round.title.nl) +
                "</h2>\n<p class=\"question\">" + htmlEscape(round.question.text.nl) +
                "</p>\n<p class=\"source\">Bron: " + htmlEscape(round.question.source.nl) +
                "</p>\n";
        html += channel("Online", "antwoorden", onlineTally(r, int(i)), round, statements);
        html += channel("Op papier", "stemmen", paperTally(r, int(i)), round, statements);
        html += "</section>\n";
    }
    return html + "</main>\n</body>\n</html>\n";
}

} // namespace almere::server
