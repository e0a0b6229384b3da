#include "core/csv_cell.hpp"

namespace almere {

std::string csvCell(std::string_view text) {
    std::string cell = "\"";
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
        cell += '\'';
    for (char c : text) {
        if (c == '"') cell += '"';
        cell += c;
    }
    return cell + "\"";
}

} // namespace almere
