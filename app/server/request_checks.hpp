#pragma once
// Checks on what a client sends, kept free of HTTP and SQLite so that the fuzz target
// (tests/fuzz) and the server share them. Every input here is hostile.
#include "core/result.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace almere::server {

// `s` without the spaces and tabs around it (header values and their parts).
std::string_view trimmed(std::string_view s);

// "application/json", optionally with "; charset=utf-8" (any case, spaces around the parts).
bool isJsonContentType(std::string_view header);

// The token of an "Authorization: Bearer <token>" header; nullopt for any other form.
std::optional<std::string> bearerToken(std::string_view header);

// A moderation request body {"status": "approved" | "hidden" | "new"}: the status.
Result<std::string> parseModerationRequest(std::string_view body);

// A subject as a query names it (GET /api/comments?kind=plan&id=pampus): a known kind and an id
// of at most 40 characters from a-z, A-Z, 0-9 and _.
bool isSubjectQuery(std::string_view kind, std::string_view id);

// JSON text for a response. '<', '>' and '&' only occur inside strings there, and are sent as
// \u003c, \u003e and \u0026: text that looks like HTML stays inert even if a page were to put
// the response into its markup. Invalid UTF-8 is replaced instead of throwing.
std::string jsonText(const nlohmann::json& value);
std::string jsonText(const nlohmann::ordered_json& value);

} // namespace almere::server
