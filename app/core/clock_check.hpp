#pragma once
// Whether the kiosk's clock is clearly wrong (issue 11). Reactions are dated by the kiosk; a
// kiosk without network (or with a dead clock battery) may think it is 1970 or last year. The
// staff panel warns, so that staff can fix the clock before the evening, not after.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace almere {

// Further than this from the server's clock counts as wrong (network delays are seconds).
constexpr int64_t kClockToleranceSeconds = 5 * 60;

enum class ClockVerdict { Plausible, BeforeBuild, FarFromServer };

struct ClockCheck {
    ClockVerdict verdict = ClockVerdict::Plausible;
    int64_t serverAheadSeconds = 0; // FarFromServer: server time minus kiosk time
};

// `now`: the kiosk's clock; `built`: when this program was built (it cannot run before);
// `serverAhead`: the server's Date header minus the kiosk's clock when it arrived, if one did.
// All in unix seconds.
ClockCheck checkClock(int64_t now, int64_t built, std::optional<int64_t> serverAhead);

// An HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 9110's IMF-fixdate) as unix seconds.
std::optional<int64_t> parseHttpDate(std::string_view text);
// Unix seconds as such a date: the server's Date header, which kiosks compare their clock with.
std::string formatHttpDate(int64_t unixSeconds);

// The compiler's __DATE__ ("Dec  6 2026") as unix seconds at 00:00 UTC that day; 0 if unreadable.
int64_t compileDateUnix(std::string_view date);

} // namespace almere
