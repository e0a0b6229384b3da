// libFuzzer target for the baked city the viewer loads (assets/almere.glb): loadCity from
// bytes, then everything the viewer derives from it before the first frames (lookup grids,
// schematic massing) and a few picks. A municipality may ship any .glb; none may crash or hang
// the kiosk. Besides "no crash, no sanitizer report" it checks that a refusal says why and
// names the file, and that the massing tiles cover exactly the massing mesh.
// Seeds: the real baked city and a tiny one baked from tests/fuzz/tiny_city (tests/fuzz/run.sh).
#include "fuzz_common.hpp"

#include <cstdint>

using namespace almere;
using almere::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::vector<uint8_t> glb(data, data + size);
    auto loaded = loadCity(glb, "fuzz.glb");
    if (!loaded) {
        require(loaded.error().rfind("fuzz.glb", 0) == 0, "a refusal that does not name the file");
        return 0;
    }
    CityModel city = loaded.take();
    deriveCity(city);
    deriveDetails(city);
    uint32_t covered = 0;
    for (const MassingTile& tile : city.massingTiles) {
        const IndexRange r = buildingIndices(city.massingEnds, tile.firstBuilding, tile.buildings);
        require(r.first == covered, "massing tiles are not contiguous");
        require(r.count <= city.massing.indices.size() - covered,
                "a massing tile reaches past the mesh");
        covered += r.count;
    }
    require(covered == city.massing.indices.size(), "massing tiles miss some indices");
    for (uint32_t i : city.massing.indices)
        require(i < city.massing.vertices.size(), "a massing index past its vertices");
    for (const WijkInfo& w : city.wijken)
        (void)wijkAt(city, w.label);
    (void)wijkAt(city, {0, 0});
    return 0;
}
