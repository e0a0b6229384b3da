// A resident's reaction (core/reaction.hpp): the request body the server accepts and refuses,
// field by field, and the form's choices against the plans content.
#include "city_fixture.hpp"
#include "core/reaction.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

using namespace almere;
using namespace almere::test;

namespace {

const ReactionRules& rules() {
    static const ReactionRules loaded = [] {
        auto parsed = parseReactionRules(sourceFile("assets/feedback/form.json"));
        return parsed ? parsed.take() : ReactionRules();
    }();
    return loaded;
}

const char* const kValid = R"({"id": "7f0c2a9e-5b1d-4c3e-9a7f-0123456789ab",
  "subject": {"kind": "plan", "id": "pampus"}, "rating": 4, "comment": "Meer bomen! Één café.",
  "age_band": "35_54", "home_stadsdeel": "stad", "consent": true,
  "plan_state": "plans=pampus;phase=2050", "lang": "nl", "channel": "kiosk",
  "created_at": 1795850000})";

const char* const kValidPlace = R"({"id": "00000000-0000-4000-8000-000000000000",
  "subject": {"kind": "place", "id": "WK003417"}, "pin": {"lon": 5.2147, "lat": 52.3712},
  "rating": 1, "consent": true, "plan_state": "", "lang": "en", "channel": "web",
  "created_at": 1795850000})";

// kValid with one member replaced (or removed when `value` is empty).
std::string validWith(const std::string& key, const std::string& value) {
    nlohmann::json body = nlohmann::json::parse(kValid);
    if (value.empty())
        body.erase(key);
    else
        body[key] = nlohmann::json::parse(value);
    return body.dump();
}

std::string errorOf(const std::string& text) {
    auto result = parseReaction(text, rules());
    return result ? std::string("(no error)") : result.error();
}

} // namespace

TEST_CASE("the reaction form's choices load", "[reaction]") {
    auto parsed = parseReactionRules(sourceFile("assets/feedback/form.json"));
    INFO(parsed.error());
    REQUIRE(parsed);
    CHECK(parsed.value().plans.size() == 3);
    CHECK(parsed.value().languages == std::vector<std::string>{"nl", "en", "pl", "ar"});
    CHECK(parsed.value().stadsdelen.back() == "elders");

    auto broken = parseReactionRules({"assets/feedback/form.json", R"({"subjects": {}})"});
    REQUIRE_FALSE(broken);
    CHECK(broken.error() == "assets/feedback/form.json: subjects.plans: is missing");
}

TEST_CASE("the form's plans and ambitions are those of plans.json", "[reaction]") {
    const nlohmann::json plans = nlohmann::json::parse(readSourceFile("assets/plans/plans.json"));
    std::vector<std::string> planIds;
    for (const auto& plan : plans["plans"])
        planIds.push_back(plan["id"].get<std::string>());
    CHECK(rules().plans == planIds);
    CHECK(rules().ambitions == plans["ambitions"].get<std::vector<std::string>>());
}

TEST_CASE("a valid reaction parses and survives a round trip", "[reaction]") {
    auto parsed = parseReaction(kValid, rules());
    INFO(parsed.error());
    REQUIRE(parsed);
    const Reaction& r = parsed.value();
    CHECK(r.id == "7f0c2a9e-5b1d-4c3e-9a7f-0123456789ab");
    CHECK(r.subjectKind == "plan");
    CHECK(r.subjectId == "pampus");
    CHECK_FALSE(r.pin);
    CHECK(r.rating == 4);
    CHECK(r.comment == "Meer bomen! Één café.");
    CHECK(r.consent);
    CHECK(r.createdAt == 1795850000);

    const std::string json = toJson(r);
    CHECK(json.rfind(R"({"id":"7f0c2a9e-5b1d-4c3e-9a7f-0123456789ab","subject":{"kind":"plan")",
                     0) == 0);
    auto again = parseReaction(json, rules());
    REQUIRE(again);
    CHECK(toJson(again.value()) == json);

    auto place = parseReaction(kValidPlace, rules());
    INFO(place.error());
    REQUIRE(place);
    REQUIRE(place.value().pin);
    CHECK(place.value().pin->lon == 5.2147);
    CHECK(place.value().comment.empty());
    auto placeAgain = parseReaction(toJson(place.value()), rules());
    REQUIRE(placeAgain);
    CHECK(placeAgain.value().pin->lat == 52.3712);
    CHECK(toJson(placeAgain.value()).find("comment") == std::string::npos);
}

TEST_CASE("each invalid field is refused with its name", "[reaction]") {
    CHECK(errorOf(validWith("rating", "0")) == "rating: expected a whole number from 1 to 5");
    CHECK(errorOf(validWith("rating", "6")) == "rating: expected a whole number from 1 to 5");
    CHECK(errorOf(validWith("rating", "4.5")) == "rating: expected a whole number from 1 to 5");
    CHECK(errorOf(validWith("rating", "\"4\"")) == "rating: expected a whole number from 1 to 5");
    CHECK(errorOf(validWith("rating", "")) == "rating: is missing");
    CHECK(errorOf(validWith("id", "\"7F0C2A9E-5B1D-4C3E-9A7F-0123456789AB\"")) ==
          "id: expected a UUID v4");
    CHECK(errorOf(validWith("id", "\"7f0c2a9e-5b1d-1c3e-9a7f-0123456789ab\"")) ==
          "id: expected a UUID v4");
    CHECK(errorOf(validWith("id", "42")) == "id: expected a UUID v4");
    CHECK(errorOf(validWith("consent", "false")) == "consent: must be true");
    CHECK(errorOf(validWith("consent", "")) == "consent: must be true");
    CHECK(errorOf(validWith("consent", "1")) == "consent: must be true");
    CHECK(errorOf(validWith("comment", "\"" + std::string(501, 'a') + "\"")) ==
          "comment: longer than 500 characters");
    CHECK(errorOf(validWith("comment", "\"a\\u0007b\"")).rfind("comment: contains a control", 0) ==
          0);
    CHECK(errorOf(validWith("comment", "\"a\\rb\"")).rfind("comment: contains a control", 0) == 0);
    CHECK(errorOf(validWith("comment", "\"a\\u0085b\"")).rfind("comment: contains a control", 0) ==
          0);
    CHECK(errorOf(validWith("comment", "7")) == "comment: expected a string");
    CHECK(errorOf(validWith("age_band", "\"oud\"")) == "age_band: unknown age band");
    CHECK(errorOf(validWith("home_stadsdeel", "\"amsterdam\"")) ==
          "home_stadsdeel: unknown stadsdeel");
    CHECK(errorOf(validWith("plan_state", "\"plans=PAMPUS\"")) ==
          "plan_state: expected at most 200 characters of a-z, 0-9 and _=,;.");
    CHECK(errorOf(validWith("plan_state", "\"" + std::string(201, 'a') + "\"")) ==
          "plan_state: expected at most 200 characters of a-z, 0-9 and _=,;.");
    CHECK(errorOf(validWith("lang", "\"de\"")) == "lang: expected nl, en, pl or ar");
    CHECK(errorOf(validWith("channel", "\"fax\"")) == "channel: expected kiosk, web or session");
    CHECK(errorOf(validWith("created_at", "-1")) ==
          "created_at: expected unix seconds (a whole number from 0)");
    CHECK(errorOf(validWith("created_at", "18446744073709551615")) ==
          "created_at: expected unix seconds (a whole number from 0)");
    CHECK(errorOf(validWith("created_at", "1795850000.5")) ==
          "created_at: expected unix seconds (a whole number from 0)");
    CHECK(errorOf(validWith("created_at", "\"2026-01-01\"")) ==
          "created_at: expected unix seconds (a whole number from 0)");
    CHECK(errorOf(validWith("name", "\"Jan\"")) == "name: unknown field");
}

TEST_CASE("a kiosk with a wrong clock still has its reaction taken, and flagged", "[reaction]") {
    // A kiosk without a real-time clock starts in 1970; one with a drifting clock runs ahead.
    CHECK(errorOf(validWith("created_at", "0")) == "(no error)");
    CHECK(errorOf(validWith("created_at", "1500000000")) == "(no error)");
    CHECK(errorOf(validWith("created_at", "4200000000")) == "(no error)");
    const int64_t received = 1795850000;
    CHECK(almere::isClockSuspect(86400, received));
    CHECK(almere::isClockSuspect(received + 3600, received));
    CHECK_FALSE(almere::isClockSuspect(received - 5 * 3600, received)); // offline all evening
    CHECK_FALSE(almere::isClockSuspect(received + 60, received));       // seconds apart
}

TEST_CASE("a NUL byte ends nothing: what follows it is refused too", "[reaction]") {
    const std::string valid = validWith("rating", "4");
    REQUIRE(errorOf(valid) == "(no error)");
    CHECK(errorOf(valid + std::string(1, '\0') + "{\"rating\": 9}") ==
          "is not valid JSON (contains a NUL byte)");
}

TEST_CASE("the subject and the pin are checked against the form", "[reaction]") {
    CHECK(errorOf(validWith("subject", R"({"kind": "plan", "id": "lelystad"})")) ==
          "subject.id: not a plan of the vision");
    CHECK(errorOf(validWith("subject", R"({"kind": "ambition", "id": "woningen"})")) ==
          "(no error)");
    CHECK(errorOf(validWith("subject", R"({"kind": "ambition", "id": "pampus"})")) ==
          "subject.id: not an ambition of the vision");
    CHECK(errorOf(validWith("subject", R"({"kind": "wish", "id": "pampus"})")) ==
          "subject.kind: expected plan, ambition or place");
    CHECK(errorOf(validWith("subject", R"({"kind": "plan"})")) == "subject.id: is missing");
    CHECK(errorOf(validWith("subject", R"({"kind": "plan", "id": "hart", "x": 1})")) ==
          "subject.x: unknown field");
    CHECK(errorOf(validWith("subject", "[]")) == "subject: expected an object");
    CHECK(errorOf(validWith("subject", R"({"kind": "place", "id": "WK0034"})")) ==
          "subject.id: expected \"\" or a wijk code (WK0034 and 2 digits)");
    CHECK(errorOf(validWith("subject", R"({"kind": "place", "id": "WK036301"})")) ==
          "subject.id: expected \"\" or a wijk code (WK0034 and 2 digits)");
    CHECK(errorOf(validWith("subject", R"({"kind": "place", "id": ""})")) ==
          "pin: required for a place");
    CHECK(errorOf(validWith("pin", R"({"lon": 5.2, "lat": 52.3})")) == "pin: only for a place");

    nlohmann::json place = nlohmann::json::parse(kValidPlace);
    place["pin"]["lon"] = 4.0;
    CHECK(errorOf(place.dump()) == "pin.lon: expected a longitude between 4.9 and 5.5");
    place["pin"] = {{"lon", 5.2}, {"lat", 53.0}};
    CHECK(errorOf(place.dump()) == "pin.lat: expected a latitude between 52.2 and 52.5");
    place["pin"] = {{"lon", 5.2}};
    CHECK(errorOf(place.dump()) == "pin.lat: is missing");
    place["pin"] = {{"lon", 5.2}, {"lat", "52.3"}};
    CHECK(errorOf(place.dump()) == "pin.lat: expected a latitude between 52.2 and 52.5");
    place["pin"] = {{"lon", 5.2}, {"lat", 52.3}, {"alt", 0}};
    CHECK(errorOf(place.dump()) == "pin.alt: unknown field");
}

TEST_CASE("a body that is not a JSON object is refused", "[reaction]") {
    CHECK(errorOf("") == "is not valid JSON (or not valid UTF-8)");
    CHECK(errorOf("{\"id\": ") == "is not valid JSON (or not valid UTF-8)");
    CHECK(errorOf("[1, 2]") == "expected a JSON object");
    std::string invalidUtf8 = kValid;
    invalidUtf8.replace(invalidUtf8.find("bomen"), 1, "\xC3\x28");
    CHECK(errorOf(invalidUtf8) == "is not valid JSON (or not valid UTF-8)");
    std::string overlong = kValid;
    overlong.replace(overlong.find("bomen"), 1, "\xC0\xAF");
    CHECK(errorOf(overlong) == "is not valid JSON (or not valid UTF-8)");
    std::string loneSurrogate = kValid;
    loneSurrogate.replace(loneSurrogate.find("bomen"), 1, "\\ud800");
    CHECK(errorOf(loneSurrogate) == "is not valid JSON (or not valid UTF-8)");
}

TEST_CASE("the comment limit counts characters, not bytes", "[reaction]") {
    std::string fiveHundred;
    for (int i = 0; i < 500; ++i)
        fiveHundred += "\xC3\xA9"; // e-acute, two bytes
    CHECK(errorOf(validWith("comment", "\"" + fiveHundred + "\"")) == "(no error)");
    CHECK(errorOf(validWith("comment", "\"" + fiveHundred + "e\"")) ==
          "comment: longer than 500 characters");
    CHECK(errorOf(validWith("comment", "\"regel 1\\nregel 2\"")) == "(no error)");
}

TEST_CASE("new reaction ids are random UUID v4s", "[reaction]") {
    std::set<std::string> ids;
    for (int i = 0; i < 100; ++i) {
        const std::string id = newReactionId();
        REQUIRE(errorOf(validWith("id", "\"" + id + "\"")) == "(no error)");
        ids.insert(id);
    }
    CHECK(ids.size() == 100);
}

TEST_CASE("a plan or ambition reaction may name the wijk it is about", "[reaction]") {
    auto parsed = parseReaction(validWith("wijk", R"("WK003465")"), rules());
    REQUIRE(parsed);
    CHECK(parsed.value().wijk == "WK003465");
    // Kept through the JSON form, and part of what makes a resend the same reaction.
    auto again = parseReaction(toJson(parsed.value()), rules());
    REQUIRE(again);
    CHECK(sameContent(parsed.value(), again.value()));
    Reaction other = again.value();
    other.wijk = "WK003401";
    CHECK_FALSE(sameContent(parsed.value(), other));
    // "" is heel Almere, the same as leaving it out.
    auto whole = parseReaction(validWith("wijk", R"("")"), rules());
    REQUIRE(whole);
    CHECK(whole.value().wijk.empty());
    CHECK(toJson(whole.value()).find("wijk") == std::string::npos);

    CHECK(errorOf(validWith("wijk", R"("WK036301")")) ==
          "wijk: expected \"\" or a wijk code (WK0034 and 2 digits)");
    CHECK(errorOf(validWith("wijk", R"("WK0034")")) ==
          "wijk: expected \"\" or a wijk code (WK0034 and 2 digits)");
    CHECK(errorOf(validWith("wijk", "34")) ==
          "wijk: expected \"\" or a wijk code (WK0034 and 2 digits)");
    nlohmann::json place = nlohmann::json::parse(kValidPlace);
    place["wijk"] = "WK003417";
    CHECK(errorOf(place.dump()) ==
          "wijk: only for a plan or ambition (a place has its code in subject.id)");
}
