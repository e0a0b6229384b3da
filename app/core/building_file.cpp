#include "core/building_file.hpp"

#include "core/byte_io.hpp"

#include <cmath>

namespace almere {
namespace {

constexpr char kMagic[4] = {'A', 'L', 'M', 'B'};
constexpr uint32_t kVersion = 2; // 2: the city's fingerprint after the version
constexpr uint32_t kMaxString = 4096;
constexpr uint32_t kMaxWijken = 10'000;

void writeRing(ByteWriter& w, const Ring& ring) {
    w.u16(uint16_t(ring.size()));
    for (const glm::dvec2& v : ring) {
        w.f32(float(v.x));
        w.f32(float(v.y));
    }
}

bool readRing(ByteReader& r, Ring& ring) {
    uint16_t n = 0;
    if (!r.u16(n)) return false;
    if (n < 3 || n > building_limits::kMaxVerticesPerRing)
        return r.fail("a ring needs 3.." + std::to_string(building_limits::kMaxVerticesPerRing) +
                      " corners");
    if (size_t(n) * 8 > r.left()) return r.fail("file ends early");
    ring.resize(n);
    for (glm::dvec2& v : ring) {
        float x = 0, y = 0;
        if (!r.f32(x) || !r.f32(y)) return false;
        v = {x, y};
    }
    return true;
}

bool readBuilding(ByteReader& r, RealBuilding& b) {
    float height = 0;
    uint8_t parts = 0;
    if (!r.f32(height) || !r.u8(parts)) return false;
    if (!(height > 0 && height <= building_limits::kMaxHeightM))
        return r.fail("height outside 0..300 m");
    if (parts == 0 || parts > building_limits::kMaxPolygonsPerFeature)
        return r.fail("a building needs 1..64 parts");
    b.heightM = height;
    b.parts.resize(parts);
    for (Polygon& p : b.parts) {
        uint8_t rings = 0;
        if (!r.u8(rings)) return false;
        if (rings == 0 || rings > building_limits::kMaxRingsPerPolygon)
            return r.fail("a part needs 1..64 rings");
        for (uint8_t i = 0; i < rings; ++i)
            if (!readRing(r, i == 0 ? p.outer : p.holes.emplace_back())) return false;
    }
    return true;
}

} // namespace

std::vector<uint8_t> encodeBuildings(const BakedBuildings& baked) {
    ByteWriter w;
    w.header(kMagic, kVersion);
    w.u64(baked.cityFingerprint);
    w.str(baked.source);
    w.str(baked.licence);
    w.u32(uint32_t(baked.wijken.size()));
    for (const WijkBuildings& wijk : baked.wijken) {
        w.str(wijk.code);
        w.u8(wijk.covered);
        w.u32(uint32_t(wijk.buildings.size()));
        for (const RealBuilding& b : wijk.buildings) {
            w.f32(float(b.heightM));
            w.u8(uint8_t(b.parts.size()));
            for (const Polygon& p : b.parts) {
                w.u8(uint8_t(1 + p.holes.size()));
                writeRing(w, p.outer);
                for (const Ring& hole : p.holes)
                    writeRing(w, hole);
            }
        }
    }
    return w.take();
}

Result<BakedBuildings> decodeBuildings(const std::vector<uint8_t>& bytes, const std::string& name) {
    ByteReader r(bytes, name);
    BakedBuildings out;
    uint32_t wijken = 0;
    if (r.header(kMagic, kVersion, "baked buildings file")) r.u64(out.cityFingerprint);
    if (r.error().empty() && r.str(out.source, kMaxString) && r.str(out.licence, kMaxString) &&
        r.u32(wijken) && wijken > kMaxWijken)
        r.fail("more than " + std::to_string(kMaxWijken) + " wijken");
    for (uint32_t w = 0; r.error().empty() && w < wijken; ++w) {
        WijkBuildings& wijk = out.wijken.emplace_back();
        uint8_t covered = 0;
        uint32_t count = 0;
        if (!r.str(wijk.code, kMaxString) || !r.u8(covered) || !r.u32(count)) break;
        wijk.covered = covered != 0;
        // The smallest building takes 4 + 1 + 1 + 2 + 3 * 8 = 32 bytes.
        if (count > r.left() / 32) {
            r.fail("more buildings than the file has bytes for");
            break;
        }
        wijk.buildings.resize(count);
        for (RealBuilding& b : wijk.buildings)
            if (!readBuilding(r, b)) break;
    }
    if (r.error().empty() && r.left() != 0) r.fail("unexpected bytes after the last wijk");
    if (!r.error().empty()) return Result<BakedBuildings>::failure(r.error());
    return out;
}

} // namespace almere
