#pragma once
// A Burgerberaad session's agenda (issue 9), from assets/sessions/<id>.json: rounds, each with a
// title and an introduction (nl and en), the view participants are shown (plan switches and
// timeline phase, camera, optionally a wijk or theme) and one question. Content, not code: the
// participation team writes agendas; parseAgenda validates them and names the file and field of
// the first error ("assets/sessions/x.json: rounds[2].question.options: is empty").
//
// {"id": "omgevingsvisie", "title": {"nl": "...", "en": "..."},
//  "rounds": [{"id": "pampus",
//              "title": {"nl": "...", "en": "..."}, "intro": {"nl": "...", "en": "..."},
//              "view": {"plan_state": "plans=pampus;phase=2050",
//                       "camera": [east, north, distance, yaw_degrees, pitch_degrees],
//                       "wijk": "WK003401" (optional), "theme": "groen" (optional)},
//              "question": {"kind": "rating" | "choice" | "statements" | "place" | "comment",
//                           "text": {"nl": "...", "en": "..."},
//                           "source": {"nl": "...", "en": "..."}  (the vision's chapter),
//                           "options": [{"id": "a", "text": {"nl", "en"}}]   (choice only),
//                           "multiple": false                                 (choice only),
//                           "statements": [{"id": "s1", "text": {"nl", "en"}}] (statements:
//                                          the facilitator's opening statements; may be empty)
//             }}]}
#include "core/result.hpp"

#include <array>
#include <string>
#include <vector>

namespace almere {

struct SourceFile;

enum class QuestionKind { rating, choice, statements, place, comment };

// "rating" -> QuestionKind::rating; false for anything else.
bool questionKindFromId(const std::string& id, QuestionKind& out);
const char* questionKindId(QuestionKind kind);

struct LocalText {
    std::string nl; // required, B1 Dutch
    std::string en; // required
};

struct AgendaOption {
    std::string id; // a-z, 0-9, _ ; unique within its question
    LocalText text;
};

struct RoundView {
    std::string planState;          // PlanState::encode() form; "" = everything off, today
    bool hasCamera = false;         // false: the camera is left where it is
    std::array<double, 5> camera{}; // east, north (m, local RD), distance (m), yaw, pitch (deg)
    std::string wijk;               // CBS wijk code to select, or ""
    std::string theme;              // theme id to switch on, or ""
};

struct AgendaQuestion {
    QuestionKind kind = QuestionKind::rating;
    LocalText text;
    LocalText source;                     // where in the vision this comes from
    std::vector<AgendaOption> options;    // choice: at least 2
    bool multiple = false;                // choice: may pick several
    std::vector<AgendaOption> statements; // statements: the opening ones (may be empty)
};

struct AgendaRound {
    std::string id; // unique within the agenda
    LocalText title;
    LocalText intro;
    RoundView view;
    AgendaQuestion question;
};

struct Agenda {
    std::string id; // the file name without .json
    LocalText title;
    std::vector<AgendaRound> rounds; // at least one
};

// Validates every field; errors read "<file>: <field path>: <what is wrong>".
Result<Agenda> parseAgenda(const SourceFile& file);

} // namespace almere
