#pragma once
// A participant's answer to a session round's question (issue 9), checked against the question
// it answers. One rule for the participant's app and the server. The forms, one per kind:
//   rating      {"rating": 1..5}
//   choice      {"choices": ["option id", ...]}          (one, unless the question allows more)
//   statements  {"votes": {"statement id": "agree" | "disagree" | "pass", ...}}
//   place       {"pin": {"lon": 4.9..5.5, "lat": 52.2..52.5}}
//   comment     {"comment": "1 to 500 characters"}
// parseSessionAnswer returns the answer in this canonical form (keys sorted, nothing else) or
// the first problem ("choices: unknown option \"x\"").
#include "core/result.hpp"
#include "core/session_agenda.hpp"

#include <string>
#include <string_view>

namespace almere {

// `statementIds`: the statements open for votes (the agenda's and the approved proposals).
Result<std::string> parseSessionAnswer(std::string_view text, const AgendaQuestion& question,
                                       const std::vector<std::string>& statementIds);

// A statement a participant proposes for a statements round: one line of 1 to 200 characters
// once spaces, tabs and line breaks at either end are trimmed; strict UTF-8, no control
// characters. The trimmed text, or the problem ("text: longer than 200 characters").
constexpr size_t kMaxStatementChars = 200;
Result<std::string> parseProposedStatement(std::string_view text);

} // namespace almere
