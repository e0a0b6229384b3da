#pragma once
// Paper ballots of a Burgerberaad round (issue 9): not everyone in the room has a phone, so the
// facilitator enters how many paper ballots gave each answer. Only for a rating (per face 1..5)
// or a choice (per option): those are a handful of numbers to count on stage. Statements,
// places and comments on paper are counted by hand in the report. The screen draws a draft and
// reports clicks; the counts and the request to the server are made here (control "paper" of
// server/session_api.hpp, answers in the canonical forms of core/session_answer.hpp).
#include "core/result.hpp"
#include "core/session_agenda.hpp"
#include "core/session_live.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace almere {

// The server's limit per answer: more ballots than any hall holds is a typing slip.
constexpr int64_t kMaxPaperCount = 10000;

// Whether the facilitator's screen takes paper counts for questions of this kind.
bool paperByAnswer(QuestionKind kind);

// The paper counts of one round as the facilitator enters them: one per face 1..5 (rating) or
// one per option in the agenda's order (choice).
struct PaperDraft {
    int round = -1;
    QuestionKind kind = QuestionKind::rating;
    std::vector<int64_t> counts; // choice: the question's options, in order
    bool changed = false;        // stepped since it was last taken from the server
};

// A draft for `round`, its counts taken from the round's results (their paper part, so a
// reload shows what the server holds); zeros without results of that round. nullopt for a
// kind without entry.
std::optional<PaperDraft> paperDraftFor(const AgendaQuestion& question, int round,
                                        const SessionResults* results);

// A stepper's - or +: the count moves by `delta`, kept within 0..kMaxPaperCount.
void stepPaper(PaperDraft& draft, size_t slot, int delta);

// The control body {"action":"paper","round":n,"counts":[{"answer":{...},"count":k},...]}
// (zero counts left out: the round's paper counts are replaced as a whole), or the problem.
// `question`: the one the draft was made for (its option ids).
Result<std::string> paperControl(const PaperDraft& draft, const AgendaQuestion& question);

} // namespace almere
