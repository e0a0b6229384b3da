// A participant's answer checked against its round's question (core/session_answer): the one
// rule the participant's app and the server share.
#include "core/session_answer.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {

AgendaQuestion question(QuestionKind kind) {
    AgendaQuestion q;
    q.kind = kind;
    q.options = {{"groen", {"Groen", "Green"}}, {"huizen", {"Huizen", "Homes"}}};
    return q;
}

std::string answerOf(const AgendaQuestion& q, const std::string& text,
                     const std::vector<std::string>& statements = {"s1", "s2"}) {
    auto r = parseSessionAnswer(text, q, statements);
    return r ? r.value() : "error: " + r.error();
}

} // namespace

TEST_CASE("session answers: each kind in its canonical form", "[session]") {
    CHECK(answerOf(question(QuestionKind::rating), R"({"rating": 4})") == R"({"rating":4})");
    CHECK(answerOf(question(QuestionKind::choice), R"({"choices": ["huizen"]})") ==
          R"({"choices":["huizen"]})");
    AgendaQuestion several = question(QuestionKind::choice);
    several.multiple = true;
    CHECK(answerOf(several, R"({"choices": ["huizen", "groen"]})") ==
          R"({"choices":["groen","huizen"]})");
    CHECK(answerOf(question(QuestionKind::statements),
                   R"({"votes": {"s2": "pass", "s1": "agree"}})") ==
          R"({"votes":{"s1":"agree","s2":"pass"}})");
    CHECK(answerOf(question(QuestionKind::place), R"({"pin": {"lon": 5.2, "lat": 52.37}})") ==
          R"({"pin":{"lat":52.37,"lon":5.2}})");
    CHECK(answerOf(question(QuestionKind::comment), R"({"comment": "Meer bomen, graag! Één."})") ==
          R"({"comment":"Meer bomen, graag! Één."})");
}

TEST_CASE("session answers: what does not fit the question is refused", "[session]") {
    const auto rating = question(QuestionKind::rating);
    CHECK(answerOf(rating, R"({"rating": 6})") ==
          "error: rating: expected a whole number from 1 to 5");
    CHECK(answerOf(rating, R"({"rating": 3, "name": "Jan"})") == "error: name: unknown field");
    CHECK(answerOf(rating, R"({"choices": ["groen"]})") == "error: choices: unknown field");
    CHECK(answerOf(rating, "[1]") == "error: expected a JSON object");
    CHECK(answerOf(rating, std::string(R"({"rating": 3})") + '\0' + "x") ==
          "error: is not valid JSON (contains a NUL byte)");
    const auto choice = question(QuestionKind::choice);
    CHECK(answerOf(choice, R"({"choices": ["groen", "huizen"]})") ==
          "error: choices: pick exactly one");
    CHECK(answerOf(choice, R"({"choices": ["bomen"]})") ==
          "error: choices: unknown option \"bomen\"");
    CHECK(answerOf(choice, R"({"choices": []})") ==
          "error: choices: expected a list of option ids");
    AgendaQuestion several = choice;
    several.multiple = true;
    CHECK(answerOf(several, R"({"choices": ["groen", "groen"]})") ==
          "error: choices: an option is picked twice");
    const auto statements = question(QuestionKind::statements);
    CHECK(answerOf(statements, R"({"votes": {"s9": "agree"}})") ==
          "error: votes: no open statement \"s9\"");
    CHECK(answerOf(statements, R"({"votes": {"s1": "yes"}})") ==
          "error: votes.s1: expected agree, disagree or pass");
    CHECK(answerOf(question(QuestionKind::place), R"({"pin": {"lon": 5.12, "lat": 52.09}})") ==
          "error: pin: expected a point in and around Almere");
    const auto comment = question(QuestionKind::comment);
    CHECK(answerOf(comment, R"({"comment": ""})") == "error: comment: is empty");
    CHECK(answerOf(comment, R"({"comment": "a\u0007b"})") ==
          "error: comment: contains a control character (only line breaks allowed)");
    CHECK(answerOf(comment, "{\"comment\": \"" + std::string(501, 'a') + "\"}") ==
          "error: comment: longer than 500 characters");
}

TEST_CASE("proposed statements: one trimmed line of 1 to 200 characters", "[session]") {
    const auto proposed = [](const std::string& text) {
        auto r = parseProposedStatement(text);
        return r ? r.value() : "error: " + r.error();
    };
    CHECK(proposed("  Meer bomen\t\r\n") == "Meer bomen");
    CHECK(proposed(std::string(200, 'a')) == std::string(200, 'a'));
    std::string accents;
    for (int i = 0; i < 200; ++i)
        accents += "\xC3\xA9"; // é: 200 characters in 400 bytes
    CHECK(proposed(accents) == accents);
    CHECK(proposed(accents + "e") == "error: text: longer than 200 characters");
    CHECK(proposed("") == "error: text: is empty");
    CHECK(proposed(" \t\n ") == "error: text: is empty");
    CHECK(proposed("twee\nregels") == "error: text: contains a control character or line break");
    CHECK(proposed("bel\x07") == "error: text: contains a control character or line break");
    CHECK(proposed("\xC2\x85x") == "error: text: contains a control character or line break");
    CHECK(proposed("ab\xFF") == "error: text: is not valid UTF-8");
    CHECK(proposed("\xC0\xAF") == "error: text: is not valid UTF-8"); // an overlong '/'
}
