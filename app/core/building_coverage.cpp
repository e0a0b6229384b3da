#include "core/building_coverage.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

struct Bounds {
    glm::dvec2 min{1e300}, max{-1e300};
    void add(glm::dvec2 p) {
        min = glm::min(min, p);
        max = glm::max(max, p);
    }
    bool holds(glm::dvec2 p) const {
        return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
    }
};

bool insideRing(const Ring& ring, glm::dvec2 p) { // even-odd rule
    bool inside = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const glm::dvec2 a = ring[i], b = ring[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

bool insidePolygon(const Polygon& polygon, glm::dvec2 p) {
    if (polygon.outer.empty() || !insideRing(polygon.outer, p)) return false;
    return std::none_of(polygon.holes.begin(), polygon.holes.end(),
                        [&](const Ring& hole) { return !hole.empty() && insideRing(hole, p); });
}

struct WijkShape {
    Bounds bounds;
    const std::vector<Polygon>* parts = nullptr;
};

} // namespace

bool layerCoversWijk(const BuildingLayer& layer, const std::vector<Polygon>& wijkParts) {
    if (!layer.declaredExtent && layer.buildings.empty()) return false;
    const double margin = layer.declaredExtent ? 0 : kCoverageMarginM;
    Bounds extent{layer.extentMin - margin, layer.extentMax + margin};
    for (const Polygon& part : wijkParts)
        for (const glm::dvec2& v : part.outer)
            if (!extent.holds(v)) return false;
    return !wijkParts.empty();
}

glm::dvec2 footprintCentroid(const RealBuilding& building) {
    glm::dvec2 sum{0};
    double area = 0;
    for (const Polygon& part : building.parts)
        for (size_t i = 0, n = part.outer.size(); i < n; ++i) {
            const glm::dvec2 a = part.outer[i], b = part.outer[(i + 1) % n];
            const double cross = a.x * b.y - b.x * a.y;
            area += cross;
            sum += (a + b) * cross;
        }
    if (std::abs(area) > 1e-9) return sum / (3.0 * area);
    return building.parts.empty() || building.parts[0].outer.empty() ? glm::dvec2(0)
                                                                     : building.parts[0].outer[0];
}

BuildingCoverage assignBuildings(const std::vector<WijkSource>& wijken, BuildingLayer layer) {
    BuildingCoverage out;
    std::vector<WijkShape> shapes(wijken.size());
    for (size_t w = 0; w < wijken.size(); ++w) {
        out.wijken.push_back({wijken[w].code, layerCoversWijk(layer, wijken[w].parts), {}});
        shapes[w].parts = &wijken[w].parts;
        for (const Polygon& part : wijken[w].parts)
            for (const glm::dvec2& v : part.outer)
                shapes[w].bounds.add(v);
    }
    for (RealBuilding& building : layer.buildings) {
        const glm::dvec2 c = footprintCentroid(building);
        // The bounds test first: a point is inside two or three wijk bounding boxes at most.
        auto home = std::find_if(shapes.begin(), shapes.end(), [&](const WijkShape& s) {
            return s.bounds.holds(c) &&
                   std::any_of(s.parts->begin(), s.parts->end(),
                               [&](const Polygon& p) { return insidePolygon(p, c); });
        });
        if (home == shapes.end()) {
            ++out.outsideWijken;
            continue;
        }
        WijkBuildings& wijk = out.wijken[size_t(home - shapes.begin())];
        if (!wijk.covered) {
            ++out.inUncoveredWijken;
            continue;
        }
        wijk.buildings.push_back(std::move(building));
    }
    return out;
}

} // namespace almere
