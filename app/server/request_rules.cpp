#include "server/request_rules.hpp"

#include "server/json_response.hpp"
#include "server/request_checks.hpp"
#include "server/secrets.hpp"

namespace almere::server {
namespace {

bool hasBodyMethod(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

} // namespace

bool framingAllowed(const HttpRequest& head, HttpResponse& refusal) {
    if (!hasBodyMethod(head.method)) {
        if (head.hasHeader("transfer-encoding") || head.contentLength() > 0) {
            sendError(refusal, 400, "a " + head.method + " request has no body");
            return false;
        }
        return true;
    }
    if (!head.hasHeader("content-length") || head.hasHeader("transfer-encoding")) {
        sendError(refusal, 411, "a body needs a Content-Length (no chunked encoding)");
        return false;
    }
    const std::string encoding = head.header("content-encoding");
    if (!encoding.empty() && encoding != "identity") {
        sendError(refusal, 415, "compressed request bodies are not accepted");
        return false;
    }
    return true;
}

bool jsonBodyAllowed(const HttpRequest& head, size_t maxBytes, HttpResponse& refusal) {
    if (head.contentLength() > maxBytes) {
        sendError(refusal, 413, "body larger than " + std::to_string(maxBytes) + " bytes");
        return false;
    }
    if (!isJsonContentType(head.header("content-type"))) {
        sendError(refusal, 415, "Content-Type must be application/json");
        return false;
    }
    return true;
}

bool isAdmin(const HttpRequest& req, HttpResponse& res, const std::string& token) {
    if (!req.hasHeader("authorization")) {
        res.setHeader("WWW-Authenticate", "Bearer");
        sendError(res, 401, "admin token required (Authorization: Bearer <token>)");
        return false;
    }
    const auto given = bearerToken(req.header("authorization"));
    if (!given) {
        res.setHeader("WWW-Authenticate", "Bearer");
        sendError(res, 401, "expected Authorization: Bearer <token>");
        return false;
    }
    if (!constantTimeEquals(*given, token)) {
        sendError(res, 403, "wrong admin token");
        return false;
    }
    return true;
}

} // namespace almere::server
