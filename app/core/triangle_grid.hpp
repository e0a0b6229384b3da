#pragma once
// Uniform-grid index over 2D triangles, each tagged with an owner (a wijk, a water body).
// Answers "which owner covers this ground point" for picking and for keeping schematic
// buildings out of water, in time independent of how many triangles the city has.
#include "core/mesh.hpp"

#include <glm/glm.hpp>
#include <vector>

namespace almere {

class TriangleGrid {
  public:
    explicit TriangleGrid(double cellSize = 400.0) : cellSize_(cellSize) {}

    // Adds every triangle of a triangle mesh (its x/z plane) under the given owner.
    void addMesh(const MeshData& mesh, int owner);
    void addTriangle(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c, int owner);
    // Must be called after the last add and before find.
    void build();

    // Owner of the first triangle containing p (east, north), or -1.
    int find(glm::dvec2 p) const;

    // How many (cell, triangle) entries the grid holds: its memory and build time.
    size_t cellReferences() const { return references_; }
    static constexpr size_t kMaxCellReferences = 8'000'000;

  private:
    struct Triangle {
        glm::dvec2 a, b, c;
        int owner;
    };
    glm::ivec2 firstCell(const Triangle& t) const;
    glm::ivec2 lastCell(const Triangle& t) const;
    std::vector<Triangle> triangles_;
    std::vector<std::vector<uint32_t>> cells_;
    glm::dvec2 min_{0}, max_{0};
    glm::ivec2 dims_{0};
    double cellSize_;
    size_t references_ = 0;
};

} // namespace almere
