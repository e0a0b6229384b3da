#pragma once
// POST /api/admin/import (issue 11): a kiosk's USB export (almere2050 --export-outbox DIR, the
// JSON file) brought to the server by hand after an evening without network. Every reaction is
// checked as a POST /api/reactions would be (core parseReaction, the same rules) and stored once
// by its id: importing the same file twice, or a file whose reactions the kiosk delivered
// already, adds nothing the second time.
#include "core/reaction.hpp"
#include "server/http_server.hpp"
#include "server/reaction_store.hpp"

#include <cstddef>

namespace almere::server {

// An evening's export is well under 5 MB (300 reactions of at most 8 KiB each fit in 2.4 MB);
// only this route may send that much.
constexpr size_t kMaxImportBytes = 8u << 20;

// Answers {"imported": n, "already_there": n, "refused": n, "refusals": [{"id", "reason"}]}
// once every reaction is committed (or 400 when the body is not such an export at all).
void importReactions(const HttpRequest& req, const HttpReply& reply, ReactionStore& store,
                     const ReactionRules& rules);

} // namespace almere::server
