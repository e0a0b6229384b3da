#pragma once
// The feedback API under /api/. Every answer is JSON (errors: {"error": "<field>: <why>"})
// except the CSV export; '<', '>' and '&' in JSON text are sent as \u003c, \u003e, \u0026.
//
//   POST /api/reactions          body: a reaction (core/reaction.hpp), Content-Type
//                                application/json[; charset=utf-8]
//                                headers (both optional): X-Almere-Installation: <UUID v4 made
//                                once per kiosk or browser>, X-Almere-Kiosk-Key: <kiosk key>
//       201 {"id", "status": "stored"}     committed to disk (group commit, synchronous=FULL)
//       200 {"id", "status": "duplicate"}  this id was stored before with the same content
//       400 invalid field, JSON or UTF-8; 409 this id was stored with other content; 413 body
//       over kMaxReactionBytes; 415 other content type or compressed. These four, and only
//       these, carry "X-Almere-Refused: reaction": the API's final no, after which a client
//       stops resending (a 4xx without it may come from a proxy or captive portal).
//       411 no Content-Length / chunked; 429 rate limit, with Retry-After (per installation,
//       with a higher ceiling per address; resends and kiosks with the key are not counted);
//       503 could not be stored, with Retry-After
//   GET  /api/summary            {"total", "subjects": [{"kind", "id", "count", "ratings":
//                                [n1..n5]}], "places": [{"wijk", "count", "ratings"}]}
//                                hidden reactions left out; places only with a wijk code
//   GET  /api/comments?kind=plan|ambition|place&id=ID
//                                {"kind", "id", "comments": [{"rating", "comment", "lang",
//                                "created_at"}]} approved comments only, newest first, <= 100
//   Admin, with "Authorization: Bearer <token>" (401 without, 403 wrong), or the staff page's
//   session cookie (+ same-origin and X-Almere-CSRF for a change; server/staff_auth.hpp).
//   Every admin answer carries Cache-Control: no-store:
//   GET  /api/admin/export.csv       every reaction, moderation included
//   GET  /api/admin/export.geojson   FeatureCollection of the reactions with a pin
//   GET  /api/admin/export.json      {"reactions": [reaction + "received_at", "clock_suspect",
//                                    "moderation"]}
//   POST /api/admin/reactions/{id}/moderation  {"status": "approved"|"hidden"|"new"}
//       200 {"id", "moderation"}; 400 bad body; 404 unknown id
//   GET  /api/admin/results.json, /api/admin/results/<table>.csv, and the pages
//        /staff/resultaten and /staff/rapport: the campaign's results (server/results_routes.hpp)
//   GET  /api/admin/queue?...     the moderation queue (server/staff_routes.hpp)
// The staff page's sign-in under /api/staff: server/staff_routes.hpp.
// Burgerberaad sessions under /api/sessions: server/session_api.hpp.
// Anything else under /api/ is 404, a known path with another method 405. Routes and the admin
// token are checked from the request head, before any body is read (http_server.hpp).
#include "core/reaction.hpp"
#include "server/http_server.hpp"
#include "server/rate_limit.hpp"
#include "server/reaction_store.hpp"
#include "server/session_api.hpp"
#include "server/staff_results.hpp"
#include "server/staff_routes.hpp"

#include <memory>
#include <string>

namespace almere::server {

struct ApiConfig {
    ReactionRules rules;    // what a reaction may be about (assets/feedback/form.json)
    std::string adminToken; // for /api/admin/*
    std::string kioskKey;   // lifts the rate limit
    std::string webRoot;    // the web viewer's files; "" = API only
    // "Content-Security-Policy" on the viewer's HTML pages: which sites may show them in an
    // iframe (frameAncestorsPolicy; almere-server --frame-ancestors, default same origin only).
    std::string framePolicy = "frame-ancestors 'self'";
    ResultsContent results; // the staff's results pages (server/results_routes.hpp)
};

struct RateLimits {
    RateLimiter perInstallation; // a kiosk or browser (or an address, for clients without an id)
    RateLimiter perAddress;      // a room full of phones shares one public address
};

// The routes; `store` and `limits` must outlive it.
class Api {
  public:
    // `sessions` (may be null) answers everything under /api/sessions; `staff` (may be null:
    // the bearer token only) /api/staff/* and the moderation queue.
    Api(ReactionStore& store, RateLimits& limits, ApiConfig config, SessionApi* sessions = nullptr,
        const StaffRoutes* staff = nullptr);

    // For HttpServer: routes and authorises a request from its head.
    Admission admit(const HttpRequest& head, HttpResponse& refusal) const;

    // For HttpServer: a JSON answer {"error": "..."} for a status.
    static void errorPage(int status, HttpResponse& res);

  private:
    ReactionStore& store_;
    RateLimits& limits_;
    std::shared_ptr<const ApiConfig> config_;
    SessionApi* sessions_;
    const StaffRoutes* staff_;
};

} // namespace almere::server
