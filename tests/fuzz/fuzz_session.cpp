// libFuzzer target for what a Burgerberaad session (issue 9) reads from the network and from
// content: the facilitator's view text (decodeSessionView), a participant's answer to a question
// of each kind (parseSessionAnswer), a proposed statement (parseProposedStatement), an agenda
// file (parseAgenda), and the participant page's form body (parseFormBody, answerFromForm).
// Every input goes to all of them. Besides "no crash, no sanitizer report" it checks:
//  - a view that decodes re-encodes to text of at most kMaxSessionViewChars that decodes to an
//    equal view (and encodes to the same text again);
//  - an accepted answer is canonical: parsing it again gives the same text;
//  - an accepted statement is trimmed, 1..200 characters, and accepted again unchanged;
//  - an accepted agenda's round views are views a session can show (decode after encoding);
//  - a form the page turns into an answer gives an answer the API rule accepts unchanged.
//  - a view link (core/view_link: the view plus language and reading help, issue 10) that
//    decodes, from text or from a URL fragment, re-encodes to text that decodes to the same.
// Built and run by tests/fuzz/run.sh.
#include "core/city_source.hpp"
#include "core/session_agenda.hpp"
#include "core/session_answer.hpp"
#include "core/session_view.hpp"
#include "core/utf8.hpp"
#include "core/view_link.hpp"
#include "server/participant_page.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

// One round of every kind, as tests/server/sessions_fixture.mjs has them.
const char* kAgenda = R"({"id": "fuzz", "title": {"nl": "Alles", "en": "All"}, "rounds": [
 {"id": "mening", "title": {"nl": "P", "en": "P"}, "intro": {"nl": "i", "en": "i"},
  "view": {"plan_state": "plans=pampus;phase=2050", "camera": [-4000, 1000, 6000, 0, 55]},
  "question": {"kind": "rating", "text": {"nl": "q", "en": "q"}, "source": {"nl": "s", "en": "s"}}},
 {"id": "keuze", "title": {"nl": "K", "en": "K"}, "intro": {"nl": "i", "en": "i"},
  "view": {"plan_state": ""},
  "question": {"kind": "choice", "text": {"nl": "q", "en": "q"}, "source": {"nl": "s", "en": "s"},
   "multiple": false, "options": [{"id": "groen", "text": {"nl": "g", "en": "g"}},
                                  {"id": "huizen", "text": {"nl": "h", "en": "h"}}]}},
 {"id": "meer", "title": {"nl": "M", "en": "M"}, "intro": {"nl": "i", "en": "i"},
  "view": {"plan_state": ""},
  "question": {"kind": "choice", "text": {"nl": "q", "en": "q"}, "source": {"nl": "s", "en": "s"},
   "multiple": true, "options": [{"id": "a", "text": {"nl": "a", "en": "a"}},
                                 {"id": "b", "text": {"nl": "b", "en": "b"}},
                                 {"id": "c", "text": {"nl": "c", "en": "c"}}]}},
 {"id": "stellingen", "title": {"nl": "S", "en": "S"}, "intro": {"nl": "i", "en": "i"},
  "view": {"plan_state": ""},
  "question": {"kind": "statements", "text": {"nl": "q", "en": "q"}, "source": {"nl": "s", "en": "s"},
   "statements": [{"id": "s1", "text": {"nl": "a", "en": "a"}}, {"id": "s2", "text": {"nl": "b", "en": "b"}}]}},
 {"id": "plek", "title": {"nl": "W", "en": "W"}, "intro": {"nl": "i", "en": "i"},
  "view": {"plan_state": "", "wijk": "WK003401"},
  "question": {"kind": "place", "text": {"nl": "q", "en": "q"}, "source": {"nl": "s", "en": "s"}}},
 {"id": "reactie", "title": {"nl": "R", "en": "R"}, "intro": {"nl": "i", "en": "i"},
  "view": {"plan_state": ""},
  "question": {"kind": "comment", "text": {"nl": "q", "en": "q"}, "source": {"nl": "s", "en": "s"}}}]})";

almere::Agenda agenda;
// The agenda's statements and an approved proposal, as the server passes them.
const std::vector<std::string> statementIds = {"s1", "s2", "p1"};
const std::vector<almere::server::WijkPlace> places = {
    {"WK003401", "Stedelijk Gebied", "Almere Stad", 5.2150, 52.3710},
    {"WK003496", "Pampus", "Almere Pampus", 5.1500, 52.3900},
};

void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz_session: %s\n", what);
        std::abort();
    }
}

// Code points in strict UTF-8, or -1 when the text is not.
long utf8Chars(const std::string& text) {
    long count = 0;
    for (size_t at = 0; at < text.size(); ++count) {
        uint32_t cp = 0;
        const size_t n = almere::decodeUtf8(text, at, cp);
        if (n == 0 || !almere::isCommentCharacter(cp) || cp == '\n') return -1;
        at += n;
    }
    return count;
}

void checkView(const std::string& text) {
    almere::SessionView view;
    if (!almere::decodeSessionView(text, view)) return;
    const std::string encoded = almere::encodeSessionView(view);
    require(encoded.size() <= almere::kMaxSessionViewChars, "a decoded view encodes too long");
    almere::SessionView again;
    require(almere::decodeSessionView(encoded, again), "an encoded view does not decode");
    require(again == view, "a view changes in a round trip");
    require(almere::encodeSessionView(again) == encoded, "a view's text changes in a round trip");
}

void checkViewLink(const std::string& text) {
    for (bool fragment : {false, true}) {
        almere::ViewLink link;
        if (!(fragment ? almere::viewLinkFromFragment(text, link)
                       : almere::decodeViewLink(text, link)))
            continue;
        const std::string encoded = almere::encodeViewLink(link);
        almere::ViewLink again;
        require(almere::decodeViewLink(encoded, again), "an encoded view link does not decode");
        require(almere::encodeViewLink(again) == encoded, "a view link changes in a round trip");
    }
}

void checkAnswer(std::string_view text, const almere::AgendaQuestion& question) {
    auto answer = almere::parseSessionAnswer(text, question, statementIds);
    if (!answer) {
        require(!answer.error().empty(), "an answer refused without a reason");
        return;
    }
    auto again = almere::parseSessionAnswer(answer.value(), question, statementIds);
    require(bool(again), "a canonical answer is refused");
    require(again.value() == answer.value(), "a canonical answer changes when parsed again");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    auto parsed = almere::parseAgenda(almere::SourceFile{"assets/sessions/fuzz.json", kAgenda});
    if (!parsed) {
        std::fprintf(stderr, "fuzz_session: the fixed agenda: %s\n", parsed.error().c_str());
        std::abort();
    }
    agenda = parsed.take();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);

    checkView(input);
    checkViewLink(input);

    for (const almere::AgendaRound& round : agenda.rounds)
        checkAnswer(input, round.question);

    auto statement = almere::parseProposedStatement(input);
    if (statement) {
        const std::string& text = statement.value();
        const long chars = utf8Chars(text);
        require(chars >= 1, "an accepted statement is empty, not UTF-8 or has control characters");
        require(chars <= long(almere::kMaxStatementChars), "an accepted statement is too long");
        require(text.front() != ' ' && text.back() != ' ', "an accepted statement is not trimmed");
        auto again = almere::parseProposedStatement(text);
        require(again && again.value() == text, "an accepted statement changes when parsed again");
    }

    auto parsed = almere::parseAgenda(almere::SourceFile{"assets/sessions/fuzz.json", input});
    if (parsed) {
        for (const almere::AgendaRound& round : parsed.value().rounds) {
            const std::string text = almere::encodeSessionView(almere::sessionViewOf(round.view));
            almere::SessionView view;
            require(almere::decodeSessionView(text, view),
                    "an agenda round's view does not decode");
        }
    } else {
        require(!parsed.error().empty(), "an agenda refused without a reason");
    }

    const almere::server::FormFields form = almere::server::parseFormBody(input);
    for (const almere::AgendaRound& round : agenda.rounds) {
        auto answer = almere::server::answerFromForm(form, round.question, statementIds, places);
        if (answer) {
            auto again = almere::parseSessionAnswer(answer.value(), round.question, statementIds);
            require(again && again.value() == answer.value(), "a form's answer is not canonical");
        }
    }
    return 0;
}
