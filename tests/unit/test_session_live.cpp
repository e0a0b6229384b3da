// A live session as the viewer reads it (core/session_live): the server's state, results and
// proposals, parsed like hostile input, and when a participant's view follows the facilitator.
#include "core/session_live.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {

const char* kState =
    R"({"code":"ABC347","agenda":"omgevingsvisie","state":"open","round":1,"results_shown":false,)"
    R"("view":"plans=pampus;phase=2050;camera=-4200,600,9000,0,55;wijk=WK003496","version":7,)"
    R"("participants":23,"answers":5,"rounds":6,"follow":true,)"
    R"("statements":[{"id":"p1","text":"Meer bomen"}],"pending_statements":2})";

SessionLiveState state(const std::string& view, bool follow) {
    SessionLiveState s;
    s.code = "ABC347";
    s.view = view;
    s.follow = follow;
    return s;
}

} // namespace

TEST_CASE("session live: the server's state", "[session]") {
    auto parsed = parseSessionState(kState);
    REQUIRE(parsed);
    const SessionLiveState& s = parsed.value();
    CHECK(s.code == "ABC347");
    CHECK(s.agenda == "omgevingsvisie");
    CHECK(s.state == "open");
    CHECK(s.round == 1);
    CHECK_FALSE(s.resultsShown);
    CHECK(s.version == 7);
    CHECK(s.participants == 23);
    CHECK(s.answers == 5);
    CHECK(s.rounds == 6);
    CHECK(s.follow);
    REQUIRE(s.statements.size() == 1);
    CHECK(s.statements[0].id == "p1");
    CHECK(s.statements[0].text == "Meer bomen");
    CHECK(s.pendingStatements == 2);

    // A server without the new fields: follow defaults to true, no statements.
    auto older = parseSessionState(R"({"code":"ABC347","state":"lobby","round":-1,"rounds":3})");
    REQUIRE(older);
    CHECK(older.value().follow);
    CHECK(older.value().statements.empty());
}

TEST_CASE("session live: hostile states are refused", "[session]") {
    for (const char* bad :
         {"", "null", "[]", "{", R"({"state":"lobby"})", R"({"code":""})",
          R"({"code":"ABC347","state":"dancing"})", R"({"code":"ABC347","round":"1"})",
          R"({"code":"ABC347","round":5,"rounds":3})", R"({"code":"ABC347","round":-7})",
          R"({"code":"ABC347","participants":-1})", R"({"code":"ABC347","follow":"yes"})",
          R"({"code":"ABC347","statements":{}})", R"({"code":"ABC347","statements":[{"id":"p1"}]})",
          R"({"code":"ABC347","statements":[{"id":3,"text":"x"}]})",
          R"({"code":"ABC347","version":1.5})"}) {
        INFO(bad);
        CHECK_FALSE(parseSessionState(bad));
    }
    CHECK_FALSE(parseSessionState(std::string(R"({"code":"ABC347"})") + std::string(1, '\0')));
    CHECK_FALSE(parseSessionState(std::string(kMaxSessionStateBytes + 1, ' ')));
    const std::string longView = R"({"code":"ABC347","view":")" + std::string(500, 'a') + "\"}";
    CHECK_FALSE(parseSessionState(longView));
}

TEST_CASE("session live: rating results add online and paper answers", "[session]") {
    auto r = parseSessionResults(
        R"({"round":0,"kind":"rating","counts":[{"answer":{"rating":4},"count":10},)"
        R"({"answer":{"rating":1},"count":2}],"paper":[{"answer":{"rating":4},"count":3}]})");
    REQUIRE(r);
    CHECK(r.value().round == 0);
    CHECK(r.value().kind == QuestionKind::rating);
    CHECK(r.value().ratings == std::array<int64_t, 5>{2, 0, 0, 13, 0});
    CHECK(r.value().total == 15);
}

TEST_CASE("session live: choices, statements, pins and comments", "[session]") {
    auto choice = parseSessionResults(
        R"({"round":2,"kind":"choice","counts":[{"answer":{"choices":["a","b"]},"count":3},)"
        R"({"answer":{"choices":["b"]},"count":4}]})");
    REQUIRE(choice);
    REQUIRE(choice.value().choices.size() == 2);
    CHECK(choice.value().choices[0] == std::make_pair(std::string("a"), int64_t(3)));
    CHECK(choice.value().choices[1] == std::make_pair(std::string("b"), int64_t(7)));
    CHECK(choice.value().total == 7);

    auto votes = parseSessionResults(
        R"({"round":3,"kind":"statements","counts":[)"
        R"({"answer":{"votes":{"s1":"agree","s2":"disagree"}},"count":6},)"
        R"({"answer":{"votes":{"s1":"disagree","s2":"agree","p1":"agree"}},"count":2},)"
        R"({"answer":{"votes":{"s1":"pass"}},"count":1}]})");
    REQUIRE(votes);
    const auto sorted = byAgreement(votes.value().statements);
    REQUIRE(sorted.size() == 3);
    CHECK(sorted[0].id == "p1"); // 2 of 2 agree
    CHECK(sorted[1].id == "s1"); // 6 of 8
    CHECK(sorted[1].agree == 6);
    CHECK(sorted[1].disagree == 2);
    CHECK(sorted[1].pass == 1);
    CHECK(sorted[2].id == "s2"); // 2 of 8

    auto pins = parseSessionResults(
        R"({"round":4,"kind":"place","counts":[{"answer":{"pin":{"lon":5.2,"lat":52.37}},"count":2}]})");
    REQUIRE(pins);
    REQUIRE(pins.value().pins.size() == 1);
    CHECK(pins.value().pins[0].count == 2);

    auto comments = parseSessionResults(
        R"({"round":5,"kind":"comment","counts":[{"answer":{"comment":"Meer groen"},"count":1}]})");
    REQUIRE(comments);
    REQUIRE(comments.value().comments.size() == 1);
    CHECK(comments.value().comments[0].first == "Meer groen");
}

TEST_CASE("session live: hostile results are refused", "[session]") {
    for (const char* bad :
         {"{}", R"({"kind":"dance","counts":[]})", R"({"kind":"rating","counts":{}})",
          R"({"kind":"rating","counts":[{"answer":{"rating":6},"count":1}]})",
          R"({"kind":"rating","counts":[{"answer":{"rating":3},"count":-1}]})",
          R"({"kind":"rating","counts":[{"answer":{"choices":["a"]},"count":1}]})",
          R"({"kind":"statements","counts":[{"answer":{"votes":{"s1":"maybe"}},"count":1}]})",
          R"({"kind":"place","counts":[{"answer":{"pin":{"lon":0,"lat":0}},"count":1}]})",
          R"({"kind":"rating","paper":[{"answer":{"rating":2}}]})"}) {
        INFO(bad);
        CHECK_FALSE(parseSessionResults(bad));
    }
}

TEST_CASE("session live: the facilitator's list of proposals", "[session]") {
    auto list = parseSessionStatements(
        R"({"statements":[{"id":"p1","round":3,"text":"Meer bomen","status":"pending"}]})");
    REQUIRE(list);
    REQUIRE(list.value().size() == 1);
    CHECK(list.value()[0].round == 3);
    CHECK(list.value()[0].status == "pending");
    CHECK_FALSE(parseSessionStatements(R"({"statements":[{"text":"x"}]})"));
    CHECK_FALSE(parseSessionStatements("[]"));
}

TEST_CASE("session live: a participant follows until they move", "[session]") {
    SessionFollower f;
    const std::string a = "plans=pampus;phase=2050;camera=-4200,600,9000,0,55";
    const std::string b = "plans=hart;phase=2050;camera=500,-1500,7000,0,55";
    auto first = f.onState(state(a, true));
    REQUIRE(first);
    CHECK(first->planState == "plans=pampus;phase=2050");
    CHECK_FALSE(f.onState(state(a, true))); // the same view again: nothing to do
    f.stop();
    CHECK_FALSE(f.following());
    CHECK_FALSE(f.onState(state(b, true))); // the participant looks around on their own
    auto back = f.resume();                 // "Terug naar de presentatie"
    REQUIRE(back);
    CHECK(back->planState == "plans=hart;phase=2050");
    CHECK(f.following());

    // "Follow me" off: the view is not applied, and is once it is back on.
    CHECK_FALSE(f.onState(state(a, false)));
    auto on = f.onState(state(a, true));
    REQUIRE(on);
    CHECK(on->planState == "plans=pampus;phase=2050");
    // A view that does not parse is never applied.
    CHECK_FALSE(f.onState(state("camera=1,2,3", true)));
}

TEST_CASE("session live: reconnecting backs off to 10 s", "[session]") {
    CHECK(sessionRetryDelayMs(0) == 0);
    CHECK(sessionRetryDelayMs(1) == 500);
    CHECK(sessionRetryDelayMs(2) == 1000);
    CHECK(sessionRetryDelayMs(5) == 8000);
    CHECK(sessionRetryDelayMs(6) == 10000);
    CHECK(sessionRetryDelayMs(1000) == 10000);
}

TEST_CASE("session live: a saved demo file holds state and results as members", "[session]") {
    const std::string demo = std::string(R"({"state":)") + kState +
                             R"(,"results":{"round":1,"kind":"rating","counts":[]}})";
    auto s = parseSessionState(demo, "state");
    REQUIRE(s);
    CHECK(s.value().code == "ABC347");
    auto r = parseSessionResults(demo, "results");
    REQUIRE(r);
    CHECK(r.value().total == 0);
    CHECK_FALSE(parseSessionStatements(demo, "statements"));
    CHECK_FALSE(parseSessionState(demo)); // the demo file itself is no state
}

TEST_CASE("session live: proposal ids that could break a request are refused", "[session]") {
    CHECK_FALSE(parseSessionStatements(R"({"statements":[{"id":"p1\"","text":"x"}]})"));
    CHECK_FALSE(parseSessionStatements(R"({"statements":[{"id":"../p1","text":"x"}]})"));
    CHECK(parseSessionStatements(R"({"statements":[{"id":"p_1-b","text":"x"}]})"));
}
