#pragma once
// The participant's page of a Burgerberaad session (issue 9), rendered here as plain HTML: it
// works without JavaScript and without WebGL (a screen reader, an old phone). One real HTML form
// per question kind; what a form sends is turned into the canonical answer by the same rule as
// the JSON API (core/session_answer), so the page's script never validates anything.
//
// Form fields, one set per kind (all forms also send "round", the round the form was made for):
//   rating      rating=1..5
//   choice      choice=<option id> (repeated when the question allows several)
//   statements  vote.<statement id>=agree|disagree|pass
//   place       wijk=<CBS wijk code>  (the wijk's label point becomes the pin)
//   comment     comment=<text>
// Pure functions of their inputs: no I/O, no HTTP library (server/participant_routes does that).
#include "core/html_text.hpp"
#include "core/result.hpp"
#include "core/session_agenda.hpp"
#include "core/strings.hpp"
#include "server/session_store.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace almere::server {

enum class PageLang { nl, en };

// A wijk a participant without the 3D map can pick for a place question.
struct WijkPlace {
    std::string code, name, stadsdeel;
    double lon = 0, lat = 0; // its label point (well inside it), WGS84
};

// A proposal from a participant that the facilitator approved, shown beside the agenda's own.
struct ProposedStatement {
    std::string id, text;
};

// The decoded fields of an application/x-www-form-urlencoded body, in order.
using FormFields = std::vector<std::pair<std::string, std::string>>;
FormFields parseFormBody(std::string_view body);
// The first value of a field; "" when absent.
std::string formValue(const FormFields& form, std::string_view name);

// Everything the sheet (round title, intro, question, controls, confirmation) shows.
struct SheetModel {
    const Agenda* agenda = nullptr; // never null when rendering
    SessionState state;
    PageLang lang = PageLang::nl;
    std::vector<ProposedStatement> proposals; // approved ones for the current round
    std::string storedAnswer;                 // this participant's canonical answer, or ""
    std::string error;                        // a problem with what was sent, in plain words
    std::string errorField;                   // the form field it is about ("" = the form)
    FormFields typed;                         // what was sent, shown again after an error
    std::map<std::string, int64_t> tally;     // answers by canonical JSON, when results are shown
    const std::vector<WijkPlace>* places = nullptr;
    const Strings* words = nullptr; // assets/lang/<lang>.json: the faces' words come from there
    std::string proposalMessage;    // after proposing a statement
};

// The statements open for votes in the current round: the agenda's and the approved proposals.
std::vector<std::string> openStatementIds(const AgendaQuestion& question,
                                          const std::vector<ProposedStatement>& proposals);

// A form's fields as an answer in canonical JSON, checked by parseSessionAnswer. The error is
// the rule's own ("rating: expected a whole number from 1 to 5").
Result<std::string> answerFromForm(const FormFields& form, const AgendaQuestion& question,
                                   const std::vector<std::string>& statementIds,
                                   const std::vector<WijkPlace>& places);

// A rule's error as a plain-language sentence for the participant, and the field it is about.
std::pair<std::string, std::string>
explainAnswerError(const std::string& ruleError, const AgendaQuestion& question, PageLang lang);

// The sheet alone (a <section id="sheet">), for the script to swap in.
std::string renderSheet(const SheetModel& model);

// The whole page around the sheet. `withScript`: the web viewer's files are served, so the
// page loads /session.js (which starts the 3D view only where WebGL2 works).
std::string renderParticipantPage(const SheetModel& model, bool withScript);

// GET /s: a form to type the join code; `typed` and `problem` after a wrong code.
std::string renderJoinPage(PageLang lang, const std::string& typed, bool problem);

// An unknown (404) or ended (410) session: a clear page with a link back to /s.
std::string renderGonePage(PageLang lang, int status);

// "ABC347" from what a participant typed ("abc 347", " abc347 "): upper case, no spaces.
std::string normaliseJoinCode(std::string_view typed);

using almere::htmlEscape; // core/html_text

// The page's language from the "lang" query or form field ("en" -> English, else Dutch).
PageLang pageLangFrom(const std::string& value);

} // namespace almere::server
