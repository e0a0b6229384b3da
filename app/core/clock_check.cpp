#include "core/clock_check.hpp"

#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

namespace almere {
namespace {

int monthIndex(const char* name) {
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i)
        if (std::strncmp(name, months[i], 3) == 0) return i;
    return -1;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + int64_t(doe) - 719468;
}

} // namespace

ClockCheck checkClock(int64_t now, int64_t built, std::optional<int64_t> serverAhead) {
    if (serverAhead &&
        (*serverAhead > kClockToleranceSeconds || *serverAhead < -kClockToleranceSeconds))
        return {ClockVerdict::FarFromServer, *serverAhead};
    if (built > 0 && now < built) return {ClockVerdict::BeforeBuild, 0};
    return {};
}

std::optional<int64_t> parseHttpDate(std::string_view text) {
    const std::string s(text);
    char weekday[4] = {}, month[4] = {}, zone[4] = {};
    int day = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (std::sscanf(s.c_str(), "%3s, %d %3s %d %d:%d:%d %3s", weekday, &day, month, &year, &hour,
                    &minute, &second, zone) != 8 ||
        std::strcmp(zone, "GMT") != 0)
        return std::nullopt;
    const int m = monthIndex(month);
    if (m < 0 || day < 1 || day > 31 || year < 1970 || hour > 23 || minute > 59 || second > 60 ||
        hour < 0 || minute < 0 || second < 0)
        return std::nullopt;
    return daysFromCivil(year, unsigned(m + 1), unsigned(day)) * 86400 + hour * 3600 + minute * 60 +
           second;
}

std::string formatHttpDate(int64_t unixSeconds) {
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[utc.tm_wday],
                  utc.tm_mday, months[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                  utc.tm_sec);
    return text;
}

int64_t compileDateUnix(std::string_view date) {
    const std::string s(date);
    char month[4] = {};
    int day = 0, year = 0;
    if (std::sscanf(s.c_str(), "%3s %d %d", month, &day, &year) != 3) return 0;
    const int m = monthIndex(month);
    if (m < 0 || day < 1 || day > 31 || year < 1970) return 0;
    return daysFromCivil(year, unsigned(m + 1), unsigned(day)) * 86400;
}

} // namespace almere
