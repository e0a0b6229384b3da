// How the kiosk staff panel opens (core/staff_access) and when the kiosk's clock is called wrong
// (core/clock_check): a resident's tap never opens it, staff's long press and PIN do.
#include "core/clock_check.hpp"
#include "core/staff_access.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {

constexpr double kWidth = 1280;

// A press in the top-right corner lasting `seconds`, with update() called every 0.1 s.
void press(StaffAccess& access, double start, double seconds, double x = kWidth - 20,
           double y = 20) {
    access.pointerDown(x, y, kWidth, start);
    for (double t = start; t < start + seconds; t += 0.1)
        access.update(t);
    access.pointerUp();
    access.update(start + seconds);
}

StaffAccess openPad(const std::string& pin = "4242") {
    StaffAccess access(pin);
    press(access, 0, 3.2);
    REQUIRE(access.screen() == StaffScreen::Pin);
    return access;
}

void type(StaffAccess& access, const std::string& digits, double now) {
    for (char d : digits)
        access.digit(d, now);
}

} // namespace

TEST_CASE("staff panel: a short tap or a press elsewhere opens nothing") {
    StaffAccess access("4242");
    press(access, 0, 0.3);
    CHECK(access.screen() == StaffScreen::Closed);
    press(access, 1, 2.9); // just under the three seconds
    CHECK(access.screen() == StaffScreen::Closed);
    press(access, 5, 5, kWidth - 70, 20); // outside the 60 px corner
    CHECK(access.screen() == StaffScreen::Closed);
    press(access, 20, 5, 20, 20); // the top-left corner
    CHECK(access.screen() == StaffScreen::Closed);
}

TEST_CASE("staff panel: a press that leaves the corner is no press") {
    StaffAccess access("4242");
    access.pointerDown(kWidth - 20, 20, kWidth, 0);
    access.update(1);
    access.pointerMoved(kWidth - 200, 300, kWidth); // a drag that started in the corner
    access.pointerMoved(kWidth - 20, 20, kWidth);   // ... and came back
    access.update(4);
    CHECK(access.screen() == StaffScreen::Closed);
}

TEST_CASE("staff panel: three seconds in the corner open the PIN pad, the PIN the status") {
    StaffAccess access = openPad();
    type(access, "4242", 4);
    CHECK(access.typed().size() == 4);
    CHECK(access.confirm(4));
    CHECK(access.screen() == StaffScreen::Status);
    CHECK(access.typed().empty());
}

TEST_CASE("staff panel: without a PIN (or with an unusable one) it never opens") {
    for (const std::string pin : {"", "12", "123456789", "12a4", " 1234"}) {
        StaffAccess access(pin);
        CHECK_FALSE(access.enabled());
        press(access, 0, 10);
        CHECK(access.screen() == StaffScreen::Closed);
    }
}

TEST_CASE("staff panel: three wrong PINs lock the pad for 30 seconds") {
    StaffAccess access = openPad();
    for (int i = 0; i < 3; ++i) {
        type(access, "1111", 5);
        CHECK_FALSE(access.confirm(5));
    }
    CHECK(access.lockedFor(5) == Approx(30));
    type(access, "4242", 10); // ignored while locked
    CHECK(access.typed().empty());
    CHECK_FALSE(access.confirm(10));
    // Closing and opening again does not lift the lock.
    access.close();
    press(access, 12, 3.2);
    REQUIRE(access.screen() == StaffScreen::Pin);
    type(access, "4242", 20);
    CHECK_FALSE(access.confirm(20));
    CHECK(access.lockedFor(36) == 0);
    type(access, "4242", 36);
    CHECK(access.confirm(36));
}

TEST_CASE("staff panel: a PIN that only starts like the right one is wrong") {
    StaffAccess access = openPad("4242");
    type(access, "424", 4);
    CHECK_FALSE(access.confirm(4));
    type(access, "42424", 4);
    CHECK_FALSE(access.confirm(4));
    CHECK(access.screen() == StaffScreen::Pin);
}

TEST_CASE("staff panel: closes after 60 s untouched, stays open while touched") {
    StaffAccess access = openPad();
    type(access, "4242", 4);
    REQUIRE(access.confirm(4));
    access.touched(50);
    CHECK_FALSE(access.update(100)); // 50 s after the last touch
    CHECK(access.open());
    CHECK(access.update(111));
    CHECK(access.screen() == StaffScreen::Closed);
}

TEST_CASE("clock check: before the build date or far from the server's clock is wrong") {
    const int64_t built = compileDateUnix("Dec  6 2026");
    CHECK(built == 1796515200); // 2026-12-06T00:00:00Z
    CHECK(checkClock(built + 3600, built, std::nullopt).verdict == ClockVerdict::Plausible);
    CHECK(checkClock(1262304000, built, std::nullopt).verdict == ClockVerdict::BeforeBuild);
    CHECK(checkClock(built + 3600, built, 60).verdict == ClockVerdict::Plausible);
    const ClockCheck behind = checkClock(built + 3600, built, 2 * 3600);
    CHECK(behind.verdict == ClockVerdict::FarFromServer);
    CHECK(behind.serverAheadSeconds == 7200);
    CHECK(checkClock(built + 3600, built, -kClockToleranceSeconds - 1).verdict ==
          ClockVerdict::FarFromServer);
    CHECK(compileDateUnix("not a date") == 0);
}

TEST_CASE("clock check: HTTP dates") {
    CHECK(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
    CHECK(parseHttpDate("Sun, 06 Dec 2026 15:20:00 GMT") == 1796570400);
    CHECK_FALSE(parseHttpDate(""));
    CHECK_FALSE(parseHttpDate("Sun, 06 Nov 1994 08:49:37 CET"));
    CHECK_FALSE(parseHttpDate("Sun, 06 Foo 1994 08:49:37 GMT"));
    CHECK_FALSE(parseHttpDate("yesterday"));
    CHECK(formatHttpDate(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(parseHttpDate(formatHttpDate(1796570400)) == 1796570400);
}
