#include "core/triangle_grid.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

double cross(glm::dvec2 a, glm::dvec2 b, glm::dvec2 p) {
    return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
}

bool contains(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c, glm::dvec2 p) {
    const double d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p);
    const bool hasNeg = d1 < 0 || d2 < 0 || d3 < 0;
    const bool hasPos = d1 > 0 || d2 > 0 || d3 > 0;
    return !(hasNeg && hasPos);
}

} // namespace

void TriangleGrid::addMesh(const MeshData& mesh, int owner) {
    for (size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
        const uint32_t ia = mesh.indices[i], ib = mesh.indices[i + 1], ic = mesh.indices[i + 2];
        if (std::max({ia, ib, ic}) >= mesh.vertices.size()) continue;
        addTriangle(toEastNorth(mesh.vertices[ia].position),
                    toEastNorth(mesh.vertices[ib].position),
                    toEastNorth(mesh.vertices[ic].position), owner);
    }
}

void TriangleGrid::addTriangle(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c, int owner) {
    if (std::fabs(cross(a, b, c)) < 1e-9) return; // degenerate: covers nothing
    triangles_.push_back({a, b, c, owner});
}

glm::ivec2 TriangleGrid::firstCell(const Triangle& t) const {
    return glm::ivec2((glm::min(glm::min(t.a, t.b), t.c) - min_) / cellSize_);
}

glm::ivec2 TriangleGrid::lastCell(const Triangle& t) const {
    return glm::ivec2((glm::max(glm::max(t.a, t.b), t.c) - min_) / cellSize_);
}

void TriangleGrid::build() {
    cells_.clear();
    references_ = 0;
    if (triangles_.empty()) return;
    min_ = max_ = triangles_[0].a;
    for (const Triangle& t : triangles_)
        for (glm::dvec2 v : {t.a, t.b, t.c}) {
            min_ = glm::min(min_, v);
            max_ = glm::max(max_, v);
        }
    // Bound the grid so hostile coordinates cannot make it allocate without limit.
    const glm::dvec2 extent = max_ - min_;
    cellSize_ = std::max({cellSize_, extent.x / 1024.0, extent.y / 1024.0});
    // Each triangle is listed in every cell its bounds touch. Many large triangles (a hostile
    // .glb repeating one huge triangle) would each fill a million cells, so the grid coarsens
    // until the lists fit; find() answers the same, only slower. At one cell it always fits.
    for (;;) {
        size_t references = 0;
        for (const Triangle& t : triangles_) {
            const glm::ivec2 span = lastCell(t) - firstCell(t) + 1;
            references += size_t(span.x) * size_t(span.y);
            if (references > kMaxCellReferences) break;
        }
        if (references <= kMaxCellReferences) break;
        cellSize_ *= 2;
    }
    dims_ = glm::ivec2(glm::floor(extent / cellSize_)) + 1;
    cells_.assign(size_t(dims_.x) * size_t(dims_.y), {});
    for (uint32_t i = 0; i < triangles_.size(); ++i) {
        const glm::ivec2 lo = firstCell(triangles_[i]), hi = lastCell(triangles_[i]);
        for (int y = lo.y; y <= hi.y; ++y)
            for (int x = lo.x; x <= hi.x; ++x)
                cells_[size_t(y) * size_t(dims_.x) + size_t(x)].push_back(i);
        references_ += size_t(hi.x - lo.x + 1) * size_t(hi.y - lo.y + 1);
    }
}

int TriangleGrid::find(glm::dvec2 p) const {
    if (cells_.empty() || !(p.x >= min_.x && p.y >= min_.y && p.x <= max_.x && p.y <= max_.y))
        return -1;
    const glm::ivec2 cell = glm::min(glm::ivec2((p - min_) / cellSize_), dims_ - 1);
    for (uint32_t i : cells_[size_t(cell.y) * size_t(dims_.x) + size_t(cell.x)]) {
        const Triangle& t = triangles_[i];
        if (contains(t.a, t.b, t.c, p)) return t.owner;
    }
    return -1;
}

} // namespace almere
