#pragma once
// The campaign's results for the participation team (issue 11): every number on the staff
// results page, in the printable report and in the downloads is counted here, from the very rows
// GET /api/admin/export.json lists (ReactionStore::allReactions), so each figure can be traced
// to the export. The page's HTML only shows these numbers (server/staff_pages).
//
// What is counted: every stored reaction, whatever its moderation. A hidden comment is not shown
// to residents, but its rating still counts (moderation is about words, not about opinions); the
// totals say how many are hidden. Background figures count reactions, not people: nobody is
// identified, so one person's three reactions count three times.
#include "core/reaction.hpp"
#include "core/result.hpp"
#include "server/reaction_store.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace almere::server {

// The population's shares of the age bands and home stadsdelen (0..1), from an optional file
// of the content pack (assets/feedback/population.json), with its source. The project ships no
// such file: numbers about Almere's population come from the team, never from us.
//   {"source": "CBS StatLine, Bevolking; ...", "year": 2025,
//    "age_bands": {"tot_18": 0.24, ...}, "stadsdelen": {"haven": 0.12, ...}}
struct PopulationTable {
    std::string source;
    int year = 0;
    std::map<std::string, double> ageBands, stadsdelen;
};
// Errors name the file and the field; ids must be those of form.json.
Result<PopulationTable> parsePopulationTable(std::string_view json, const std::string& fileName,
                                             const ReactionRules& rules);

// One wijk of the map (server/staff_map): its CBS code, its names, and its outline as SVG path
// data in the map's own plane.
struct WijkOutline {
    std::string code, name, stadsdeel, path;
};
struct WijkMap {
    std::vector<WijkOutline> wijken; // by code
    double width = 0, height = 0;    // the viewBox
    std::string source;              // the outlines' attribution
};

// What the results need besides the reactions: the form's ids, their Dutch words, the map and
// the population table (when the content pack has one).
struct ResultsContent {
    ReactionRules rules;
    std::map<std::string, std::string> words; // "plan:pampus", "ambition:..", "age:..", "home:.."
    WijkMap map;
    std::optional<PopulationTable> population;
};

// A subject, a subject in one phase, or a wijk: how many reactions gave each rating.
struct RatingRow {
    std::string kind;  // "plan", "ambition", "place" or "wijk"
    std::string id;    // plan or ambition id, or a CBS wijk code
    std::string phase; // the phase id from plan_state (phases table only; "" = none)
    std::string name;  // Dutch words
    int64_t count = 0;
    std::array<int64_t, 5> ratings{}; // how many gave 1 .. 5
    double mean() const;              // 0 when count is 0
};

// An age band, a home stadsdeel or a channel: how many reactions, and their share.
struct ShareRow {
    std::string id, name;
    int64_t count = 0;
    double share = 0;                 // of the reactions that answered (count / answered)
    std::optional<double> population; // the population's share, when the table has one
};

struct CampaignResults {
    int64_t total = 0;                // every stored reaction
    int64_t hidden = 0, approved = 0; // by moderation; the rest are still new
    int64_t withComment = 0;          // a comment was written
    int64_t clockSuspect = 0;         // the device's clock was evidently wrong
    int64_t firstReceived = 0;        // unix seconds, server clock; 0 when there is none
    int64_t lastReceived = 0;
    std::vector<RatingRow> subjects;  // plans, ambitions (form.json's order), then all places
    std::vector<RatingRow> phases;    // plans and ambitions per phase
    std::vector<RatingRow> wijken;    // every wijk of the map (count 0 too), then other codes
    int64_t withoutWijk = 0;          // reactions about heel Almere or a pin outside the wijken
    std::vector<ShareRow> ageBands;   // form.json's order
    std::vector<ShareRow> stadsdelen; // form.json's order
    int64_t ageNotGiven = 0, homeNotGiven = 0;
    std::vector<ShareRow> channels; // kiosk, web (share of the total)
    std::optional<PopulationTable> population;
};

// The wijk a reaction is about: a place's wijk code, or the wijk a plan or ambition reaction was
// tied to; "" for heel Almere or a pin outside every wijk.
std::string wijkOf(const Reaction& reaction);

CampaignResults countResults(const std::vector<StoredReaction>& reactions,
                             const ResultsContent& content);

// GET /api/admin/results.json: {"totals", "subjects", "phases", "wijken", "age_bands",
// "stadsdelen", "channels", "population"} with the rows above (means to 2 decimals).
std::string resultsJson(const CampaignResults& results);

// The downloadable tables: GET /api/admin/results/<name>.csv.
constexpr std::array<const char*, 7> kResultTables = {
    "totals", "subjects", "phases", "wijken", "age_bands", "stadsdelen", "channels"};
// The table as CSV (UTF-8 with BOM, CRLF, a header row, "." as decimal point); nullopt for a
// name not in kResultTables.
std::optional<std::string> resultsCsv(const CampaignResults& results, std::string_view table);

// "3,4": a mean in Dutch, one decimal.
std::string dutchDecimal(double value, int decimals = 1);
// "12%": a share 0..1 in whole percents.
std::string dutchPercent(double share);

} // namespace almere::server
