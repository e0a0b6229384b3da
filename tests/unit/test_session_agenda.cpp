// Burgerberaad agendas (assets/sessions/*.json): the shipped agenda fits the real plans and
// city, and every validation rule refuses a broken agenda naming the file and the field.
#include "city_fixture.hpp"
#include "core/plan_state.hpp"
#include "core/plans.hpp"
#include "core/session_agenda.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace almere;
using namespace almere::test;

namespace {

// The smallest agenda that uses every field: a rating with view, a choice, a statements round.
const char* const kValid = R"({"id": "x", "title": {"nl": "Titel", "en": "Title"},
 "rounds": [
  {"id": "r1", "title": {"nl": "Een", "en": "One"}, "intro": {"nl": "Intro", "en": "Intro"},
   "view": {"plan_state": "plans=pampus;phase=2050", "camera": [1, 2, 3000, 0, 55],
            "wijk": "WK003496", "theme": "groen"},
   "question": {"kind": "rating", "text": {"nl": "Vraag", "en": "Question"},
                "source": {"nl": "Bron", "en": "Source"}}},
  {"id": "r2", "title": {"nl": "Twee", "en": "Two"}, "intro": {"nl": "Intro", "en": "Intro"},
   "view": {"plan_state": ""},
   "question": {"kind": "choice", "text": {"nl": "Kies", "en": "Choose"},
                "source": {"nl": "Bron", "en": "Source"}, "multiple": true,
                "options": [{"id": "a", "text": {"nl": "A", "en": "A"}},
                            {"id": "b", "text": {"nl": "B", "en": "B"}}]}},
  {"id": "r3", "title": {"nl": "Drie", "en": "Three"}, "intro": {"nl": "Intro", "en": "Intro"},
   "view": {"plan_state": "plans=;phase=nu;themes=groen"},
   "question": {"kind": "statements", "text": {"nl": "Eens?", "en": "Agree?"},
                "source": {"nl": "Bron", "en": "Source"},
                "statements": [{"id": "s1", "text": {"nl": "S", "en": "S"}}]}}]})";

const char* const kFile = "assets/sessions/x.json";

Result<Agenda> parseWith(const std::string& from, const std::string& to) {
    std::string text = kValid;
    if (!from.empty()) {
        const size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    }
    return parseAgenda({kFile, text});
}

std::string errorWith(const std::string& from, const std::string& to) {
    auto result = parseWith(from, to);
    return result ? std::string("(no error)") : result.error();
}

// The small agenda without one member, named by a JSON pointer ("/rounds/0/question/source").
std::string errorWithout(const std::string& pointer) {
    nlohmann::json doc = nlohmann::json::parse(kValid, nullptr, false);
    const nlohmann::json::json_pointer at(pointer);
    REQUIRE(doc.contains(at));
    doc[at.parent_pointer()].erase(at.back());
    auto result = parseAgenda({kFile, doc.dump()});
    return result ? std::string("(no error)") : result.error();
}

std::string expected(const std::string& rest) {
    return std::string(kFile) + ": " + rest;
}

std::string repeated(const std::string& item, size_t times, const std::string& separator) {
    std::string text;
    for (size_t i = 0; i < times; ++i)
        text += (i ? separator : "") + item;
    return text;
}

} // namespace

TEST_CASE("the small agenda parses with every field", "[agenda]") {
    auto agenda = parseWith("", "");
    INFO(agenda.error());
    REQUIRE(agenda);
    const Agenda& a = agenda.value();
    CHECK(a.id == "x");
    REQUIRE(a.rounds.size() == 3);
    CHECK(a.rounds[0].view.hasCamera);
    CHECK(a.rounds[0].view.camera == std::array<double, 5>{1, 2, 3000, 0, 55});
    CHECK(a.rounds[0].view.wijk == "WK003496");
    CHECK(a.rounds[0].view.theme == "groen");
    CHECK_FALSE(a.rounds[1].view.hasCamera);
    CHECK(a.rounds[1].view.planState.empty());
    CHECK(a.rounds[1].question.kind == QuestionKind::choice);
    CHECK(a.rounds[1].question.multiple);
    REQUIRE(a.rounds[1].question.options.size() == 2);
    CHECK(a.rounds[1].question.options[1].id == "b");
    CHECK(a.rounds[2].question.statements.size() == 1);
    // A statements round may start without opening statements.
    CHECK(errorWith(R"("statements": [{"id": "s1", "text": {"nl": "S", "en": "S"}}])",
                    R"("statements": [])") == "(no error)");
}

TEST_CASE("the shipped agenda fits the real plans, themes and wijken", "[agenda]") {
    const std::vector<std::string> codes = wijkCodes();
    auto catalog = parsePlanCatalog(sourceFile("assets/plans/plans.json"), codes);
    REQUIRE(catalog);
    auto agenda = parseAgenda(sourceFile("assets/sessions/omgevingsvisie.json"));
    INFO(agenda.error());
    REQUIRE(agenda);
    const Agenda& a = agenda.value();
    CHECK(a.id == "omgevingsvisie");
    CHECK(a.rounds.size() >= 6);
    bool kinds[5] = {};
    for (const AgendaRound& round : a.rounds) {
        INFO(round.id);
        kinds[size_t(round.question.kind)] = true;
        // Every question cites the vision the way the app does elsewhere.
        CHECK(round.question.source.nl.rfind("Ontwerp Omgevingsvisie Almere 2050, ", 0) == 0);
        CHECK(round.question.source.en.rfind("Ontwerp Omgevingsvisie Almere 2050, ", 0) == 0);
        PlanState state(&catalog.value());
        CHECK(state.decode(round.view.planState));
        if (!round.view.wijk.empty())
            CHECK(std::count(codes.begin(), codes.end(), round.view.wijk) == 1);
        if (!round.view.theme.empty())
            CHECK(std::any_of(catalog.value().themes.begin(), catalog.value().themes.end(),
                              [&](const ThemeDef& t) { return t.id == round.view.theme; }));
    }
    // The brief's mix: ratings, a choice, statements and a place.
    CHECK(kinds[size_t(QuestionKind::rating)]);
    CHECK(kinds[size_t(QuestionKind::choice)]);
    CHECK(kinds[size_t(QuestionKind::statements)]);
    CHECK(kinds[size_t(QuestionKind::place)]);
    // Each plan has its own round, showing that plan alone at 2050 with a camera on it.
    for (const char* plan : {"pampus", "hart", "oosterwold"}) {
        INFO(plan);
        auto round = std::find_if(a.rounds.begin(), a.rounds.end(),
                                  [&](const AgendaRound& r) { return r.id == plan; });
        REQUIRE(round != a.rounds.end());
        CHECK(round->view.planState == std::string("plans=") + plan + ";phase=2050");
        CHECK(round->view.hasCamera);
    }
}

TEST_CASE("question kinds round-trip through their ids", "[agenda]") {
    for (QuestionKind kind : {QuestionKind::rating, QuestionKind::choice, QuestionKind::statements,
                              QuestionKind::place, QuestionKind::comment}) {
        QuestionKind back = QuestionKind::comment;
        INFO(questionKindId(kind));
        REQUIRE(questionKindFromId(questionKindId(kind), back));
        CHECK(back == kind);
    }
    CHECK(std::string(questionKindId(QuestionKind::statements)) == "statements");
    QuestionKind out = QuestionKind::place;
    CHECK_FALSE(questionKindFromId("Rating", out));
    CHECK_FALSE(questionKindFromId("", out));
    CHECK(out == QuestionKind::place); // untouched on failure
}

TEST_CASE("agenda errors name the file and the field", "[agenda]") {
    SECTION("the document") {
        CHECK(parseAgenda({kFile, "{"}).error() ==
              expected("is not valid JSON (or not valid UTF-8)"));
        CHECK(parseAgenda({kFile, std::string("{}\0{", 4)}).error() ==
              expected("is not valid JSON (contains a NUL byte)"));
        CHECK(parseAgenda({kFile, "[]"}).error() == expected("expected an object"));
        CHECK(errorWith(R"("id": "x")", R"("id": "y")") ==
              expected("id: expected \"x\" (the file name)"));
        CHECK(errorWith(R"("id": "x", )", R"("id": "x", "colour": 1, )") ==
              expected("colour: unknown field"));
        CHECK(parseAgenda({kFile, R"({"id": "x", "title": {"nl": "T", "en": "T"}, "rounds": []})"})
                  .error() == expected("rounds: is empty"));
        CHECK(errorWithout("/title") == expected("title: is missing"));
        std::string many;
        for (int i = 0; i < 31; ++i)
            many += (i ? "," : "") + std::string(R"({"id": "r)") + std::to_string(i) + "\"}";
        CHECK(parseAgenda({kFile, R"({"id": "x", "title": {"nl": "T", "en": "T"}, "rounds": [)" +
                                      many + "]}"})
                  .error() == expected("rounds: more than 30 rounds"));
    }
    SECTION("rounds") {
        CHECK(errorWith(R"("id": "r2")", R"("id": "r1")") ==
              expected("rounds[1].id: duplicate id 'r1'"));
        CHECK(errorWith(R"("id": "r2")", R"("id": "R2")") ==
              expected("rounds[1].id: expected 1 to 40 of a-z, 0-9 or _"));
        CHECK(errorWith(R"("id": "r2")", "\"id\": \"" + std::string(41, 'a') + "\"") ==
              expected("rounds[1].id: expected 1 to 40 of a-z, 0-9 or _"));
        CHECK(errorWith(R"({"id": "r2", )", R"({"id": "r2", "note": "", )") ==
              expected("rounds[1].note: unknown field"));
        CHECK(errorWithout("/rounds/1/title") == expected("rounds[1].title: is missing"));
        CHECK(errorWithout("/rounds/1/intro") == expected("rounds[1].intro: is missing"));
        CHECK(errorWithout("/rounds/1/view") == expected("rounds[1].view: is missing"));
        CHECK(errorWithout("/rounds/1/question") == expected("rounds[1].question: is missing"));
    }
    SECTION("texts") {
        CHECK(errorWith(R"({"nl": "Twee", "en": "Two"})", R"({"nl": "Twee"})") ==
              expected("rounds[1].title.en: is missing"));
        CHECK(errorWith(R"({"nl": "Twee", "en": "Two"})", R"({"nl": "", "en": "Two"})") ==
              expected("rounds[1].title.nl: is empty"));
        CHECK(errorWith(R"({"nl": "Twee", "en": "Two"})",
                        R"({"nl": "Twee", "en": "Two", "de": "Zwei"})") ==
              expected("rounds[1].title.de: unknown field"));
        CHECK(errorWith(R"({"nl": "Twee", "en": "Two"})",
                        "{\"nl\": \"" + std::string(601, 'a') + "\", \"en\": \"Two\"}") ==
              expected("rounds[1].title.nl: longer than 600 bytes"));
        CHECK(errorWith(R"({"nl": "Twee", "en": "Two"})", R"({"nl": "Twee", "en": "T\u0007"})") ==
              expected("rounds[1].title.en: contains a control character (only line breaks "
                       "allowed)"));
        // A lone surrogate escape is not a character: nlohmann refuses it while parsing.
        CHECK(errorWith(R"({"nl": "Twee", "en": "Two"})", R"({"nl": "\udc00", "en": "Two"})") ==
              expected("is not valid JSON (or not valid UTF-8)"));
        CHECK(errorWith(R"("text": {"nl": "Vraag", "en": "Question"})", R"("text": "Vraag")") ==
              expected("rounds[0].question.text: expected an object"));
    }
    SECTION("the view") {
        CHECK(errorWith(R"("plan_state": "plans=pampus;phase=2050")", R"("plan_state": "Plans")") ==
              expected("rounds[0].view.plan_state: expected \"\" or a view state like "
                       "\"plans=pampus;phase=2050\""));
        CHECK(errorWith(R"("plan_state": "plans=pampus;phase=2050")",
                        R"("plan_state": "plans=pampus")") ==
              expected("rounds[0].view.plan_state: expected \"\" or a view state like "
                       "\"plans=pampus;phase=2050\""));
        CHECK(errorWith(R"("plan_state": "plans=pampus;phase=2050")",
                        R"("plan_state": "plan=pampus;phase=2050")") ==
              expected("rounds[0].view.plan_state: expected \"\" or a view state like "
                       "\"plans=pampus;phase=2050\""));
        CHECK(
            errorWith(R"("plan_state": "plans=pampus;phase=2050")",
                      "\"plan_state\": \"phase=2050;plans=" + repeated("pampus", 40, ",") + "\"") ==
            expected("rounds[0].view.plan_state: expected \"\" or a view state like "
                     "\"plans=pampus;phase=2050\""));
        CHECK(errorWith(R"("view": {"plan_state": ""})", R"("view": {})") ==
              expected("rounds[1].view.plan_state: is missing"));
        CHECK(errorWith(R"("view": {"plan_state": ""})",
                        R"("view": {"plan_state": "", "zoom": 2})") ==
              expected("rounds[1].view.zoom: unknown field"));
        CHECK(errorWith("[1, 2, 3000, 0, 55]", "[1, 2, 3000, 0]") ==
              expected("rounds[0].view.camera: expected [east, north, distance, yaw, pitch]"));
        CHECK(errorWith("[1, 2, 3000, 0, 55]", R"([1, "2", 3000, 0, 55])") ==
              expected("rounds[0].view.camera[1]: expected a finite number"));
        // nlohmann refuses a number out of double range while parsing: no infinity gets through.
        CHECK(errorWith("[1, 2, 3000, 0, 55]", "[1, 2, 1e400, 0, 55]") ==
              expected("is not valid JSON (or not valid UTF-8)"));
        CHECK(errorWith("[1, 2, 3000, 0, 55]", "[1, 2, 0, 0, 55]") ==
              expected("rounds[0].view.camera[2]: distance must be above 0"));
        CHECK(errorWith("[1, 2, 3000, 0, 55]", "[1, 2, 3000, 0, 4.9]") ==
              expected("rounds[0].view.camera[4]: pitch must be from 5 to 89 degrees"));
        CHECK(errorWith("[1, 2, 3000, 0, 55]", "[1, 2, 3000, 0, 90]") ==
              expected("rounds[0].view.camera[4]: pitch must be from 5 to 89 degrees"));
        CHECK(errorWith("[1, 2, 3000, 0, 55]", "[1, 2, 3000, 0, 89]") == "(no error)");
        CHECK(errorWith(R"("wijk": "WK003496")", R"("wijk": "WK036301")") ==
              expected("rounds[0].view.wijk: expected \"\" or a wijk code (WK0034 and 2 digits)"));
        CHECK(errorWith(R"("wijk": "WK003496")", R"("wijk": 34)") ==
              expected("rounds[0].view.wijk: expected a string"));
        CHECK(errorWith(R"("theme": "groen")", R"("theme": "Groen")") ==
              expected("rounds[0].view.theme: expected \"\" or 1 to 40 of a-z, 0-9 or _"));
        CHECK(errorWith(R"("wijk": "WK003496", "theme": "groen")", R"("wijk": "", "theme": "")") ==
              "(no error)");
    }
    SECTION("questions") {
        CHECK(errorWith(R"("kind": "rating")", R"("kind": "poll")") ==
              expected("rounds[0].question.kind: expected rating, choice, statements, place or "
                       "comment"));
        CHECK(errorWithout("/rounds/0/question/source") ==
              expected("rounds[0].question.source: is missing"));
        CHECK(errorWithout("/rounds/0/question/kind") ==
              expected("rounds[0].question.kind: is missing"));
        CHECK(errorWith(R"("kind": "rating")", R"("kind": "rating", "hint": "")") ==
              expected("rounds[0].question.hint: unknown field"));
        CHECK(errorWith(R"("kind": "rating")", R"("kind": "rating", "multiple": false)") ==
              expected("rounds[0].question.multiple: only for a choice question"));
        CHECK(errorWith(R"("kind": "rating")", R"("kind": "rating", "options": [])") ==
              expected("rounds[0].question.options: only for a choice question"));
        CHECK(errorWith(R"("kind": "rating")", R"("kind": "rating", "statements": [])") ==
              expected("rounds[0].question.statements: only for a statements question"));
        CHECK(errorWith(R"("kind": "statements")", R"("kind": "place")") ==
              expected("rounds[2].question.statements: only for a statements question"));
    }
    SECTION("choices") {
        const std::string options = R"("options": [{"id": "a", "text": {"nl": "A", "en": "A"}},
                            {"id": "b", "text": {"nl": "B", "en": "B"}}])";
        CHECK(errorWith(options, R"("options": [])") ==
              expected("rounds[1].question.options: is empty"));
        CHECK(errorWith(options, R"("options": [{"id": "a", "text": {"nl": "A", "en": "A"}}])") ==
              expected("rounds[1].question.options: expected 2 to 8 items"));
        const std::string nine =
            "\"options\": [" + repeated(R"({"id": "a", "text": {"nl": "A", "en": "A"}})", 9, ",") +
            "]";
        CHECK(errorWith(options, nine) ==
              expected("rounds[1].question.options: expected 2 to 8 items"));
        CHECK(errorWith(R"("id": "b")", R"("id": "a")") ==
              expected("rounds[1].question.options[1].id: duplicate id 'a'"));
        CHECK(errorWith(R"({"id": "b", )", R"({"id": "b", "votes": 0, )") ==
              expected("rounds[1].question.options[1].votes: unknown field"));
        CHECK(errorWith(R"({"id": "b", "text": {"nl": "B", "en": "B"}})", R"({"id": "b"})") ==
              expected("rounds[1].question.options[1].text: is missing"));
        CHECK(errorWith(R"("multiple": true)", R"("multiple": "yes")") ==
              expected("rounds[1].question.multiple: expected true or false"));
        CHECK(errorWithout("/rounds/1/question/multiple") == "(no error)");
        CHECK(errorWithout("/rounds/1/question/options") ==
              expected("rounds[1].question.options: is missing"));
    }
    SECTION("statements") {
        const std::string one = R"([{"id": "s1", "text": {"nl": "S", "en": "S"}}])";
        CHECK(errorWith(one, R"([{"id": "s1", "text": {"nl": "S", "en": "S"}},
                                 {"id": "s1", "text": {"nl": "T", "en": "T"}}])") ==
              expected("rounds[2].question.statements[1].id: duplicate id 's1'"));
        const std::string item = R"({"id": "s", "text": {"nl": "S", "en": "S"}})";
        CHECK(errorWith(one, "[" + repeated(item, 21, ",") + "]") ==
              expected("rounds[2].question.statements: expected 0 to 20 items"));
        CHECK(errorWith(one, R"({"id": "s1"})") ==
              expected("rounds[2].question.statements: expected an array"));
    }
}
