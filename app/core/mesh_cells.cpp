#include "core/mesh_cells.hpp"

#include <algorithm>
#include <cstdint>

namespace almere {

std::vector<MeshCell> groupByCell(MeshData& mesh, const std::vector<uint32_t>& runEnds,
                                  double cellSize) {
    // Each piece's cell, then a counting sort by cell over the grid the pieces span: no std::map
    // or sort, for the web's download.
    struct Piece {
        uint32_t first, end;
        glm::ivec2 cell;
    };
    std::vector<Piece> pieces;
    glm::ivec2 lo(INT32_MAX), hi(INT32_MIN);
    uint32_t start = 0;
    for (uint32_t end : runEnds) {
        end = std::min<uint32_t>(end, uint32_t(mesh.indices.size()));
        if (end > start) {
            const glm::dvec2 at = toEastNorth(mesh.vertices[mesh.indices[start]].position);
            const glm::ivec2 cell(glm::floor(glm::clamp(at / cellSize, -1e6, 1e6)));
            lo = glm::min(lo, cell);
            hi = glm::max(hi, cell);
            pieces.push_back({start, end, cell});
        }
        start = std::max(start, end);
    }
    std::vector<MeshCell> cells;
    if (pieces.empty()) return cells;
    const size_t width = size_t(hi.x - lo.x) + 1, height = size_t(hi.y - lo.y) + 1;
    // Pieces spread wider than a province (not Almere's): coarser cells keep the grid small.
    if (width * height > (size_t(1) << 20)) return groupByCell(mesh, runEnds, cellSize * 4);
    std::vector<std::vector<uint32_t>> grid(width * height); // north rows, west to east
    for (const Piece& p : pieces) {
        std::vector<uint32_t>& into =
            grid[size_t(p.cell.y - lo.y) * width + size_t(p.cell.x - lo.x)];
        into.insert(into.end(), mesh.indices.begin() + p.first, mesh.indices.begin() + p.end);
    }
    std::vector<uint32_t> indices;
    indices.reserve(mesh.indices.size());
    for (const std::vector<uint32_t>& cellIndices : grid) {
        if (cellIndices.empty()) continue;
        MeshCell cell;
        cell.first = uint32_t(indices.size());
        cell.count = uint32_t(cellIndices.size());
        cell.min = glm::vec3(1e30f);
        cell.max = glm::vec3(-1e30f);
        for (uint32_t i : cellIndices) {
            cell.min = glm::min(cell.min, mesh.vertices[i].position);
            cell.max = glm::max(cell.max, mesh.vertices[i].position);
        }
        indices.insert(indices.end(), cellIndices.begin(), cellIndices.end());
        cells.push_back(cell);
    }
    mesh.indices = std::move(indices);
    return cells;
}

} // namespace almere
