#include "core/geo.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace almere;

namespace {

struct ReferencePoint {
    std::string name;
    LonLat wgs;
    RdPoint rd;
};

// Published reference pairs from the Kadaster "RDNAPTRANS(TM)2008 test sheet" (appendix of the
// RDNAPTRANS documentation; the sheet lists ETRS89 latitude/longitude next to RD x/y for the
// validation of implementations). Reproduced in openearth/matlab-tools,
// applications/SuperTrans/conversion/convertCoordinates_test_RDNAPTRANS.m. Only the points inside
// the RD correction grid are used (the sheet marks 08-12 as outside it). ETRS89 and WGS84 differ
// by well under a metre here, which the 1 m tolerance absorbs.
const std::vector<ReferencePoint>& referencePoints() {
    static const std::vector<ReferencePoint> points{
        // Sheet point 03 "Amersfoort": the RD false origin.
        {"Amersfoort", {5.387203657, 52.155172897}, {155000.0, 463000.0}},
        // Sheet point 01 "Texel".
        {"Texel", {4.824761912, 53.160753042}, {117380.12, 575040.34}},
        // Sheet point 02 "Noord-Groningen".
        {"Noord-Groningen", {6.776726674, 53.419482050}, {247380.56, 604580.78}},
        // Sheet point 05 "Zeeuws-Vlaanderen".
        {"Zeeuws-Vlaanderen", {3.397588595, 51.368607152}, {16460.91, 377380.23}},
        // Sheet point 06 "Zuid-Limburg".
        {"Zuid-Limburg", {5.773795548, 50.792584916}, {182260.45, 311480.67}},
        // Sheet point 07 "Maasvlakte".
        {"Maasvlakte", {4.072887101, 51.947393898}, {64640.89, 440700.01}},
    };
    return points;
}

// Flat-earth distance between two nearby geographic points: its relative error of about 1e-4 is
// irrelevant at the sub-metre distances compared here.
double groundDistanceMetres(LonLat a, LonLat b) {
    constexpr double kPi = 3.14159265358979323846;
    constexpr double kMetresPerDegreeLat = 111250.0;
    const double coslat = std::cos(0.5 * (a.lat + b.lat) * kPi / 180.0);
    const double dn = (a.lat - b.lat) * kMetresPerDegreeLat;
    const double de = (a.lon - b.lon) * kMetresPerDegreeLat * coslat;
    return std::hypot(dn, de);
}

double distance(RdPoint a, RdPoint b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

} // namespace

TEST_CASE("RD reference point maps onto the polynomial origin", "[geo]") {
    // The polynomials are anchored at these exact values, so they must map onto each other exactly
    // up to rounding.
    const RdPoint rd = wgs84ToRd({5.38720621, 52.15517440});
    CHECK(rd.x == Approx(155000.0).margin(1e-6));
    CHECK(rd.y == Approx(463000.0).margin(1e-6));

    const LonLat wgs = rdToWgs84({155000.0, 463000.0});
    CHECK(wgs.lon == Approx(5.38720621).margin(1e-12));
    CHECK(wgs.lat == Approx(52.15517440).margin(1e-12));
}

TEST_CASE("WGS84 to RD matches published reference points within 1 m", "[geo]") {
    for (const ReferencePoint& ref : referencePoints()) {
        INFO(ref.name);
        const RdPoint rd = wgs84ToRd(ref.wgs);
        CHECK(distance(rd, ref.rd) < 1.0);
    }
}

TEST_CASE("RD to WGS84 matches published reference points within 1 m", "[geo]") {
    for (const ReferencePoint& ref : referencePoints()) {
        INFO(ref.name);
        const LonLat wgs = rdToWgs84(ref.rd);
        CHECK(groundDistanceMetres(wgs, ref.wgs) < 1.0);
    }
}

TEST_CASE("Round trips across the Almere bounding box", "[geo]") {
    constexpr int kSteps = 20;
    double worstDegrees = 0.0;
    double worstMetres = 0.0;
    for (int i = 0; i <= kSteps; ++i) {
        for (int j = 0; j <= kSteps; ++j) {
            const LonLat p{5.12 + (5.38 - 5.12) * i / kSteps, 52.30 + (52.44 - 52.30) * j / kSteps};
            const LonLat back = rdToWgs84(wgs84ToRd(p));
            worstDegrees =
                std::max({worstDegrees, std::abs(back.lon - p.lon), std::abs(back.lat - p.lat)});

            // Same grid, but starting from RD so the inverse polynomial goes first.
            const RdPoint rd = wgs84ToRd(p);
            worstMetres = std::max(worstMetres, distance(wgs84ToRd(rdToWgs84(rd)), rd));
        }
    }
    CHECK(worstDegrees < 1e-6);
    CHECK(worstMetres < 0.5);
}

TEST_CASE("Almere Centrum lies close to the local origin", "[geo]") {
    const glm::dvec2 centrum = wgs84ToLocal({5.2147, 52.3713});
    CHECK(glm::length(centrum) < 3000.0);

    // The local frame must be RD shifted, not rotated or scaled.
    const RdPoint rd = wgs84ToRd({5.2147, 52.3713});
    CHECK(centrum.x == Approx(rd.x - kLocalOrigin.x).margin(1e-9));
    CHECK(centrum.y == Approx(rd.y - kLocalOrigin.y).margin(1e-9));

    // East and north: a point further east and north has larger local coordinates.
    const glm::dvec2 northEast = wgs84ToLocal({5.2247, 52.3813});
    CHECK(northEast.x > centrum.x);
    CHECK(northEast.y > centrum.y);
}

TEST_CASE("Local frame round trips", "[geo]") {
    const glm::dvec2 local{-1234.5, 2345.25};
    const glm::dvec2 back = wgs84ToLocal(localToWgs84(local));
    CHECK(glm::length(back - local) < 0.01);

    const RdPoint rd = localToRd(local);
    const glm::dvec2 again = rdToLocal(rd);
    CHECK(again.x == Approx(local.x).margin(1e-9));
    CHECK(again.y == Approx(local.y).margin(1e-9));
    CHECK(localToRd({0.0, 0.0}).x == kLocalOrigin.x);
    CHECK(localToRd({0.0, 0.0}).y == kLocalOrigin.y);
}
