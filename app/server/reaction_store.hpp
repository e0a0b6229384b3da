#pragma once
// Where the server keeps reactions: one SQLite file in WAL mode with synchronous=FULL, so a
// reaction that insert() reports as stored survives a crash or a power cut.
//
// Group commit: callers queue their reaction; one writer thread takes everything queued,
// writes it in one BEGIN IMMEDIATE transaction and commits (one fsync for the lot), then hands
// each caller its outcome. Throughput grows with concurrency instead of being capped at one
// fsync per reaction.
#include "core/reaction.hpp"

#include <array>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

struct sqlite3;

namespace almere::server {

class Statement;

// duplicate: this id was stored before with the same content (a resend); conflict: with other
// content (a client bug: the new content is not stored).
enum class StoreOutcome { stored, duplicate, conflict, failed };

struct StoredReaction {
    Reaction reaction;
    int64_t receivedAt = 0;    // unix seconds, server clock
    bool clockSuspect = false; // the client's clock was evidently wrong (isClockSuspect)
    std::string moderation;    // "new", "approved" or "hidden"
};

struct RatingCounts {
    std::string kind; // "plan", "ambition" or "place"
    std::string id;   // plan or ambition id, or the wijk code of a place
    int64_t count = 0;
    std::array<int64_t, 5> ratings{}; // how many gave 1 .. 5
};

struct Summary {
    int64_t total = 0;                  // every reaction not hidden, also pins outside any wijk
    std::vector<RatingCounts> subjects; // plans and ambitions
    std::vector<RatingCounts> places;   // per wijk
};

struct PublicComment {
    int rating = 0;
    std::string comment;
    std::string lang;
    int64_t createdAt = 0;
};

enum class ModerationOutcome { updated, unknownId, failed };

// Which reactions the staff's moderation queue shows (server/staff_routes.hpp); "" = any.
struct QueueFilter {
    std::string status = "new";         // moderation
    std::string plan;                   // about this plan, or given while it was switched on
    std::string phase;                  // the timeline's phase when it was given
    std::string wijk;                   // tied to or pinned in this wijk
    std::string channel;                // "kiosk", "web" or "session"
    std::optional<int64_t> from, until; // created_at in [from, until), unix seconds
};

class ReactionStore {
  public:
    // Opens (creating when missing) the database at `path`; nullptr and `error` on failure.
    static std::unique_ptr<ReactionStore> open(const std::string& path, std::string& error);
    ~ReactionStore(); // close()

    // Queues the reaction; `done` is called on the writer thread once it is durably committed
    // (stored), found to be there already (duplicate or conflict), or could not be written
    // (failed). `done` must not block: the next batch waits for it.
    using Done = std::function<void(StoreOutcome)>;
    void insertAsync(const Reaction& reaction, int64_t receivedAt, Done done);

    // The same, waiting for the outcome.
    StoreOutcome insert(const Reaction& reaction, int64_t receivedAt);

    // The stored reaction with this id, if any (a resend is answered without queueing it). On a
    // connection of its own, so it never waits behind a long export.
    std::optional<Reaction> find(const std::string& id);

    Summary summary();
    std::vector<PublicComment> approvedComments(const std::string& kind, const std::string& id,
                                                int limit);
    std::vector<StoredReaction> allReactions(); // in the order they arrived
    // Reactions with a comment that pass `filter`, oldest first, at most `limit`.
    std::vector<StoredReaction> queue(const QueueFilter& filter, int limit);
    ModerationOutcome setModeration(const std::string& id, const std::string& status);

    // Commits what is queued, stops the writer and closes the database. Later inserts fail.
    void close();

  private:
    struct Pending;
    ReactionStore() = default;
    void writerLoop();
    void commitBatch(Statement& insert, std::vector<Pending>& batch);

    sqlite3* writeDb_ = nullptr; // used by the writer thread only
    sqlite3* readDb_ = nullptr;  // queries and moderation, under readMutex_
    std::mutex readMutex_;
    sqlite3* lookupDb_ = nullptr; // find(), under lookupMutex_
    std::unique_ptr<Statement> lookup_;
    std::mutex lookupMutex_;

    std::mutex queueMutex_;
    std::condition_variable queued_; // the writer waits for work
    std::vector<Pending> queue_;
    bool stopping_ = false;
    std::thread writer_;
};

// Looking a reaction up by id: the statement (prepared once per connection) and its use.
std::unique_ptr<Statement> prepareFindReaction(sqlite3* db);
std::optional<Reaction> findReaction(Statement& byId, const std::string& id);

} // namespace almere::server
