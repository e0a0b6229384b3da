#include "server/staff_pages.hpp"

#include "core/html_text.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace almere::server {
namespace {

// Colours, all checked against the white page: text #111 (18.9:1), links #0b4f8a (8.4:1), the
// respondents' bars #1d5b8f (7.0:1), the population's outlined bars #8a4b08 (7.0:1), the wijk
// outlines #3a3a3a (11:1), so every mark stands out by 3:1 or more even where a fill is light.
const char* const kBarColour = "#1d5b8f";
const char* const kPopulationColour = "#8a4b08";
// The map's classes: light to dark blue by count; brown (low) to teal (high) by mean rating.
const char* const kCountFills[5] = {"#dbe9f6", "#9cc3e4", "#5b9bd0", "#2e6fad", "#17406e"};
const char* const kMeanFills[5] = {"#a6611a", "#dfc27d", "#e8e8e8", "#80cdc1", "#018571"};

const char* const kStyle = R"css(
body { font: 11pt/1.45 system-ui, sans-serif; color: #111; background: #fff; max-width: 52em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.3em; margin-top: 2em; border-top: 2px solid #1d5b8f; padding-top: .6em; }
h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
a { color: #0b4f8a; }
a:focus-visible { outline: 3px solid #111; outline-offset: 2px; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5em; }
nav a { display: inline-block; min-height: 48px; min-width: 48px; box-sizing: border-box; padding: .75em 1em; border: 2px solid #0b4f8a; border-radius: 6px; text-decoration: none; }
nav a[aria-current] { background: #0b4f8a; color: #fff; }
figure { margin: 1em 0 1.5em; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .4em; }
svg.chart, svg.map { display: block; max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg text { fill: #111; }
table { border-collapse: collapse; font-size: .9em; margin: .5em 0 1em; }
caption { text-align: left; font-weight: 600; padding: .3em 0; }
th, td { border: 1px solid #767676; padding: .2em .5em; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.source, .note { color: #444; font-size: .9em; }
.legend { display: flex; flex-wrap: wrap; gap: .3em 1em; list-style: none; padding: 0; }
.downloads a { display: inline-block; min-height: 48px; padding: .75em 0; box-sizing: border-box; }
.legend svg { vertical-align: middle; margin-right: .3em; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } nav, .screen-only { display: none; } a { color: inherit; } h2 { break-before: auto; } }
)css";

std::string number(int64_t n) {
    return std::to_string(n);
}

std::string meanText(const RatingRow& r) {
    return r.count ? dutchDecimal(r.mean()) : "-";
}

std::string dateTime(int64_t unixSeconds) {
    if (!unixSeconds) return "-";
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%d-%m-%Y %H:%M UTC", &tm);
    return text;
}

std::string phaseWord(const std::string& phase) {
    return phase.empty() ? "geen fase" : phase;
}

// ---- charts -----------------------------------------------------------------------------------

struct Bar {
    std::string label;
    double value = 0;              // 0 .. max
    std::string text;              // the figures written beside the bar
    std::optional<double> compare; // the population's value, drawn as an outlined bar
};

// A horizontal bar chart, each bar under its label and its figures beside it, with a title and
// description for screen readers (the table beside it holds the same numbers). `id` makes the
// title's id unique on the page.
std::string barChart(const std::string& id, const std::string& title, const std::string& desc,
                     const std::vector<Bar>& bars, double max, bool compare = false) {
    constexpr int kWidth = 640, kBarMax = 420, kLabel = 18, kBar = 16, kGap = 10;
    const int row = kLabel + kBar + (compare ? kBar + 2 : 0) + kGap;
    const int height = int(bars.size()) * row;
    std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      std::to_string(kWidth) + "\" height=\"" + std::to_string(height) +
                      "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) +
                      "\" role=\"img\" aria-labelledby=\"" + id + "-t " + id +
                      "-d\">\n<title id=\"" + id + "-t\">" + htmlEscape(title) +
                      "</title>\n<desc id=\"" + id + "-d\">" + htmlEscape(desc) + "</desc>\n";
    const auto length = [&](double v) {
        return max > 0 ? std::max(int(std::lround(std::clamp(v / max, 0.0, 1.0) * kBarMax)), 1) : 1;
    };
    int y = 0;
    for (const Bar& b : bars) {
        svg +=
            "<text x=\"0\" y=\"" + std::to_string(y + 13) + "\">" + htmlEscape(b.label) + "</text>";
        y += kLabel;
        const int w = length(b.value);
        svg += "<rect x=\"0\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(w) +
               "\" height=\"" + std::to_string(kBar) + "\" fill=\"" + kBarColour + "\"/>";
        svg += "<text x=\"" + std::to_string(w + 6) + "\" y=\"" + std::to_string(y + 12) +
               "\" font-weight=\"600\">" + htmlEscape(b.text) + "</text>";
        y += kBar;
        if (compare) {
            // A share the table does not have is said so, never drawn as 0.
            y += 2;
            if (b.compare) {
                const int p = length(*b.compare);
                svg += "<rect x=\"1\" y=\"" + std::to_string(y + 1) + "\" width=\"" +
                       std::to_string(std::max(p - 2, 1)) + "\" height=\"" +
                       std::to_string(kBar - 2) + "\" fill=\"none\" stroke=\"" + kPopulationColour +
                       "\" stroke-width=\"2\"/>";
            }
            svg += "<text x=\"" + std::to_string(b.compare ? length(*b.compare) + 6 : 0) +
                   "\" y=\"" + std::to_string(y + 12) + "\">" +
                   (b.compare ? "inwoners " + dutchPercent(*b.compare) : "inwoners: geen cijfer") +
                   "</text>";
            y += kBar;
        }
        y += kGap;
    }
    return svg + "</svg>\n";
}

std::string figure(const std::string& caption, const std::string& body, const std::string& source) {
    return "<figure>\n<figcaption>" + htmlEscape(caption) + "</figcaption>\n" + body +
           "<p class=\"source\">" + source + "</p>\n</figure>\n";
}

// ---- tables -----------------------------------------------------------------------------------

std::string ratingTable(const std::string& tableId, const std::string& caption,
                        const std::vector<RatingRow>& rows, bool withPhase) {
    std::string html = "<table data-table=\"" + tableId + "\">\n<caption>" + htmlEscape(caption) +
                       "</caption>\n<thead><tr><th scope=\"col\">Onderwerp</th>";
    if (withPhase) html += "<th scope=\"col\">Fase</th>";
    html += "<th scope=\"col\">Reacties</th>";
    for (int i = 1; i <= 5; ++i)
        html += "<th scope=\"col\">" + std::to_string(i) +
                (i == 1   ? " (slecht)"
                 : i == 5 ? " (goed)"
                          : "") +
                "</th>";
    html += "<th scope=\"col\">Gemiddeld</th></tr></thead>\n<tbody>\n";
    for (const RatingRow& r : rows) {
        html += "<tr data-kind=\"" + htmlEscape(r.kind) + "\" data-id=\"" + htmlEscape(r.id) +
                "\" data-phase=\"" + htmlEscape(r.phase) + "\"><th scope=\"row\">" +
                htmlEscape(r.name) + "</th>";
        if (withPhase) html += "<td>" + htmlEscape(phaseWord(r.phase)) + "</td>";
        html += "<td class=\"n count\">" + number(r.count) + "</td>";
        for (int64_t n : r.ratings)
            html += "<td class=\"n\">" + number(n) + "</td>";
        html += "<td class=\"n mean\">" + meanText(r) + "</td></tr>\n";
    }
    return html + "</tbody>\n</table>\n";
}

std::string shareTable(const std::string& tableId, const std::string& caption,
                       const std::vector<ShareRow>& rows, int64_t notGiven, bool population) {
    std::string html = "<table data-table=\"" + tableId + "\">\n<caption>" + htmlEscape(caption) +
                       "</caption>\n<thead><tr><th scope=\"col\">Antwoord</th>"
                       "<th scope=\"col\">Reacties</th><th scope=\"col\">Aandeel</th>";
    if (population) html += "<th scope=\"col\">Aandeel inwoners</th>";
    html += "</tr></thead>\n<tbody>\n";
    for (const ShareRow& r : rows) {
        html += "<tr data-id=\"" + htmlEscape(r.id) + "\"><th scope=\"row\">" + htmlEscape(r.name) +
                "</th><td class=\"n count\">" + number(r.count) + "</td><td class=\"n\">" +
                dutchPercent(r.share) + "</td>";
        if (population)
            html +=
                "<td class=\"n\">" + (r.population ? dutchPercent(*r.population) : "-") + "</td>";
        html += "</tr>\n";
    }
    if (notGiven >= 0) {
        html += "<tr data-id=\"\"><th scope=\"row\">Niet ingevuld</th><td class=\"n count\">" +
                number(notGiven) + "</td><td class=\"n\">-</td>";
        if (population) html += "<td class=\"n\">-</td>";
        html += "</tr>\n";
    }
    return html + "</tbody>\n</table>\n";
}

// ---- sections ---------------------------------------------------------------------------------

std::string totalsSection(const CampaignResults& r) {
    std::string html = "<section aria-labelledby=\"totalen\">\n<h2 id=\"totalen\">Aantallen</h2>\n"
                       "<table data-table=\"totals\">\n<caption>Alle reacties</caption>\n<tbody>\n";
    const auto line = [&](const char* key, const char* words, int64_t n) {
        html += std::string("<tr data-id=\"") + key + "\"><th scope=\"row\">" + words +
                "</th><td class=\"n count\">" + number(n) + "</td></tr>\n";
    };
    line("reactions", "Reacties", r.total);
    line("approved", "Goedgekeurd bij moderatie", r.approved);
    line("hidden", "Verborgen bij moderatie (de waardering telt mee)", r.hidden);
    line("new", "Nog niet gemodereerd", r.total - r.approved - r.hidden);
    line("with_comment", "Met een opmerking", r.withComment);
    line("without_wijk", "Over heel Almere (geen wijk)", r.withoutWijk);
    line("clock_suspect", "Klok van het apparaat klopte niet", r.clockSuspect);
    for (const ShareRow& c : r.channels)
        html += "<tr data-id=\"channel:" + htmlEscape(c.id) + "\"><th scope=\"row\">Via " +
                htmlEscape(c.id == "kiosk" ? "de kiosk"
                           : c.id == "web" ? "de browser"
                                           : c.name) +
                "</th><td class=\"n count\">" + number(c.count) + "</td></tr>\n";
    html += "</tbody>\n</table>\n<p>Eerste reactie: " + dateTime(r.firstReceived) +
            ". Laatste reactie: " + dateTime(r.lastReceived) + " (tijd van de server).</p>\n";
    return html + "<p class=\"source\">Bron: export reactions.csv, alle rijen; kolommen "
                  "moderation, comment, wijk, subject_kind, channel, clock_suspect, received_at. "
                  "Download: totals.csv, channels.csv.</p>\n</section>\n";
}

std::vector<RatingRow> rowsOfKind(const std::vector<RatingRow>& rows, const std::string& kind) {
    std::vector<RatingRow> out;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(out),
                 [&](const RatingRow& r) { return r.kind == kind; });
    return out;
}

std::string ratingChart(const std::string& id, const std::string& title,
                        const std::vector<RatingRow>& rows, bool withPhase) {
    std::vector<Bar> bars;
    for (const RatingRow& r : rows)
        bars.push_back({withPhase ? r.name + ", " + phaseWord(r.phase) : r.name, r.mean(),
                        r.count ? meanText(r) + " (" + number(r.count) + ")" : "geen reacties",
                        std::nullopt});
    return barChart(id, title,
                    "Gemiddelde waardering van 1 (slecht) tot 5 (goed), met tussen haakjes het "
                    "aantal reacties. De tabel eronder heeft dezelfde getallen.",
                    bars, 5);
}

std::string ratingsSection(const CampaignResults& r) {
    std::string html = "<section aria-labelledby=\"waardering\">\n<h2 id=\"waardering\">Waardering "
                       "per plan en ambitie</h2>\n<p>Iedere reactie geeft een waardering van 1 "
                       "(slecht) tot 5 (goed). De balk is het gemiddelde.</p>\n";
    const std::string source = "Bron: export reactions.csv, kolommen subject_kind, subject_id, "
                               "rating. Download: subjects.csv.";
    for (const auto& [kind, words] :
         {std::pair<std::string, std::string>{"plan", "plannen"}, {"ambition", "ambities"}}) {
        const std::vector<RatingRow> rows = rowsOfKind(r.subjects, kind);
        html += figure(
            "Gemiddelde waardering van de " + words,
            ratingChart("chart-" + kind, "Gemiddelde waardering van de " + words, rows, false) +
                ratingTable("subjects-" + kind, "Waardering van de " + words, rows, false),
            source);
    }
    const std::vector<RatingRow> places = rowsOfKind(r.subjects, "place");
    html += ratingTable("subjects-place", "Waardering van plekken op de kaart", places, false);
    html += "<h3 id=\"fasen\">Per fase</h3>\n<p>De fase is het jaar dat op het scherm stond "
            "toen de reactie werd gegeven.</p>\n";
    html += figure(
        "Gemiddelde waardering per fase",
        ratingChart("chart-phases", "Gemiddelde waardering per plan en fase", r.phases, true) +
            ratingTable("phases", "Waardering per fase", r.phases, true),
        "Bron: export reactions.csv, kolommen subject_kind, subject_id, phase, rating. "
        "Download: phases.csv.");
    return html + "</section>\n";
}

int64_t maxCount(const std::vector<RatingRow>& rows) {
    int64_t m = 0;
    for (const RatingRow& r : rows)
        m = std::max(m, r.count);
    return m;
}

const RatingRow* wijkRow(const CampaignResults& r, const std::string& code) {
    for (const RatingRow& w : r.wijken)
        if (w.id == code) return &w;
    return nullptr;
}

std::string swatch(const std::string& fill, const std::string& prefix) {
    return "<svg width=\"24\" height=\"16\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" "
           "width=\"22\" "
           "height=\"14\" fill=\"" +
           (fill.empty() ? "url(#" + prefix + "-geen)" : fill) + "\" stroke=\"#3a3a3a\"/></svg>";
}

// The legend's range of class c (1..5) when colouring by count: counts from..to.
std::string countRange(int c, int64_t max) {
    const auto low = [&](int k) {
        return k == 1 ? int64_t(1) : int64_t(std::floor(double(k - 1) * double(max) / 5)) + 1;
    };
    const int64_t from = low(c), to = int64_t(std::floor(double(c) * double(max) / 5));
    if (to < from) return "";
    return from == to ? number(from) : number(from) + " tot en met " + number(to);
}

std::string mapFigure(const CampaignResults& r, const WijkMap& map, MapColour colour,
                      const std::string& prefix) {
    if (map.wijken.empty())
        return "<p>De kaart is niet beschikbaar: de wijkgrenzen konden niet worden gelezen "
               "(assets/city/wijken.geojson). De tabel hieronder heeft alle getallen.</p>\n";
    const int64_t max = maxCount(r.wijken);
    const bool byCount = colour == MapColour::count;
    const std::string what = byCount ? "aantal reacties" : "gemiddelde waardering";
    std::string svg =
        "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
        std::to_string(int(map.width)) + "\" height=\"" +
        std::to_string(int(std::ceil(map.height))) + "\" viewBox=\"0 0 " +
        std::to_string(int(map.width)) + " " + std::to_string(int(std::ceil(map.height))) +
        "\" role=\"img\" aria-labelledby=\"" + prefix + "-t " + prefix + "-d\">\n<title id=\"" +
        prefix + "-t\">Kaart van de wijken, kleur naar " + what + "</title>\n<desc id=\"" + prefix +
        "-d\">Elke wijk van Almere met het " + what +
        ". Wijken zonder reacties zijn gearceerd. De tabel bij de kaart heeft "
        "dezelfde getallen.</desc>\n<defs><pattern id=\"" +
        prefix +
        "-geen\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
        "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
        "fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#767676\" "
        "stroke-width=\"1.5\"/></pattern></defs>\n";
    for (const WijkOutline& w : map.wijken) {
        const RatingRow* row = wijkRow(r, w.code);
        const int c = row ? mapClass(*row, colour, max) : 0;
        const std::string fill =
            c ? (byCount ? kCountFills[c - 1] : kMeanFills[c - 1]) : "url(#" + prefix + "-geen)";
        const std::string figures =
            row && row->count ? number(row->count) + " reacties, gemiddeld " + meanText(*row)
                              : "geen reacties";
        svg += "<path data-code=\"" + htmlEscape(w.code) + "\" d=\"" + w.path + "\" fill=\"" +
               fill + "\" stroke=\"#3a3a3a\" stroke-width=\"0.8\"><title>" +
               htmlEscape(w.name + ": " + figures) + "</title></path>\n";
    }
    svg += "</svg>\n";
    std::string legend = "<p class=\"note\">Legenda:</p>\n<ul class=\"legend\">\n";
    for (int c = 1; c <= 5; ++c) {
        std::string words;
        if (byCount) {
            words = countRange(c, max);
            if (words.empty()) continue;
            words += words == "1" ? " reactie" : " reacties";
        } else {
            const char* ranges[5] = {"1 tot 1,8", "1,8 tot 2,6", "2,6 tot 3,4", "3,4 tot 4,2",
                                     "4,2 tot en met 5"};
            words = std::string("gemiddeld ") + ranges[c - 1];
        }
        legend += "<li>" + swatch(byCount ? kCountFills[c - 1] : kMeanFills[c - 1], prefix) +
                  htmlEscape(words) + "</li>\n";
    }
    legend += "<li>" + swatch("", prefix) + "geen reacties</li>\n</ul>\n";
    return figure("Reacties per wijk, kleur naar " + what, svg + legend,
                  "Bron: export reactions.csv, kolom wijk (plan of ambitie) of subject_id (plek), "
                  "en rating. Download: wijken.csv. Wijkgrenzen: " +
                      htmlEscape(map.source.empty() ? "assets/city/ATTRIBUTION.md" : map.source));
}

std::string wijkTable(const CampaignResults& r) {
    std::string html = "<table data-table=\"wijken\">\n<caption>Reacties per wijk</caption>\n"
                       "<thead><tr><th scope=\"col\">Wijk</th><th scope=\"col\">Code</th>"
                       "<th scope=\"col\">Reacties</th><th scope=\"col\">Gemiddeld</th></tr>"
                       "</thead>\n<tbody>\n";
    for (const RatingRow& w : r.wijken)
        html += "<tr data-id=\"" + htmlEscape(w.id) + "\"><th scope=\"row\">" + htmlEscape(w.name) +
                "</th><td>" + htmlEscape(w.id) + "</td><td class=\"n count\">" + number(w.count) +
                "</td><td class=\"n mean\">" + (w.count ? meanText(w) : "geen reacties") +
                "</td></tr>\n";
    html += "<tr data-id=\"\"><th scope=\"row\">Heel Almere of buiten de wijken</th><td>-</td>"
            "<td class=\"n count\">" +
            number(r.withoutWijk) + "</td><td class=\"n mean\">-</td></tr>\n";
    return html + "</tbody>\n</table>\n";
}

std::string mapSwitch(MapColour colour) {
    const auto link = [&](MapColour c, const char* value, const char* words) {
        return std::string("<li><a href=\"?kaart=") + value + "#kaart\"" +
               (c == colour ? " aria-current=\"true\"" : "") + ">" + words + "</a></li>";
    };
    return "<nav aria-label=\"Kleur van de kaart\" class=\"screen-only\"><ul>" +
           link(MapColour::count, "aantal", "Kleur naar aantal") +
           link(MapColour::mean, "gemiddelde", "Kleur naar gemiddelde") + "</ul></nav>\n";
}

std::string backgroundChart(const std::string& id, const std::string& title,
                            const std::vector<ShareRow>& rows, bool population) {
    std::vector<Bar> bars;
    for (const ShareRow& s : rows)
        bars.push_back(
            {s.name, s.share, dutchPercent(s.share) + " (" + number(s.count) + ")", s.population});
    return barChart(id, title,
                    population ? "Gevulde balk: aandeel van de reacties waarin dit is ingevuld, "
                                 "met tussen haakjes het aantal. Open balk: aandeel van de "
                                 "inwoners. De tabel eronder heeft dezelfde getallen."
                               : "Aandeel van de reacties waarin dit is ingevuld, met tussen "
                                 "haakjes het aantal. De tabel eronder heeft dezelfde getallen.",
                    bars, 1, population);
}

std::string backgroundSection(const CampaignResults& r) {
    const bool population = r.population.has_value();
    std::string html = "<section aria-labelledby=\"achtergrond\">\n<h2 id=\"achtergrond\">Wie "
                       "reageerden</h2>\n<p>Leeftijd en woonplaats zijn niet verplicht. Het "
                       "aandeel is berekend over de reacties waarin het is ingevuld. Het gaat om "
                       "reacties, niet om personen: iemand die drie reacties gaf, telt drie "
                       "keer.</p>\n";
    if (population)
        html += "<p data-population=\"yes\">Naast de reacties staat het aandeel van de inwoners "
                "van Almere (open balk). Bron: " +
                htmlEscape(r.population->source) + ", " + std::to_string(r.population->year) +
                ".</p>\n";
    else
        html += "<p data-population=\"no\">Er is geen bevolkingstabel geladen "
                "(assets/feedback/population.json), dus staan alleen de reacties hier, zonder "
                "vergelijking met alle inwoners.</p>\n";
    html +=
        figure("Leeftijd",
               backgroundChart("chart-age", "Leeftijd van wie reageerde", r.ageBands, population) +
                   shareTable("age_bands", "Leeftijd", r.ageBands, r.ageNotGiven, population),
               "Bron: export reactions.csv, kolom age_band. Download: age_bands.csv.");
    html +=
        figure("Woonplaats",
               backgroundChart("chart-home", "Waar wie reageerde woont", r.stadsdelen, population) +
                   shareTable("stadsdelen", "Woonplaats (stadsdeel)", r.stadsdelen, r.homeNotGiven,
                              population),
               "Bron: export reactions.csv, kolom home_stadsdeel. Download: stadsdelen.csv.");
    return html + "</section>\n";
}

std::string downloadsSection() {
    std::string html =
        "<section aria-labelledby=\"downloads\" class=\"screen-only downloads\">\n<h2 "
        "id=\"downloads\">Downloaden</h2>\n<p>Alle getallen van deze pagina:</p>\n"
        "<ul>\n<li><a href=\"/api/admin/results.json\" download>Alles in één "
        "bestand (JSON)</a></li>\n";
    for (const char* table : kResultTables)
        html += std::string("<li><a href=\"/api/admin/results/") + table + ".csv\" download>" +
                table + ".csv</a></li>\n";
    return html + "</ul>\n<p>Alle reacties zelf: <a href=\"/api/admin/export.csv\" "
                  "download>reactions.csv</a>, <a href=\"/api/admin/export.json\" "
                  "download>reactions.json</a>, <a href=\"/api/admin/export.geojson\" "
                  "download>reactions.geojson</a> (voor QGIS).</p>\n</section>\n";
}

std::string methodsSection(const CampaignResults& r, const WijkMap& map) {
    return "<section aria-labelledby=\"methode\">\n<h2 id=\"methode\">Hoe is er geteld</h2>\n<ul>\n"
           "<li>Alle " +
           number(r.total) +
           " opgeslagen reacties tellen mee, ook die met een verborgen opmerking (" +
           number(r.hidden) +
           "). Een opmerking verbergen gaat over de woorden, niet over de waardering.</li>\n"
           "<li>Reacties kwamen via de kiosk op bewonersavonden en via de browser. De periode: "
           "van " +
           dateTime(r.firstReceived) + " tot " + dateTime(r.lastReceived) +
           ", volgens de klok van de server (de klok van een apparaat kan verkeerd staan; bij " +
           number(r.clockSuspect) +
           " reacties was dat zo).</li>\n<li>De wijk van een reactie: de wijk van de plek op de "
           "kaart, of de wijk die bij een plan of ambitie werd gekozen. Zonder wijk: over heel "
           "Almere.</li>\n<li>De fase is het jaar dat op het scherm stond (kolom phase, uit "
           "plan_state).</li>\n<li>Leeftijd en woonplaats tellen reacties, niet personen. Niemand "
           "wordt herkend.</li>\n<li>Elk getal komt uit de export (reactions.csv of "
           "reactions.json, dezelfde rijen); bij elke figuur staan de kolommen.</li>\n<li>"
           "Wijkgrenzen: " +
           htmlEscape(map.source.empty() ? "zie assets/city/ATTRIBUTION.md" : map.source) +
           "</li>\n</ul>\n</section>\n";
}

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
           "name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           htmlEscape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" + body +
           "</body>\n</html>\n";
}

} // namespace

MapColour mapColourFrom(const std::string& query) {
    return query == "gemiddelde" ? MapColour::mean : MapColour::count;
}

int mapClass(const RatingRow& wijk, MapColour colour, int64_t maxCount) {
    if (wijk.count <= 0) return 0;
    if (colour == MapColour::mean)
        return std::clamp(int(std::floor((wijk.mean() - 1) / 0.8)) + 1, 1, 5);
    if (maxCount <= 0) return 1;
    return std::clamp(int(std::ceil(double(wijk.count) * 5 / double(maxCount))), 1, 5);
}

std::string resultsPageHtml(const CampaignResults& r, const WijkMap& map, MapColour colour) {
    std::string body =
        "<header>\n<h1>Resultaten</h1>\n<p>Wat bewoners zeiden over de plannen voor Almere "
        "2050, en wie er reageerden.</p>\n<nav aria-label=\"Staf\"><ul><li><a "
        "href=\"/staff/\">Terug naar de staf-pagina</a></li><li><a href=\"/staff/rapport\">Rapport "
        "om te printen</a></li><li><a href=\"#downloads\">Downloaden</a></li></ul></nav>\n"
        "</header>\n<main>\n";
    body += totalsSection(r) + ratingsSection(r);
    body += "<section aria-labelledby=\"kaart\">\n<h2 id=\"kaart\">Reacties per wijk</h2>\n" +
            mapSwitch(colour) + mapFigure(r, map, colour, "map") + wijkTable(r) + "</section>\n";
    body += backgroundSection(r) + downloadsSection() + "</main>\n";
    return page("Resultaten - Almere 2050", body);
}

std::string reportHtml(const CampaignResults& r, const WijkMap& map, int64_t printedAt) {
    std::string body = "<header>\n<h1>Almere 2050: wat bewoners zeiden</h1>\n<p>Rapport van de "
                       "hele campagne, gemaakt op " +
                       dateTime(printedAt) + ". " + number(r.total) +
                       " reacties.</p>\n</header>\n<main>\n";
    body += methodsSection(r, map) + totalsSection(r) + ratingsSection(r);
    body += "<section aria-labelledby=\"kaart\">\n<h2 id=\"kaart\">Reacties per wijk</h2>\n" +
            mapFigure(r, map, MapColour::count, "map-count") +
            mapFigure(r, map, MapColour::mean, "map-mean") + wijkTable(r) + "</section>\n";
    body += backgroundSection(r) + "</main>\n";
    return page("Rapport - Almere 2050", body);
}

} // namespace almere::server
