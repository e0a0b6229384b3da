#include "server/request_checks.hpp"

#include <algorithm>
#include <cctype>

namespace almere::server {
namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

template <class Json> std::string escapedJsonText(const Json& value) {
    const std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '<')
            out += "\\u003c";
        else if (c == '>')
            out += "\\u003e";
        else if (c == '&')
            out += "\\u0026";
        else
            out += c;
    }
    return out;
}

} // namespace

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool isJsonContentType(std::string_view header) {
    const size_t semicolon = header.find(';');
    if (!equalsIgnoringCase(trimmed(header.substr(0, semicolon)), "application/json")) return false;
    if (semicolon == std::string_view::npos) return true;
    const std::string_view parameter = trimmed(header.substr(semicolon + 1));
    const size_t eq = parameter.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view value = trimmed(parameter.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    return equalsIgnoringCase(trimmed(parameter.substr(0, eq)), "charset") &&
           equalsIgnoringCase(value, "utf-8");
}

std::optional<std::string> bearerToken(std::string_view header) {
    header = trimmed(header);
    if (header.size() < 7 || !equalsIgnoringCase(header.substr(0, 7), "Bearer ")) return {};
    const std::string_view token = trimmed(header.substr(7));
    if (token.empty() || token.find_first_of(" \t") != std::string_view::npos) return {};
    return std::string(token);
}

Result<std::string> parseModerationRequest(std::string_view body) {
    using R = Result<std::string>;
    const nlohmann::json doc = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    if (doc.is_discarded()) return R::failure("is not valid JSON (or not valid UTF-8)");
    if (!doc.is_object()) return R::failure("expected a JSON object");
    for (const auto& item : doc.items())
        if (item.key() != "status") return R::failure(item.key() + ": unknown field");
    const auto it = doc.find("status");
    if (it == doc.end()) return R::failure("status: is missing");
    if (!it->is_string()) return R::failure("status: expected approved, hidden or new");
    const std::string& status = it->get_ref<const std::string&>();
    if (status != "approved" && status != "hidden" && status != "new")
        return R::failure("status: expected approved, hidden or new");
    return status;
}

bool isSubjectQuery(std::string_view kind, std::string_view id) {
    if (kind != "plan" && kind != "ambition" && kind != "place") return false;
    return id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
           });
}

std::string jsonText(const nlohmann::json& value) {
    return escapedJsonText(value);
}
std::string jsonText(const nlohmann::ordered_json& value) {
    return escapedJsonText(value);
}

} // namespace almere::server
