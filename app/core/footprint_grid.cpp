#include "core/footprint_grid.hpp"

#include "core/district_layout.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

// About the size of a city block: a plan block looks at one to four cells.
constexpr double kCellM = 200;
// A hostile style (huge blocks) must not make the lists grow without bound: the grid coarsens
// until they fit (or it is one cell), and answers the same, only slower.
constexpr size_t kMaxReferences = 4'000'000;

// Half the size of the axis-aligned bounds of a rectangle turned by an angle whose cosine and
// sine have these magnitudes.
glm::dvec2 halfBounds(glm::dvec2 size, double c, double s) {
    return 0.5 * glm::dvec2(c * size.x + s * size.y, s * size.x + c * size.y);
}

} // namespace

glm::ivec2 FootprintGrid::cellOf(glm::dvec2 p) const {
    const glm::dvec2 cell = (p - min_) / cellM_;
    return {std::clamp(int(std::floor(cell.x)), 0, dims_.x - 1),
            std::clamp(int(std::floor(cell.y)), 0, dims_.y - 1)};
}

void FootprintGrid::build() {
    first_.clear();
    entries_.clear();
    bounds_.clear();
    if (rects_.empty()) return;
    glm::dvec2 lo(1e300), hi(-1e300);
    // A wijk's rectangles share its grid's angle: its sine and cosine once per run, not each.
    double angle = 0, c = 1, s = 0;
    for (const Building& r : rects_) {
        if (r.angle != angle) {
            angle = r.angle;
            c = std::abs(std::cos(angle));
            s = std::abs(std::sin(angle));
        }
        const glm::dvec2 h = halfBounds(r.size, c, s) + 1.0;
        bounds_.push_back(glm::vec4(r.centre - h, r.centre + h));
        lo = glm::min(lo, r.centre - h);
        hi = glm::max(hi, r.centre + h);
    }
    min_ = lo;
    cellM_ = std::max({kCellM, (hi.x - lo.x) / 1024, (hi.y - lo.y) / 1024});
    // Each rectangle's first and last cell (x, y, x, y).
    std::vector<glm::ivec4> spans(rects_.size());
    for (;;) {
        dims_ = glm::ivec2(glm::floor((hi - lo) / cellM_)) + 1;
        size_t references = 0;
        for (size_t i = 0; i < rects_.size(); ++i) {
            spans[i] = glm::ivec4(cellOf(glm::dvec2(bounds_[i].x, bounds_[i].y)),
                                  cellOf(glm::dvec2(bounds_[i].z, bounds_[i].w)));
            references += size_t(spans[i].z - spans[i].x + 1) * size_t(spans[i].w - spans[i].y + 1);
        }
        if (references <= kMaxReferences || dims_ == glm::ivec2(1)) break;
        cellM_ *= 2;
    }
    auto forEachCell = [&](size_t i, auto fn) {
        for (int y = spans[i].y; y <= spans[i].w; ++y)
            for (int x = spans[i].x; x <= spans[i].z; ++x)
                fn(size_t(y) * size_t(dims_.x) + size_t(x));
    };
    // Counted per cell first, then filled: two flat arrays instead of a list per cell.
    first_.assign(size_t(dims_.x) * size_t(dims_.y) + 1, 0);
    for (size_t i = 0; i < rects_.size(); ++i)
        forEachCell(i, [&](size_t cell) { ++first_[cell + 1]; });
    for (size_t c = 1; c < first_.size(); ++c)
        first_[c] += first_[c - 1];
    entries_.resize(first_.back());
    std::vector<uint32_t> next(first_.begin(), first_.end() - 1);
    for (size_t i = 0; i < rects_.size(); ++i)
        forEachCell(i, [&](size_t cell) { entries_[next[cell]++] = uint32_t(i); });
}

bool FootprintGrid::overlapsAny(const Building& rect, double tolerance) const {
    if (first_.empty()) return false;
    const glm::dvec2 h =
        halfBounds(rect.size, std::abs(std::cos(rect.angle)), std::abs(std::sin(rect.angle)));
    const glm::vec2 lo(rect.centre - h), hi(rect.centre + h);
    const glm::ivec2 a = cellOf(rect.centre - h), b = cellOf(rect.centre + h);
    for (int y = a.y; y <= b.y; ++y)
        for (int x = a.x; x <= b.x; ++x) {
            const size_t cell = size_t(y) * size_t(dims_.x) + size_t(x);
            for (uint32_t k = first_[cell]; k < first_[cell + 1]; ++k) {
                const glm::vec4 o = bounds_[entries_[k]];
                if (o.x > hi.x || o.y > hi.y || o.z < lo.x || o.w < lo.y) continue;
                if (footprintsOverlap(rect, rects_[entries_[k]], tolerance)) return true;
            }
        }
    return false;
}

} // namespace almere
