#include "core/city_model.hpp"

#include "core/district_layout.hpp"
#include "core/ground_mesh.hpp"
#include "core/massing.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

// Per wijk of the city, whether the real building layer covers it. Wijken are matched by code:
// the buildings are baked separately from the .glb they sit beside.
std::vector<bool> coveredWijken(const CityModel& city) {
    std::vector<bool> out(city.wijken.size(), false);
    for (const std::string& code : city.realIndex.coveredWijken) {
        const int index = city.findWijk(code);
        if (index >= 0) out[size_t(index)] = true;
    }
    return out;
}

} // namespace

uint64_t fingerprintWijken(const CityModel& city) {
    uint64_t hash = 14695981039346656037ull; // FNV-1a, 64 bits
    auto add = [&](const void* data, size_t n) {
        for (size_t i = 0; i < n; ++i)
            hash = (hash ^ static_cast<const uint8_t*>(data)[i]) * 1099511628211ull;
    };
    for (const WijkInfo& w : city.wijken) {
        add(w.code.data(), w.code.size() + 1); // with its end, so "A","BC" differs from "AB","C"
        for (const Polygon& part : w.parts) {
            add(part.outer.data(), part.outer.size() * sizeof(glm::dvec2));
            for (const auto& hole : part.holes)
                add(hole.data(), hole.size() * sizeof(glm::dvec2));
        }
    }
    return hash;
}

int CityModel::findWijk(const std::string& code) const {
    for (size_t i = 0; i < wijken.size(); ++i)
        if (wijken[i].code == code) return int(i);
    return -1;
}

void deriveCity(CityModel& city) {
    // The shaders shade per vertex; the context rectangle and ear clipping's kilometre-long
    // water slivers are cut into 1 km pieces so haze and the edge fade vary smoothly. Done
    // here rather than in the bake to keep the download small.
    city.context = splitFlatByGrid(city.context, 1000.0);
    city.water3d = splitFlatByGrid(city.water3d, 1000.0);
}

void deriveDetails(CityModel& city) {
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
        city.waterGrid.addTriangle(
            toEastNorth(a.position),
            toEastNorth(city.water3d.vertices[city.water3d.indices[i + 1]].position),
            toEastNorth(city.water3d.vertices[city.water3d.indices[i + 2]].position), a.feature);
    }
    city.waterGrid.build();

    struct Placed {
        Building building;
        uint16_t wijk;
        glm::ivec2 tile;
        uint32_t order;
    };
    std::vector<Placed> placed;
    // The streets round every grid block and the farm plots, one run of indices each.
    city.ground = MeshData();
    BuildingEnds groundEnds;
    city.builtGround = FootprintGrid();
    double lotsLeft = kMaxLotsPerLoad;
    const std::vector<bool> real = coveredWijken(city);
    for (size_t w = 0; w < city.wijken.size(); ++w) {
        const WijkInfo& wijk = city.wijken[w];
        auto style = city.styles.find(wijk.style);
        if (style == city.styles.end()) continue;
        // Covered: the layer's buildings come in tiles of their own, and no schematic ones
        // may stand among them. They are not in builtGround either: a plan over such a wijk
        // still stands among its real buildings (not solved; see the README).
        if (real[w]) continue;
        // All of a wijk's parts on one street grid: a building is kept wherever it stands
        // wholly in this wijk, so two grids over one wijk could put two on one spot.
        const DistrictLayout layout = layOutDistrict(
            wijk.code, wijk.parts, style->second,
            [&](glm::dvec2 p) {
                return city.wijkGrid.find(p) == int(w) && city.waterGrid.find(p) < 0;
            },
            &lotsLeft);
        for (const Building& lot : layout.lots)
            city.builtGround.add(lot);
        for (const Building& b : layout.buildings) {
            const glm::ivec2 tile(glm::floor(b.centre / kMassingTileSize));
            placed.push_back({b, uint16_t(w), tile,
                              hashString(wijk.code) ^ uint32_t(placed.size() * 2654435761u)});
        }
        for (const Building& block : layout.groundBlocks) {
            for (const Building& strip :
                 addStreetFrame(city.ground, block, layout.streetM, layer::kStreet, uint16_t(w)))
                city.builtGround.add(strip);
            groundEnds.push_back(uint32_t(city.ground.indices.size()));
        }
        for (const Building& plot : layout.plots) {
            addFieldPlot(city.ground, plot, layer::kStreet, uint16_t(w));
            groundEnds.push_back(uint32_t(city.ground.indices.size()));
        }
    }
    // Tile by tile; inside a tile in pseudo-random (but fixed) order.
    std::sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
        if (a.tile.y != b.tile.y) return a.tile.y < b.tile.y;
        if (a.tile.x != b.tile.x) return a.tile.x < b.tile.x;
        return a.order < b.order;
    });
    city.massing = MeshData();
    city.massingEnds.clear();
    city.massingTiles.clear();
    for (size_t i = 0; i < placed.size(); ++i) {
        const Placed& p = placed[i];
        if (i == 0 || p.tile != placed[i - 1].tile) {
            MassingTile tile;
            tile.firstBuilding = uint32_t(city.massingEnds.size());
            tile.min = glm::vec3(1e30f);
            tile.max = glm::vec3(-1e30f);
            city.massingTiles.push_back(tile);
        }
        const auto style = city.styles.find(city.wijken[p.wijk].style);
        const size_t firstVertex = city.massing.vertices.size();
        addBuildings(city.massing, city.massingEnds, {p.building}, layer::kLandTop,
                     style->second.color, p.wijk);
        MassingTile& tile = city.massingTiles.back();
        for (size_t v = firstVertex; v < city.massing.vertices.size(); ++v) {
            tile.min = glm::min(tile.min, city.massing.vertices[v].position);
            tile.max = glm::max(tile.max, city.massing.vertices[v].position);
        }
        ++tile.buildings;
    }

    city.groundCells = groupByCell(city.ground, groundEnds, kMassingTileSize);
    city.builtGround.build();
}

bool showsRealBuildings(const CityModel& city) {
    // Asked every frame by the on-screen note: no allocation, nothing to do without a layer.
    for (const std::string& code : city.realIndex.coveredWijken)
        if (city.findWijk(code) >= 0) return true;
    return false;
}

int wijkAt(const CityModel& city, glm::dvec2 eastNorth) {
    // Lakes lie on top of wijken but are not part of any for the resident's purposes.
    return city.wijkGrid.find(eastNorth);
}

} // namespace almere
