#include "server/session_store.hpp"

#include "core/reaction.hpp"
#include "server/sqlite_statement.hpp"

#include <algorithm>
#include <ctime>
#include <future>
#include <random>
#include <sqlite3.h>

namespace almere::server {
namespace {

constexpr char kCodeLetters[] = "ACDEFHJKMNPRTUVWXY3479";
constexpr size_t kCodeLength = 6;

const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS sessions (
  code TEXT PRIMARY KEY,
  agenda TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('lobby', 'open', 'closed', 'ended')),
  round INTEGER NOT NULL,
  results_shown INTEGER NOT NULL,
  view TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  follow INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS participants (
  session TEXT NOT NULL REFERENCES sessions (code),
  id TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (session, id)
);
CREATE TABLE IF NOT EXISTS answers (
  session TEXT NOT NULL,
  round INTEGER NOT NULL,
  participant TEXT NOT NULL,
  answer TEXT NOT NULL,
  view TEXT NOT NULL,
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (session, round, participant)
);
CREATE TABLE IF NOT EXISTS proposals (
  session TEXT NOT NULL,
  number INTEGER NOT NULL,
  round INTEGER NOT NULL,
  participant TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  proposed_at INTEGER NOT NULL,
  PRIMARY KEY (session, number)
);
CREATE TABLE IF NOT EXISTS paper (
  session TEXT NOT NULL,
  round INTEGER NOT NULL,
  answer TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (session, round, answer)
);
)sql";

// sessions.sqlite files from before "follow" get the column (every session following).
bool addFollowColumn(sqlite3* db, std::string& error) {
    Statement q(db, "SELECT 1 FROM pragma_table_info('sessions') WHERE name = 'follow'");
    if (q.step() == SQLITE_ROW) return true;
    return execSql(db, "ALTER TABLE sessions ADD COLUMN follow INTEGER NOT NULL DEFAULT 1", &error);
}

} // namespace

std::string newJoinCode() {
    static std::random_device device;
    std::string code;
    for (size_t i = 0; i < kCodeLength; ++i)
        code += kCodeLetters[device() % (sizeof kCodeLetters - 1)];
    return code;
}

bool isJoinCode(const std::string& text) {
    return text.size() == kCodeLength && text.find_first_not_of(kCodeLetters) == std::string::npos;
}

std::unique_ptr<SessionStore> SessionStore::open(const std::string& path, std::string& error) {
    std::unique_ptr<SessionStore> store(new SessionStore());
    if (sqlite3_open_v2(path.c_str(), &store->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        error = path + ": cannot open";
        return nullptr;
    }
    sqlite3_busy_timeout(store->db_, 5000);
    Statement wal(store->db_, "PRAGMA journal_mode=WAL");
    if (wal.step() != SQLITE_ROW || wal.text(0) != "wal" ||
        !execSql(store->db_, "PRAGMA synchronous=FULL", &error) ||
        !execSql(store->db_, kSchema, &error) || !addFollowColumn(store->db_, error)) {
        error = path + ": " + (error.empty() ? "cannot switch to WAL mode" : error);
        return nullptr;
    }
    store->writer_ = std::thread(&SessionStore::writerLoop, store.get());
    return store;
}

SessionStore::~SessionStore() {
    stopWriter();
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite3_close_v2(db_);
}

std::optional<SessionState> SessionStore::create(const std::string& agenda) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int attempt = 0; attempt < 20; ++attempt) { // a taken code: draw another
        SessionState s;
        s.code = newJoinCode();
        s.agenda = agenda;
        Statement insert(db_, "INSERT INTO sessions (code, agenda, state, round, results_shown, "
                              "view, version, created_at) VALUES (?, ?, 'lobby', -1, 0, '', 1, ?) "
                              "ON CONFLICT (code) DO NOTHING");
        insert.bind(1, s.code);
        insert.bind(2, agenda);
        insert.bind(3, int64_t(std::time(nullptr)));
        if (insert.step() != SQLITE_DONE) return std::nullopt;
        if (sqlite3_changes(db_) == 1) {
            s.version = 1;
            return s;
        }
    }
    return std::nullopt;
}

int64_t SessionStore::count(const char* sql, const std::string& code, int round) {
    Statement q(db_, sql);
    q.bind(1, code);
    if (round >= 0) q.bind(2, int64_t(round));
    return q.step() == SQLITE_ROW ? q.integer(0) : 0;
}

std::optional<SessionState> SessionStore::find(const std::string& code) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement q(db_, "SELECT agenda, state, round, results_shown, view, version, follow "
                     "FROM sessions WHERE code = ?");
    q.bind(1, code);
    if (q.step() != SQLITE_ROW) return std::nullopt;
    SessionState s{code,      q.text(0),         q.text(1),   int(q.integer(2)), q.integer(3) != 0,
                   q.text(4), q.integer(6) != 0, q.integer(5)};
    s.participants = count("SELECT COUNT(*) FROM participants WHERE session = ?", code, -1);
    if (s.round >= 0) {
        s.answers =
            count("SELECT COUNT(*) FROM answers WHERE session = ? AND round = ?", code, s.round);
        s.pendingStatements = count("SELECT COUNT(*) FROM proposals WHERE session = ? AND "
                                    "round = ? AND status = 'pending'",
                                    code, s.round);
        Statement approved(db_, "SELECT number, text FROM proposals WHERE session = ? AND "
                                "round = ? AND status = 'approved' ORDER BY number");
        approved.bind(1, code);
        approved.bind(2, int64_t(s.round));
        while (approved.step() == SQLITE_ROW)
            s.statements.emplace_back("p" + std::to_string(approved.integer(0)), approved.text(1));
    }
    return s;
}

std::optional<std::string> SessionStore::join(const std::string& code) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::string id = newReactionId(); // a random UUID v4: nothing about the person
    Statement insert(db_, "INSERT INTO participants (session, id, joined_at) SELECT code, ?, ? "
                          "FROM sessions WHERE code = ? AND state != 'ended' AND (SELECT "
                          "COUNT(*) FROM participants WHERE session = ?) < ?");
    insert.bind(1, id);
    insert.bind(2, int64_t(std::time(nullptr)));
    insert.bind(3, code);
    insert.bind(4, code);
    insert.bind(5, kMaxParticipants);
    if (insert.step() != SQLITE_DONE || sqlite3_changes(db_) != 1) return std::nullopt;
    Statement bump(db_, "UPDATE sessions SET version = version + 1 WHERE code = ?");
    bump.bind(1, code);
    bump.step();
    return id;
}

void SessionStore::queueAnswer(PendingAnswer answer) {
    {
        std::lock_guard<std::mutex> lock(queueMutex_);
        if (!stopping_) {
            queue_.push_back(std::move(answer));
            queued_.notify_one();
            return;
        }
    }
    answer.done(AnswerOutcome::failed);
}

AnswerOutcome SessionStore::answer(const std::string& code, const std::string& participant,
                                   int round, const std::string& answer) {
    auto outcome = std::make_shared<std::promise<AnswerOutcome>>();
    auto result = outcome->get_future();
    queueAnswer(
        {code, participant, round, answer, [outcome](AnswerOutcome o) { outcome->set_value(o); }});
    return result.get();
}

void SessionStore::onCommitted(std::function<void(const std::string& code)> committed) {
    std::lock_guard<std::mutex> lock(queueMutex_);
    committed_ = std::move(committed);
}

void SessionStore::stopWriter() {
    {
        std::lock_guard<std::mutex> lock(queueMutex_);
        stopping_ = true;
    }
    queued_.notify_all();
    if (writer_.joinable()) writer_.join();
}

void SessionStore::writerLoop() {
    std::vector<PendingAnswer> batch;
    std::vector<std::string> touched;
    for (;;) {
        std::function<void(const std::string&)> committed;
        {
            std::unique_lock<std::mutex> lock(queueMutex_);
            queued_.wait(lock, [&] { return !queue_.empty() || stopping_; });
            if (queue_.empty()) return; // stopping, and everything queued is committed
            batch.swap(queue_);
            committed = committed_;
        }
        commitAnswers(batch, touched);
        if (committed)
            for (const std::string& code : touched)
                committed(code);
        for (PendingAnswer& a : batch)
            a.done(a.outcome);
        batch.clear();
        touched.clear();
    }
}

// One transaction for the batch: each answer checked (round open, participant known) and
// upserted, then each session's version stepped once.
void SessionStore::commitAnswers(std::vector<PendingAnswer>& batch,
                                 std::vector<std::string>& touched) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto failAll = [&] {
        for (PendingAnswer& a : batch)
            a.outcome = AnswerOutcome::failed;
        touched.clear();
    };
    if (!execSql(db_, "BEGIN IMMEDIATE")) return failAll();
    Statement open(db_,
                   "SELECT view FROM sessions WHERE code = ? AND state = 'open' AND round = ?");
    Statement member(db_, "SELECT 1 FROM participants WHERE session = ? AND id = ?");
    Statement before(db_,
                     "SELECT 1 FROM answers WHERE session = ? AND round = ? AND participant = ?");
    Statement upsert(db_,
                     "INSERT INTO answers (session, round, participant, answer, view, answered_at) "
                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session, round, participant) DO "
                     "UPDATE SET answer = excluded.answer, view = excluded.view, "
                     "answered_at = excluded.answered_at");
    bool broken = false;
    for (PendingAnswer& a : batch) {
        open.reset();
        open.bind(1, a.code);
        open.bind(2, int64_t(a.round));
        if (open.step() != SQLITE_ROW) {
            a.outcome = AnswerOutcome::roundNotOpen;
            continue;
        }
        const std::string view = open.text(0); // what the participant was shown
        member.reset();
        member.bind(1, a.code);
        member.bind(2, a.participant);
        if (member.step() != SQLITE_ROW) {
            a.outcome = AnswerOutcome::unknownParticipant;
            continue;
        }
        before.reset();
        before.bind(1, a.code);
        before.bind(2, int64_t(a.round));
        before.bind(3, a.participant);
        const bool existed = before.step() == SQLITE_ROW;
        upsert.reset();
        upsert.bind(1, a.code);
        upsert.bind(2, int64_t(a.round));
        upsert.bind(3, a.participant);
        upsert.bind(4, a.answer);
        upsert.bind(5, view);
        upsert.bind(6, int64_t(std::time(nullptr)));
        if (upsert.step() != SQLITE_DONE) {
            broken = true;
            break;
        }
        a.outcome = existed ? AnswerOutcome::replaced : AnswerOutcome::stored;
        if (std::find(touched.begin(), touched.end(), a.code) == touched.end())
            touched.push_back(a.code);
    }
    for (const std::string& code : touched)
        broken = broken || !bump(code);
    open.reset();
    member.reset();
    before.reset();
    upsert.reset();
    if (broken || !execSql(db_, "COMMIT")) {
        execSql(db_, "ROLLBACK");
        failAll();
    }
}

bool SessionStore::update(SessionState& s) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement q(db_, "UPDATE sessions SET state = ?, round = ?, results_shown = ?, view = ?, "
                     "follow = ?, version = version + 1 WHERE code = ? RETURNING version");
    q.bind(1, s.state);
    q.bind(2, int64_t(s.round));
    q.bind(3, int64_t(s.resultsShown));
    q.bind(4, s.view);
    q.bind(5, int64_t(s.follow));
    q.bind(6, s.code);
    if (q.step() != SQLITE_ROW) return false;
    s.version = q.integer(0);
    return q.step() == SQLITE_DONE;
}

std::map<std::string, int64_t> SessionStore::tally(const std::string& code, int round) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::map<std::string, int64_t> counts;
    Statement q(db_, "SELECT answer, COUNT(*) FROM answers WHERE session = ? AND round = ? "
                     "GROUP BY answer");
    q.bind(1, code);
    q.bind(2, int64_t(round));
    while (q.step() == SQLITE_ROW)
        counts[q.text(0)] = q.integer(1);
    return counts;
}

std::string SessionStore::answerOf(const std::string& code, const std::string& participant,
                                   int round) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement q(db_, "SELECT answer FROM answers WHERE session = ? AND participant = ? AND "
                     "round = ?");
    q.bind(1, code);
    q.bind(2, participant);
    q.bind(3, int64_t(round));
    return q.step() == SQLITE_ROW ? q.text(0) : std::string();
}

std::vector<SessionAnswer> SessionStore::answers(const std::string& code) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<SessionAnswer> all;
    Statement q(db_, "SELECT round, participant, answer, view, answered_at FROM answers "
                     "WHERE session = ? ORDER BY round, answered_at, participant");
    q.bind(1, code);
    while (q.step() == SQLITE_ROW)
        all.push_back({int(q.integer(0)), q.text(1), q.text(2), q.text(3), q.integer(4)});
    return all;
}

bool SessionStore::bump(const std::string& code) {
    Statement q(db_, "UPDATE sessions SET version = version + 1 WHERE code = ?");
    q.bind(1, code);
    return q.step() == SQLITE_DONE;
}

ProposalOutcome SessionStore::propose(const std::string& code, const std::string& participant,
                                      int round, const std::string& text, std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!execSql(db_, "BEGIN IMMEDIATE")) return ProposalOutcome::failed;
    const auto finish = [&](ProposalOutcome outcome) {
        if (!execSql(db_, outcome == ProposalOutcome::stored ? "COMMIT" : "ROLLBACK")) {
            execSql(db_, "ROLLBACK");
            return ProposalOutcome::failed;
        }
        return outcome;
    };
    Statement open(db_, "SELECT 1 FROM sessions WHERE code = ? AND state = 'open' AND round = ?");
    open.bind(1, code);
    open.bind(2, int64_t(round));
    if (open.step() != SQLITE_ROW) return finish(ProposalOutcome::roundNotOpen);
    Statement member(db_, "SELECT 1 FROM participants WHERE session = ? AND id = ?");
    member.bind(1, code);
    member.bind(2, participant);
    if (member.step() != SQLITE_ROW) return finish(ProposalOutcome::unknownParticipant);
    Statement pending(db_, "SELECT COUNT(*) FROM proposals WHERE session = ? AND round = ? AND "
                           "participant = ? AND status = 'pending'");
    pending.bind(1, code);
    pending.bind(2, int64_t(round));
    pending.bind(3, participant);
    if (pending.step() != SQLITE_ROW) return finish(ProposalOutcome::failed);
    if (pending.integer(0) >= kMaxPendingProposals) return finish(ProposalOutcome::tooMany);
    Statement insert(db_, "INSERT INTO proposals (session, number, round, participant, text, "
                          "status, proposed_at) SELECT ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, "
                          "'pending', ? FROM proposals WHERE session = ? RETURNING number");
    insert.bind(1, code);
    insert.bind(2, int64_t(round));
    insert.bind(3, participant);
    insert.bind(4, text);
    insert.bind(5, int64_t(std::time(nullptr)));
    insert.bind(6, code);
    if (insert.step() != SQLITE_ROW) return finish(ProposalOutcome::failed);
    id = "p" + std::to_string(insert.integer(0));
    if (insert.step() != SQLITE_DONE || !bump(code)) return finish(ProposalOutcome::failed);
    return finish(ProposalOutcome::stored);
}

std::vector<Proposal> SessionStore::proposals(const std::string& code) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Proposal> all;
    Statement q(db_, "SELECT number, round, participant, text, status, proposed_at FROM "
                     "proposals WHERE session = ? ORDER BY number");
    q.bind(1, code);
    while (q.step() == SQLITE_ROW)
        all.push_back({"p" + std::to_string(q.integer(0)), int(q.integer(1)), q.text(2), q.text(3),
                       q.text(4), q.integer(5)});
    return all;
}

std::vector<std::string> SessionStore::approvedIds(const std::string& code, int round) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> ids;
    Statement q(db_, "SELECT number FROM proposals WHERE session = ? AND round = ? AND "
                     "status = 'approved' ORDER BY number");
    q.bind(1, code);
    q.bind(2, int64_t(round));
    while (q.step() == SQLITE_ROW)
        ids.push_back("p" + std::to_string(q.integer(0)));
    return ids;
}

bool SessionStore::moderate(const std::string& code, const std::string& id, bool approve) {
    if (id.size() < 2 || id.size() > 12 || id[0] != 'p' ||
        id.find_first_not_of("0123456789", 1) != std::string::npos || id[1] == '0')
        return false;
    std::lock_guard<std::mutex> lock(mutex_);
    if (!execSql(db_, "BEGIN IMMEDIATE")) return false;
    Statement q(db_, "UPDATE proposals SET status = ? WHERE session = ? AND number = ?");
    q.bind(1, approve ? "approved" : "rejected");
    q.bind(2, code);
    q.bind(3, int64_t(std::stoll(id.substr(1))));
    const bool found = q.step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
    if (!found || !bump(code) || !execSql(db_, "COMMIT")) return execSql(db_, "ROLLBACK"), false;
    return true;
}

bool SessionStore::setPaper(const std::string& code, int round,
                            const std::vector<std::pair<std::string, int64_t>>& counts) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!execSql(db_, "BEGIN IMMEDIATE")) return false;
    const auto fail = [&] { return execSql(db_, "ROLLBACK"), false; };
    Statement clear(db_, "DELETE FROM paper WHERE session = ? AND round = ?");
    clear.bind(1, code);
    clear.bind(2, int64_t(round));
    if (clear.step() != SQLITE_DONE) return fail();
    Statement insert(db_, "INSERT INTO paper (session, round, answer, count) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (session, round, answer) DO UPDATE SET "
                          "count = count + excluded.count");
    for (const auto& [answer, n] : counts) {
        insert.reset();
        insert.bind(1, code);
        insert.bind(2, int64_t(round));
        insert.bind(3, answer);
        insert.bind(4, n);
        if (insert.step() != SQLITE_DONE) return fail();
    }
    if (!bump(code) || !execSql(db_, "COMMIT")) return fail();
    return true;
}

std::vector<PaperCount> SessionStore::paper(const std::string& code, int round) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<PaperCount> all;
    Statement q(db_, "SELECT round, answer, count FROM paper WHERE session = ? AND "
                     "(? < 0 OR round = ?) AND count > 0 ORDER BY round, answer");
    q.bind(1, code);
    q.bind(2, int64_t(round));
    q.bind(3, int64_t(round));
    while (q.step() == SQLITE_ROW)
        all.push_back({int(q.integer(0)), q.text(1), q.integer(2)});
    return all;
}

bool SessionStore::remove(const std::string& code) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!execSql(db_, "BEGIN IMMEDIATE")) return false;
    for (const char* sql :
         {"DELETE FROM answers WHERE session = ?", "DELETE FROM participants WHERE session = ?",
          "DELETE FROM proposals WHERE session = ?", "DELETE FROM paper WHERE session = ?",
          "DELETE FROM sessions WHERE code = ?"}) {
        Statement q(db_, sql);
        q.bind(1, code);
        if (q.step() != SQLITE_DONE) return execSql(db_, "ROLLBACK"), false;
    }
    return execSql(db_, "COMMIT");
}

} // namespace almere::server
