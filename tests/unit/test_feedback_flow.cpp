// The "Geef je mening" steps: order, back and cancel, what each step needs, the comment's
// on-screen typing and its limit, and the reaction it yields.
#include "core/feedback_flow.hpp"
#include "core/geo.hpp"

#include <catch2/catch.hpp>

using namespace almere;

TEST_CASE("feedback about a plan: subject, where, rating, comment, background, consent",
          "[feedback]") {
    FeedbackFlow flow;
    CHECK_FALSE(flow.open());
    flow.start();
    CHECK(flow.step() == FeedbackStep::Subject);
    CHECK_FALSE(flow.canGoOn());
    flow.chooseSubject("plan", "pampus");
    CHECK(flow.step() == FeedbackStep::Where);
    CHECK(flow.onMap());
    CHECK(flow.stepNumber() == 2);
    CHECK(flow.stepCount() == 6);
    CHECK_FALSE(flow.canGoOn()); // which wijk, or heel Almere: asked, not assumed
    flow.chooseWijk("");
    flow.next();
    CHECK(flow.step() == FeedbackStep::Rating);
    flow.next(); // no rating yet: stays
    CHECK(flow.step() == FeedbackStep::Rating);
    flow.setRating(9); // out of range: ignored
    CHECK(flow.rating() == 0);
    flow.setRating(4);
    flow.next();
    CHECK(flow.step() == FeedbackStep::Comment);
    flow.next(); // the comment is optional
    CHECK(flow.step() == FeedbackStep::Background);
    flow.setAgeBand("35_54");
    flow.setAgeBand("35_54"); // a second tap takes the choice back
    CHECK(flow.ageBand().empty());
    flow.setHome("stad");
    flow.next();
    CHECK(flow.step() == FeedbackStep::Consent);
    flow.next(); // no consent, no sending
    CHECK(flow.step() == FeedbackStep::Consent);
    flow.setConsent(true);
    CHECK(flow.canGoOn());
    const Reaction r = flow.reaction("plans=pampus;phase=2050", "nl", "kiosk", 1795850000);
    CHECK(r.subjectKind == "plan");
    CHECK(r.subjectId == "pampus");
    CHECK(r.wijk.empty()); // heel Almere
    CHECK(r.rating == 4);
    CHECK(r.homeStadsdeel == "stad");
    CHECK(r.ageBand.empty());
    CHECK_FALSE(r.pin);
    CHECK(r.consent);
    CHECK(r.planState == "plans=pampus;phase=2050");
    CHECK(r.id.size() == 36);
    flow.finished();
    CHECK(flow.step() == FeedbackStep::Thanks);
    flow.back(); // from the thanks step, back closes
    CHECK_FALSE(flow.open());
}

TEST_CASE("feedback about a place needs a pin, and back walks the steps", "[feedback]") {
    FeedbackFlow flow;
    flow.start();
    flow.chooseSubject("place", "");
    CHECK(flow.step() == FeedbackStep::Pin);
    CHECK(flow.stepCount() == 6);
    CHECK_FALSE(flow.canGoOn());
    const glm::dvec2 centrum = wgs84ToLocal({5.2178, 52.3747});
    flow.setPin(centrum, "WK003417");
    flow.next();
    CHECK(flow.step() == FeedbackStep::Rating);
    flow.back();
    CHECK(flow.step() == FeedbackStep::Pin);
    flow.back();
    CHECK(flow.step() == FeedbackStep::Subject);
    flow.chooseSubject("place", "");
    CHECK_FALSE(flow.canGoOn()); // going back took the pin away
    flow.setPin(centrum, "WK003417");
    flow.next();
    flow.setRating(2);
    const Reaction r = flow.reaction("plans=;phase=nu", "en", "web", 1795850000);
    REQUIRE(r.pin);
    CHECK(r.pin->lon == Approx(5.2178).margin(1e-5));
    CHECK(r.pin->lat == Approx(52.3747).margin(1e-5));
    CHECK(r.subjectId == "WK003417");
    flow.back();
    flow.back();
    flow.back();
    CHECK_FALSE(flow.open()); // back from the first step closes
}

TEST_CASE("feedback started from a plan card or a tapped wijk skips the subject", "[feedback]") {
    FeedbackFlow flow;
    flow.startWith("plan", "hart");
    CHECK(flow.step() == FeedbackStep::Where);
    CHECK(flow.stepNumber() == 1);
    CHECK(flow.stepCount() == 5);
    CHECK(flow.subjectPreset());
    flow.back();
    CHECK_FALSE(flow.open());
    flow.startAtPlace({100, 200}, "WK003422");
    CHECK(flow.step() == FeedbackStep::Pin);
    CHECK(flow.canGoOn());
    CHECK(flow.subjectId() == "WK003422");
}

TEST_CASE("a plan or ambition reaction names its wijk; a wijk chosen before is suggested",
          "[feedback]") {
    FeedbackFlow flow;
    flow.startWith("plan", "oosterwold", "WK003450");
    CHECK(flow.step() == FeedbackStep::Where);
    CHECK(flow.canGoOn()); // the wijk tapped before opening the card is the answer, unless changed
    CHECK(flow.wijk() == "WK003450");
    flow.chooseWijk("WK003422");
    flow.next();
    flow.setRating(5);
    CHECK(flow.reaction("", "nl", "web", 0).wijk == "WK003422");
    flow.back();
    flow.back(); // back to the start: a plan card has no subject step, so the flow closes
    CHECK_FALSE(flow.open());

    flow.start();
    flow.chooseSubject("ambition", "");
    flow.chooseSubject("ambition", "groen");
    CHECK(flow.step() == FeedbackStep::Where);
    flow.chooseWijk("WK003417");
    flow.back(); // to the ambitions again, the wijk forgotten
    CHECK(flow.step() == FeedbackStep::Subject);
    CHECK_FALSE(flow.wijkChosen());
    flow.chooseSubject("place", "");
    flow.setPin({0, 0}, "WK003417");
    CHECK(flow.reaction("", "nl", "web", 0).wijk.empty()); // a place has its wijk as subject
}

TEST_CASE("the comment keyboard types Dutch letters, deletes whole letters and stops at the limit",
          "[feedback]") {
    FeedbackFlow flow;
    flow.start();
    flow.type("Café ");
    flow.type("\xc3\xab"); // e-diaeresis
    CHECK(flow.comment() == "Café ë");
    CHECK(flow.commentLength() == 6);
    flow.backspace();
    CHECK(flow.comment() == "Café ");
    flow.backspace();
    flow.backspace();
    CHECK(flow.comment() == "Caf");
    // Broken bytes and control characters are dropped; a new line stays.
    flow.type("a\xff\x01"
              "b\nc\xc3");
    CHECK(flow.comment() == "Cafab\nc");
    flow.clearComment();
    for (int i = 0; i < 600; ++i)
        flow.type("\xc3\xa9"); // é
    CHECK(flow.commentLength() == kMaxCommentChars);
    CHECK(flow.comment().size() == 2 * kMaxCommentChars);
    flow.cancel();
    CHECK(flow.comment().empty());
    CHECK_FALSE(flow.open());
}
