#pragma once
// What the participation team downloads: every reaction (hidden ones too, marked as such) as
// CSV for spreadsheets, GeoJSON for QGIS and JSON for anything else.
#include "core/csv_cell.hpp" // csvCell, also used by the kiosk's USB export
#include "server/reaction_store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace almere::server {

// The phase id in a plan state ("plans=pampus;phase=2050" -> "2050"); "" when there is none.
std::string phaseOf(std::string_view planState);

// UTF-8 with a byte order mark (so Excel reads it as UTF-8), CRLF line ends, a header row.
std::string exportCsv(const std::vector<StoredReaction>& reactions);
// A FeatureCollection of WGS84 points, one per reaction with a pin.
std::string exportGeoJson(const std::vector<StoredReaction>& reactions);
// {"reactions": [<reaction as posted> + "received_at", "clock_suspect" and "moderation", ...]}
std::string exportJson(const std::vector<StoredReaction>& reactions);

} // namespace almere::server
