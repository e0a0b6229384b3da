// The negative control: the same kind of rows as the stores, written by plain SQLite with
// synchronous=OFF, so "acknowledged" only means "handed to the operating system". A power cut
// must lose some of them; if the harness did not notice, its zero for the products would mean
// nothing.
#include "plain_sqlite.hpp"
#include "powercut_vfs.hpp"
#include "subjects.hpp"

#include <sqlite3.h>

#include <random>

namespace almere::powerloss {
namespace {

constexpr int kSessions = 2;
constexpr int kInsertsPerSession = 30;

class UnsyncedControlSubject : public Subject {
  public:
    const char* name() const override { return "control-synchronous-off"; }

    void work(const std::string& folder, Ledger& ledger, uint64_t seed) override {
        std::mt19937_64 random(seed);
        const std::string path = folder + "/unsynced.sqlite";
        for (int session = 0; session < kSessions && !PowerCutVfs::install().isCut(); ++session) {
            sqlite3* db = nullptr;
            if (sqlite3_open(path.c_str(), &db) != SQLITE_OK ||
                !execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; "
                             "CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, body TEXT)")
                     .empty()) {
                sqlite3_close(db);
                return;
            }
            sqlite3_stmt* insert = nullptr;
            sqlite3_prepare_v2(db, "INSERT INTO rows VALUES (?1, ?2)", -1, &insert, nullptr);
            for (int n = 0; n < kInsertsPerSession; ++n) {
                const std::string id = "c" + std::to_string(session) + "-" + std::to_string(n);
                const std::string body(size_t(random() % 500), char('a' + random() % 26));
                ledger.attempt(id, body);
                sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(insert, 2, body.c_str(), -1, SQLITE_TRANSIENT);
                const int rc = sqlite3_step(insert);
                sqlite3_reset(insert);
                if (rc != SQLITE_DONE) break;
                ledger.acknowledge(id, body);
            }
            sqlite3_finalize(insert);
            sqlite3_close(db);
        }
    }

    Recovery recover(const std::string& folder) override {
        const std::string path = folder + "/unsynced.sqlite";
        Recovery recovery;
        recovery.integrity = integrityOf(path);
        recovery.intact = recovery.integrity == "ok";
        // A lost table reads as "no rows": every acknowledged one is then missing.
        std::map<std::string, std::string> rows;
        const std::string error = readRows(path, "SELECT id, body FROM rows", rows);
        recovery.opened = error.empty() || error.find("no such table") != std::string::npos;
        recovery.error = error;
        recovery.rows = std::move(rows);
        return recovery;
    }
};

} // namespace

std::unique_ptr<Subject> makeUnsyncedControlSubject() {
    return std::make_unique<UnsyncedControlSubject>();
}

} // namespace almere::powerloss
