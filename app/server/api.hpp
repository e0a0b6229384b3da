#pragma once
// The feedback API under /api/. Every answer is JSON (errors: {"error": "<field>: <why>"})
// except the CSV export; '<', '>' and '&' in JSON text are sent as \u003c, \u003e, \u0026.
//
//   POST /api/reactions          body: a reaction (core/reaction.hpp), Content-Type
//                                application/json[; charset=utf-8]
//       201 {"id", "status": "stored"}     committed to disk (group commit, synchronous=FULL)
//       200 {"id", "status": "duplicate"}  this id was stored before: nothing changes
//       400 invalid field, JSON or UTF-8; 411 no Content-Length / chunked; 413 body over
//       kMaxReactionBytes; 415 other content type or compressed; 429 rate limit, with
//       Retry-After; 503 could not be stored, with Retry-After
//   GET  /api/summary            {"total", "subjects": [{"kind", "id", "count", "ratings":
//                                [n1..n5]}], "places": [{"wijk", "count", "ratings"}]}
//                                hidden reactions left out; places only with a wijk code
//   GET  /api/comments?kind=plan|ambition|place&id=ID
//                                {"kind", "id", "comments": [{"rating", "comment", "lang",
//                                "created_at"}]} approved comments only, newest first, <= 100
//   Admin, with "Authorization: Bearer <token>" (401 without, 403 wrong):
//   GET  /api/admin/export.csv       every reaction, moderation included
//   GET  /api/admin/export.geojson   FeatureCollection of the reactions with a pin
//   GET  /api/admin/export.json      {"reactions": [reaction + "received_at", "moderation"]}
//   POST /api/admin/reactions/{id}/moderation  {"status": "approved"|"hidden"|"new"}
//       200 {"id", "moderation"}; 400 bad body; 404 unknown id
#include "core/reaction.hpp"
#include "server/rate_limit.hpp"
#include "server/reaction_store.hpp"

#include <httplib.h>
#include <string>

namespace almere::server {

struct ApiConfig {
    ReactionRules rules;    // what a reaction may be about (assets/feedback/form.json)
    std::string adminToken; // for /api/admin/*
};

// Limits every request: bodies only with a Content-Length of at most kMaxReactionBytes, not
// chunked and not compressed (a small compressed body could unpack to any size); error
// answers without a body get a JSON one.
void installRequestLimits(httplib::Server& server);

// Registers the routes. `store` and `limiter` must outlive the server.
void registerApi(httplib::Server& server, ReactionStore& store, RateLimiter& limiter,
                 ApiConfig config);

} // namespace almere::server
