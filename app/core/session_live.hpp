#pragma once
// A Burgerberaad session as the viewer sees it live (issue 9): the server's state (long poll,
// server-sent events, or handed over by the participant page), the round's results and the
// facilitator's list of proposed statements, parsed into plain structs. Everything here arrives
// from the network: parsed like hostile input (sizes capped, types checked, never throws).
//
// State: {"code", "agenda", "state": "lobby"|"open"|"closed"|"ended", "round", "results_shown",
//         "view", "version", "participants", "answers", "rounds", "follow",
//         "statements": [{"id", "text"}], "pending_statements"}
// Results: {"round", "kind", "counts": [{"answer": {...}, "count"}], "paper": [...]}
// Statements (facilitator): {"statements": [{"id", "round", "text", "status"}]}
#include "core/result.hpp"
#include "core/session_agenda.hpp"
#include "core/session_view.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace almere {

// Larger bodies are refused before parsing (a state is well under 8 KiB; results list at most
// one entry per distinct answer, pins included).
constexpr size_t kMaxSessionStateBytes = 64 * 1024;
constexpr size_t kMaxSessionResultsBytes = 1024 * 1024;

struct SessionStatement {
    std::string id;
    std::string text;
    std::string status; // in the facilitator's list: "pending" | "approved" | "rejected"
    int round = -1;     // idem
};

struct SessionLiveState {
    std::string code;
    std::string agenda;
    std::string state = "lobby"; // lobby | open | closed | ended
    int round = -1;
    bool resultsShown = false;
    std::string view; // the facilitator's view text (core/session_view)
    int64_t version = 0;
    int64_t participants = 0;
    int64_t answers = 0;
    int rounds = 0;
    bool follow = true;                       // participants' views follow `view` only while true
    std::vector<SessionStatement> statements; // approved proposals of the current round
    int64_t pendingStatements = 0;
};

// `member`: the state is that member of the object in `text` (a saved demo file), not all of it.
Result<SessionLiveState> parseSessionState(std::string_view text, const char* member = nullptr);

struct SessionPinCount {
    double lon = 0, lat = 0;
    int64_t count = 0;
};

struct StatementTally {
    std::string id;
    int64_t agree = 0, disagree = 0, pass = 0;
    // Share of agree among agree + disagree (0.5 when nobody took a side).
    double agreement() const;
};

// A round's answers, online and on paper together, counted per kind.
struct SessionResults {
    int round = -1;
    QuestionKind kind = QuestionKind::rating;
    int64_t total = 0;                // answers (a multiple-choice answer counts once)
    std::array<int64_t, 5> ratings{}; // rating: how many gave 1..5
    std::vector<std::pair<std::string, int64_t>> choices;  // choice: option id, count
    std::vector<StatementTally> statements;                // statements: per statement
    std::vector<SessionPinCount> pins;                     // place
    std::vector<std::pair<std::string, int64_t>> comments; // comment: text, count
    // Of these, the paper ballots the facilitator entered (rating and choice only: the counts
    // to start from when they are corrected; the other kinds are counted in the report).
    int64_t paperTotal = 0;
    std::array<int64_t, 5> paperRatings{};
    std::vector<std::pair<std::string, int64_t>> paperChoices;
};

Result<SessionResults> parseSessionResults(std::string_view text, const char* member = nullptr);

// Statements sorted by agreement, most agreed first (ties: more votes first, then id).
std::vector<StatementTally> byAgreement(std::vector<StatementTally> tallies);

// GET /api/sessions/CODE/statements.
Result<std::vector<SessionStatement>> parseSessionStatements(std::string_view text,
                                                             const char* member = nullptr);

// How long to wait before reconnecting after `failures` failed tries in a row (both targets):
// 0.5 s doubling to 10 s, so a room full of phones does not hammer a server that restarts.
int sessionRetryDelayMs(int failures);

// Decides, for a participant's viewer, when to apply the facilitator's view: only while the
// participant follows and the facilitator has "follow me" on, and only when the view changed
// (or the participant has just come back).
class SessionFollower {
  public:
    // A new state arrived. Returns the view to apply now, if any.
    std::optional<SessionView> onState(const SessionLiveState& state);
    // The participant dragged, zoomed or tapped: stop following.
    void stop() { following_ = false; }
    // "Terug naar de presentatie": follow again; returns the view to fly back to, if any.
    std::optional<SessionView> resume();
    bool following() const { return following_; }
    bool facilitatorFollows() const { return follow_; }
    const std::string& lastView() const { return view_; }

  private:
    bool following_ = true;
    bool follow_ = true;
    bool applied_ = false;
    std::string view_;  // the facilitator's latest view text
    std::string shown_; // the last one applied
};

} // namespace almere
