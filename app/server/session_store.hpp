#pragma once
// Burgerberaad sessions (issue 9) in SQLite (sessions.sqlite beside the reactions, WAL,
// synchronous=FULL): a session made from an agenda, its state, its anonymous participants and
// their answers. Everything a facilitator or participant was told is on disk first, so a
// restarted server resumes every session where it was.
//
// States: "lobby" (round -1), "open" (round n takes answers), "closed" (round n done; results
// shown or not), "ended".
//
// Answers are written by one writer thread with group commit (as reactions are): a room of 200
// answering at once costs a few transactions (fsyncs) instead of 200, and one version step per
// session per transaction instead of one per answer.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

struct sqlite3;

namespace almere::server {

class Statement;

struct SessionState {
    std::string code;   // 6 characters, no look-alikes
    std::string agenda; // agenda id
    std::string state = "lobby";
    int round = -1;
    bool resultsShown = false;
    std::string view;    // the facilitator's view (core/session_view text), for followers
    bool follow = true;  // participants' views follow `view` ("follow me")
    int64_t version = 0; // grows with every change participants should see
    int64_t participants = 0;
    int64_t answers = 0; // in the current round
    // The current round's approved proposals ({id, text}) and how many await moderation.
    std::vector<std::pair<std::string, std::string>> statements;
    int64_t pendingStatements = 0;
};

// A statement proposed by a participant; shown and votable once the facilitator approves it.
struct Proposal {
    std::string id; // "p1", "p2", ... within the session
    int round = 0;
    std::string participant;
    std::string text;
    std::string status; // "pending" | "approved" | "rejected"
    int64_t proposedAt = 0;
};
enum class ProposalOutcome { stored, unknownParticipant, roundNotOpen, tooMany, failed };
constexpr int64_t kMaxPendingProposals = 5; // per participant and round
constexpr int64_t kMaxParticipants = 1000;   // per session: rejoining phones, tablets, spare

// Paper ballots counted by hand: a canonical answer and how many gave it.
struct PaperCount {
    int round = 0;
    std::string answer;
    int64_t count = 0;
};

struct SessionAnswer {
    int round = 0;
    std::string participant; // the random id, nothing more
    std::string answer;      // canonical JSON (core/session_answer)
    std::string view;        // the view shown when it was given
    int64_t answeredAt = 0;  // unix seconds, server clock
};

enum class AnswerOutcome { stored, replaced, unknownParticipant, roundNotOpen, failed };

struct PendingAnswer {
    std::string code;
    std::string participant;
    int round = 0;
    std::string answer;                      // canonical JSON
    std::function<void(AnswerOutcome)> done; // on the writer thread, once committed (or not)
    AnswerOutcome outcome = AnswerOutcome::failed;
};

class SessionStore {
  public:
    static std::unique_ptr<SessionStore> open(const std::string& path, std::string& error);
    ~SessionStore();

    // A new session in the lobby, with a fresh join code.
    std::optional<SessionState> create(const std::string& agenda);
    std::optional<SessionState> find(const std::string& code);
    // A new random participant id for the session; nullopt if there is no such session, it
    // ended, or it has kMaxParticipants already (a room of phones shares one address, so the
    // cap is per session, not per address).
    std::optional<std::string> join(const std::string& code);
    // Queues a participant's answer to `round`, stored (or, while the round is open, replaced)
    // in the writer's next transaction; `done` is called after its commit, and after
    // `committed` was called for each session the transaction changed.
    void queueAnswer(PendingAnswer answer);
    // The same, waiting for the outcome.
    AnswerOutcome answer(const std::string& code, const std::string& participant, int round,
                         const std::string& answer);
    // Called on the writer thread after each commit, once per session it changed (set it
    // before the first answer; the store's lock is not held).
    void onCommitted(std::function<void(const std::string& code)> committed);
    // Commits what is queued and stops the writer (answers queued later fail). Idempotent.
    void stopWriter();

    // Writes the facilitator's new state (version + 1); false when it could not be stored.
    bool update(SessionState& state);
    // How often each canonical answer was given in a round: {answer JSON: count}.
    std::map<std::string, int64_t> tally(const std::string& code, int round);
    // One participant's answer to a round (canonical JSON), or "" when none.
    std::string answerOf(const std::string& code, const std::string& participant, int round);
    // Every answer of the session, by round (for the participation team's export).
    std::vector<SessionAnswer> answers(const std::string& code);
    // A participant's proposal for the open `round` ("p<n>" in `id`); at most
    // kMaxPendingProposals pending per participant and round.
    ProposalOutcome propose(const std::string& code, const std::string& participant, int round,
                            const std::string& text, std::string& id);
    std::vector<Proposal> proposals(const std::string& code);
    // The ids of a round's approved proposals (votable beside the agenda's statements).
    std::vector<std::string> approvedIds(const std::string& code, int round);
    // Approves or rejects a proposal (version + 1); false if there is no such proposal or it
    // could not be stored.
    bool moderate(const std::string& code, const std::string& id, bool approve);
    // Replaces a round's paper-ballot counts (version + 1).
    bool setPaper(const std::string& code, int round,
                  const std::vector<std::pair<std::string, int64_t>>& counts);
    // A round's paper counts, or every round's (round < 0), by round and answer.
    std::vector<PaperCount> paper(const std::string& code, int round = -1);
    // Deletes the session with its participants and answers; false if it could not.
    bool remove(const std::string& code);

  private:
    SessionStore() = default;
    int64_t count(const char* sql, const std::string& code, int round);
    bool bump(const std::string& code); // version + 1
    void writerLoop();
    void commitAnswers(std::vector<PendingAnswer>& batch, std::vector<std::string>& touched);

    sqlite3* db_ = nullptr;
    std::mutex mutex_;

    mutable std::mutex queueMutex_;
    std::condition_variable queued_;
    std::vector<PendingAnswer> queue_;
    std::function<void(const std::string&)> committed_;
    bool stopping_ = false;
    std::thread writer_;
};

// "ACDEFHJKMNPRTUVWXY3479": six of these, none that reads like another (0/O, 1/I/L, 5/S, 8/B,
// 2/Z, 6/G).
std::string newJoinCode();
bool isJoinCode(const std::string& text);

} // namespace almere::server
