// The view a facilitator broadcasts (core/session_view): one line of text from the network,
// parsed like hostile input, that round-trips exactly.
#include "core/session_view.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {

std::string roundTrip(const std::string& text) {
    SessionView view;
    if (!decodeSessionView(text, view)) return "refused";
    return encodeSessionView(view);
}

} // namespace

TEST_CASE("session view: plans, camera and wijk round-trip", "[session]") {
    const std::string text = "plans=pampus;phase=2050;camera=-4200,600,9000,0,55;wijk=WK003496";
    CHECK(roundTrip(text) == text);
    SessionView view;
    REQUIRE(decodeSessionView(text, view));
    CHECK(view.planState == "plans=pampus;phase=2050");
    REQUIRE(view.camera);
    CHECK(view.camera->target.x == Approx(-4200));
    CHECK(view.camera->target.y == Approx(-600)); // north is -z
    CHECK(view.camera->distance == Approx(9000));
    CHECK(view.camera->pitch == Approx(55 * 3.14159265358979 / 180));
    CHECK(view.wijk == "WK003496");
    CHECK(roundTrip("") == "");
    CHECK(roundTrip("plans=hart;phase=2050;themes=groen") == "plans=hart;phase=2050;themes=groen");
    CHECK(roundTrip("camera=0,0,5000,-90.5,45") == "camera=0,0,5000,-90.5,45");
}

TEST_CASE("session view: hostile text is refused", "[session]") {
    for (const char* bad :
         {"camera=1,2,3,4", "camera=1,2,3,4,5,6", "camera=1,2,0,0,45", "camera=1,2,3000,0,95",
          "camera=nan,2,3000,0,45", "camera=1e9,2,3000,0,45", "camera=1,2,3000,0,45;camera=1,2,"
                                                              "3000,0,45",
          "wijk=WK999999", "wijk=", "plans=Pampus", "plans=pampus;;phase=2050", "a b",
          "plans=pampus;<script>"}) {
        INFO(bad);
        CHECK(roundTrip(bad) == "refused");
    }
    CHECK(roundTrip(std::string(401, 'a')) == "refused");
}

TEST_CASE("session view: what decodes also decodes once encoded (found by fuzz_session)",
          "[session]") {
    // A distance that the encoding's 0.1 m writes as 0 is no distance.
    CHECK(roundTrip("camera=0,0,0.04,0,45") == "refused");
    CHECK(roundTrip("camera=0,0,0.05,0,4.96") == "camera=0,0,0.1,0,5");
    // Numbers written in full must not push the text past 400 characters (".5" is "0.5").
    const std::string tail = ";camera=.5,.5,.5,.5,45";
    std::string text = "plans=" + std::string(150, 'a') + ";phase=" + std::string(100, 'b');
    text += ";themes=" + std::string(400 - tail.size() - text.size() - 8, 'c') + tail;
    REQUIRE(text.size() == 400);
    CHECK(roundTrip(text) == "refused");
    const std::string shorter = text.substr(0, 380 - tail.size()) + tail;
    CHECK(roundTrip(shorter).size() == 384);
}

TEST_CASE("session view: an agenda round's view, its theme joined to the plans", "[session]") {
    RoundView round;
    round.planState = "plans=;phase=nu";
    round.theme = "groen";
    round.hasCamera = true;
    round.camera = {1500, -1000, 12000, 0, 55};
    round.wijk = "WK003401";
    CHECK(encodeSessionView(sessionViewOf(round)) ==
          "plans=;phase=nu;themes=groen;camera=1500,-1000,12000,0,55;wijk=WK003401");
    const auto camera = agendaCameraOf(cameraPoseOf({10, 20, 300, 190, 40}));
    CHECK(camera[3] == Approx(-170)); // yaw comes back within -180..180
}
