#pragma once
// Where a resident's reaction goes once they press "Versturen". One implementation per target:
//  - kiosk (feedback_native.cpp): a local SQLite outbox (WAL, synchronous=FULL, BEGIN IMMEDIATE)
//    and a background thread that sends it to the server, with backoff, until it is delivered;
//  - browser (feedback_web.cpp): localStorage, then a POST to the server, retried on failure.
// submit() returns only when the reaction is stored durably on this device: only then may the
// app thank the resident.
#include <cstdint>
#include <memory>
#include <string>

namespace almere::platform {

// What the sync thread last saw of the server, for the kiosk staff panel. Times are unix ms of
// the kiosk's clock; 0 = never.
struct SyncStatus {
    bool hasServer = false;     // a server is configured at all
    int64_t lastAttemptMs = 0;  // the latest request, answered or not
    int64_t lastSuccessMs = 0;  // the latest request the server answered as hoped
    bool reachable = false;     // the latest request got an HTTP answer
    std::string lastError;      // why the latest request failed ("" when it did not)
    int64_t serverAheadMs = 0;  // the server's Date header minus the kiosk's clock ...
    bool sawServerDate = false; // ... when an answer carried one
};

class FeedbackSink {
  public:
    virtual ~FeedbackSink() = default;

    // Stores `json` (a reaction, core/reaction.hpp) under its `id`. Returns "" when it is safe
    // (durable; sending happens in the background), otherwise a readable error.
    virtual std::string submit(const std::string& id, const std::string& json) = 0;

    // Reactions stored here that the server has not confirmed yet (for the facilitator).
    virtual size_t pending() const = 0;

    // The server's latest GET /api/summary body, or "" when none has arrived yet.
    virtual std::string latestSummary() const = 0;

    // The staff panel's view of the sync (the browser has none to show).
    virtual SyncStatus syncStatus() const { return {}; }
    // "Nu versturen": every waiting reaction is due now and the sync thread wakes at once,
    // also from a backoff.
    virtual void sendNow() {}
};

struct FeedbackConfig {
    std::string serverUrl; // e.g. "http://127.0.0.1:8080"; "" = the page's own origin (web)
    std::string dataDir;   // kiosk: folder for outbox.sqlite (created when missing)
    std::string kioskKey;  // kiosk: sent as X-Almere-Kiosk-Key, lifting the server's rate
                           // limit for an evening's backlog; "" = none
};

// The target's sink. Natively it starts the sync thread (stopped by the destructor); a sink
// that cannot open its store returns nullptr and writes why to `error`.
std::unique_ptr<FeedbackSink> openFeedbackSink(const FeedbackConfig& config, std::string& error);

} // namespace almere::platform
