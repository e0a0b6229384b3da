#include "core/triangulate.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace almere {
namespace {

// Limits that keep hostile input from exhausting memory or time. A failed allocation aborts a
// WebAssembly build, so memory is bounded up front: nodes take under 50 bytes each, and even
// pathological input needs only a few times as many nodes as vertices.
constexpr std::size_t kMaxVertices = std::size_t{1} << 22;
// Far beyond any map coordinate, yet small enough that products of coordinate differences in the
// orientation tests cannot overflow.
constexpr double kMaxCoordinate = 1e100;
// A ring whose area is this small relative to its squared extent is rounding noise on collinear
// points, not a shape.
constexpr double kDegenerateAreaRatio = 1e-12;
// Below this many nodes, scanning all nodes in the ear test is cheaper than keeping the z-order
// index up to date.
constexpr std::size_t kHashThreshold = 80;
// Bounds on the total work (node visits) for one polygon. Realistic simple polygons need far less
// (about 35 per vertex, a few hundred with thousands of holes); self-intersecting input (through
// the fallbacks) and long thin spirals can need more, and then get the triangles found so far.
// The cap is a few seconds of work at worst, more on inputs of millions of vertices that no longer
// fit in the CPU caches.
constexpr std::uint64_t kMinBudget = std::uint64_t{1} << 22;
constexpr std::uint64_t kMaxBudget = std::uint64_t{1} << 28;

double cross(glm::dvec2 a, glm::dvec2 b) {
    return a.x * b.y - a.y * b.x;
}

// Twice the signed area of triangle abc; positive when a -> b -> c turns left.
double orient(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c) {
    return cross(b - a, c - a);
}

int sign(double v) {
    return (v > 0.0) - (v < 0.0);
}

// Whether r, known to be collinear with segment pq, lies on it.
bool withinSegment(glm::dvec2 p, glm::dvec2 q, glm::dvec2 r) {
    return r.x <= std::max(p.x, q.x) && r.x >= std::min(p.x, q.x) && r.y <= std::max(p.y, q.y) &&
           r.y >= std::min(p.y, q.y);
}

// Closed test: touching and collinear overlap count as intersecting, because for diagonals any
// contact with another edge is as bad as a crossing.
bool segmentsIntersect(glm::dvec2 a1, glm::dvec2 a2, glm::dvec2 b1, glm::dvec2 b2) {
    const int o1 = sign(orient(a1, a2, b1));
    const int o2 = sign(orient(a1, a2, b2));
    const int o3 = sign(orient(b1, b2, a1));
    const int o4 = sign(orient(b1, b2, a2));
    if (o1 != o2 && o3 != o4) return true;
    return (o1 == 0 && withinSegment(a1, a2, b1)) || (o2 == 0 && withinSegment(a1, a2, b2)) ||
           (o3 == 0 && withinSegment(b1, b2, a1)) || (o4 == 0 && withinSegment(b1, b2, a2));
}

// Closed triangle test that works for either winding of abc.
bool inClosedTriangle(glm::dvec2 a, glm::dvec2 b, glm::dvec2 c, glm::dvec2 p) {
    const double o1 = orient(a, b, p);
    const double o2 = orient(b, c, p);
    const double o3 = orient(c, a, p);
    return (o1 >= 0.0 && o2 >= 0.0 && o3 >= 0.0) || (o1 <= 0.0 && o2 <= 0.0 && o3 <= 0.0);
}

bool coordinatesUsable(const Ring& ring) {
    for (const glm::dvec2& v : ring) {
        // Written so that NaN fails the test.
        if (!(std::abs(v.x) <= kMaxCoordinate && std::abs(v.y) <= kMaxCoordinate)) return false;
    }
    return true;
}

// Shoelace sum relative to the first vertex: for coordinates far from the origin (RD metres are in
// the hundreds of thousands) this keeps the rounding error proportional to the ring's own size.
template <typename IndexAt> double shoelace(const Ring& ring, std::size_t count, IndexAt indexAt) {
    if (count < 3) return 0.0;
    const glm::dvec2 base = ring[indexAt(0)];
    double sum = 0.0;
    for (std::size_t i = 1; i + 1 < count; ++i) {
        sum += cross(ring[indexAt(i)] - base, ring[indexAt(i + 1)] - base);
    }
    return 0.5 * sum;
}

class Triangulator {
  public:
    std::vector<uint32_t> run(const Polygon& polygon, std::size_t totalVertices);

  private:
    struct Node {
        glm::dvec2 p;
        uint32_t vertex; // index into the caller's concatenated vertex list
        int prev = -1;
        int next = -1;
        // Neighbours in z-order; only maintained when hashing is enabled.
        int prevZ = -1;
        int nextZ = -1;
        uint32_t z = 0;
        bool removed = false;
    };

    struct Job {
        int start;
        int pass;
    };

    glm::dvec2 pos(int n) const { return nodes_[n].p; }
    int next(int n) const { return nodes_[n].next; }
    int prev(int n) const { return nodes_[n].prev; }

    // Every loop draws from one budget, so total work is bounded whatever the input looks like.
    bool spend() {
        if (budget_ == 0) return false;
        --budget_;
        return true;
    }

    int addNode(glm::dvec2 p, uint32_t vertex);
    int linkRing(const Ring& ring, uint32_t offset, bool counterClockwise);
    void removeNode(int n);
    int filterPoints(int start, int end);
    int splitPolygon(int a, int b);

    int eliminateHoles(std::vector<int>& holes, int outer);
    int findBridge(int hole);
    void setUpGrid();
    int cellColumn(double x) const;
    int cellRow(double y) const;
    std::vector<int>& cell(int x, int y) {
        return cells_[static_cast<std::size_t>(y) * gridW_ + x];
    }
    void indexEdge(int n);
    bool locallyInside(int a, glm::dvec2 target) const;
    bool locallyOutside(int a, glm::dvec2 target) const;

    void clip(Job job, std::vector<Job>& jobs);
    bool isEar(int ear);
    bool isEarHashed(int ear);
    bool isEarShape(int a, int b, int c) const;
    bool blocksEar(int a, int b, int c, int p) const;
    int cureLocalIntersections(int start);
    void splitRing(int start, std::vector<Job>& jobs);
    bool isValidDiagonal(int a, int b);
    bool intersectsRing(int a, int b);
    bool middleInside(int a, int b);
    void emit(int a, int b, int c);

    void setUpHashing();
    uint32_t zOrder(glm::dvec2 p) const;
    void indexCurve(int start);

    std::vector<Node> nodes_;
    std::vector<uint32_t> triangles_;
    std::vector<int> scratch_;
    // Edge grid, only alive while holes are being bridged.
    std::vector<std::vector<int>> cells_;
    std::vector<int> longEdges_;
    int gridW_ = 1;
    int gridH_ = 1;
    glm::dvec2 gridMin_{0.0};
    glm::dvec2 gridScale_{0.0};
    std::uint64_t budget_ = 0;
    bool hashed_ = false;
    glm::dvec2 zMin_{0.0};
    double zScale_ = 0.0;
};

std::vector<uint32_t> Triangulator::run(const Polygon& polygon, std::size_t totalVertices) {
    const std::uint64_t n = totalVertices;
    budget_ = std::min(kMaxBudget, kMinBudget + 32 * n * n);
    nodes_.reserve(totalVertices + 2 * polygon.holes.size() + 16);

    int outer = linkRing(polygon.outer, 0, true);
    if (outer < 0) return {};

    auto offset = static_cast<uint32_t>(polygon.outer.size());
    std::vector<int> holes;
    for (const Ring& hole : polygon.holes) {
        const int start = linkRing(hole, offset, false);
        if (start >= 0) holes.push_back(start);
        offset += static_cast<uint32_t>(hole.size());
    }
    if (!holes.empty()) outer = eliminateHoles(holes, outer);

    if (nodes_.size() > kHashThreshold) setUpHashing();

    triangles_.reserve(3 * nodes_.size());
    std::vector<Job> jobs{{outer, 0}};
    while (!jobs.empty() && budget_ > 0) {
        const Job job = jobs.back();
        jobs.pop_back();
        clip(job, jobs);
    }
    return std::move(triangles_);
}

int Triangulator::addNode(glm::dvec2 p, uint32_t vertex) {
    Node node;
    node.p = p;
    node.vertex = vertex;
    nodes_.push_back(node);
    return static_cast<int>(nodes_.size() - 1);
}

// Links the ring's usable vertices into a circular list with the requested winding and returns
// one of its nodes, or -1 if the ring has no area.
int Triangulator::linkRing(const Ring& ring, uint32_t offset, bool counterClockwise) {
    std::size_t count = ring.size();
    // Drop the GeoJSON closing vertex (and any further copies of the first vertex at the end), so
    // that the first vertex is the one referenced.
    while (count > 1 && ring[count - 1] == ring[0])
        --count;

    std::vector<uint32_t> kept;
    kept.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (kept.empty() || ring[i] != ring[kept.back()]) kept.push_back(static_cast<uint32_t>(i));
    }
    if (kept.size() < 3) return -1;

    glm::dvec2 lo = ring[kept[0]];
    glm::dvec2 hi = lo;
    for (uint32_t i : kept) {
        lo = glm::min(lo, ring[i]);
        hi = glm::max(hi, ring[i]);
    }
    const double extent = std::max(hi.x - lo.x, hi.y - lo.y);
    const double area = shoelace(ring, kept.size(), [&](std::size_t i) { return kept[i]; });
    if (!(std::abs(area) > kDegenerateAreaRatio * extent * extent)) return -1;

    if ((area > 0.0) != counterClockwise) std::reverse(kept.begin(), kept.end());
    const int first = static_cast<int>(nodes_.size());
    for (uint32_t i : kept)
        addNode(ring[i], offset + i);
    const int last = static_cast<int>(nodes_.size() - 1);
    for (int i = first; i <= last; ++i) {
        nodes_[i].prev = i == first ? last : i - 1;
        nodes_[i].next = i == last ? first : i + 1;
    }
    return first;
}

void Triangulator::removeNode(int n) {
    Node& node = nodes_[n];
    nodes_[node.next].prev = node.prev;
    nodes_[node.prev].next = node.next;
    if (node.prevZ >= 0) nodes_[node.prevZ].nextZ = node.nextZ;
    if (node.nextZ >= 0) nodes_[node.nextZ].prevZ = node.prevZ;
    node.removed = true;
}

// Removes repeated and collinear nodes, walking from `start` until `end` is reached without a
// removal; after each removal the walk steps back, because removing a node can make its
// predecessor collinear. Returns a node that is still in the ring.
int Triangulator::filterPoints(int start, int end) {
    int p = start;
    bool again = false;
    do {
        again = false;
        if (!spend()) break;
        const int n = next(p);
        if (n == p) break;
        if (pos(p) == pos(n) || orient(pos(prev(p)), pos(p), pos(n)) == 0.0) {
            removeNode(p);
            p = end = prev(p);
            if (p == next(p)) break;
            again = true;
        } else {
            p = n;
        }
    } while (again || p != end);
    return end;
}

// Connects a and b by a two-way edge. When a and b are in one ring this splits it in two, a..b and
// b'..a'; when b is in a hole the hole becomes part of a's ring. Returns b's copy b'.
int Triangulator::splitPolygon(int a, int b) {
    const int a2 = addNode(pos(a), nodes_[a].vertex);
    const int b2 = addNode(pos(b), nodes_[b].vertex);
    const int an = next(a);
    const int bp = prev(b);

    nodes_[a].next = b;
    nodes_[b].prev = a;
    nodes_[a2].next = an;
    nodes_[an].prev = a2;
    nodes_[b2].next = a2;
    nodes_[a2].prev = b2;
    nodes_[bp].next = b2;
    nodes_[b2].prev = bp;
    return b2;
}

int Triangulator::eliminateHoles(std::vector<int>& holes, int outer) {
    // Each hole is bridged from its rightmost vertex towards +x. Going from right to left means
    // that every hole that could lie on that ray is already part of the outer ring, so bridges
    // never cross a hole that is still pending.
    for (int& h : holes) {
        int best = h;
        for (int p = next(h); p != h; p = next(p)) {
            if (pos(p).x > pos(best).x || (pos(p).x == pos(best).x && pos(p).y > pos(best).y)) {
                best = p;
            }
        }
        h = best;
    }
    std::sort(holes.begin(), holes.end(), [&](int a, int b) { return pos(a).x > pos(b).x; });

    setUpGrid();
    int p = outer;
    do {
        indexEdge(p);
        p = next(p);
    } while (p != outer);

    for (int hole : holes) {
        const int bridge = findBridge(hole);
        if (bridge < 0) continue; // outside the outer ring, or out of budget

        p = hole;
        do {
            indexEdge(p);
            p = next(p);
        } while (p != hole);
        const int holeCopy = splitPolygon(bridge, hole);
        const int bridgeCopy = next(holeCopy);
        // A hole touching the ring gives a bridge of zero length; its ends would be repeated
        // points. Collinear points are deliberately kept: where rings touch, removing one can leave
        // an edge running through a vertex, and later bridges would then find no node whose
        // interior angle they can attach to.
        if (pos(bridge) == pos(hole)) {
            removeNode(hole);
            removeNode(holeCopy);
        } else {
            indexEdge(holeCopy);
        }
        indexEdge(bridge);
        indexEdge(bridgeCopy);
        outer = bridge;
    }
    cells_ = {};
    longEdges_ = {};
    return outer;
}

// Square cells, about kNodesPerCell nodes each on average, over the bounding box of all nodes.
// Bridges only connect existing nodes, so nothing ever falls outside it.
void Triangulator::setUpGrid() {
    constexpr double kNodesPerCell = 8.0;
    constexpr double kMaxCellsPerSide = 256.0;
    glm::dvec2 lo = nodes_[0].p;
    glm::dvec2 hi = lo;
    for (const Node& node : nodes_) {
        lo = glm::min(lo, node.p);
        hi = glm::max(hi, node.p);
    }
    const glm::dvec2 size = hi - lo;
    const double cells = std::max(1.0, static_cast<double>(nodes_.size()) / kNodesPerCell);
    const double cellSize = std::sqrt(size.x * size.y / cells);
    auto cellsAlong = [&](double length) {
        const double n = cellSize > 0.0 ? std::ceil(length / cellSize) : 1.0;
        return static_cast<int>(std::clamp(n, 1.0, kMaxCellsPerSide));
    };
    gridW_ = cellsAlong(size.x);
    gridH_ = cellsAlong(size.y);
    gridMin_ = lo;
    gridScale_ = {size.x > 0.0 ? gridW_ / size.x : 0.0, size.y > 0.0 ? gridH_ / size.y : 0.0};
    cells_.assign(static_cast<std::size_t>(gridW_) * static_cast<std::size_t>(gridH_), {});
}

int Triangulator::cellColumn(double x) const {
    const double t = (x - gridMin_.x) * gridScale_.x;
    if (!(t >= 0.0)) return 0;
    return std::min(gridW_ - 1, static_cast<int>(std::min(t, 1e9)));
}

int Triangulator::cellRow(double y) const {
    const double t = (y - gridMin_.y) * gridScale_.y;
    if (!(t >= 0.0)) return 0;
    return std::min(gridH_ - 1, static_cast<int>(std::min(t, 1e9)));
}

// Lists the edge n -> next(n) in every cell its bounding box touches. Entries are never removed:
// readers look the edge up again through next(), so an entry left behind by an edge that has
// since changed only costs a little time, while every current edge is always listed.
void Triangulator::indexEdge(int n) {
    // Long edges are kept in one list that every query scans: listing them in all the cells they
    // span would cost memory quadratic in the input for rings that zigzag across the polygon.
    constexpr int kMaxCellsPerEdge = 16;
    const glm::dvec2 a = pos(n);
    const glm::dvec2 b = pos(next(n));
    const int x0 = cellColumn(std::min(a.x, b.x));
    const int x1 = cellColumn(std::max(a.x, b.x));
    const int y0 = cellRow(std::min(a.y, b.y));
    const int y1 = cellRow(std::max(a.y, b.y));
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > kMaxCellsPerEdge) {
        longEdges_.push_back(n);
        // Queries for nodes look in the node's own cell.
        cell(cellColumn(a.x), cellRow(a.y)).push_back(n);
        return;
    }
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x)
            cell(x, y).push_back(n);
    }
}

// Finds a node of the outer ring visible from the hole's rightmost node `hole` (after D. Eberly,
// "Triangulation by Ear Clipping"): cast a ray towards +x, take the nearest edge it hits, and
// check whether other vertices hide that edge's right endpoint.
int Triangulator::findBridge(int hole) {
    const glm::dvec2 m = pos(hole);

    int edge = -1;
    double hitX = std::numeric_limits<double>::infinity();
    auto castRay = [&](int p) {
        if (nodes_[p].removed) return;
        const glm::dvec2 a = pos(p);
        const glm::dvec2 b = pos(next(p));
        // The outer ring is counter-clockwise, so the boundary to the right of an interior point
        // runs upwards; downward edges there would mean the hole is outside.
        if (a.y <= m.y && m.y <= b.y && a.y != b.y) {
            const double x = a.x + (m.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if (x >= m.x && x < hitX) {
                hitX = x;
                edge = p;
            }
        }
    };
    for (int p : longEdges_) {
        if (!spend()) return -1;
        castRay(p);
    }
    // Any other edge crossing the ray is listed in the cell containing the crossing, so the scan
    // can stop at the first column beyond the nearest hit so far.
    const int row = cellRow(m.y);
    for (int x = cellColumn(m.x); x < gridW_ && (edge < 0 || cellColumn(hitX) >= x); ++x) {
        for (int p : cell(x, row)) {
            if (!spend()) return -1;
            castRay(p);
        }
    }
    if (edge < 0) return -1;

    int best = pos(edge).x > pos(next(edge)).x ? edge : next(edge);
    const glm::dvec2 hit{hitX, m.y};
    const glm::dvec2 corner = pos(best);
    const glm::dvec2 lo{m.x, std::min(m.y, corner.y)};
    const glm::dvec2 hi{std::max(hitX, corner.x), std::max(m.y, corner.y)};

    // Vertices inside triangle (m, hit, corner) may hide the corner. The one seen at the smallest
    // angle from the ray, nearest first on ties, is visible: anything in front of it would have
    // an endpoint at an even smaller angle. Every node is listed in its own cell as the start of
    // its edge.
    glm::dvec2 bestDir = corner - m;
    for (int y = cellRow(lo.y); y <= cellRow(hi.y); ++y) {
        for (int x = cellColumn(lo.x); x <= cellColumn(hi.x); ++x) {
            for (int p : cell(x, y)) {
                if (!spend()) return -1;
                const glm::dvec2 r = pos(p);
                if (nodes_[p].removed || r.x < lo.x || r.x > hi.x || r.y < lo.y || r.y > hi.y ||
                    !inClosedTriangle(m, hit, corner, r)) {
                    continue;
                }
                const glm::dvec2 dir = r - m;
                // Compares |dy|/dx without dividing; dx >= 0 for both.
                const double lhs = std::abs(dir.y) * bestDir.x;
                const double rhs = std::abs(bestDir.y) * dir.x;
                if (lhs < rhs || (lhs == rhs && glm::dot(dir, dir) < glm::dot(bestDir, bestDir))) {
                    best = p;
                    bestDir = dir;
                }
            }
        }
    }

    // The chosen position may occur several times (earlier bridges, rings touching themselves).
    // Only the copy whose interior angle contains the bridge keeps the ring consistent.
    const glm::dvec2 target = pos(best);
    for (int p : cell(cellColumn(target.x), cellRow(target.y))) {
        if (!spend()) return -1;
        if (!nodes_[p].removed && pos(p) == target && locallyInside(p, m)) return p;
    }
    return best;
}

// Whether the segment from node a towards `target` starts into the polygon's interior at a.
bool Triangulator::locallyInside(int a, glm::dvec2 target) const {
    const glm::dvec2 before = pos(prev(a));
    const glm::dvec2 at = pos(a);
    const glm::dvec2 after = pos(next(a));
    const bool leftOfIncoming = orient(before, at, target) > 0.0;
    const bool leftOfOutgoing = orient(at, after, target) > 0.0;
    if (orient(before, at, after) >= 0.0) return leftOfIncoming && leftOfOutgoing;
    return leftOfIncoming || leftOfOutgoing;
}

// Like !locallyInside, but a segment along one of a's edges does not count as outside.
bool Triangulator::locallyOutside(int a, glm::dvec2 target) const {
    const glm::dvec2 before = pos(prev(a));
    const glm::dvec2 at = pos(a);
    const glm::dvec2 after = pos(next(a));
    const bool rightOfIncoming = orient(before, at, target) < 0.0;
    const bool rightOfOutgoing = orient(at, after, target) < 0.0;
    if (orient(before, at, after) >= 0.0) return rightOfIncoming || rightOfOutgoing;
    return rightOfIncoming && rightOfOutgoing;
}

// Clips ears from one ring. When a full lap finds no ear the ring is not simple enough for plain
// ear clipping, and the ring is queued again with more repair: pass 1 first removes repeated and
// collinear points, pass 2 also resolves small self-intersections, and after that the ring is cut
// in two along a valid diagonal and both halves start over.
void Triangulator::clip(Job job, std::vector<Job>& jobs) {
    int ear = job.start;
    if (job.pass == 0 && hashed_) indexCurve(ear);

    int stop = ear;
    while (prev(ear) != next(ear)) {
        if (!spend()) return;
        const int a = prev(ear);
        const int c = next(ear);
        if (hashed_ ? isEarHashed(ear) : isEar(ear)) {
            emit(a, ear, c);
            removeNode(ear);
            // Continuing two nodes on avoids fans of thin triangles around a single vertex.
            ear = next(c);
            stop = ear;
            continue;
        }
        ear = c;
        if (ear == stop) {
            switch (job.pass) {
            case 0:
                jobs.push_back({filterPoints(ear, ear), 1});
                break;
            case 1:
                jobs.push_back({cureLocalIntersections(filterPoints(ear, ear)), 2});
                break;
            default:
                splitRing(ear, jobs);
                break;
            }
            return;
        }
    }
}

bool Triangulator::isEar(int ear) {
    const int a = prev(ear);
    const int c = next(ear);
    if (!isEarShape(a, ear, c)) return false;
    for (int p = next(c); p != a; p = next(p)) {
        if (!spend() || blocksEar(a, ear, c, p)) return false;
    }
    return true;
}

bool Triangulator::isEarHashed(int ear) {
    const int a = prev(ear);
    const int c = next(ear);
    const glm::dvec2 pa = pos(a);
    const glm::dvec2 pb = pos(ear);
    const glm::dvec2 pc = pos(c);
    if (!isEarShape(a, ear, c)) return false;

    // Every node inside the triangle's bounding box has a z value within this range. The range
    // also covers nodes well outside the box, so the box is checked first as the cheaper test.
    const glm::dvec2 lo = glm::min(pa, glm::min(pb, pc));
    const glm::dvec2 hi = glm::max(pa, glm::max(pb, pc));
    const uint32_t minZ = zOrder(lo);
    const uint32_t maxZ = zOrder(hi);
    auto blocks = [&](int p) {
        const glm::dvec2 pp = pos(p);
        return pp.x >= lo.x && pp.x <= hi.x && pp.y >= lo.y && pp.y <= hi.y && p != a && p != c &&
               blocksEar(a, ear, c, p);
    };
    for (int p = nodes_[ear].prevZ; p >= 0 && nodes_[p].z >= minZ; p = nodes_[p].prevZ) {
        if (!spend() || blocks(p)) return false;
    }
    for (int p = nodes_[ear].nextZ; p >= 0 && nodes_[p].z <= maxZ; p = nodes_[p].nextZ) {
        if (!spend() || blocks(p)) return false;
    }
    return true;
}

// The checks on the triangle itself, before looking for other nodes inside it: b must be strictly
// convex, and the new edge c-a must not leave a or c through the outside. The latter never fails in
// a simple ring, but it catches rings that have collapsed to spikes (edges walked there and back),
// where corner copies would otherwise let a triangle through that covers no area of the polygon.
bool Triangulator::isEarShape(int a, int b, int c) const {
    return orient(pos(a), pos(b), pos(c)) > 0.0 && !locallyOutside(a, pos(c)) &&
           !locallyOutside(c, pos(a));
}

// Whether node p prevents clipping the counter-clockwise triangle (a, b, c).
bool Triangulator::blocksEar(int a, int b, int c, int p) const {
    const glm::dvec2 pp = pos(p);
    const glm::dvec2 corners[3] = {pos(a), pos(b), pos(c)};

    // A copy of a corner (from a bridge, or a ring touching itself) sits on the triangle without
    // harm unless one of its edges leaves that corner into the triangle.
    for (int i = 0; i < 3; ++i) {
        if (pp != corners[i]) continue;
        const glm::dvec2 v = corners[i];
        const glm::dvec2 toNext = corners[(i + 1) % 3];
        const glm::dvec2 toPrev = corners[(i + 2) % 3];
        for (const glm::dvec2 q : {pos(prev(p)), pos(next(p))}) {
            if (orient(v, toNext, q) > 0.0 && orient(v, toPrev, q) < 0.0) return true;
        }
        return false;
    }

    // Any boundary that enters the triangle has a reflex (or straight) vertex inside it, so only
    // those need to be tested; convex vertices merely touching the triangle are harmless.
    if (!inClosedTriangle(corners[0], corners[1], corners[2], pp)) return false;
    return orient(pos(prev(p)), pp, pos(next(p))) <= 0.0;
}

// Resolves self-intersections of the form a-p-n-b where edges a-p and n-b cross: the loop between
// them becomes one triangle and p and n are dropped.
int Triangulator::cureLocalIntersections(int start) {
    int p = start;
    do {
        if (!spend()) break;
        const int a = prev(p);
        const int n = next(p);
        const int b = next(n);
        if (a != b && b != p && pos(a) != pos(b) &&
            segmentsIntersect(pos(a), pos(p), pos(n), pos(b)) && locallyInside(a, pos(b)) &&
            locallyInside(b, pos(a))) {
            emit(a, p, b);
            removeNode(p);
            removeNode(n);
            p = start = b;
        }
        p = next(p);
    } while (p != start);
    return filterPoints(p, p);
}

void Triangulator::splitRing(int start, std::vector<Job>& jobs) {
    int a = start;
    do {
        for (int b = next(next(a)); b != prev(a); b = next(b)) {
            if (!spend()) return;
            if (nodes_[a].vertex == nodes_[b].vertex || !isValidDiagonal(a, b)) continue;
            int c = splitPolygon(a, b);
            const int first = filterPoints(a, next(a));
            c = filterPoints(c, next(c));
            jobs.push_back({first, 0});
            jobs.push_back({c, 0});
            return;
        }
        a = next(a);
    } while (a != start);
    // No valid diagonal: the rest of this ring is too broken to triangulate and is dropped.
}

bool Triangulator::isValidDiagonal(int a, int b) {
    if (next(a) == b || prev(a) == b || pos(a) == pos(b)) return false;
    return locallyInside(a, pos(b)) && locallyInside(b, pos(a)) && !intersectsRing(a, b) &&
           middleInside(a, b);
}

bool Triangulator::intersectsRing(int a, int b) {
    const glm::dvec2 pa = pos(a);
    const glm::dvec2 pb = pos(b);
    int p = a;
    do {
        if (!spend()) return true;
        const glm::dvec2 p1 = pos(p);
        const glm::dvec2 p2 = pos(next(p));
        // Edges sharing an endpoint position with the diagonal touch it by construction.
        if (p1 != pa && p1 != pb && p2 != pa && p2 != pb && segmentsIntersect(p1, p2, pa, pb)) {
            return true;
        }
        p = next(p);
    } while (p != a);
    return false;
}

bool Triangulator::middleInside(int a, int b) {
    const glm::dvec2 mid = 0.5 * (pos(a) + pos(b));
    bool inside = false;
    int p = a;
    do {
        if (!spend()) return false;
        const glm::dvec2 p1 = pos(p);
        const glm::dvec2 p2 = pos(next(p));
        if ((p1.y > mid.y) != (p2.y > mid.y) &&
            mid.x < p1.x + (mid.y - p1.y) * (p2.x - p1.x) / (p2.y - p1.y)) {
            inside = !inside;
        }
        p = next(p);
    } while (p != a);
    return inside;
}

void Triangulator::emit(int a, int b, int c) {
    // Ears are strictly convex; only triangles from cured self-intersections can be flat or
    // inverted, and those would break the counter-clockwise guarantee.
    if (orient(pos(a), pos(b), pos(c)) <= 0.0) return;
    triangles_.push_back(nodes_[a].vertex);
    triangles_.push_back(nodes_[b].vertex);
    triangles_.push_back(nodes_[c].vertex);
}

void Triangulator::setUpHashing() {
    glm::dvec2 lo = nodes_[0].p;
    glm::dvec2 hi = lo;
    for (const Node& node : nodes_) {
        lo = glm::min(lo, node.p);
        hi = glm::max(hi, node.p);
    }
    const double size = std::max(hi.x - lo.x, hi.y - lo.y);
    zMin_ = lo;
    zScale_ = size > 0.0 ? 32767.0 / size : 0.0;
    hashed_ = true;
}

// Morton code of the point quantised to 15 bits per axis. The code is monotonic in x and in y, so
// a bounding box maps onto the z range between its corners.
uint32_t Triangulator::zOrder(glm::dvec2 p) const {
    auto spread = [](double t) {
        // Written so that NaN ends up as 0.
        if (!(t >= 0.0)) t = 0.0;
        if (t > 32767.0) t = 32767.0;
        auto v = static_cast<uint32_t>(t);
        v = (v | (v << 8)) & 0x00FF00FFu;
        v = (v | (v << 4)) & 0x0F0F0F0Fu;
        v = (v | (v << 2)) & 0x33333333u;
        v = (v | (v << 1)) & 0x55555555u;
        return v;
    };
    return spread((p.x - zMin_.x) * zScale_) | (spread((p.y - zMin_.y) * zScale_) << 1);
}

void Triangulator::indexCurve(int start) {
    scratch_.clear();
    int p = start;
    do {
        nodes_[p].z = zOrder(pos(p));
        scratch_.push_back(p);
        p = next(p);
    } while (p != start);
    std::sort(scratch_.begin(), scratch_.end(),
              [&](int a, int b) { return nodes_[a].z < nodes_[b].z; });
    const std::size_t count = scratch_.size();
    for (std::size_t i = 0; i < count; ++i) {
        nodes_[scratch_[i]].prevZ = i > 0 ? scratch_[i - 1] : -1;
        nodes_[scratch_[i]].nextZ = i + 1 < count ? scratch_[i + 1] : -1;
    }
}

} // namespace

std::vector<uint32_t> triangulate(const Polygon& polygon) {
    std::size_t total = polygon.outer.size();
    if (!coordinatesUsable(polygon.outer)) return {};
    for (const Ring& hole : polygon.holes) {
        total += hole.size();
        if (total > kMaxVertices || !coordinatesUsable(hole)) return {};
    }
    if (total > kMaxVertices) return {};
    return Triangulator().run(polygon, total);
}

double signedArea(const Ring& ring) {
    return shoelace(ring, ring.size(), [](std::size_t i) { return i; });
}

bool pointInRing(const Ring& ring, glm::dvec2 p) {
    bool inside = false;
    const std::size_t count = ring.size();
    for (std::size_t i = 0, j = count - 1; i < count; j = i++) {
        const glm::dvec2 a = ring[i];
        const glm::dvec2 b = ring[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)) {
            inside = !inside;
        }
    }
    return inside;
}

bool pointInPolygon(const Polygon& polygon, glm::dvec2 p) {
    if (!pointInRing(polygon.outer, p)) return false;
    for (const Ring& hole : polygon.holes) {
        if (pointInRing(hole, p)) return false;
    }
    return true;
}

glm::dvec2 ringCentroid(const Ring& ring) {
    if (ring.empty()) return glm::dvec2(0.0);

    // Relative to the first vertex for the same precision reason as in shoelace().
    const glm::dvec2 base = ring[0];
    double twiceArea = 0.0;
    glm::dvec2 weighted(0.0);
    glm::dvec2 lo = base;
    glm::dvec2 hi = base;
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const glm::dvec2 a = ring[i] - base;
        const glm::dvec2 b = ring[(i + 1) % ring.size()] - base;
        const double w = cross(a, b);
        twiceArea += w;
        weighted += (a + b) * w;
        lo = glm::min(lo, ring[i]);
        hi = glm::max(hi, ring[i]);
    }
    const double extent = std::max(hi.x - lo.x, hi.y - lo.y);
    if (std::abs(0.5 * twiceArea) > kDegenerateAreaRatio * extent * extent) {
        return base + weighted / (3.0 * twiceArea);
    }

    // No area to weight by: fall back to the vertex mean, leaving out a closing duplicate so that
    // the first vertex does not count twice.
    std::size_t count = ring.size();
    if (count > 1 && ring[count - 1] == ring[0]) --count;
    glm::dvec2 sum(0.0);
    for (std::size_t i = 0; i < count; ++i)
        sum += ring[i] - base;
    return base + sum / static_cast<double>(count);
}

} // namespace almere
