#pragma once
// Oriented rectangles (building footprints, street ribbons) sorted into square cells, so that
// "does this footprint overlap any of them?" looks at its neighbours only. The plans' new blocks
// ask it of the city's schematic blocks and streets: they are infill (core/plan_layers).
#include "core/massing.hpp"

#include <vector>

namespace almere {

class FootprintGrid {
  public:
    void add(const Building& rect) { rects_.push_back(rect); }
    // Must be called after the last add and before overlapsAny.
    void build();

    // True when `rect` overlaps one of the added rectangles by more than `tolerance` metres
    // (footprintsOverlap: touching is not overlapping).
    bool overlapsAny(const Building& rect, double tolerance) const;

    const std::vector<Building>& rects() const { return rects_; }

  private:
    glm::ivec2 cellOf(glm::dvec2 p) const;
    std::vector<Building> rects_;
    // Each rectangle's axis-aligned bounds (west, south, east, north), grown by a metre: most
    // neighbours in a cell are told apart by these before the exact test.
    std::vector<glm::vec4> bounds_;
    // Cell by cell (row-major) the rectangles whose bounds touch it: cell c's run is
    // entries_[first_[c] .. first_[c + 1]).
    std::vector<uint32_t> first_, entries_;
    glm::dvec2 min_{0};
    glm::ivec2 dims_{0};
    double cellM_ = 1;
};

} // namespace almere
