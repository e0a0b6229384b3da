#include "core/announcer.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {

Strings words() {
    auto parsed = Strings::parse({"test.json", R"({"language": "Nederlands", "strings": {
            "announce.plan_on": "Aan:", "announce.plan_off": "Uit:",
            "announce.phase": "Tijd:", "announce.wijk": "Wijk:",
            "announce.no_wijk": "Geen wijk gekozen."}})"});
    REQUIRE(parsed);
    return parsed.take();
}

ViewFacts facts(std::vector<std::string> plans, std::string phase, std::string wijk = "") {
    ViewFacts f;
    f.language = "nl";
    f.plansOn = std::move(plans);
    f.phase = std::move(phase);
    f.wijk = std::move(wijk);
    return f;
}

} // namespace

TEST_CASE("announcer: the first view is not news", "[announcer]") {
    const Strings t = words();
    Announcer a;
    CHECK(a.update(facts({}, "Nu"), 0.0, t).empty());
    CHECK(a.update(facts({}, "Nu"), 5.0, t).empty());
}

TEST_CASE("announcer: says a change once, after the view holds still", "[announcer]") {
    const Strings t = words();
    Announcer a;
    a.update(facts({}, "Nu"), 0.0, t);
    CHECK(a.update(facts({"Oosterwold"}, "Nu"), 1.0, t).empty()); // not yet: just changed
    CHECK(a.update(facts({"Oosterwold"}, "Nu"), 1.2, t).empty());
    CHECK(a.update(facts({"Oosterwold"}, "Nu"), 1.6, t) == "Aan: Oosterwold.");
    CHECK(a.update(facts({"Oosterwold"}, "Nu"), 3.0, t).empty()); // said once
}

TEST_CASE("announcer: quick changes become one sentence", "[announcer]") {
    const Strings t = words();
    Announcer a;
    a.update(facts({"Pampus"}, "Nu"), 0.0, t);
    // Dragging the timeline through three phases, then choosing a wijk.
    a.update(facts({"Pampus"}, "2030"), 1.0, t);
    a.update(facts({"Pampus"}, "2040"), 1.1, t);
    a.update(facts({"Pampus"}, "2050", "Haven"), 1.2, t);
    CHECK(a.update(facts({"Pampus"}, "2050", "Haven"), 1.5, t).empty());
    CHECK(a.update(facts({"Pampus"}, "2050", "Haven"), 1.8, t) == "Tijd: 2050. Wijk: Haven.");
    // Back to how it was before the sentence: that is news too.
    a.update(facts({}, "2050"), 2.0, t);
    CHECK(a.update(facts({}, "2050"), 3.0, t) == "Uit: Pampus. Geen wijk gekozen.");
}

TEST_CASE("announcer: another language is not a change", "[announcer]") {
    const Strings t = words();
    Announcer a;
    a.update(facts({"Oosterwold"}, "Nu"), 0.0, t);
    ViewFacts english = facts({"Oosterwold"}, "Now");
    english.language = "en";
    CHECK(a.update(english, 1.0, t).empty());
    CHECK(a.update(english, 3.0, t).empty());
}
