#pragma once
// The kiosk's outbox (issue 4): every reaction is stored here before the resident is thanked,
// and stays until the server has confirmed it. One SQLite file, DATA_DIR/outbox.sqlite, in WAL
// mode with synchronous=FULL: a reaction whose add() returned survives a pulled plug.
//
// One Outbox is one connection; SQLite connections must not be shared between threads, so each
// thread opens its own (WAL lets one writer and many readers work side by side). Every method
// reports failure as a readable string ("" = done) and never throws.
//
// A row is pending until it is delivered (the server has it) or rejected (the API refused it for
// good, core/delivery_policy.hpp: kept with the server's reason for staff, never resent, never
// deleted; `almere2050 --export-outbox` hands it to the participation team).
// Times are unix milliseconds.
#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace almere::platform {

struct OutboxRow {
    std::string id;
    std::string body; // the reaction's JSON, sent as it is
    int attempts = 0; // how many times a send has been tried so far
};

enum class OutboxState { Pending, Delivered, Refused };

// A row as staff see it (the export): everything the outbox knows about one reaction.
struct OutboxEntry {
    std::string id;
    std::string body;
    OutboxState state = OutboxState::Pending;
    int64_t createdAtMs = 0;
    int64_t settledAtMs = 0; // when delivered or refused; 0 while pending
    int attempts = 0;
    std::string lastError;     // why the latest failed attempt failed ("" when none did)
    std::string refusedReason; // the server's reason, for a refused row
};

struct OutboxCounts {
    size_t total = 0;
    size_t delivered = 0;
    size_t pending = 0;
    size_t rejected = 0;
};

class Outbox {
  public:
    // Opens (creating when missing) dataDir/outbox.sqlite, creating dataDir too. Fails with a
    // readable error for an unwritable folder, a read-only file or a file that is not a sound
    // SQLite database.
    static Result<std::unique_ptr<Outbox>> open(const std::string& dataDir);
    static std::string pathIn(const std::string& dataDir);

    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // Stores a reaction, due at once. Returns only after the commit is durable. Adding an id that
    // is already stored changes nothing (and is not an error): resending is harmless.
    std::string add(const std::string& id, const std::string& body, int64_t nowMs);

    // Pending rows whose next attempt is due, oldest first, at most `limit`.
    Result<std::vector<OutboxRow>> due(int64_t nowMs, size_t limit);
    // When the earliest pending row is next due; -1 when nothing is pending.
    Result<int64_t> nextAttemptAt();

    std::string markDelivered(const std::string& id, int64_t nowMs);
    std::string markRejected(const std::string& id, const std::string& reason, int64_t nowMs);
    // Counts a failed attempt and sets when to try again; `why` is kept for the facilitator.
    std::string scheduleRetry(const std::string& id, int64_t nextAttemptMs, const std::string& why);
    // Makes every pending row due now: after a restart the old schedule (maybe set under a wrong
    // clock) no longer means anything.
    std::string makeAllPendingDue(int64_t nowMs);

    Result<OutboxCounts> counts();
    // The staff panel's view (one read transaction): the counts, when a row was last delivered
    // (unix ms, 0 = never) and the newest refused rows with the server's reason (at most
    // `refusedLimit`, newest first; id, reason and settledAtMs only).
    struct StaffView {
        OutboxCounts counts;
        int64_t lastDeliveredMs = 0;
        std::vector<OutboxEntry> latestRefused;
    };
    Result<StaffView> staffView(size_t refusedLimit);
    // Every row, oldest first, whatever its state.
    Result<std::vector<OutboxEntry>> all();
    // This installation's random id (UUID v4), made on first use and kept in the file: the
    // server rate-limits per installation, so it must outlive restarts of the app.
    Result<std::string> installationId();
    // PRAGMA integrity_check: "" when the file is sound, otherwise what SQLite found.
    std::string checkIntegrity();

  private:
    Outbox(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    std::string fail(const char* what) const;
    std::string exec(const char* sql);
    // Runs one write statement (?1 id, ?2 number, ?3 text) in its own BEGIN IMMEDIATE.
    std::string write(const char* sql, const std::string& id, int64_t number,
                      const std::string& text);

    sqlite3* db_;
    std::string path_;
};

} // namespace almere::platform
