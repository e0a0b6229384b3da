// The server's ReactionStore under power cuts: several request threads insert at once (so the
// writer thread commits real groups) while a moderator approves acknowledged reactions through
// the store's second connection. Two sessions per run, so a cut can also fall in the checkpoint
// and WAL deletion of a clean close and in the reopen after it.
#include "plain_sqlite.hpp"
#include "powercut_vfs.hpp"
#include "subjects.hpp"

#include "server/reaction_store.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <random>
#include <thread>
#include <utility>

namespace almere::powerloss {
namespace {

using server::ModerationOutcome;
using server::ReactionStore;
using server::StoreOutcome;

constexpr int kSessions = 2;
constexpr int kWriters = 6;
constexpr int kInsertsPerWriter = 6;

// Every stored field in one string, so that a torn or mixed-up row cannot pass as the original.
std::string describe(const Reaction& r, int64_t receivedAt) {
    char pin[64] = "-";
    if (r.pin) std::snprintf(pin, sizeof pin, "%.17g,%.17g", r.pin->lon, r.pin->lat);
    return r.subjectKind + "|" + r.subjectId + "|" + pin + "|" + std::to_string(r.rating) + "|" +
           r.comment + "|" + r.ageBand + "|" + r.homeStadsdeel + "|" + r.planState + "|" + r.lang +
           "|" + r.channel + "|" + std::to_string(r.createdAt) + "|" + std::to_string(receivedAt);
}

Reaction makeReaction(std::mt19937_64& random, const std::string& id) {
    static const char* const kPlans[] = {"pampus", "oosterwold", "weerwater"};
    Reaction r;
    r.id = id;
    r.rating = int(1 + random() % 5);
    if (random() % 3 == 0) {
        r.subjectKind = "place";
        r.subjectId = "wijk" + std::to_string(random() % 40);
        r.pin =
            GeoPoint{5.1 + double(random() % 100000) / 1e6, 52.3 + double(random() % 100000) / 1e6};
    } else {
        r.subjectKind = "plan";
        r.subjectId = kPlans[random() % 3];
    }
    // Up to 500 characters, some of them two-byte: rows from a few bytes to over a kilobyte,
    // so that commits span one or several pages.
    const size_t length = random() % 501;
    for (size_t i = 0; i < length; ++i)
        r.comment += random() % 17 == 0 ? "\xc3\xab" : std::string(1, char('a' + random() % 26));
    r.ageBand = random() % 2 ? "35_54" : "";
    r.homeStadsdeel = "stad";
    r.consent = true;
    r.planState = "plans=pampus;phase=2050";
    r.lang = random() % 2 ? "nl" : "en";
    r.channel = "kiosk";
    r.createdAt = 1795850000 + int64_t(random() % 100000);
    return r;
}

// Acknowledged reactions waiting for the moderator.
struct ModerationQueue {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::pair<std::string, std::string>> waiting; // id, state without moderation
    int writersLeft = kWriters;
};

class ReactionStoreSubject : public Subject {
  public:
    const char* name() const override { return "server"; }

    void work(const std::string& folder, Ledger& ledger, uint64_t seed) override {
        const std::string path = folder + "/reactions.sqlite";
        for (int session = 0; session < kSessions && !PowerCutVfs::install().isCut(); ++session) {
            std::string error;
            std::unique_ptr<ReactionStore> store = ReactionStore::open(path, error);
            if (!store) return; // the cut came while opening
            std::atomic<bool> stop{false};
            ModerationQueue moderation;
            std::vector<std::thread> threads;
            for (int writer = 0; writer < kWriters; ++writer)
                threads.emplace_back([&, writer] {
                    insertSome(*store, ledger, moderation, stop,
                               seed + uint64_t(session * kWriters + writer), session, writer);
                });
            threads.emplace_back([&] { moderate(*store, ledger, moderation, stop); });
            for (std::thread& thread : threads)
                thread.join();
            store->close();
        }
    }

    Recovery recover(const std::string& folder) override {
        const std::string path = folder + "/reactions.sqlite";
        Recovery recovery;
        std::string error;
        std::unique_ptr<ReactionStore> store = ReactionStore::open(path, error);
        if (!store) {
            recovery.error = error;
            return recovery;
        }
        recovery.opened = true;
        for (const server::StoredReaction& s : store->allReactions())
            recovery.rows[s.reaction.id] = describe(s.reaction, s.receivedAt) + "|" + s.moderation;
        recovery.integrity = integrityOf(path);
        // allReactions() stops quietly at a read error: count the rows independently.
        std::map<std::string, std::string> ids;
        const std::string readError = readRows(path, "SELECT id, '' FROM reactions", ids);
        if (!readError.empty() || ids.size() != recovery.rows.size())
            recovery.integrity += "; allReactions() read " + std::to_string(recovery.rows.size()) +
                                  " of " + std::to_string(ids.size()) + " rows " + readError;
        recovery.intact = recovery.integrity == "ok";
        store->close();
        return recovery;
    }

  private:
    static void insertSome(ReactionStore& store, Ledger& ledger, ModerationQueue& moderation,
                           std::atomic<bool>& stop, uint64_t seed, int session, int writer) {
        std::mt19937_64 random(seed);
        for (int n = 0; n < kInsertsPerWriter && !stop; ++n) {
            const std::string id = "r" + std::to_string(session) + "-" + std::to_string(writer) +
                                   "-" + std::to_string(n);
            const Reaction reaction = makeReaction(random, id);
            const int64_t receivedAt = reaction.createdAt + 1;
            const std::string state = describe(reaction, receivedAt);
            ledger.attempt(id, state + "|new");
            const StoreOutcome outcome = store.insert(reaction, receivedAt);
            if (outcome != StoreOutcome::stored) {
                stop = true; // only the cut makes an insert fail here
                break;
            }
            ledger.acknowledge(id, state + "|new");
            if (n % 2 == 0) {
                std::lock_guard<std::mutex> guard(moderation.mutex);
                moderation.waiting.emplace_back(id, state);
            }
            moderation.changed.notify_one();
        }
        std::lock_guard<std::mutex> guard(moderation.mutex);
        --moderation.writersLeft;
        moderation.changed.notify_one();
    }

    static void moderate(ReactionStore& store, Ledger& ledger, ModerationQueue& moderation,
                         std::atomic<bool>& stop) {
        for (;;) {
            std::pair<std::string, std::string> next;
            {
                std::unique_lock<std::mutex> lock(moderation.mutex);
                moderation.changed.wait(lock, [&] {
                    return !moderation.waiting.empty() || moderation.writersLeft == 0;
                });
                if (moderation.waiting.empty() || stop) return;
                next = moderation.waiting.front();
                moderation.waiting.pop_front();
            }
            ledger.attempt(next.first, next.second + "|approved");
            if (store.setModeration(next.first, "approved") != ModerationOutcome::updated) {
                stop = true;
                return;
            }
            ledger.acknowledge(next.first, next.second + "|approved");
        }
    }
};

} // namespace

std::unique_ptr<Subject> makeReactionStoreSubject() {
    return std::make_unique<ReactionStoreSubject>();
}

} // namespace almere::powerloss
