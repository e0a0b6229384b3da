#pragma once
// One rule for CSV cells, shared by the server's exports and the kiosk's USB export.
#include <string>
#include <string_view>

namespace almere {

// One RFC 4180 cell, always quoted. A cell that a spreadsheet would read as a formula
// (starting with = + - @, a tab or a carriage return) gets a leading ' so it stays text.
std::string csvCell(std::string_view text);

} // namespace almere
