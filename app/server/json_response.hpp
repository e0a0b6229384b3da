#pragma once
// JSON answers of the API: the body (with jsonText's escaping) and its content type.
#include "server/http_message.hpp"
#include "server/request_checks.hpp"

#include <nlohmann/json.hpp>

namespace almere::server {

inline void sendJson(HttpResponse& res, int status, const nlohmann::ordered_json& body) {
    res.status = status;
    res.setContent(jsonText(body), "application/json; charset=utf-8");
}

// {"error": message}
inline void sendError(HttpResponse& res, int status, const std::string& message) {
    sendJson(res, status, {{"error", message}});
}

} // namespace almere::server
