#include "server/results_routes.hpp"

#include "server/staff_routes.hpp"

#include "core/strings.hpp"
#include "platform/files.hpp"
#include "server/json_response.hpp"
#include "server/staff_map.hpp"
#include "server/staff_pages.hpp"

#include <ctime>
#include <filesystem>

namespace almere::server {
namespace {

const std::string kTablePrefix = "/api/admin/results/";

void noStore(HttpResponse& res) {
    res.status = 200;
    res.setHeader("Cache-Control", "no-store");
}

void sendPage(HttpResponse& res, std::string html) {
    noStore(res);
    res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    res.setContent(std::move(html), "text/html; charset=utf-8");
}

// "subjects" for "/api/admin/results/subjects.csv"; "" otherwise.
std::string tableOf(const std::string& path) {
    const std::string suffix = ".csv";
    if (path.rfind(kTablePrefix, 0) != 0 || path.size() <= kTablePrefix.size() + suffix.size() ||
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
        return "";
    return path.substr(kTablePrefix.size(), path.size() - kTablePrefix.size() - suffix.size());
}

} // namespace

bool isStaffResultsPath(const std::string& path) {
    return path == "/staff/resultaten" || path == "/staff/rapport" ||
           path == "/api/admin/results.json" || !tableOf(path).empty();
}

void serveStaffResults(const HttpRequest& req, HttpResponse& res, ReactionStore& store,
                       const ResultsContent& content) {
    const CampaignResults results = countResults(store.allReactions(), content);
    if (req.path == "/staff/resultaten")
        return sendPage(
            res, resultsPageHtml(results, content.map, mapColourFrom(req.queryValue("kaart"))));
    if (req.path == "/staff/rapport")
        return sendPage(res, reportHtml(results, content.map, std::time(nullptr)));
    if (req.path == "/api/admin/results.json") {
        noStore(res);
        return res.setContent(resultsJson(results), "application/json; charset=utf-8");
    }
    const std::string table = tableOf(req.path);
    auto csv = resultsCsv(results, table);
    if (!csv) return sendError(res, 404, "no results table with this name");
    noStore(res);
    res.setHeader("Content-Disposition", "attachment; filename=\"" + table + ".csv\"");
    res.setContent(std::move(*csv), "text/csv; charset=utf-8; header=present");
}

bool loadResultsContent(const std::string& assets, const ReactionRules& rules,
                        ResultsContent& content, std::string& warning, std::string& error) {
    content.rules = rules;
    SourceFile nl{assets + "/lang/nl.json", ""};
    if (platform::readFile(nl.name, nl.text)) {
        if (auto words = Strings::parse(nl)) {
            const auto add = [&](const std::string& key, const std::string& stringKey) {
                if (const std::string* text = words.value().find(stringKey))
                    content.words[key] = *text;
            };
            for (const std::string& id : rules.plans)
                add("plan:" + id, "plan." + id + ".title");
            for (const std::string& id : rules.ambitions)
                add("ambition:" + id, "ambition." + id);
            for (const std::string& id : loadPhaseIds(assets))
                add("phase:" + id, "phase." + id + ".label");
            for (const std::string& id : rules.ageBands)
                add("age:" + id, "feedback.age." + id);
            for (const std::string& id : rules.stadsdelen)
                add("home:" + id, "feedback.home." + id);
        }
    }
    std::string mapError;
    content.map = loadWijkMap(assets, mapError);
    if (content.map.wijken.empty()) warning = "the results page has no wijk map: " + mapError;

    const std::string populationFile = assets + "/feedback/population.json";
    if (!std::filesystem::exists(populationFile)) return true; // shipped without: never invented
    std::string text;
    if (!platform::readFile(populationFile, text)) {
        error = populationFile + ": cannot read the file";
        return false;
    }
    auto table = parsePopulationTable(text, populationFile, rules);
    if (!table) {
        error = table.error();
        return false;
    }
    content.population = table.take();
    return true;
}

} // namespace almere::server
