#include "platform/outbox.hpp"

#include "core/reaction.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>

namespace almere::platform {

namespace {

// Schema version 1. A row is pending while delivered_at_ms and rejected_reason are both NULL;
// a row with a rejected_reason is one the server refused for good. The partial index keeps
// "what is due" cheap however many delivered rows pile up. meta holds this installation's own
// values (its installation id); it came later, but older files gain it on open and older apps
// ignore it, so the version stays 1 and a kiosk can still be rolled back.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_ms INTEGER NOT NULL,
  last_error TEXT,
  delivered_at_ms INTEGER,
  rejected_at_ms INTEGER,
  rejected_reason TEXT);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox(seq)
  WHERE delivered_at_ms IS NULL AND rejected_reason IS NULL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA user_version = 1;
)sql";

constexpr int kSchemaVersion = 1;
constexpr int kBusyTimeoutMs = 5000;

// One prepared statement, finalized on every path out.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql) {
        rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return rc_ == SQLITE_OK; }
    void bind(int index, const std::string& text) {
        sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT);
    }
    void bind(int index, int64_t number) { sqlite3_bind_int64(stmt_, index, number); }
    int step() { return sqlite3_step(stmt_); }
    int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    bool isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    std::string text(int column) const {
        const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        return bytes ? std::string(bytes, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
                     : std::string();
    }

  private:
    sqlite3_stmt* stmt_ = nullptr;
    int rc_ = SQLITE_ERROR;
};

std::string describe(const std::string& path, sqlite3* db) {
    return "outbox " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
}

// Answers a one-value PRAGMA, or "" after an error (then sqlite3_errmsg says why).
std::string pragmaValue(sqlite3* db, const char* sql) {
    Statement statement(db, sql);
    if (!statement.ok() || statement.step() != SQLITE_ROW) return "";
    return statement.text(0);
}

// Residents' reactions are for this user alone, whoever made the folder or the files: group and
// others lose every right (best effort: a folder owned by someone else keeps its mode, and the
// open that follows says more). The owner's rights stay as they are.
void makePrivate(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        std::filesystem::permissions(
            path, std::filesystem::perms::group_all | std::filesystem::perms::others_all,
            std::filesystem::perm_options::remove, ec);
}

} // namespace

std::string Outbox::pathIn(const std::string& dataDir) {
    return (std::filesystem::path(dataDir) / "outbox.sqlite").string();
}

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& dataDir) {
    using R = Result<std::unique_ptr<Outbox>>;
    if (dataDir.empty()) return R::failure("outbox: no data folder given");
    std::error_code ec;
    std::filesystem::create_directories(dataDir, ec);
    if (ec) return R::failure("outbox: cannot create the folder " + dataDir + ": " + ec.message());
    makePrivate(dataDir);

    const std::string path = pathIn(dataDir);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        const std::string error = describe(path, db);
        sqlite3_close(db);
        return R::failure(error);
    }
    // Before the WAL exists: SQLite gives a new WAL the database file's mode.
    for (const char* suffix : {"", "-wal", "-shm"})
        makePrivate(path + suffix);
    std::unique_ptr<Outbox> outbox(new Outbox(db, path));
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    sqlite3_extended_result_codes(db, 1);
    // SQLite falls back to read-only quietly when it may not write; a kiosk that cannot store
    // reactions must say so instead of failing at the first resident.
    if (sqlite3_db_readonly(db, "main") == 1)
        return R::failure("outbox " + path + ": the file is read-only");
    // The first statement that reads the file is where a damaged or foreign file shows up.
    const std::string mode = pragmaValue(db, "PRAGMA journal_mode=WAL");
    if (mode != "wal")
        return R::failure(mode.empty() ? outbox->fail("cannot open")
                                       : "outbox " + path + ": cannot switch to WAL mode (" + mode +
                                             "); is the folder writable?");
    if (std::string error = outbox->exec("PRAGMA synchronous=FULL"); !error.empty())
        return R::failure(error);
    const std::string check = pragmaValue(db, "PRAGMA quick_check");
    if (check != "ok")
        return R::failure("outbox " + path + " is damaged: " +
                          (check.empty() ? std::string(sqlite3_errmsg(db)) : check));
    const std::string version = pragmaValue(db, "PRAGMA user_version");
    if (!version.empty() && std::atoll(version.c_str()) > kSchemaVersion)
        return R::failure("outbox " + path + " was written by a newer version (schema " + version +
                          ")");
    if (std::string error = outbox->exec("BEGIN IMMEDIATE"); !error.empty())
        return R::failure(error);
    if (std::string error = outbox->exec(kSchema); !error.empty()) {
        outbox->exec("ROLLBACK");
        return R::failure(error);
    }
    if (std::string error = outbox->exec("COMMIT"); !error.empty()) {
        outbox->exec("ROLLBACK");
        return R::failure(error);
    }
    return R(std::move(outbox));
}

Outbox::~Outbox() {
    sqlite3_close(db_);
}

std::string Outbox::fail(const char* what) const {
    return "outbox " + path_ + ": " + what + ": " + sqlite3_errmsg(db_);
}

std::string Outbox::exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return "";
    std::string error = "outbox " + path_ + ": " + (message ? message : sqlite3_errmsg(db_));
    sqlite3_free(message);
    return error;
}

std::string Outbox::write(const char* sql, const std::string& id, int64_t number,
                          const std::string& text) {
    if (std::string error = exec("BEGIN IMMEDIATE"); !error.empty()) return error;
    Statement statement(db_, sql);
    if (!statement.ok()) {
        std::string error = fail("cannot prepare");
        exec("ROLLBACK");
        return error;
    }
    // Binding a parameter the statement does not use is a harmless SQLITE_RANGE.
    statement.bind(1, id);
    statement.bind(2, number);
    statement.bind(3, text);
    if (statement.step() != SQLITE_DONE) {
        std::string error = fail("cannot write");
        exec("ROLLBACK");
        return error;
    }
    // With synchronous=FULL the commit returns after the WAL is on disk.
    if (std::string error = exec("COMMIT"); !error.empty()) {
        exec("ROLLBACK");
        return error;
    }
    return "";
}

std::string Outbox::add(const std::string& id, const std::string& body, int64_t nowMs) {
    if (id.empty()) return "outbox: a reaction needs an id";
    return write("INSERT OR IGNORE INTO outbox (id, created_at_ms, next_attempt_at_ms, body) "
                 "VALUES (?1, ?2, ?2, ?3)",
                 id, nowMs, body);
}

Result<std::vector<OutboxRow>> Outbox::due(int64_t nowMs, size_t limit) {
    using R = Result<std::vector<OutboxRow>>;
    Statement statement(db_, "SELECT id, body, attempts FROM outbox "
                             "WHERE delivered_at_ms IS NULL AND rejected_reason IS NULL "
                             "AND next_attempt_at_ms <= ?1 ORDER BY seq LIMIT ?2");
    if (!statement.ok()) return R::failure(fail("cannot prepare"));
    statement.bind(1, nowMs);
    statement.bind(2, static_cast<int64_t>(limit));
    std::vector<OutboxRow> rows;
    int rc;
    while ((rc = statement.step()) == SQLITE_ROW)
        rows.push_back(
            {statement.text(0), statement.text(1), static_cast<int>(statement.integer(2))});
    if (rc != SQLITE_DONE) return R::failure(fail("cannot read"));
    return R(std::move(rows));
}

Result<int64_t> Outbox::nextAttemptAt() {
    Statement statement(db_, "SELECT coalesce(min(next_attempt_at_ms), -1) FROM outbox "
                             "WHERE delivered_at_ms IS NULL AND rejected_reason IS NULL");
    if (!statement.ok() || statement.step() != SQLITE_ROW)
        return Result<int64_t>::failure(fail("cannot read"));
    return statement.integer(0);
}

std::string Outbox::markDelivered(const std::string& id, int64_t nowMs) {
    return write("UPDATE outbox SET delivered_at_ms = ?2, attempts = attempts + 1, "
                 "last_error = NULL WHERE id = ?1 AND delivered_at_ms IS NULL",
                 id, nowMs, std::string());
}

std::string Outbox::markRejected(const std::string& id, const std::string& reason, int64_t nowMs) {
    // An empty reason would read as "not rejected": keep a word there.
    return write("UPDATE outbox SET rejected_at_ms = ?2, rejected_reason = ?3, "
                 "attempts = attempts + 1 WHERE id = ?1 AND delivered_at_ms IS NULL",
                 id, nowMs, reason.empty() ? std::string("rejected") : reason);
}

std::string Outbox::scheduleRetry(const std::string& id, int64_t nextAttemptMs,
                                  const std::string& why) {
    return write("UPDATE outbox SET next_attempt_at_ms = ?2, last_error = ?3, "
                 "attempts = attempts + 1 WHERE id = ?1",
                 id, nextAttemptMs, why);
}

std::string Outbox::makeAllPendingDue(int64_t nowMs) {
    return write("UPDATE outbox SET next_attempt_at_ms = ?2 WHERE delivered_at_ms IS NULL "
                 "AND rejected_reason IS NULL AND next_attempt_at_ms > ?2",
                 std::string(), nowMs, std::string());
}

Result<std::string> Outbox::installationId() {
    using R = Result<std::string>;
    // INSERT OR IGNORE first: of two connections asking at once, the first id made stays.
    if (std::string error = write("INSERT OR IGNORE INTO meta (key, value) "
                                  "VALUES ('installation_id', ?3)",
                                  std::string(), 0, newReactionId());
        !error.empty())
        return R::failure(error);
    Statement statement(db_, "SELECT value FROM meta WHERE key = 'installation_id'");
    if (!statement.ok() || statement.step() != SQLITE_ROW) return R::failure(fail("cannot read"));
    return statement.text(0);
}

Result<std::vector<OutboxEntry>> Outbox::all() {
    using R = Result<std::vector<OutboxEntry>>;
    Statement statement(db_, "SELECT id, body, created_at_ms, attempts, last_error, "
                             "delivered_at_ms, rejected_at_ms, rejected_reason FROM outbox "
                             "ORDER BY seq");
    if (!statement.ok()) return R::failure(fail("cannot prepare"));
    std::vector<OutboxEntry> entries;
    int rc;
    while ((rc = statement.step()) == SQLITE_ROW) {
        OutboxEntry entry;
        entry.id = statement.text(0);
        entry.body = statement.text(1);
        entry.createdAtMs = statement.integer(2);
        entry.attempts = static_cast<int>(statement.integer(3));
        entry.lastError = statement.text(4);
        if (!statement.isNull(5)) {
            entry.state = OutboxState::Delivered;
            entry.settledAtMs = statement.integer(5);
        } else if (!statement.isNull(7)) {
            entry.state = OutboxState::Refused;
            entry.settledAtMs = statement.integer(6);
            entry.refusedReason = statement.text(7);
        }
        entries.push_back(std::move(entry));
    }
    if (rc != SQLITE_DONE) return R::failure(fail("cannot read"));
    return R(std::move(entries));
}

Result<OutboxCounts> Outbox::counts() {
    Statement statement(db_, "SELECT count(*), count(delivered_at_ms), "
                             "count(CASE WHEN delivered_at_ms IS NULL THEN rejected_reason END) "
                             "FROM outbox");
    if (!statement.ok() || statement.step() != SQLITE_ROW)
        return Result<OutboxCounts>::failure(fail("cannot count"));
    OutboxCounts counts;
    counts.total = static_cast<size_t>(statement.integer(0));
    counts.delivered = static_cast<size_t>(statement.integer(1));
    counts.rejected = static_cast<size_t>(statement.integer(2));
    counts.pending = counts.total - counts.delivered - counts.rejected;
    return counts;
}

Result<Outbox::StaffView> Outbox::staffView(size_t refusedLimit) {
    using R = Result<StaffView>;
    // One read transaction: the counts and the rows agree even while the sync thread writes.
    if (std::string error = exec("BEGIN"); !error.empty()) return R::failure(error);
    StaffView view;
    auto counted = counts();
    if (!counted) {
        exec("ROLLBACK");
        return R::failure(counted.error());
    }
    view.counts = counted.value();
    {
        Statement last(db_, "SELECT coalesce(max(delivered_at_ms), 0) FROM outbox");
        if (!last.ok() || last.step() != SQLITE_ROW) {
            std::string error = fail("cannot read");
            exec("ROLLBACK");
            return R::failure(error);
        }
        view.lastDeliveredMs = last.integer(0);
        Statement refused(db_, "SELECT id, rejected_reason, rejected_at_ms FROM outbox "
                               "WHERE delivered_at_ms IS NULL AND rejected_reason IS NOT NULL "
                               "ORDER BY rejected_at_ms DESC, seq DESC LIMIT ?1");
        if (!refused.ok()) {
            std::string error = fail("cannot prepare");
            exec("ROLLBACK");
            return R::failure(error);
        }
        refused.bind(1, static_cast<int64_t>(refusedLimit));
        while (refused.step() == SQLITE_ROW) {
            OutboxEntry entry;
            entry.id = refused.text(0);
            entry.state = OutboxState::Refused;
            entry.refusedReason = refused.text(1);
            entry.settledAtMs = refused.integer(2);
            view.latestRefused.push_back(std::move(entry));
        }
    }
    exec("COMMIT");
    return R(std::move(view));
}

std::string Outbox::checkIntegrity() {
    Statement statement(db_, "PRAGMA integrity_check");
    if (!statement.ok()) return fail("cannot check");
    std::string findings;
    int rc;
    while ((rc = statement.step()) == SQLITE_ROW) {
        const std::string line = statement.text(0);
        if (line != "ok") findings += (findings.empty() ? "" : "; ") + line;
    }
    if (rc != SQLITE_DONE) return fail("cannot check");
    return findings;
}

} // namespace almere::platform
