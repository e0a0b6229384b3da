#include "server/staff_map.hpp"

#include "platform/city_files.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace almere::server {
namespace {

// One decimal of a map unit is far below a pixel: short path data.
std::string coordinate(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

} // namespace

WijkMap wijkMapFrom(const CitySource& city, double width) {
    WijkMap map;
    map.source = city.boundarySource;
    glm::dvec2 low(std::numeric_limits<double>::max()), high(std::numeric_limits<double>::lowest());
    for (const WijkSource& w : city.wijken)
        for (const Polygon& part : w.parts)
            for (const glm::dvec2& p : part.outer) {
                low = glm::min(low, p);
                high = glm::max(high, p);
            }
    if (city.wijken.empty() || high.x <= low.x || high.y <= low.y) return map;
    const double margin = 4, scale = (width - 2 * margin) / (high.x - low.x);
    map.width = width;
    map.height = (high.y - low.y) * scale + 2 * margin;
    // East to the right, north up (SVG's y grows downwards).
    const auto point = [&](const glm::dvec2& p) {
        return coordinate(margin + (p.x - low.x) * scale) + " " +
               coordinate(margin + (high.y - p.y) * scale);
    };
    const auto ring = [&](const Ring& r) {
        std::string d;
        for (size_t i = 0; i < r.size(); ++i)
            d += (i ? "L" : "M") + point(r[i]);
        return d.empty() ? d : d + "Z";
    };
    for (const WijkSource& w : city.wijken) {
        std::string d;
        for (const Polygon& part : w.parts) {
            d += ring(part.outer);
            for (const Ring& hole : part.holes)
                d += ring(hole);
        }
        map.wijken.push_back({w.code, w.name, w.stadsdeel, d});
    }
    std::sort(map.wijken.begin(), map.wijken.end(),
              [](const WijkOutline& a, const WijkOutline& b) { return a.code < b.code; });
    return map;
}

WijkMap loadWijkMap(const std::string& assets, std::string& error) {
    auto city = platform::readCitySource(assets + "/city");
    if (!city) {
        error = city.error();
        return {};
    }
    return wijkMapFrom(city.value());
}

} // namespace almere::server
