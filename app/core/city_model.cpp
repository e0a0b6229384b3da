#include "core/city_model.hpp"

#include "core/massing.hpp"

namespace almere {

int CityModel::findWijk(const std::string& code) const {
    for (size_t i = 0; i < wijken.size(); ++i)
        if (wijken[i].code == code) return int(i);
    return -1;
}

void deriveCity(CityModel& city) {
    city.wijkGrid = TriangleGrid();
    city.waterGrid = TriangleGrid();
    // Feature ids of the land mesh say which wijk each triangle belongs to.
    for (size_t i = 0; i + 2 < city.land.indices.size(); i += 3) {
        const Vertex& a = city.land.vertices[city.land.indices[i]];
        const Vertex& b = city.land.vertices[city.land.indices[i + 1]];
        const Vertex& c = city.land.vertices[city.land.indices[i + 2]];
        // Only the slab's top faces up; walls would be degenerate in plan view anyway.
        if (a.normal.y < 0.5f || a.feature == kNoFeature) continue;
        city.wijkGrid.addTriangle(toEastNorth(a.position), toEastNorth(b.position),
                                  toEastNorth(c.position), a.feature);
    }
    city.wijkGrid.build();
    for (size_t i = 0; i + 2 < city.water3d.indices.size(); i += 3) {
        const Vertex& a = city.water3d.vertices[city.water3d.indices[i]];
        city.waterGrid.addTriangle(toEastNorth(a.position),
                                   toEastNorth(city.water3d.vertices[city.water3d.indices[i + 1]].position),
                                   toEastNorth(city.water3d.vertices[city.water3d.indices[i + 2]].position),
                                   a.feature);
    }
    city.waterGrid.build();

    city.massing = MeshData();
    for (size_t w = 0; w < city.wijken.size(); ++w) {
        const WijkInfo& wijk = city.wijken[w];
        auto style = city.styles.find(wijk.style);
        if (style == city.styles.end()) continue;
        for (const Polygon& part : wijk.parts) {
            const auto buildings = placeBuildings(wijk.code, part, style->second, int(w),
                                                  city.wijkGrid, city.waterGrid);
            addBuildings(city.massing, buildings, layer::kLandTop, style->second.color, uint16_t(w));
        }
    }
}

int wijkAt(const CityModel& city, glm::dvec2 eastNorth) {
    // Lakes lie on top of wijken but are not part of any for the resident's purposes.
    return city.wijkGrid.find(eastNorth);
}

} // namespace almere
