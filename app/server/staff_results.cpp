#include "server/staff_results.hpp"

#include "server/exports.hpp"
#include "server/request_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace almere::server {
namespace {

using nlohmann::ordered_json;

std::string wordFor(const ResultsContent& content, const std::string& key,
                    const std::string& fallback) {
    const auto found = content.words.find(key);
    return found == content.words.end() || found->second.empty() ? fallback : found->second;
}

void addRating(RatingRow& row, int rating) {
    ++row.count;
    if (rating >= 1 && rating <= 5) ++row.ratings[size_t(rating - 1)];
}

// Rows for the ids of a form list, in that order; `find` gives the row of an id.
std::vector<ShareRow> shareRows(const std::vector<std::string>& ids, const ResultsContent& content,
                                const char* prefix) {
    std::vector<ShareRow> rows;
    for (const std::string& id : ids)
        rows.push_back({id, wordFor(content, prefix + (":" + id), id), 0, 0, std::nullopt});
    return rows;
}

// Counts one answer into its row (an id the form no longer offers gets a row of its own at the
// end: nothing is dropped); "" counts as not given.
void countShare(std::vector<ShareRow>& rows, const std::string& id, int64_t& notGiven) {
    if (id.empty()) {
        ++notGiven;
        return;
    }
    auto row =
        std::find_if(rows.begin(), rows.end(), [&](const ShareRow& r) { return r.id == id; });
    if (row == rows.end()) row = rows.insert(rows.end(), {id, id, 0, 0, std::nullopt});
    ++row->count;
}

void fillShares(std::vector<ShareRow>& rows, const std::map<std::string, double>* population) {
    int64_t answered = 0;
    for (const ShareRow& r : rows)
        answered += r.count;
    for (ShareRow& r : rows) {
        r.share = answered ? double(r.count) / double(answered) : 0;
        if (population)
            if (const auto found = population->find(r.id); found != population->end())
                r.population = found->second;
    }
}

RatingRow& rowFor(std::vector<RatingRow>& rows, const RatingRow& key) {
    auto row = std::find_if(rows.begin(), rows.end(), [&](const RatingRow& r) {
        return r.kind == key.kind && r.id == key.id && r.phase == key.phase;
    });
    return row == rows.end() ? rows.emplace_back(key) : *row;
}

double rounded(double value) {
    return std::round(value * 100) / 100;
}

ordered_json ratingJson(const RatingRow& r, bool withPhase) {
    ordered_json row = {{"kind", r.kind}, {"id", r.id}};
    if (withPhase) row["phase"] = r.phase;
    row["name"] = r.name;
    row["count"] = r.count;
    row["ratings"] = r.ratings;
    row["mean"] = r.count ? ordered_json(rounded(r.mean())) : ordered_json();
    return row;
}

ordered_json shareJson(const ShareRow& r) {
    ordered_json row = {{"id", r.id},
                        {"name", r.name},
                        {"count", r.count},
                        {"share", rounded(r.share * 100) / 100}};
    row["population_share"] = r.population ? ordered_json(*r.population) : ordered_json();
    return row;
}

std::string number(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string csvLine(const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i)
        line += (i ? "," : "") + cells[i];
    return line + "\r\n";
}

std::string ratingCsv(const std::vector<RatingRow>& rows, bool withPhase) {
    std::string csv = withPhase ? "kind,id,phase,name,count,rating_1,rating_2,rating_3,rating_4,"
                                  "rating_5,mean\r\n"
                                : "kind,id,name,count,rating_1,rating_2,rating_3,rating_4,"
                                  "rating_5,mean\r\n";
    for (const RatingRow& r : rows) {
        std::vector<std::string> cells = {csvCell(r.kind), csvCell(r.id)};
        if (withPhase) cells.push_back(csvCell(r.phase));
        cells.push_back(csvCell(r.name));
        cells.push_back(std::to_string(r.count));
        for (int64_t n : r.ratings)
            cells.push_back(std::to_string(n));
        cells.push_back(r.count ? number(r.mean(), 2) : "");
        csv += csvLine(cells);
    }
    return csv;
}

std::string shareCsv(const std::vector<ShareRow>& rows, int64_t notGiven) {
    std::string csv = "id,name,count,share,population_share\r\n";
    for (const ShareRow& r : rows)
        csv += csvLine({csvCell(r.id), csvCell(r.name), std::to_string(r.count), number(r.share, 4),
                        r.population ? number(*r.population, 4) : ""});
    if (notGiven >= 0)
        csv += csvLine({csvCell(""), csvCell("niet ingevuld"), std::to_string(notGiven), "", ""});
    return csv;
}

std::vector<std::pair<std::string, int64_t>> totalsOf(const CampaignResults& r) {
    return {{"reactions", r.total},
            {"approved", r.approved},
            {"hidden", r.hidden},
            {"new", r.total - r.approved - r.hidden},
            {"with_comment", r.withComment},
            {"clock_suspect", r.clockSuspect},
            {"without_wijk", r.withoutWijk},
            {"age_not_given", r.ageNotGiven},
            {"home_not_given", r.homeNotGiven},
            {"first_received_at", r.firstReceived},
            {"last_received_at", r.lastReceived}};
}

// Reads {"id": share, ...} with ids from `allowed`.
bool readShares(const ordered_json& doc, const char* field, const std::vector<std::string>& allowed,
                std::map<std::string, double>& out, std::string& error) {
    const auto it = doc.find(field);
    if (it == doc.end() || !it->is_object()) {
        error = std::string(field) + ": expected an object of id: share (0..1)";
        return false;
    }
    for (const auto& [id, share] : it->items()) {
        if (std::find(allowed.begin(), allowed.end(), id) == allowed.end()) {
            error = std::string(field) + "." + id + ": not an id of feedback/form.json";
            return false;
        }
        if (!share.is_number() || share.get<double>() < 0 || share.get<double>() > 1) {
            error = std::string(field) + "." + id + ": expected a share from 0 to 1";
            return false;
        }
        out[id] = share.get<double>();
    }
    return true;
}

} // namespace

double RatingRow::mean() const {
    int64_t sum = 0;
    for (size_t i = 0; i < ratings.size(); ++i)
        sum += int64_t(i + 1) * ratings[i];
    return count ? double(sum) / double(count) : 0;
}

std::string wijkOf(const Reaction& reaction) {
    return reaction.subjectKind == "place" ? reaction.subjectId : reaction.wijk;
}

Result<PopulationTable> parsePopulationTable(std::string_view json, const std::string& fileName,
                                             const ReactionRules& rules) {
    const auto fail = [&](const std::string& why) {
        return Result<PopulationTable>::failure(fileName + ": " + why);
    };
    const ordered_json doc = ordered_json::parse(json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return fail("not a JSON object");
    PopulationTable table;
    const auto source = doc.find("source");
    if (source == doc.end() || !source->is_string() || source->get<std::string>().empty())
        return fail("source: expected where the numbers come from");
    table.source = source->get<std::string>();
    const auto year = doc.find("year");
    if (year == doc.end() || !year->is_number_integer())
        return fail("year: expected the year of the numbers");
    table.year = year->get<int>();
    std::string error;
    if (!readShares(doc, "age_bands", rules.ageBands, table.ageBands, error) ||
        !readShares(doc, "stadsdelen", rules.stadsdelen, table.stadsdelen, error))
        return fail(error);
    return table;
}

CampaignResults countResults(const std::vector<StoredReaction>& reactions,
                             const ResultsContent& content) {
    CampaignResults out;
    out.population = content.population;
    for (const std::string& id : content.rules.plans)
        out.subjects.push_back({"plan", id, "", wordFor(content, "plan:" + id, id), 0, {}});
    for (const std::string& id : content.rules.ambitions)
        out.subjects.push_back({"ambition", id, "", wordFor(content, "ambition:" + id, id), 0, {}});
    out.subjects.push_back({"place", "", "", "Een plek op de kaart", 0, {}});
    for (const WijkOutline& w : content.map.wijken)
        out.wijken.push_back({"wijk", w.code, "", w.name, 0, {}});
    out.ageBands = shareRows(content.rules.ageBands, content, "age");
    out.stadsdelen = shareRows(content.rules.stadsdelen, content, "home");
    out.channels = {{"kiosk", "Kiosk", 0, 0, std::nullopt}, {"web", "Browser", 0, 0, std::nullopt}};

    for (const StoredReaction& s : reactions) {
        const Reaction& r = s.reaction;
        ++out.total;
        out.hidden += s.moderation == "hidden";
        out.approved += s.moderation == "approved";
        out.withComment += !r.comment.empty();
        out.clockSuspect += s.clockSuspect;
        if (!out.firstReceived || s.receivedAt < out.firstReceived)
            out.firstReceived = s.receivedAt;
        out.lastReceived = std::max(out.lastReceived, s.receivedAt);

        const bool place = r.subjectKind == "place";
        RatingRow& subject =
            rowFor(out.subjects, {r.subjectKind, place ? "" : r.subjectId, "", r.subjectId, 0, {}});
        addRating(subject, r.rating);
        if (!place) {
            RatingRow& phase =
                rowFor(out.phases,
                       {r.subjectKind, r.subjectId, phaseOf(r.planState), subject.name, 0, {}});
            addRating(phase, r.rating);
        }
        if (const std::string wijk = wijkOf(r); wijk.empty())
            ++out.withoutWijk;
        else
            addRating(rowFor(out.wijken, {"wijk", wijk, "", wijk, 0, {}}), r.rating);

        countShare(out.ageBands, r.ageBand, out.ageNotGiven);
        countShare(out.stadsdelen, r.homeStadsdeel, out.homeNotGiven);
        int64_t noChannel = 0;
        countShare(out.channels, r.channel, noChannel);
    }
    // Phases in a steady order: by subject as above, then by phase id (years sort as text).
    const auto subjectIndex = [&](const RatingRow& r) {
        return std::find_if(out.subjects.begin(), out.subjects.end(),
                            [&](const RatingRow& s) { return s.kind == r.kind && s.id == r.id; }) -
               out.subjects.begin();
    };
    std::stable_sort(out.phases.begin(), out.phases.end(),
                     [&](const RatingRow& a, const RatingRow& b) {
                         const auto ia = subjectIndex(a), ib = subjectIndex(b);
                         return ia != ib ? ia < ib : a.phase < b.phase;
                     });
    const PopulationTable* population = out.population ? &*out.population : nullptr;
    fillShares(out.ageBands, population ? &population->ageBands : nullptr);
    fillShares(out.stadsdelen, population ? &population->stadsdelen : nullptr);
    fillShares(out.channels, nullptr);
    return out;
}

std::string resultsJson(const CampaignResults& r) {
    ordered_json totals = ordered_json::object();
    for (const auto& [key, value] : totalsOf(r))
        totals[key] = value;
    const auto ratingList = [](const std::vector<RatingRow>& rows, bool withPhase) {
        ordered_json list = ordered_json::array();
        for (const RatingRow& row : rows)
            list.push_back(ratingJson(row, withPhase));
        return list;
    };
    const auto shareList = [](const std::vector<ShareRow>& rows) {
        ordered_json list = ordered_json::array();
        for (const ShareRow& row : rows)
            list.push_back(shareJson(row));
        return list;
    };
    ordered_json population;
    if (r.population) population = {{"source", r.population->source}, {"year", r.population->year}};
    return jsonText(ordered_json{{"totals", totals},
                                 {"subjects", ratingList(r.subjects, false)},
                                 {"phases", ratingList(r.phases, true)},
                                 {"wijken", ratingList(r.wijken, false)},
                                 {"age_bands", shareList(r.ageBands)},
                                 {"stadsdelen", shareList(r.stadsdelen)},
                                 {"channels", shareList(r.channels)},
                                 {"population", population}});
}

std::optional<std::string> resultsCsv(const CampaignResults& r, std::string_view table) {
    std::string csv = "\xEF\xBB\xBF";
    if (table == "totals") {
        csv += "key,value\r\n";
        for (const auto& [key, value] : totalsOf(r))
            csv += csvLine({csvCell(key), std::to_string(value)});
    } else if (table == "subjects") {
        csv += ratingCsv(r.subjects, false);
    } else if (table == "phases") {
        csv += ratingCsv(r.phases, true);
    } else if (table == "wijken") {
        csv += ratingCsv(r.wijken, false);
    } else if (table == "age_bands") {
        csv += shareCsv(r.ageBands, r.ageNotGiven);
    } else if (table == "stadsdelen") {
        csv += shareCsv(r.stadsdelen, r.homeNotGiven);
    } else if (table == "channels") {
        csv += shareCsv(r.channels, -1);
    } else {
        return std::nullopt;
    }
    return csv;
}

std::string dutchDecimal(double value, int decimals) {
    std::string text = number(value, decimals);
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

std::string dutchPercent(double share) {
    return number(share * 100, 0) + "%";
}

} // namespace almere::server
