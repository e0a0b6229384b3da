#include "core/geo.hpp"

#include <array>

namespace almere {
namespace {

// Reference point of both polynomial sets: Amersfoort, where RD has its false origin.
constexpr double kPhi0 = 52.15517440; // degrees
constexpr double kLam0 = 5.38720621;  // degrees
constexpr double kX0 = 155000.0;      // metres
constexpr double kY0 = 463000.0;      // metres

// One term c * u^p * v^q of a two-variable polynomial.
struct Term {
    int p;
    int q;
    double c;
};

// Highest power used by any table below; the power tables are sized from it.
constexpr int kMaxPower = 5;

// WGS84 -> RD. u and v are 0.36 * the offset from the reference point in degrees, i.e. units of
// 10^4 arc seconds; the results are metres.
constexpr std::array<Term, 9> kR{{
    {0, 1, 190094.945},
    {1, 1, -11832.228},
    {2, 1, -114.221},
    {0, 3, -32.391},
    {1, 0, -0.705},
    {3, 1, -2.340},
    {1, 3, -0.608},
    {0, 2, -0.008},
    {2, 3, 0.148},
}};
constexpr std::array<Term, 10> kS{{
    {1, 0, 309056.544},
    {0, 2, 3638.893},
    {2, 0, 73.077},
    {1, 2, -157.984},
    {3, 0, 59.788},
    {0, 1, 0.433},
    {2, 2, -6.439},
    {1, 1, -0.032},
    {0, 4, 0.092},
    {1, 4, -0.054},
}};

// RD -> WGS84. u and v are the RD offsets in units of 100 km; the results are arc seconds.
constexpr std::array<Term, 11> kK{{
    {0, 1, 3235.65389},
    {2, 0, -32.58297},
    {0, 2, -0.24750},
    {2, 1, -0.84978},
    {0, 3, -0.06550},
    {2, 2, -0.01709},
    {1, 0, -0.00738},
    {4, 0, 0.00530},
    {2, 3, -0.00039},
    {4, 1, 0.00033},
    {1, 1, -0.00012},
}};
constexpr std::array<Term, 12> kL{{
    {1, 0, 5260.52916},
    {1, 1, 105.94684},
    {1, 2, 2.45656},
    {3, 0, -0.81885},
    {1, 3, 0.05594},
    {3, 1, -0.05607},
    {0, 1, 0.01199},
    {3, 2, -0.00256},
    {1, 4, 0.00128},
    {0, 2, 0.00022},
    {2, 0, -0.00022},
    {5, 0, 0.00026},
}};

using Powers = std::array<double, kMaxPower + 1>;

Powers powersOf(double v) {
    Powers result{};
    result[0] = 1.0;
    for (int i = 1; i <= kMaxPower; ++i)
        result[i] = result[i - 1] * v;
    return result;
}

template <std::size_t N>
double evaluate(const std::array<Term, N>& terms, const Powers& u, const Powers& v) {
    double sum = 0.0;
    for (const Term& t : terms)
        sum += t.c * u[t.p] * v[t.q];
    return sum;
}

} // namespace

RdPoint wgs84ToRd(LonLat p) {
    const Powers u = powersOf(0.36 * (p.lat - kPhi0));
    const Powers v = powersOf(0.36 * (p.lon - kLam0));
    return {kX0 + evaluate(kR, u, v), kY0 + evaluate(kS, u, v)};
}

LonLat rdToWgs84(RdPoint p) {
    const Powers u = powersOf((p.x - kX0) * 1e-5);
    const Powers v = powersOf((p.y - kY0) * 1e-5);
    constexpr double kArcSecondsPerDegree = 3600.0;
    return {kLam0 + evaluate(kL, u, v) / kArcSecondsPerDegree,
            kPhi0 + evaluate(kK, u, v) / kArcSecondsPerDegree};
}

glm::dvec2 rdToLocal(RdPoint p) {
    return {p.x - kLocalOrigin.x, p.y - kLocalOrigin.y};
}

RdPoint localToRd(glm::dvec2 local) {
    return {local.x + kLocalOrigin.x, local.y + kLocalOrigin.y};
}

glm::dvec2 wgs84ToLocal(LonLat p) {
    return rdToLocal(wgs84ToRd(p));
}

LonLat localToWgs84(glm::dvec2 local) {
    return rdToWgs84(localToRd(local));
}

} // namespace almere
