#pragma once
// What the participation team takes home from a Burgerberaad session (issue 9), besides the
// answers as JSON and CSV (session_api.cpp):
//   - the pins of every "place" answer as GeoJSON (for QGIS), and
//   - a printable report: one self-contained HTML page (no scripts, nothing fetched), per round
//     its question, where in the vision it comes from, and the online and paper counts as
//     inline SVG bar charts with text labels. Every text in it is escaped: comments and
//     proposals are the participants' own words.
#include "core/session_agenda.hpp"
#include "server/session_store.hpp"

#include <string>
#include <vector>

namespace almere::server {

struct SessionRecord {
    SessionState state;
    const Agenda* agenda = nullptr; // null when the agenda is no longer offered
    std::vector<SessionAnswer> answers;
    std::vector<PaperCount> paper;
    std::vector<Proposal> proposals;
};

// {"type": "FeatureCollection", "features": [Point [lon, lat] with round, round_id,
// participant, view, answered_at]} for every place answer.
std::string sessionPinsGeoJson(const SessionRecord& record);

// The report page (lang="nl"); `printedAt` in unix seconds, for its footer.
std::string sessionReportHtml(const SessionRecord& record, int64_t printedAt);

} // namespace almere::server
