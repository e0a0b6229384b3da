#include "server/api.hpp"

#include "core/clock_check.hpp"
#include "core/delivery_policy.hpp"
#include "server/exports.hpp"
#include "server/json_response.hpp"
#include "server/reaction_import.hpp"
#include "server/request_checks.hpp"
#include "server/request_rules.hpp"
#include "server/results_routes.hpp"
#include "server/secrets.hpp"
#include "server/staff_routes.hpp"
#include "server/static_files.hpp"

#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>

namespace almere::server {
namespace {

using json = nlohmann::ordered_json; // keys in the order written

constexpr int kMaxPublicComments = 100;

// The API's final no to a reaction (see api.hpp): clients stop resending it.
void refuseReaction(HttpResponse& res, int status, const std::string& message) {
    res.setHeader(kRefusedHeader, "reaction");
    sendError(res, status, message);
}

const char* errorText(int status) {
    switch (status) {
    case 400:
        return "bad request";
    case 404:
        return "not found";
    case 405:
        return "method not allowed";
    case 411:
        return "a body needs a Content-Length";
    case 413:
        return "body too large";
    case 415:
        return "unsupported media type";
    case 431:
        return "request headers too large or too many";
    default:
        return status >= 500 ? "server error" : "request refused";
    }
}

// Who a reaction is counted against: the installation id a kiosk or browser sends, or, for
// clients without one, their address. Neither is stored or logged.
std::string installationKey(const HttpRequest& req) {
    const std::string id = req.header(kInstallationHeader);
    return isUuidV4(id) ? "i:" + id : "a:" + req.remoteAddress;
}

json subjectCounts(const RatingCounts& c) {
    return {{"kind", c.kind}, {"id", c.id}, {"count", c.count}, {"ratings", c.ratings}};
}

json placeCounts(const RatingCounts& c) {
    return {{"wijk", c.id}, {"count", c.count}, {"ratings", c.ratings}};
}

void answerStored(HttpResponse& res, const std::string& id, StoreOutcome outcome) {
    // The kiosks' staff panel compares its clock with this (issue 11).
    res.setHeader("Date", formatHttpDate(std::time(nullptr)));
    switch (outcome) {
    case StoreOutcome::stored:
        return sendJson(res, 201, {{"id", id}, {"status", "stored"}});
    case StoreOutcome::duplicate:
        return sendJson(res, 200, {{"id", id}, {"status", "duplicate"}});
    case StoreOutcome::conflict:
        return refuseReaction(res, 409, "id: already used for a different reaction");
    case StoreOutcome::failed:
        res.setHeader("Retry-After", "5");
        return sendError(res, 503, "the reaction could not be stored, try again");
    }
}

// Runs on the I/O thread (see Api::admit): validation and the look-up of a resent id take
// microseconds, and the commit answers through `reply` from the store's writer thread.
void postReaction(const HttpRequest& req, const HttpReply& reply, ReactionStore& store,
                  RateLimits& limits, const ApiConfig& config) {
    HttpResponse res;
    auto parsed = parseReaction(req.body, config.rules);
    if (!parsed) return refuseReaction(res, 400, parsed.error()), reply(std::move(res));
    const Reaction& reaction = parsed.value();
    // A resend is answered from what is stored: it never counts against a limit.
    if (const auto earlier = store.find(reaction.id)) {
        answerStored(res, reaction.id,
                     sameContent(*earlier, reaction) ? StoreOutcome::duplicate
                                                     : StoreOutcome::conflict);
        return reply(std::move(res));
    }
    const std::string kioskKey = req.header(kKioskKeyHeader);
    const bool kiosk = !kioskKey.empty() && constantTimeEquals(kioskKey, config.kioskKey);
    if (!kiosk) {
        int wait = limits.perInstallation.take(installationKey(req));
        if (!wait) wait = limits.perAddress.take(req.remoteAddress);
        if (wait) {
            res.setHeader("Retry-After", std::to_string(wait));
            sendError(res, 429, "too many reactions from here, try again later");
            return reply(std::move(res));
        }
    }
    store.insertAsync(reaction, std::time(nullptr),
                      [reply, id = reaction.id](StoreOutcome outcome) {
                          HttpResponse stored;
                          answerStored(stored, id, outcome);
                          reply(std::move(stored));
                      });
}

void getSummary(HttpResponse& res, ReactionStore& store) {
    res.setHeader("Date", formatHttpDate(std::time(nullptr)));
    const Summary summary = store.summary();
    json subjects = json::array(), places = json::array();
    for (const RatingCounts& s : summary.subjects)
        subjects.push_back(subjectCounts(s));
    for (const RatingCounts& p : summary.places)
        places.push_back(placeCounts(p));
    sendJson(res, 200, {{"total", summary.total}, {"subjects", subjects}, {"places", places}});
}

void getComments(const HttpRequest& req, HttpResponse& res, ReactionStore& store) {
    const std::string kind = req.queryValue("kind"), id = req.queryValue("id");
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

void postModeration(const HttpRequest& req, HttpResponse& res, ReactionStore& store,
                    const std::string& id) {
    auto status = parseModerationRequest(req.body);
    if (!status) return sendError(res, 400, status.error());
    switch (store.setModeration(id, status.value())) {
    case ModerationOutcome::updated:
        return sendJson(res, 200, {{"id", id}, {"moderation", status.value()}});
    case ModerationOutcome::unknownId:
        return sendError(res, 404, "no reaction with this id");
    case ModerationOutcome::failed:
        return sendError(res, 503, "could not store the moderation");
    }
}

void sendExport(HttpResponse& res, std::string body, const char* type, const char* file) {
    res.status = 200;
    res.setHeader("Cache-Control", "no-store"); // residents' words are not kept on the way
    res.setHeader("Content-Disposition", std::string("attachment; filename=\"") + file + "\"");
    res.setContent(std::move(body), type);
}

// The id in /api/admin/reactions/{id}/moderation, or "" for any other path.
std::string moderatedId(const std::string& path) {
    static const std::regex pattern(R"(/api/admin/reactions/([0-9a-f-]{36})/moderation)");
    std::smatch match;
    return std::regex_match(path, match, pattern) ? match[1].str() : std::string();
}

} // namespace

Api::Api(ReactionStore& store, RateLimits& limits, ApiConfig config, SessionApi* sessions,
         const StaffRoutes* staff)
    : store_(store), limits_(limits), config_(std::make_shared<const ApiConfig>(std::move(config))),
      sessions_(sessions), staff_(staff) {}

void Api::errorPage(int status, HttpResponse& res) {
    sendError(res, status, errorText(status));
}

Admission Api::admit(const HttpRequest& head, HttpResponse& refusal) const {
    ReactionStore& store = store_;
    RateLimits& limits = limits_;
    auto config = config_;
    const std::string& path = head.path;
    const std::string& method = head.method;
    const auto allowed = [&](const char* expected, size_t maxBody) {
        if (method != expected) {
            refusal.setHeader("Allow", expected);
            sendError(refusal, 405, errorText(405));
            return false;
        }
        return framingAllowed(head, refusal) &&
               (!maxBody || jsonBodyAllowed(head, maxBody, refusal));
    };
    const auto route = [&](const char* expected, HttpHandler handler, size_t maxBody = 0) {
        return allowed(expected, maxBody) ? Admission{std::move(handler), nullptr, maxBody}
                                          : Admission{};
    };
    // The one check for every admin route: the bearer token, or the staff page's cookie
    // (server/staff_auth.hpp). Nothing an admin route answers is kept by a cache.
    const StaffRoutes* staff = staff_;
    const auto admin = [&](const char* allowed, HttpHandler handler, size_t maxBody = 0) {
        refusal.setHeader("Cache-Control", "no-store");
        if (method == allowed && !(staff ? staff->auth().admits(head, refusal, config->adminToken)
                                         : isAdmin(head, refusal, config->adminToken)))
            return Admission{};
        return route(allowed, withNoStore(std::move(handler)), maxBody);
    };
    const auto exportRoute = [&](std::string (*format)(const std::vector<StoredReaction>&),
                                 const char* type, const char* file) {
        return admin("GET", [&store, format, type, file](const HttpRequest&, HttpResponse& res) {
            sendExport(res, format(store.allReactions()), type, file);
        });
    };

    if (sessions_ && (path == "/api/sessions" || path.rfind("/api/sessions/", 0) == 0 ||
                      path.rfind("/api/agendas/", 0) == 0))
        return sessions_->admit(head, refusal);
    if (staff && StaffRoutes::handles(path)) return staff->admit(head, refusal);
    if (path == "/api/reactions") {
        if (!allowed("POST", kMaxReactionBytes)) {
            // Too large or not JSON: no resend will change that.
            if (refusal.status == 413 || refusal.status == 415)
                refusal.setHeader(kRefusedHeader, "reaction");
            return Admission{};
        }
        return Admission{nullptr,
                         [&store, &limits, config](const HttpRequest& req, HttpReply reply) {
                             postReaction(req, reply, store, limits, *config);
                         },
                         kMaxReactionBytes};
    }
    if (path == "/api/summary")
        return route("GET",
                     [&store](const HttpRequest&, HttpResponse& res) { getSummary(res, store); });
    if (path == "/api/comments")
        return route("GET", [&store](const HttpRequest& req, HttpResponse& res) {
            getComments(req, res, store);
        });
    if (path == "/api/admin/export.csv")
        return exportRoute(exportCsv, "text/csv; charset=utf-8; header=present", "reactions.csv");
    if (path == "/api/admin/export.geojson")
        return exportRoute(exportGeoJson, "application/geo+json; charset=utf-8",
                           "reactions.geojson");
    if (path == "/api/admin/export.json")
        return exportRoute(exportJson, "application/json; charset=utf-8", "reactions.json");
    if (isStaffResultsPath(path))
        return admin("GET", [&store, config](const HttpRequest& req, HttpResponse& res) {
            serveStaffResults(req, res, store, config->results);
        });
    if (staff && path == "/api/admin/queue")
        return admin("GET", [staff](const HttpRequest& req, HttpResponse& res) {
            staff->answerQueue(req, res);
        });
    if (path == "/api/admin/import") {
        // Admitted like every admin route (token, method, JSON, its own larger size limit), then
        // answered once the store's writer has committed the lot (server/reaction_import.hpp).
        Admission admission = admin(
            "POST", [](const HttpRequest&, HttpResponse&) {}, kMaxImportBytes);
        if (admission.admitted()) {
            admission.handler = nullptr;
            admission.asyncHandler = [&store, config](const HttpRequest& req, HttpReply reply) {
                importReactions(req, reply, store, config->rules);
            };
        }
        return admission;
    }
    if (const std::string id = moderatedId(path); !id.empty())
        return admin(
            "POST",
            [&store, id](const HttpRequest& req, HttpResponse& res) {
                postModeration(req, res, store, id);
            },
            kMaxReactionBytes);
    if (!config->webRoot.empty() && path.rfind("/api/", 0) != 0 && method == "GET")
        return route("GET", [config](const HttpRequest& req, HttpResponse& res) {
            serveStaticFile(req, res, config->webRoot);
            // X-Frame-Options is left out on purpose: it knows only DENY and SAMEORIGIN, no
            // allowlist, and browsers that know CSP ignore it when frame-ancestors is present.
            addFramePolicy(res, framePolicyFor(req.path, config->framePolicy));
        });
    sendError(refusal, 404, errorText(404));
    return Admission{};
}

} // namespace almere::server
