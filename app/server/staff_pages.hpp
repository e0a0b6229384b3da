#pragma once
// The staff's results page (/staff/resultaten) and the printable report (/staff/rapport) of the
// whole campaign (issue 11), written here as plain HTML with inline SVG: no script, nothing
// fetched, so it prints as it is shown and works with any screen reader. Every chart has a table
// beside it with the same numbers (the accessible form), and every figure names the export
// columns and the download it comes from. The numbers are server/staff_results' only.
#include "server/staff_results.hpp"

#include <cstdint>
#include <string>

namespace almere::server {

// What the wijk map is coloured by (the page's switch: ?kaart=aantal|gemiddelde).
enum class MapColour { count, mean };
MapColour mapColourFrom(const std::string& query);

// The results page, lang="nl".
std::string resultsPageHtml(const CampaignResults& results, const WijkMap& map, MapColour colour);

// The report for paper (A4), lang="nl"; `printedAt` in unix seconds, for its first lines.
std::string reportHtml(const CampaignResults& results, const WijkMap& map, int64_t printedAt);

// The class (1..5) of a wijk's colour: by count on a scale up to `maxCount`, or by mean rating
// (1-1.8, 1.8-2.6, 2.6-3.4, 3.4-4.2, 4.2-5). 0 for a wijk without reactions.
int mapClass(const RatingRow& wijk, MapColour colour, int64_t maxCount);

} // namespace almere::server
