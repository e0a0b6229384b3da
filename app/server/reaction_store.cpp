#include "server/reaction_store.hpp"

#include "server/sqlite_statement.hpp"

#include <future>
#include <sqlite3.h>

namespace almere::server {
namespace {

const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS reactions (
  id TEXT NOT NULL UNIQUE,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  lon REAL,
  lat REAL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT NOT NULL,
  age_band TEXT NOT NULL,
  home_stadsdeel TEXT NOT NULL,
  plan_state TEXT NOT NULL,
  lang TEXT NOT NULL,
  channel TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  clock_suspect INTEGER NOT NULL DEFAULT 0,
  moderation TEXT NOT NULL DEFAULT 'new' CHECK (moderation IN ('new', 'approved', 'hidden')),
  wijk TEXT
);
CREATE INDEX IF NOT EXISTS reactions_by_subject ON reactions (subject_kind, subject_id);
)sql";

// ON CONFLICT(id) DO NOTHING (not INSERT OR IGNORE, which would also swallow a failed CHECK):
// only a resent id counts as a duplicate.
const char* const kInsert =
    "INSERT INTO reactions (id, subject_kind, subject_id, lon, lat, rating, comment, age_band, "
    "home_stadsdeel, plan_state, lang, channel, created_at, received_at, clock_suspect, wijk) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

// Databases made before the column existed get it (their reactions were all checked against
// 2020-2100, so 0 is right for them).
bool addClockSuspectColumn(sqlite3* db, std::string& error) {
    Statement columns(db, "SELECT 1 FROM pragma_table_info('reactions') WHERE name = "
                          "'clock_suspect'");
    if (columns.step() == SQLITE_ROW) return true;
    return execSql(db, "ALTER TABLE reactions ADD COLUMN clock_suspect INTEGER NOT NULL DEFAULT 0",
                   &error);
}

// The wijk of a plan or ambition reaction (issue 10): NULL where none was given, and for every
// reaction stored before the column existed.
bool addWijkColumn(sqlite3* db, std::string& error) {
    Statement columns(db, "SELECT 1 FROM pragma_table_info('reactions') WHERE name = 'wijk'");
    if (columns.step() == SQLITE_ROW) return true;
    return execSql(db, "ALTER TABLE reactions ADD COLUMN wijk TEXT", &error);
}

bool openConnection(const std::string& path, sqlite3*& db, std::string& error) {
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
        return false;
    }
    // Waits instead of failing while the other connection holds the write lock.
    sqlite3_busy_timeout(db, 5000);
    Statement wal(db, "PRAGMA journal_mode=WAL");
    if (wal.step() != SQLITE_ROW || wal.text(0) != "wal") {
        error = path + ": cannot switch to WAL mode";
        return false;
    }
    // FULL: a commit is on disk (WAL fsynced) before insert() returns.
    if (!execSql(db, "PRAGMA synchronous=FULL", &error)) {
        error = path + ": " + error;
        return false;
    }
    return true;
}

} // namespace

struct ReactionStore::Pending {
    Reaction reaction;
    int64_t receivedAt = 0;
    Done done;
    StoreOutcome outcome = StoreOutcome::failed;
};

std::unique_ptr<ReactionStore> ReactionStore::open(const std::string& path, std::string& error) {
    std::unique_ptr<ReactionStore> store(new ReactionStore());
    if (!openConnection(path, store->writeDb_, error)) return nullptr;
    if (!execSql(store->writeDb_, kSchema, &error) ||
        !addClockSuspectColumn(store->writeDb_, error) || !addWijkColumn(store->writeDb_, error)) {
        error = path + ": " + error;
        return nullptr;
    }
    if (!openConnection(path, store->readDb_, error) ||
        !openConnection(path, store->lookupDb_, error))
        return nullptr;
    store->lookup_ = prepareFindReaction(store->lookupDb_);
    store->writer_ = std::thread(&ReactionStore::writerLoop, store.get());
    return store;
}

ReactionStore::~ReactionStore() {
    close();
}

void ReactionStore::close() {
    {
        std::lock_guard<std::mutex> lock(queueMutex_);
        stopping_ = true;
    }
    queued_.notify_all();
    if (writer_.joinable()) writer_.join();
    std::lock_guard<std::mutex> readLock(readMutex_);
    std::lock_guard<std::mutex> lookupLock(lookupMutex_);
    // The last connection to close checkpoints the WAL into the database file.
    lookup_.reset(); // finalized before its connection closes
    sqlite3_close_v2(lookupDb_);
    sqlite3_close_v2(readDb_);
    sqlite3_close_v2(writeDb_);
    lookupDb_ = readDb_ = writeDb_ = nullptr;
}

void ReactionStore::insertAsync(const Reaction& reaction, int64_t receivedAt, Done done) {
    {
        std::lock_guard<std::mutex> lock(queueMutex_);
        if (!stopping_) {
            queue_.push_back({reaction, receivedAt, std::move(done)});
            queued_.notify_one();
            return;
        }
    }
    done(StoreOutcome::failed);
}

StoreOutcome ReactionStore::insert(const Reaction& reaction, int64_t receivedAt) {
    // Shared with the writer thread, which may still be inside set_value() when get() returns.
    auto outcome = std::make_shared<std::promise<StoreOutcome>>();
    std::future<StoreOutcome> result = outcome->get_future();
    insertAsync(reaction, receivedAt, [outcome](StoreOutcome o) { outcome->set_value(o); });
    return result.get();
}

void ReactionStore::writerLoop() {
    Statement insert(writeDb_, kInsert);
    std::vector<Pending> batch;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(queueMutex_);
            queued_.wait(lock, [&] { return !queue_.empty() || stopping_; });
            if (queue_.empty()) return; // stopping, and everything queued is committed
            batch.swap(queue_);
        }
        commitBatch(insert, batch);
        for (Pending& p : batch)
            p.done(p.outcome);
        batch.clear();
    }
}

void ReactionStore::commitBatch(Statement& insert, std::vector<Pending>& batch) {
    auto failAll = [&] {
        for (Pending& p : batch)
            p.outcome = StoreOutcome::failed;
    };
    if (!insert.ok() || !execSql(writeDb_, "BEGIN IMMEDIATE")) return failAll();
    for (Pending& pending : batch) {
        Pending* p = &pending;
        const Reaction& r = p->reaction;
        insert.reset();
        insert.bind(1, r.id);
        insert.bind(2, r.subjectKind);
        insert.bind(3, r.subjectId);
        if (r.pin) {
            insert.bind(4, r.pin->lon);
            insert.bind(5, r.pin->lat);
        } else {
            insert.bindNull(4);
            insert.bindNull(5);
        }
        insert.bind(6, int64_t(r.rating));
        insert.bind(7, r.comment);
        insert.bind(8, r.ageBand);
        insert.bind(9, r.homeStadsdeel);
        insert.bind(10, r.planState);
        insert.bind(11, r.lang);
        insert.bind(12, r.channel);
        insert.bind(13, r.createdAt);
        insert.bind(14, p->receivedAt);
        insert.bind(15, int64_t(isClockSuspect(r.createdAt, p->receivedAt)));
        if (r.wijk.empty())
            insert.bindNull(16);
        else
            insert.bind(16, r.wijk);
        if (insert.step() != SQLITE_DONE) {
            p->outcome = StoreOutcome::failed;
        } else if (sqlite3_changes(writeDb_) == 1) {
            p->outcome = StoreOutcome::stored;
        } else {
            const std::optional<Reaction> earlier =
                findReaction(*prepareFindReaction(writeDb_), r.id);
            p->outcome = earlier && sameContent(*earlier, r) ? StoreOutcome::duplicate
                                                             : StoreOutcome::conflict;
        }
    }
    insert.reset();
    if (!execSql(writeDb_, "COMMIT")) {
        execSql(writeDb_, "ROLLBACK");
        failAll();
    }
}

} // namespace almere::server
