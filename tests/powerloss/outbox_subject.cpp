// The kiosk's Outbox under power cuts: the screen's connection adds reactions while the sync
// thread, on its own connection as in the kiosk, marks due ones delivered. Two sessions per run,
// so a cut can also fall in a clean close and in the reopen after it.
#include "plain_sqlite.hpp"
#include "powercut_vfs.hpp"
#include "subjects.hpp"

#include "platform/outbox.hpp"

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

namespace almere::powerloss {
namespace {

using platform::Outbox;

constexpr int kSessions = 2;
constexpr int kAddsPerSession = 25;
constexpr int64_t kNowMs = 1795850000000;

std::string makeBody(std::mt19937_64& random, const std::string& id) {
    std::string comment;
    const size_t length = random() % 501;
    for (size_t i = 0; i < length; ++i)
        comment += char('a' + random() % 26);
    return "{\"id\":\"" + id + "\",\"rating\":" + std::to_string(1 + random() % 5) +
           ",\"comment\":\"" + comment + "\"}";
}

class OutboxSubject : public Subject {
  public:
    const char* name() const override { return "outbox"; }

    void work(const std::string& folder, Ledger& ledger, uint64_t seed) override {
        std::mt19937_64 random(seed);
        for (int session = 0; session < kSessions && !PowerCutVfs::install().isCut(); ++session) {
            auto screen = Outbox::open(folder);
            if (!screen) return; // the cut came while opening
            std::atomic<bool> stop{false};
            std::atomic<bool> addsDone{false};
            std::thread sync([&] { deliver(folder, ledger, stop, addsDone); });
            for (int n = 0; n < kAddsPerSession && !stop; ++n) {
                const std::string id = "o" + std::to_string(session) + "-" + std::to_string(n);
                const std::string body = makeBody(random, id);
                ledger.attempt(id, body + "|pending");
                if (!screen.value()->add(id, body, kNowMs + n).empty()) {
                    stop = true; // only the cut makes add() fail here
                    break;
                }
                ledger.acknowledge(id, body + "|pending");
            }
            addsDone = true;
            sync.join();
        }
    }

    Recovery recover(const std::string& folder) override {
        Recovery recovery;
        auto outbox = Outbox::open(folder); // product code: WAL recovery, quick_check
        if (!outbox) {
            recovery.error = outbox.error();
            return recovery;
        }
        recovery.opened = true;
        const std::string findings = outbox.value()->checkIntegrity();
        recovery.intact = findings.empty();
        recovery.integrity = recovery.intact ? "ok" : findings;
        const std::string error =
            readRows(Outbox::pathIn(folder),
                     "SELECT id, body || CASE WHEN delivered_at_ms IS NULL THEN '|pending' "
                     "ELSE '|delivered' END FROM outbox",
                     recovery.rows);
        if (!error.empty()) {
            recovery.intact = false;
            recovery.integrity = "cannot read rows: " + error;
        }
        return recovery;
    }

  private:
    // The kiosk's sync thread with a server that takes everything at once.
    static void deliver(const std::string& folder, Ledger& ledger, std::atomic<bool>& stop,
                        std::atomic<bool>& addsDone) {
        auto sync = Outbox::open(folder);
        if (!sync) {
            stop = true;
            return;
        }
        while (!stop) {
            const bool lastRound = addsDone; // read before due(): nothing added after it is missed
            auto due = sync.value()->due(kNowMs + 1000, 8);
            if (!due) break;
            for (const platform::OutboxRow& row : due.value()) {
                ledger.attempt(row.id, row.body + "|delivered");
                if (!sync.value()->markDelivered(row.id, kNowMs + 2000).empty()) {
                    stop = true;
                    break;
                }
                ledger.acknowledge(row.id, row.body + "|delivered");
            }
            if (due.value().empty()) {
                if (lastRound) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        }
    }
};

} // namespace

std::unique_ptr<Subject> makeOutboxSubject() {
    return std::make_unique<OutboxSubject>();
}

} // namespace almere::powerloss
