#include "server/api.hpp"

#include "server/admin_token.hpp"
#include "server/exports.hpp"
#include "server/request_checks.hpp"

#include <cstdlib>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>

namespace almere::server {
namespace {

using httplib::ContentReader;
using httplib::Request;
using httplib::Response;
using json = nlohmann::ordered_json; // keys in the order written

// A declared body larger than this is not even read to the end: the connection is closed.
constexpr uint64_t kMaxDrainedBytes = 1 << 20;
constexpr int kMaxPublicComments = 100;

void sendJson(Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(jsonText(body), "application/json; charset=utf-8");
}

void sendError(Response& res, int status, const std::string& message) {
    sendJson(res, status, {{"error", message}});
}

// Refusing before the body is read leaves it in the connection: ask the client to close it.
void refuseUnread(Response& res, int status, const std::string& message) {
    res.set_header("Connection", "close");
    sendError(res, status, message);
}

const char* errorText(int status) {
    switch (status) {
    case 400:
        return "bad request";
    case 401:
        return "admin token required";
    case 403:
        return "wrong admin token";
    case 404:
        return "not found";
    case 405:
        return "method not allowed";
    case 411:
        return "a body needs a Content-Length";
    case 413:
        return "body too large";
    case 414:
        return "request line too long";
    case 415:
        return "unsupported media type";
    default:
        return status >= 500 ? "server error" : "request refused";
    }
}

bool hasBodyMethod(const Request& req) {
    return req.method == "POST" || req.method == "PUT" || req.method == "PATCH" ||
           req.method == "DELETE";
}

// Reads what is left of a body without keeping it, so the connection can serve the next
// request. Bounded: bodies have a Content-Length (installRequestLimits), and one above the
// payload limit is skipped by httplib without being buffered.
void discardBody(const ContentReader& reader) {
    reader([](const char*, size_t) { return true; });
}

// Reads a JSON request body of at most kMaxReactionBytes; answers (413, 415, 400) and returns
// false when it cannot.
bool readJsonBody(const Request& req, Response& res, const ContentReader& reader,
                  std::string& body) {
    const uint64_t declared =
        std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10);
    if (declared > kMaxReactionBytes) {
        const std::string message =
            "body larger than " + std::to_string(kMaxReactionBytes) + " bytes";
        if (declared > kMaxDrainedBytes) return refuseUnread(res, 413, message), false;
        discardBody(reader);
        sendError(res, 413, message);
        return false;
    }
    if (!isJsonContentType(req.get_header_value("Content-Type"))) {
        discardBody(reader);
        sendError(res, 415, "Content-Type must be application/json");
        return false;
    }
    bool tooLarge = false;
    const bool read = reader([&](const char* data, size_t size) {
        if (body.size() + size > kMaxReactionBytes) {
            tooLarge = true;
            return false;
        }
        body.append(data, size);
        return true;
    });
    if (tooLarge) return refuseUnread(res, 413, "body too large"), false;
    if (!read) return sendError(res, 400, "the body could not be read"), false;
    return true;
}

// 401 without a token, 403 with a wrong one.
bool isAdmin(const Request& req, Response& res, const std::string& token) {
    if (!req.has_header("Authorization")) {
        res.set_header("WWW-Authenticate", "Bearer");
        sendError(res, 401, "admin token required (Authorization: Bearer <token>)");
        return false;
    }
    const auto given = bearerToken(req.get_header_value("Authorization"));
    if (!given) {
        res.set_header("WWW-Authenticate", "Bearer");
        sendError(res, 401, "expected Authorization: Bearer <token>");
        return false;
    }
    if (!constantTimeEquals(*given, token)) {
        sendError(res, 403, "wrong admin token");
        return false;
    }
    res.headers.erase("Cache-Control"); // replaces the default no-cache: exports are not kept
    res.set_header("Cache-Control", "no-store");
    return true;
}

json subjectCounts(const RatingCounts& c) {
    return {{"kind", c.kind}, {"id", c.id}, {"count", c.count}, {"ratings", c.ratings}};
}

json placeCounts(const RatingCounts& c) {
    return {{"wijk", c.id}, {"count", c.count}, {"ratings", c.ratings}};
}

void postReaction(const Request& req, Response& res, const ContentReader& reader,
                  ReactionStore& store, RateLimiter& limiter, const ApiConfig& config) {
    std::string body;
    if (!readJsonBody(req, res, reader, body)) return;
    auto parsed = parseReaction(body, config.rules);
    if (!parsed) return sendError(res, 400, parsed.error());
    // Only well-formed reactions count against the limit; the address is used for nothing else.
    if (const int wait = limiter.take(req.remote_addr)) {
        res.set_header("Retry-After", std::to_string(wait));
        return sendError(res, 429, "too many reactions from here, try again later");
    }
    const Reaction& reaction = parsed.value();
    switch (store.insert(reaction, std::time(nullptr))) {
    case StoreOutcome::stored:
        return sendJson(res, 201, {{"id", reaction.id}, {"status", "stored"}});
    case StoreOutcome::duplicate:
        return sendJson(res, 200, {{"id", reaction.id}, {"status", "duplicate"}});
    case StoreOutcome::failed:
        res.set_header("Retry-After", "5");
        return sendError(res, 503, "the reaction could not be stored, try again");
    }
}

void getSummary(Response& res, ReactionStore& store) {
    const Summary summary = store.summary();
    json subjects = json::array(), places = json::array();
    for (const RatingCounts& s : summary.subjects)
        subjects.push_back(subjectCounts(s));
    for (const RatingCounts& p : summary.places)
        places.push_back(placeCounts(p));
    sendJson(res, 200, {{"total", summary.total}, {"subjects", subjects}, {"places", places}});
}

void getComments(const Request& req, Response& res, ReactionStore& store) {
    const std::string kind = req.get_param_value("kind"), id = req.get_param_value("id");
    if (!isSubjectQuery(kind, id))
        return sendError(res, 400, "expected ?kind=plan|ambition|place&id=<id>");
    json comments = json::array();
    for (const PublicComment& c : store.approvedComments(kind, id, kMaxPublicComments))
        comments.push_back({{"rating", c.rating},
                            {"comment", c.comment},
                            {"lang", c.lang},
                            {"created_at", c.createdAt}});
    sendJson(res, 200, {{"kind", kind}, {"id", id}, {"comments", comments}});
}

void postModeration(const Request& req, Response& res, const ContentReader& reader,
                    ReactionStore& store) {
    std::string body;
    if (!readJsonBody(req, res, reader, body)) return;
    auto status = parseModerationRequest(body);
    if (!status) return sendError(res, 400, status.error());
    const std::string id = req.matches[1];
    switch (store.setModeration(id, status.value())) {
    case ModerationOutcome::updated:
        return sendJson(res, 200, {{"id", id}, {"moderation", status.value()}});
    case ModerationOutcome::unknownId:
        return sendError(res, 404, "no reaction with this id");
    case ModerationOutcome::failed:
        return sendError(res, 503, "could not store the moderation");
    }
}

void sendExport(Response& res, std::string body, const char* type, const char* file) {
    res.status = 200;
    res.set_header("Content-Disposition", std::string("attachment; filename=\"") + file + "\"");
    res.set_content(std::move(body), type);
}

} // namespace

void installRequestLimits(httplib::Server& server) {
    server.set_payload_max_length(kMaxReactionBytes);
    server.set_pre_routing_handler([](const Request& req, Response& res) {
        if (!hasBodyMethod(req)) {
            // httplib does not read these bodies: what was sent would be taken as the next
            // request.
            if (req.has_header("Transfer-Encoding") ||
                std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) > 0) {
                refuseUnread(res, 400, "a " + req.method + " request has no body");
                return httplib::Server::HandlerResponse::Handled;
            }
            return httplib::Server::HandlerResponse::Unhandled;
        }
        // Without a length httplib would read a body until the client stops sending.
        if (!req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) {
            refuseUnread(res, 411, "a body needs a Content-Length (no chunked encoding)");
            return httplib::Server::HandlerResponse::Handled;
        }
        const std::string encoding = req.get_header_value("Content-Encoding");
        if (!encoding.empty() && encoding != "identity") {
            refuseUnread(res, 415, "compressed request bodies are not accepted");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler([](const Request&, Response& res) {
        if (res.body.empty()) sendError(res, res.status, errorText(res.status));
    });
}

void registerApi(httplib::Server& server, ReactionStore& store, RateLimiter& limiter,
                 ApiConfig config) {
    auto cfg = std::make_shared<const ApiConfig>(std::move(config));
    server.Post("/api/reactions", [&store, &limiter, cfg](const Request& req, Response& res,
                                                          const ContentReader& reader) {
        postReaction(req, res, reader, store, limiter, *cfg);
        // Marks the API's own final refusal, so clients can tell it from a proxy's 4xx page.
        if (res.status == 400 || res.status == 409 || res.status == 413 || res.status == 415)
            res.set_header("X-Almere-Refused", "reaction");
    });
    server.Get("/api/summary", [&store](const Request&, Response& res) { getSummary(res, store); });
    server.Get("/api/comments",
               [&store](const Request& req, Response& res) { getComments(req, res, store); });

    server.Get("/api/admin/export.csv", [&store, cfg](const Request& req, Response& res) {
        if (isAdmin(req, res, cfg->adminToken))
            sendExport(res, exportCsv(store.allReactions()),
                       "text/csv; charset=utf-8; header=present", "reactions.csv");
    });
    server.Get("/api/admin/export.geojson", [&store, cfg](const Request& req, Response& res) {
        if (isAdmin(req, res, cfg->adminToken))
            sendExport(res, exportGeoJson(store.allReactions()),
                       "application/geo+json; charset=utf-8", "reactions.geojson");
    });
    server.Get("/api/admin/export.json", [&store, cfg](const Request& req, Response& res) {
        if (isAdmin(req, res, cfg->adminToken))
            sendExport(res, exportJson(store.allReactions()), "application/json; charset=utf-8",
                       "reactions.json");
    });
    server.Post(R"(/api/admin/reactions/([0-9a-f-]{36})/moderation)",
                [&store, cfg](const Request& req, Response& res, const ContentReader& reader) {
                    if (isAdmin(req, res, cfg->adminToken))
                        postModeration(req, res, reader, store);
                    else
                        discardBody(reader);
                });
}

} // namespace almere::server
