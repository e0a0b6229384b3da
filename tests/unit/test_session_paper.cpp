// Paper ballots on the facilitator's screen (core/session_paper): the draft taken from the
// results, the steppers' limits, and the control body the server takes.
#include "core/session_answer.hpp"
#include "core/session_paper.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace almere;

namespace {

AgendaQuestion question(QuestionKind kind) {
    AgendaQuestion q;
    q.kind = kind;
    if (kind == QuestionKind::choice)
        q.options = {{"bos", {"Bos", "Forest"}}, {"meer", {}}, {"stad", {}}};
    return q;
}

SessionResults results(const char* text) {
    auto parsed = parseSessionResults(text);
    REQUIRE(parsed);
    return parsed.take();
}

} // namespace

TEST_CASE("session paper: results keep their paper part apart", "[session]") {
    const SessionResults r = results(
        R"({"round":1,"kind":"rating","counts":[{"answer":{"rating":4},"count":8}],)"
        R"("paper":[{"answer":{"rating":4},"count":2},{"answer":{"rating":1},"count":3}]})");
    CHECK(r.total == 13); // online and paper together
    CHECK(r.ratings[3] == 10);
    CHECK(r.ratings[0] == 3);
    CHECK(r.paperTotal == 5);
    CHECK(r.paperRatings[3] == 2);
    CHECK(r.paperRatings[0] == 3);

    const SessionResults none =
        results(R"({"round":1,"kind":"rating","counts":[{"answer":{"rating":4},"count":8}]})");
    CHECK(none.paperTotal == 0);
}

TEST_CASE("session paper: a draft starts from what the server holds", "[session]") {
    const SessionResults r =
        results(R"({"round":2,"kind":"choice","counts":[{"answer":{"choices":["bos"]},"count":8}],)"
                R"("paper":[{"answer":{"choices":["stad"]},"count":4}]})");
    auto d = paperDraftFor(question(QuestionKind::choice), 2, &r);
    REQUIRE(d);
    CHECK(d->counts == std::vector<int64_t>{0, 0, 4});
    CHECK_FALSE(d->changed);

    // Results of another round (or none yet): zeros.
    auto other = paperDraftFor(question(QuestionKind::choice), 3, &r);
    REQUIRE(other);
    CHECK(other->counts == std::vector<int64_t>{0, 0, 0});
    auto rating = paperDraftFor(question(QuestionKind::rating), 0, nullptr);
    REQUIRE(rating);
    CHECK(rating->counts.size() == 5);

    // Statements, places and comments are counted by hand in the report.
    for (QuestionKind k : {QuestionKind::statements, QuestionKind::place, QuestionKind::comment})
        CHECK_FALSE(paperDraftFor(question(k), 0, nullptr));
    CHECK_FALSE(paperDraftFor(question(QuestionKind::rating), -1, nullptr));
}

TEST_CASE("session paper: steppers stay within 0..10000", "[session]") {
    PaperDraft d = *paperDraftFor(question(QuestionKind::rating), 0, nullptr);
    stepPaper(d, 0, -1);
    CHECK(d.counts[0] == 0);
    stepPaper(d, 2, +1);
    stepPaper(d, 2, +1);
    CHECK(d.counts[2] == 2);
    CHECK(d.changed);
    d.counts[4] = kMaxPaperCount;
    stepPaper(d, 4, +1);
    CHECK(d.counts[4] == kMaxPaperCount);
    stepPaper(d, 9, +1); // no such face: nothing happens
    CHECK(d.counts.size() == 5);
}

TEST_CASE("session paper: the control body", "[session]") {
    PaperDraft d = *paperDraftFor(question(QuestionKind::rating), 1, nullptr);
    d.counts = {3, 0, 0, 2, 0};
    auto body = paperControl(d, question(QuestionKind::rating));
    REQUIRE(body);
    CHECK(body.value() ==
          R"({"action":"paper","round":1,"counts":[{"answer":{"rating":1},"count":3},)"
          R"({"answer":{"rating":4},"count":2}]})");

    // All zeros: an empty list, which clears what was sent before.
    d.counts = {0, 0, 0, 0, 0};
    CHECK(paperControl(d, question(QuestionKind::rating)).value() ==
          R"({"action":"paper","round":1,"counts":[]})");

    // Every answer is one the server takes (the same check as an online answer).
    const AgendaQuestion q = question(QuestionKind::choice);
    PaperDraft c = *paperDraftFor(q, 6, nullptr);
    c.counts = {1, 0, 10000};
    auto choice = paperControl(c, q);
    REQUIRE(choice);
    const auto v = nlohmann::json::parse(choice.value());
    CHECK(v["action"] == "paper");
    CHECK(v["round"] == 6);
    REQUIRE(v["counts"].size() == 2);
    for (const auto& item : v["counts"])
        CHECK(parseSessionAnswer(item["answer"].dump(), q, {}));
    CHECK(v["counts"][1]["count"] == 10000);

    // Out of range, a count missing, another question: refused, never sent.
    c.counts = {1, 0, 10001};
    CHECK_FALSE(paperControl(c, q));
    c.counts = {-1, 0, 0};
    CHECK_FALSE(paperControl(c, q));
    c.counts = {1, 0};
    CHECK_FALSE(paperControl(c, q));
    PaperDraft none;
    CHECK_FALSE(paperControl(none, q));
    CHECK_FALSE(paperControl(d, q)); // a rating draft for a choice question
}
