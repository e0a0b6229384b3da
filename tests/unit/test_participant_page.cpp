// The participant's page of a Burgerberaad session (server/participant_page): every text from the
// agenda or a participant is escaped, each question kind has a real HTML form, and what a form
// sends is checked by the one answer rule (core/session_answer).
#include "city_fixture.hpp"
#include "server/participant_page.hpp"

#include <catch2/catch.hpp>

using namespace almere;
using namespace almere::server;

namespace {

const std::string kHostile = "<script>alert('x')</script> & \"quote\"";

Agenda agenda() {
    Agenda a;
    a.id = "test";
    a.title = {"Sessie " + kHostile, "Session"};
    const auto round = [](const std::string& id, QuestionKind kind) {
        AgendaRound r;
        r.id = id;
        r.title = {"Ronde " + id + " " + kHostile, "Round " + id};
        r.intro = {"Uitleg <b>vet</b>", "Intro"};
        r.question.kind = kind;
        r.question.text = {"Vraag " + kHostile, "Question"};
        r.question.source = {"Hoofdstuk 1", "Chapter 1"};
        return r;
    };
    a.rounds.push_back(round("rating", QuestionKind::rating));
    AgendaRound choice = round("choice", QuestionKind::choice);
    choice.question.options = {{"groen", {"Groen <en> blauw", "Green"}},
                               {"huizen", {"Huizen", "Homes"}}};
    a.rounds.push_back(choice);
    AgendaRound statements = round("statements", QuestionKind::statements);
    statements.question.statements = {{"s1", {"Meer bomen", "More trees"}}};
    a.rounds.push_back(statements);
    a.rounds.push_back(round("place", QuestionKind::place));
    a.rounds.push_back(round("comment", QuestionKind::comment));
    return a;
}

Strings dutchWords() {
    auto words = Strings::parse(test::sourceFile("assets/lang/nl.json"));
    REQUIRE(words);
    return words.take();
}

const std::vector<WijkPlace> kPlaces = {
    {"WK003401", "Centrum Almere Haven", "Almere Haven", 5.2195, 52.3352},
    {"WK003496", "Pampus <Noord>", "Almere Pampus", 5.1510, 52.3880}};

SheetModel openRound(const Agenda& a, int round, const Strings& words) {
    SheetModel m;
    m.agenda = &a;
    m.state.code = "ACD347";
    m.state.agenda = a.id;
    m.state.state = "open";
    m.state.round = round;
    m.state.version = 7;
    m.places = &kPlaces;
    m.words = &words;
    return m;
}

size_t count(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

Result<std::string> answer(const AgendaQuestion& q, const FormFields& form) {
    return answerFromForm(form, q, {"s1"}, kPlaces);
}

} // namespace

TEST_CASE("participant page: agenda and participant text is escaped", "[participant_page]") {
    CHECK(htmlEscape("<a href=\"x\">'&'</a>") ==
          "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const Agenda a = agenda();
    const Strings words = dutchWords();
    for (int round = 0; round < 5; ++round) {
        SheetModel m = openRound(a, round, words);
        m.storedAnswer = R"({"comment":"</textarea><script>x</script>"})";
        m.typed = {{"comment", "<img src=x onerror=alert(1)>"}, {"text", "\"><script>"}};
        const std::string page = renderParticipantPage(m, true);
        INFO(page);
        CHECK(page.find("<script>") == std::string::npos);
        CHECK(page.find("<img") == std::string::npos);
        CHECK(page.find("<b>") == std::string::npos);
        CHECK(page.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
        CHECK(count(page, "<h1") == 1);
        CHECK(page.find("<html lang=\"nl\">") != std::string::npos);
        CHECK(page.find("<main") != std::string::npos);
        CHECK(page.find("href=\"#sheet\"") != std::string::npos);
    }
    const SheetModel place = openRound(a, 3, words);
    CHECK(renderSheet(place).find("Pampus &lt;Noord&gt;") != std::string::npos);
}

TEST_CASE("participant page: each kind has its form fields", "[participant_page]") {
    const Agenda a = agenda();
    const Strings words = dutchWords();
    const std::string rating = renderSheet(openRound(a, 0, words));
    CHECK(count(rating, "type=\"radio\" name=\"rating\"") == 5);
    for (const char* word : {"Heel slecht", "Slecht", "Neutraal", "Goed", "Heel goed"})
        CHECK(rating.find(word) != std::string::npos);
    CHECK(rating.find("action=\"/s/ACD347/answer\"") != std::string::npos);
    CHECK(rating.find("method=\"post\"") != std::string::npos);
    CHECK(rating.find("name=\"round\" value=\"0\"") != std::string::npos);
    CHECK(rating.find("type=\"submit\"") != std::string::npos);

    const std::string choice = renderSheet(openRound(a, 1, words));
    CHECK(count(choice, "type=\"radio\" name=\"choice\"") == 2);
    CHECK(choice.find("Groen &lt;en&gt; blauw") != std::string::npos);
    Agenda several = a;
    several.rounds[1].question.multiple = true;
    CHECK(count(renderSheet(openRound(several, 1, words)), "type=\"checkbox\" name=\"choice\"") ==
          2);

    const std::string statements = renderSheet(openRound(a, 2, words));
    for (const char* vote : {"agree", "disagree", "pass"})
        CHECK(statements.find("name=\"vote.s1\" value=\"" + std::string(vote) + "\"") !=
              std::string::npos);
    CHECK(statements.find("action=\"/s/ACD347/statement\"") != std::string::npos);

    const std::string place = renderSheet(openRound(a, 3, words));
    CHECK(place.find("<select id=\"wijk\" name=\"wijk\"") != std::string::npos);
    CHECK(place.find("value=\"WK003496\"") != std::string::npos);

    const std::string comment = renderSheet(openRound(a, 4, words));
    CHECK(comment.find("<textarea id=\"comment\" name=\"comment\" maxlength=\"500\"") !=
          std::string::npos);
}

TEST_CASE("participant page: lobby, stored answer, closed round, results", "[participant_page]") {
    const Agenda a = agenda();
    const Strings words = dutchWords();
    SheetModel lobby = openRound(a, 0, words);
    lobby.state.state = "lobby";
    lobby.state.round = -1;
    const std::string waiting = renderSheet(lobby);
    CHECK(waiting.find("Wacht op de gespreksleider") != std::string::npos);
    CHECK(waiting.find("Sessie &lt;script&gt;") != std::string::npos);
    CHECK(waiting.find("<form") == std::string::npos);

    SheetModel stored = openRound(a, 0, words);
    stored.storedAnswer = R"({"rating":4})";
    const std::string confirmed = renderSheet(stored);
    CHECK(confirmed.find("Je antwoord is opgeslagen") != std::string::npos);
    CHECK(confirmed.find("4 \xE2\x80\x93 Goed") != std::string::npos);
    CHECK(confirmed.find("value=\"4\" checked") != std::string::npos);

    SheetModel closed = stored;
    closed.state.state = "closed";
    CHECK(renderSheet(closed).find("De vraag is gesloten") != std::string::npos);
    CHECK(renderSheet(closed).find("<form") == std::string::npos);
    closed.state.resultsShown = true;
    closed.tally = {{R"({"rating":4})", 3}, {R"({"rating":1})", 1}};
    const std::string results = renderSheet(closed);
    CHECK(results.find("Aantal antwoorden: 4") != std::string::npos);
    CHECK(
        results.find("<span class=\"bar-label\">Goed</span> <span class=\"bar-count\">3</span>") !=
        std::string::npos);

    SheetModel withoutWords = openRound(a, 0, words);
    withoutWords.words = nullptr; // a content pack without lang files: the same words
    CHECK(renderSheet(withoutWords) == renderSheet(openRound(a, 0, words)));

    SheetModel english = openRound(a, 0, words);
    english.lang = PageLang::en;
    const std::string page = renderParticipantPage(english, false);
    CHECK(page.find("<html lang=\"en\">") != std::string::npos);
    CHECK(page.find("Round rating") != std::string::npos);
    CHECK(page.find("name=\"lang\" value=\"en\"") != std::string::npos);
    CHECK(page.find("session.js") == std::string::npos);
}

TEST_CASE("participant page: forms become canonical answers by the one rule",
          "[participant_page]") {
    const Agenda a = agenda();
    CHECK(answer(a.rounds[0].question, {{"round", "0"}, {"rating", "4"}}).value() ==
          R"({"rating":4})");
    CHECK(!answer(a.rounds[0].question, {{"rating", "6"}}));
    CHECK(!answer(a.rounds[0].question, {{"rating", "4x"}}));
    CHECK(!answer(a.rounds[0].question, {}));
    CHECK(answer(a.rounds[1].question, {{"choice", "huizen"}}).value() ==
          R"({"choices":["huizen"]})");
    CHECK(!answer(a.rounds[1].question, {{"choice", "huizen"}, {"choice", "groen"}}));
    CHECK(!answer(a.rounds[1].question, {{"choice", "onbekend"}}));
    CHECK(answer(a.rounds[2].question, {{"vote.s1", "disagree"}}).value() ==
          R"({"votes":{"s1":"disagree"}})");
    CHECK(!answer(a.rounds[2].question, {{"vote.s9", "agree"}}));
    CHECK(!answer(a.rounds[2].question, {{"vote.s1", "maybe"}}));
    CHECK(answer(a.rounds[3].question, {{"wijk", "WK003401"}}).value() ==
          R"({"pin":{"lat":52.3352,"lon":5.2195}})");
    CHECK(!answer(a.rounds[3].question, {{"wijk", "WK999999"}}));
    CHECK(answer(a.rounds[4].question, {{"comment", "Meer bomen"}}).value() ==
          R"({"comment":"Meer bomen"})");
    CHECK(!answer(a.rounds[4].question, {{"comment", ""}}));
    CHECK(!answer(a.rounds[4].question, {{"comment", std::string(501, 'a')}}));

    const auto [message, field] =
        explainAnswerError("rating: is missing", a.rounds[0].question, PageLang::nl);
    CHECK(message == "Kies een van de vijf gezichten.");
    CHECK(field == "rating");
}

TEST_CASE("participant page: form bodies and join codes", "[participant_page]") {
    const FormFields form = parseFormBody("round=2&comment=Meer+bomen%21+%C3%89%C3%A9n&&x");
    REQUIRE(form.size() == 3);
    CHECK(formValue(form, "comment") == "Meer bomen! Één");
    CHECK(formValue(form, "x").empty());
    CHECK(normaliseJoinCode(" acd 347 ") == "ACD347");
    CHECK(pageLangFrom("en") == PageLang::en);
    CHECK(pageLangFrom("fr") == PageLang::nl);
    CHECK(renderGonePage(PageLang::nl, 410).find("De sessie is afgelopen") != std::string::npos);
    CHECK(renderJoinPage(PageLang::nl, "<x>", true).find("value=\"&lt;x&gt;\"") !=
          std::string::npos);
}
