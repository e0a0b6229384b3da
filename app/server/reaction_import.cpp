#include "server/reaction_import.hpp"

#include "server/json_response.hpp"

#include <ctime>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace almere::server {
namespace {

using json = nlohmann::ordered_json;

// The tally of one import, filled from the store's writer thread as each outcome arrives.
struct ImportTally {
    std::mutex mutex;
    size_t waiting = 0;
    int imported = 0, alreadyThere = 0;
    json refusals = json::array();
    HttpReply reply;

    void refuse(const std::string& id, const std::string& reason) {
        refusals.push_back({{"id", id}, {"reason", reason}});
    }
    void answer() {
        HttpResponse res;
        res.setHeader("Cache-Control", "no-store"); // as every admin answer
        sendJson(res, 200,
                 {{"imported", imported},
                  {"already_there", alreadyThere},
                  {"refused", refusals.size()},
                  {"refusals", refusals}});
        reply(std::move(res));
    }
};

// The reaction in one row of the export: a kiosk row holds it under "reaction"; a row of the
// server's own export.json is the reaction plus what the server added when it was stored.
json reactionOf(const json& row) {
    if (row.is_object() && row.contains("reaction")) return row["reaction"];
    json item = row;
    if (item.is_object())
        for (const char* added : {"received_at", "clock_suspect", "moderation"})
            item.erase(added);
    return item;
}

// The id to name in a refusal: the reaction's own, else the kiosk row's.
std::string idOf(const json& row, const json& item) {
    for (const json* j : {&item, &row})
        if (j->is_object() && j->contains("id") && (*j)["id"].is_string())
            return (*j)["id"].get<std::string>();
    return "";
}

} // namespace

void importReactions(const HttpRequest& req, const HttpReply& reply, ReactionStore& store,
                     const ReactionRules& rules) {
    const json doc = json::parse(req.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("reactions") ||
        !doc["reactions"].is_array()) {
        HttpResponse res;
        sendError(res, 400, "expected a kiosk export: {\"reactions\": [...]}");
        return reply(std::move(res));
    }
    auto tally = std::make_shared<ImportTally>();
    tally->reply = reply;
    std::vector<Reaction> valid;
    for (const json& row : doc["reactions"]) {
        const json item = reactionOf(row);
        // The very parser of POST /api/reactions, on the reaction's own JSON text.
        auto parsed = parseReaction(item.dump(), rules);
        if (!parsed) {
            tally->refuse(idOf(row, item), parsed.error());
            continue;
        }
        // As for a resend to POST /api/reactions: what is stored already is answered from the
        // store (the writer would keep the stored row either way, but not tell them apart).
        if (const auto earlier = store.find(parsed.value().id)) {
            if (sameContent(*earlier, parsed.value()))
                ++tally->alreadyThere;
            else
                tally->refuse(parsed.value().id, "id: already used for a different reaction");
            continue;
        }
        valid.push_back(parsed.take());
    }
    if (valid.empty()) return tally->answer();
    tally->waiting = valid.size();
    const int64_t now = std::time(nullptr);
    for (const Reaction& reaction : valid)
        store.insertAsync(reaction, now, [tally, id = reaction.id](StoreOutcome outcome) {
            std::lock_guard<std::mutex> lock(tally->mutex);
            switch (outcome) {
            case StoreOutcome::stored:
                ++tally->imported;
                break;
            case StoreOutcome::duplicate:
                ++tally->alreadyThere;
                break;
            case StoreOutcome::conflict:
                tally->refuse(id, "id: already used for a different reaction");
                break;
            case StoreOutcome::failed:
                tally->refuse(id, "could not be stored; import the file again");
                break;
            }
            if (--tally->waiting == 0) tally->answer();
        });
}

} // namespace almere::server
