#include "core/massing.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

// Small, well-mixed integer hash (lowbias32); platform independent, unlike std::hash.
uint32_t mix(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

} // namespace

double hashUnit(uint32_t seed, uint32_t salt) {
    return mix(seed ^ mix(salt)) / 4294967296.0;
}

glm::dvec2 rotated(glm::dvec2 v, double angle) {
    const double c = std::cos(angle), s = std::sin(angle);
    return {v.x * c - v.y * s, v.x * s + v.y * c};
}

uint32_t hashString(const std::string& text) {
    uint32_t h = 2166136261u; // FNV-1a
    for (unsigned char c : text)
        h = (h ^ c) * 16777619u;
    return mix(h);
}

uint32_t positionSeed(glm::dvec2 eastNorth) {
    // Through int64 (a defined, modular conversion to uint32): the shades the city was tuned
    // on, also west and south of the origin, where converting the negative double straight to
    // uint32 is undefined. Hostile positions (a .glb's wijk parts are not bounded) get 0.
    const double v = eastNorth.x * 7 + eastNorth.y * 13;
    return std::fabs(v) < 9.0e18 ? uint32_t(int64_t(v)) : 0u;
}

IndexRange buildingIndices(const BuildingEnds& ends, uint32_t firstBuilding, uint32_t n) {
    const size_t first = std::min<size_t>(firstBuilding, ends.size());
    const size_t last = first + std::min<size_t>(n, ends.size() - first);
    const uint32_t start = first == 0 ? 0 : ends[first - 1];
    const uint32_t end = last == 0 ? 0 : ends[last - 1];
    return {start, end - start};
}

namespace {

// A block as addBlock makes it: its roof's four corners (in order), its lowest vertex (a wall's
// foot, with its darkened colour), the top of a wall (the walls' colour) and its centre.
struct QuadBlock {
    const Vertex* roof[4];
    const Vertex* foot;
    const Vertex* wallTop;
    glm::vec3 centre{0};
};

// True when the building's first two triangles are an upward quad over four corners.
bool quadBlock(const MeshData& mesh, uint32_t first, uint32_t end, QuadBlock& block) {
    if (end - first < 6) return false;
    const uint32_t* t = &mesh.indices[first];
    for (int k = 0; k < 6; ++k)
        if (mesh.vertices[t[k]].normal.y < 0.99f) return false;
    if (t[3] != t[0] || t[4] != t[2]) return false;
    const uint32_t corners[4] = {t[0], t[1], t[2], t[5]};
    for (int k = 0; k < 4; ++k) {
        block.roof[k] = &mesh.vertices[corners[k]];
        block.centre += block.roof[k]->position * 0.25f;
    }
    block.foot = block.wallTop = block.roof[0];
    for (uint32_t i = first + 6; i < end; ++i) {
        const Vertex& v = mesh.vertices[mesh.indices[i]];
        if (v.position.y < block.foot->position.y) block.foot = &v;
        if (v.position.y >= block.roof[0]->position.y && block.wallTop == block.roof[0])
            block.wallTop = &v;
    }
    return true;
}

// Rebuilds every block of `mesh` with `make` into `out`; a building whose roof is not a quad
// is copied as it is (its own triangles, with their own vertices).
template <class Make>
void rebuildBlocks(const MeshData& mesh, const BuildingEnds& ends, MeshData& out,
                   BuildingEnds& outEnds, const Make& make) {
    uint32_t start = 0;
    for (uint32_t end : ends) {
        if (end > mesh.indices.size() || end < start) break;
        QuadBlock block;
        if (quadBlock(mesh, start, end, block)) {
            make(block, out);
        } else {
            for (uint32_t i = start; i < end; ++i) {
                out.indices.push_back(uint32_t(out.vertices.size()));
                out.vertices.push_back(mesh.vertices[mesh.indices[i]]);
            }
        }
        outEnds.push_back(uint32_t(out.indices.size()));
        start = end;
    }
}

void addQuad(MeshData& mesh, const uint32_t (&quad)[4]) {
    for (uint32_t k : {0u, 1u, 2u, 0u, 2u, 3u})
        mesh.indices.push_back(quad[k]);
}

} // namespace

void speckBlocks(const MeshData& mesh, const BuildingEnds& ends, MeshData& specks,
                 BuildingEnds& speckEnds) {
    // A block seen from above at the start view's tilt shows its roof and one or two walls
    // about half its height deep; its walls are shaded to roughly this share of the roof's light.
    constexpr float kWiden = 0.25f; // of the height, on every side
    constexpr float kDarken = 0.66f;
    rebuildBlocks(mesh, ends, specks, speckEnds, [&](const QuadBlock& b, MeshData& out) {
        // The block's two axes, along its first and its last edge.
        auto axis = [](const Vertex* from, const Vertex* to) {
            const glm::vec3 d = to->position - from->position;
            const float len = glm::length(d);
            return len > 0 ? d / len : glm::vec3(0);
        };
        const glm::vec3 u = axis(b.roof[0], b.roof[1]), w = axis(b.roof[0], b.roof[3]);
        const uint32_t first = uint32_t(out.vertices.size());
        for (const Vertex* corner : b.roof) {
            Vertex v = *corner;
            const glm::vec3 away = v.position - b.centre;
            const float widen = kWiden * (v.position.y - b.foot->position.y);
            v.position += (glm::dot(away, u) < 0 ? -u : u) * widen;
            v.position += (glm::dot(away, w) < 0 ? -w : w) * widen;
            v.color = glm::u8vec4(glm::vec3(v.color) * kDarken, v.color.a);
            out.vertices.push_back(v);
        }
        addQuad(out, {first, first + 1, first + 2, first + 3});
    });
}

void farBlocks(const MeshData& mesh, const BuildingEnds& ends, MeshData& far,
               BuildingEnds& farEnds) {
    rebuildBlocks(mesh, ends, far, farEnds, [](const QuadBlock& b, MeshData& out) {
        const uint32_t roof = uint32_t(out.vertices.size());
        for (const Vertex* corner : b.roof)
            out.vertices.push_back(*corner);
        addQuad(out, {roof, roof + 1, roof + 2, roof + 3});
        // The walls' rings at the top (the walls' colour) and at the foot (the foot's), their
        // normals pointing out from the corners: lit between the two walls that meet there.
        const uint32_t top = roof + 4, foot = roof + 8;
        for (const Vertex* ring : {b.wallTop, b.foot})
            for (const Vertex* corner : b.roof) {
                Vertex v = *ring;
                v.position = glm::vec3(corner->position.x, ring->position.y, corner->position.z);
                const glm::vec3 away(v.position.x - b.centre.x, 0, v.position.z - b.centre.z);
                v.normal = glm::length(away) > 0 ? glm::normalize(away) : glm::vec3(0, 0, 1);
                out.vertices.push_back(v);
            }
        // Each wall faces out: counter-clockwise seen from outside the block.
        for (uint32_t i = 0; i < 4; ++i) {
            const uint32_t j = (i + 1) % 4;
            uint32_t quad[4] = {foot + i, foot + j, top + j, top + i};
            const glm::vec3 a = out.vertices[quad[0]].position, c = out.vertices[quad[2]].position,
                            bb = out.vertices[quad[1]].position;
            const glm::vec3 away = (a + bb) * 0.5f - b.centre;
            if (glm::dot(glm::cross(bb - a, c - a), glm::vec3(away.x, 0, away.z)) < 0)
                std::swap(quad[1], quad[3]);
            addQuad(out, quad);
        }
    });
}

void addBuildings(MeshData& mesh, BuildingEnds& ends, const std::vector<Building>& buildings,
                  double groundHeight, Rgb color, uint16_t feature) {
    addBuildings(mesh, ends, buildings, groundHeight, color, color, feature);
}

void addBuildings(MeshData& mesh, BuildingEnds& ends, const std::vector<Building>& buildings,
                  double groundHeight, Rgb roofColor, Rgb wallColor, uint16_t feature) {
    for (const Building& b : buildings) {
        const glm::dvec2 h = b.size * 0.5;
        const glm::dvec2 box[4] = {
            b.centre + rotated({-h.x, -h.y}, b.angle), b.centre + rotated({h.x, -h.y}, b.angle),
            b.centre + rotated({h.x, h.y}, b.angle), b.centre + rotated({-h.x, h.y}, b.angle)};
        // Slight per-building shade so blocks read as separate volumes.
        const float shade = 0.9f + 0.2f * float(hashUnit(positionSeed(b.centre), 9));
        auto shaded = [&](Rgb color) {
            return glm::u8vec4(glm::clamp(glm::vec3(color) * shade, glm::vec3(0), glm::vec3(255)),
                               255);
        };
        addBlock(mesh, box, groundHeight, groundHeight + b.height, shaded(roofColor),
                 shaded(wallColor), feature);
        ends.push_back(uint32_t(mesh.indices.size()));
    }
}

} // namespace almere
