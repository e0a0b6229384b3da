#include "core/district_layout.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace almere {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Upper bound on grid blocks per district so a hostile style (tiny spacing) cannot stall the app.
constexpr double kMaxBlocks = 40000;
// Points along a building's edges that must be buildable, at most this far apart: a long bar's
// corners can stand on land while its middle crosses a canal.
constexpr double kEdgeSampleM = 20;

// Street grid per typology: the block's length along the street as a multiple of the style's
// spacing (its depth across the streets), and the street's width (carriageway and pavements).
struct GridShape {
    double lengthFactor;
    double streetM;
};

GridShape gridShape(Typology typology) {
    switch (typology) {
    case Typology::Rows:
        return {2.2, 10}; // long blocks: two rows back to back
    case Typology::Courtyards:
        return {1.2, 14};
    case Typology::Centre:
        return {1.2, 16};
    case Typology::Halls:
        return {1.4, 18};
    case Typology::Farmsteads:
        return {1.3, 8}; // country lanes between plots
    case Typology::None:
        break;
    }
    return {1, 0};
}

// A rectangle in the grid's own frame (x along the streets of the block's long side).
struct Box {
    glm::dvec2 lo, hi;
};

// Builds one district: the grid's frame, its seed, and the buildings placed so far.
class Builder {
  public:
    Builder(uint32_t seed, double angle, const MassingStyle& style,
            const std::function<bool(glm::dvec2)>& buildable, DistrictLayout& out)
        : seed_(seed), angle_(angle), style_(style), buildable_(buildable), out_(out) {}

    // A number in [0, 1) for this block and salt.
    double unit(uint32_t block, uint32_t salt) const { return hashUnit(seed_, block * 32u + salt); }
    double height(double t) const {
        return glm::mix(style_.heightM.x, style_.heightM.y, std::clamp(t, 0.0, 1.0));
    }
    double footprint(double t) const {
        return glm::mix(style_.footprintM.x, style_.footprintM.y, t);
    }
    glm::dvec2 toWorld(glm::dvec2 local) const { return rotated(local, angle_); }

    // True when all of the box's edge points are buildable.
    bool fits(Box box) const {
        const glm::dvec2 size = box.hi - box.lo;
        if (!(size.x > 0.5 && size.y > 0.5)) return false;
        const glm::dvec2 corners[4] = {box.lo, {box.hi.x, box.lo.y}, box.hi, {box.lo.x, box.hi.y}};
        for (int e = 0; e < 4; ++e) {
            const glm::dvec2 a = corners[e], b = corners[(e + 1) % 4];
            const int steps = int(std::ceil(glm::length(b - a) / kEdgeSampleM));
            for (int s = 0; s < steps; ++s)
                if (!buildable_(toWorld(glm::mix(a, b, double(s) / steps)))) return false;
        }
        return true;
    }
    // True when the box's edges and points across it are buildable: a plot is large enough to
    // hold a lake or another wijk that its edges miss.
    bool fitsWhole(Box box) const {
        if (!fits(box)) return false;
        const glm::ivec2 steps(glm::ceil((box.hi - box.lo) / kEdgeSampleM));
        for (int j = 1; j < steps.y; ++j)
            for (int i = 1; i < steps.x; ++i)
                if (!buildable_(
                        toWorld(glm::mix(box.lo, box.hi, glm::dvec2(i, j) / glm::dvec2(steps)))))
                    return false;
        return true;
    }
    Building rect(Box box, double heightM) const {
        return {toWorld((box.lo + box.hi) * 0.5), box.hi - box.lo, angle_, heightM};
    }
    // Adds the box as a building when it fits.
    bool add(Box box, double heightM) {
        if (!fits(box)) return false;
        span(box);
        Building b = rect(box, heightM);
        // footprint_m [0, 0] (which validation accepts) makes every block a point.
        if (style_.footprintM.y <= 0) b.size = glm::dvec2(0);
        out_.buildings.push_back(b);
        return true;
    }

    // A bar split into pieces of about `pieceM` along its long side, each its own height.
    void addBar(Box bar, double pieceM, uint32_t block, uint32_t salt, double tLo, double tHi) {
        const glm::dvec2 size = bar.hi - bar.lo;
        const int axis = size.x >= size.y ? 0 : 1;
        const int pieces = std::max(1, int(std::round(size[axis] / pieceM)));
        for (int p = 0; p < pieces; ++p) {
            Box piece = bar;
            piece.lo[axis] = glm::mix(bar.lo[axis], bar.hi[axis], double(p) / pieces);
            piece.hi[axis] = glm::mix(bar.lo[axis], bar.hi[axis], double(p + 1) / pieces);
            const double t = glm::mix(tLo, tHi, unit(block, salt + uint32_t(p)));
            add(piece, height(t));
        }
    }

    // A farm's plot: its lot (takeSpan), which a plan's infill keeps off.
    void addPlot(Box plot) {
        span(plot);
        out_.plots.push_back(rect(plot, 0));
    }
    // Widens what takeSpan returns by the box.
    void span(Box box) { span_ = {glm::min(span_.lo, box.lo), glm::max(span_.hi, box.hi)}; }
    // What the buildings added since the last call span (a farm: its plot), as a footprint (no
    // height); none: a zero-size one.
    Building takeSpan() {
        const Building span{toWorld((span_.lo + span_.hi) * 0.5),
                            glm::max(span_.hi - span_.lo, 0.0), angle_, 0};
        span_ = {glm::dvec2(1e300), glm::dvec2(-1e300)};
        return span;
    }

    void rows(Box in, uint32_t block);
    void perimeter(Box in, uint32_t block, bool centre);
    void halls(Box in, uint32_t block);
    void farmstead(Box in, uint32_t block);

  private:
    uint32_t seed_;
    double angle_;
    const MassingStyle& style_;
    const std::function<bool(glm::dvec2)>& buildable_;
    DistrictLayout& out_;
    Box span_{glm::dvec2(1e300), glm::dvec2(-1e300)};
};

// Terraced houses: a row along the front street and one along the back, each in segments of 9
// to 14 houses (one box each: fewer, larger boxes draw faster) with a path between; front gardens
// to the street, back gardens between the rows.
void Builder::rows(Box in, uint32_t block) {
    constexpr double kHouseWidthM = 5.4, kFrontGardenM = 5, kPathM = 4, kEndM = 3;
    const double depth = std::max(footprint(unit(block, 1)), 1.0);
    const double across = in.hi.y - in.lo.y;
    std::vector<Box> bands;
    if (across >= 2 * (kFrontGardenM + depth) + 8) {
        bands.push_back(
            {{in.lo.x, in.lo.y + kFrontGardenM}, {in.hi.x, in.lo.y + kFrontGardenM + depth}});
        bands.push_back(
            {{in.lo.x, in.hi.y - kFrontGardenM - depth}, {in.hi.x, in.hi.y - kFrontGardenM}});
    } else if (across >= kFrontGardenM + depth) {
        bands.push_back(
            {{in.lo.x, in.lo.y + kFrontGardenM}, {in.hi.x, in.lo.y + kFrontGardenM + depth}});
    }
    uint32_t salt = 2;
    for (const Box& band : bands) {
        double x = band.lo.x + kEndM;
        while (salt < 30) {
            int houses = 9 + int(unit(block, salt++) * 6);
            houses = std::min(houses, int((band.hi.x - kEndM - x) / kHouseWidthM));
            if (houses < 3) break;
            const double length = houses * kHouseWidthM;
            add({{x, band.lo.y}, {x + length, band.hi.y}}, height(unit(block, salt++)));
            x += length + kPathM;
        }
    }
}

// Bars round a courtyard: the two long sides whole, the short sides between them; in pieces of
// their own height. A block too small for a courtyard gets one bar. `centre`: taller, and a
// tower in the courtyard now and then.
void Builder::perimeter(Box in, uint32_t block, bool centre) {
    const double depth = std::max(footprint(unit(block, 1)), 1.0);
    const glm::dvec2 size = in.hi - in.lo;
    const double tLo = centre ? 0.1 : 0.0, tHi = centre ? 0.5 : 0.6;
    const double pieceM = centre ? 50 : 80; // the centre's bars vary more along the street
    if (size.x < 2 * depth + 10 || size.y < 2 * depth + 10) {
        const double mid = (in.lo.y + in.hi.y) * 0.5;
        if (size.y >= depth)
            addBar({{in.lo.x, mid - depth * 0.5}, {in.hi.x, mid + depth * 0.5}}, pieceM, block, 2,
                   tLo, tHi);
        return;
    }
    addBar({in.lo, {in.hi.x, in.lo.y + depth}}, pieceM, block, 2, tLo, tHi);
    addBar({{in.lo.x, in.hi.y - depth}, in.hi}, pieceM, block, 8, tLo, tHi);
    addBar({{in.lo.x, in.lo.y + depth}, {in.lo.x + depth, in.hi.y - depth}}, pieceM, block, 14, tLo,
           tHi);
    addBar({{in.hi.x - depth, in.lo.y + depth}, {in.hi.x, in.hi.y - depth}}, pieceM, block, 20, tLo,
           tHi);
    if (!centre || unit(block, 26) > 0.35) return;
    // The courtyard less 5 m all round; the tower is square, at most 32 m a side.
    const glm::dvec2 yard = size - (2 * depth + 10);
    const double side = std::min({32.0, yard.x, yard.y});
    if (side < 14) return;
    const glm::dvec2 mid = (in.lo + in.hi) * 0.5;
    add({mid - side * 0.5, mid + side * 0.5}, height(0.6 + 0.4 * unit(block, 27)));
}

// One or two lots along the street, each a hall set back from it with its yard beside and
// behind.
void Builder::halls(Box in, uint32_t block) {
    constexpr double kSetbackM = 6, kMarginM = 5;
    const glm::dvec2 size = in.hi - in.lo;
    const int lots = size.x > 120 ? 2 : 1;
    const double lotLength = size.x / lots;
    for (int l = 0; l < lots; ++l) {
        const uint32_t salt = 2 + uint32_t(l) * 4;
        const double width = std::min(footprint(unit(block, salt)), lotLength - 2 * kMarginM);
        const double depth =
            std::min(footprint(unit(block, salt + 1)), size.y - kSetbackM - kMarginM);
        if (width < 8 || depth < 8) continue;
        const double x0 = in.lo.x + l * lotLength + kMarginM;
        // Flush with either end of its lot, by chance: the yards are not all on one side.
        const double x = unit(block, salt + 2) < 0.5 ? x0 : x0 + lotLength - 2 * kMarginM - width;
        add({{x, in.lo.y + kSetbackM}, {x + width, in.lo.y + kSetbackM + depth}},
            height(unit(block, salt + 3)));
    }
}

// A farmhouse and a barn near one corner of the plot (which corner by chance), the rest of the
// plot open land. The plot is the grid block less its lanes where all of that is buildable; a
// block cut by the wijk's edge or by water gets a smaller plot towards the farm's corner, or a
// yard round its buildings, at the least just what they stand on.
void Builder::farmstead(Box in, uint32_t block) {
    constexpr double kInsetM = 10, kGapM = 6;
    const glm::dvec2 size = in.hi - in.lo;
    const double houseLength = std::max(footprint(unit(block, 1)), 1.0);
    const glm::dvec2 house(houseLength, houseLength * 0.65);
    const glm::dvec2 barn(houseLength * 1.6, houseLength * 1.1);
    if (size.x < 2 * kInsetM + house.x || size.y < 2 * kInsetM + house.y) return;
    // Corner-relative boxes, mirrored into the chosen corner.
    const bool flipX = unit(block, 2) < 0.5, flipY = unit(block, 3) < 0.5;
    auto place = [&](glm::dvec2 offset, glm::dvec2 extent) {
        glm::dvec2 lo = in.lo + offset, hi = lo + extent;
        if (flipX)
            std::tie(lo.x, hi.x) =
                std::make_pair(in.lo.x + in.hi.x - hi.x, in.lo.x + in.hi.x - lo.x);
        if (flipY)
            std::tie(lo.y, hi.y) =
                std::make_pair(in.lo.y + in.hi.y - hi.y, in.lo.y + in.hi.y - lo.y);
        return Box{lo, hi};
    };
    // The buildings, and how far from the corner they reach with a margin round them.
    glm::dvec2 yard(0);
    Box standing{glm::dvec2(1e300), glm::dvec2(-1e300)}; // what they stand on
    auto build = [&](glm::dvec2 offset, glm::dvec2 extent, double heightM) {
        const Box box = place(offset, extent);
        if (!add(box, heightM)) return;
        yard = glm::max(yard, offset + extent + kInsetM);
        standing = {glm::min(standing.lo, box.lo), glm::max(standing.hi, box.hi)};
    };
    build({kInsetM, kInsetM}, house, height(0.5 * unit(block, 4)));
    const glm::dvec2 beside(kInsetM + house.x + kGapM, kInsetM);
    const glm::dvec2 behind(kInsetM, kInsetM + house.y + kGapM);
    const double barnHeight = height(0.6 + 0.4 * unit(block, 5));
    if (beside.x + barn.x + kInsetM <= size.x && beside.y + barn.y + kInsetM <= size.y)
        build(beside, barn, barnHeight);
    else if (behind.x + barn.x + kInsetM <= size.x && behind.y + barn.y + kInsetM <= size.y)
        build(behind, barn, barnHeight);
    if (!(standing.lo.x <= standing.hi.x)) return; // neither fits: no farmstead
    for (double share : {1.0, 0.75, 0.5, 0.0}) {
        const Box plot = place({0, 0}, glm::max(size * share, yard));
        if (fitsWhole(plot)) return addPlot(plot);
    }
    // Near an edge that cuts the corner: a yard round the buildings, narrower and narrower.
    for (double margin : {kInsetM, kInsetM / 2, kInsetM / 5, 0.0}) {
        const Box plot{glm::max(standing.lo - margin, in.lo),
                       glm::min(standing.hi + margin, in.hi)};
        if (fitsWhole(plot)) return addPlot(plot);
    }
}

// Separating-axis test along one rectangle's two axes: the overlap depth there (negative: apart).
double overlapAlongAxes(const Building& a, const Building& b) {
    double least = 1e300;
    for (int axis = 0; axis < 2; ++axis) {
        const glm::dvec2 n = rotated(axis == 0 ? glm::dvec2(1, 0) : glm::dvec2(0, 1), a.angle);
        auto extent = [&](const Building& r) {
            const glm::dvec2 u = rotated({1, 0}, r.angle), v = rotated({0, 1}, r.angle);
            return std::abs(glm::dot(u, n)) * r.size.x * 0.5 +
                   std::abs(glm::dot(v, n)) * r.size.y * 0.5;
        };
        const double distance = std::abs(glm::dot(b.centre - a.centre, n));
        least = std::min(least, extent(a) + extent(b) - distance);
    }
    return least;
}

} // namespace

bool footprintsOverlap(const Building& a, const Building& b, double tolerance) {
    return std::min(overlapAlongAxes(a, b), overlapAlongAxes(b, a)) > tolerance;
}

double gridAngle(const std::vector<Polygon>& parts) {
    // The principal axes of the parts' area (second moments about the centroid, exact for
    // polygons): for a rectangle its sides, for any shape the direction it is longest in. Cheaper
    // (no hull, no sort: the web download counts) than the smallest bounding rectangle, and less
    // thrown by one stray vertex.
    double area = 0;
    glm::dvec2 first(0);  // integral of (x, y)
    glm::dvec3 second(0); // integral of (x^2, y^2, xy)
    const glm::dvec2 ref =
        parts.empty() || parts[0].outer.empty() ? glm::dvec2(0) : parts[0].outer[0];
    auto ring = [&](const std::vector<glm::dvec2>& points, double sign) {
        for (size_t i = 0; i < points.size(); ++i) {
            const glm::dvec2 p = points[i] - ref, q = points[(i + 1) % points.size()] - ref;
            const double c = (p.x * q.y - q.x * p.y) * sign;
            area += c / 2;
            first += c * (p + q) / 6.0;
            second += c * glm::dvec3((p.x * p.x + p.x * q.x + q.x * q.x) / 12,
                                     (p.y * p.y + p.y * q.y + q.y * q.y) / 12,
                                     (p.x * q.y + 2 * p.x * p.y + 2 * q.x * q.y + q.x * p.y) / 24);
        }
    };
    for (const Polygon& part : parts) {
        // Outer rings counted positive and holes negative, whichever way they wind.
        const double outerSign = signedArea(part.outer) < 0 ? -1 : 1;
        ring(part.outer, outerSign);
        for (const auto& hole : part.holes)
            ring(hole, signedArea(hole) < 0 ? 1 : -1);
    }
    if (!(std::abs(area) > 0)) return 0;
    const glm::dvec2 c = first / area;
    const double xx = second.x / area - c.x * c.x, yy = second.y / area - c.y * c.y,
                 xy = second.z / area - c.x * c.y;
    const double angle = 0.5 * std::atan2(2 * xy, xx - yy);
    return angle < 0 ? angle + kPi : angle;
}

DistrictLayout layOutDistrict(const std::string& seedText, const std::vector<Polygon>& parts,
                              const MassingStyle& style,
                              const std::function<bool(glm::dvec2)>& buildable, double* lotsLeft,
                              const MassingStyle* gridStyle) {
    DistrictLayout out;
    if (style.typology == Typology::None || !(style.spacingM > 0) || !(style.fill > 0)) return out;
    const MassingStyle& grid = gridStyle ? *gridStyle : style;
    if (grid.typology == Typology::None || !(grid.spacingM > 0)) return out;
    const double angle = gridAngle(parts);
    glm::dvec2 lo(1e300), hi(-1e300), centroid(0);
    double area = 0;
    for (const Polygon& part : parts) {
        for (glm::dvec2 v : part.outer) {
            lo = glm::min(lo, rotated(v, -angle));
            hi = glm::max(hi, rotated(v, -angle));
        }
        const double a = std::abs(signedArea(part.outer));
        centroid += ringCentroid(part.outer) * a;
        area += a;
    }
    if (!(lo.x < hi.x && lo.y < hi.y) || !(area > 0)) return out;
    centroid = rotated(centroid / area, -angle);
    const GridShape shape = gridShape(grid.typology);
    const glm::dvec2 pitch(grid.spacingM * shape.lengthFactor, grid.spacingM);
    const glm::dvec2 blocks = glm::ceil((hi - lo) / pitch);
    if (!(blocks.x * blocks.y <= kMaxBlocks)) return out;
    if (lotsLeft) {
        if (!(blocks.x * blocks.y <= *lotsLeft)) return out;
        *lotsLeft -= blocks.x * blocks.y;
    }
    // The grid centred on the district, so the blocks cut by its edge are alike on all sides.
    const glm::dvec2 origin = (lo + hi) * 0.5 - blocks * pitch * 0.5;
    double maxRadius = 1;
    for (const glm::dvec2 corner : {lo, hi, glm::dvec2(lo.x, hi.y), glm::dvec2(hi.x, lo.y)})
        maxRadius = std::max(maxRadius, glm::length(corner - centroid));

    Builder builder(hashString(seedText), angle, style, buildable, out);
    out.streetM = shape.streetM;
    const double halfStreet = shape.streetM * 0.5;
    for (int j = 0; j < int(blocks.y); ++j) {
        for (int i = 0; i < int(blocks.x); ++i) {
            const uint32_t block = uint32_t(j) * 65536u + uint32_t(i);
            const glm::dvec2 cellLo = origin + glm::dvec2(i, j) * pitch;
            const Box cell{cellLo, cellLo + pitch};
            bool ground = true;
            for (glm::dvec2 c : {cell.lo, cell.hi, glm::dvec2(cell.lo.x, cell.hi.y),
                                 glm::dvec2(cell.hi.x, cell.lo.y)})
                ground = ground && buildable(builder.toWorld(c));
            if (ground)
                out.groundBlocks.push_back(
                    {builder.toWorld((cell.lo + cell.hi) * 0.5), pitch, angle, 0});
            if (builder.unit(block, 0) >= style.fill) continue; // a park, or an empty plot
            const Box in{cell.lo + halfStreet, cell.hi - halfStreet};
            const size_t first = out.buildings.size();
            builder.takeSpan(); // this block's lot starts empty
            switch (style.typology) {
            case Typology::Rows:
                builder.rows(in, block);
                break;
            case Typology::Courtyards: {
                // The district's middle is its centre: taller, with towers.
                const glm::dvec2 mid = (cell.lo + cell.hi) * 0.5;
                builder.perimeter(in, block, glm::length(mid - centroid) < 0.2 * maxRadius);
                break;
            }
            case Typology::Centre:
                builder.perimeter(in, block, true);
                break;
            case Typology::Halls:
                builder.halls(in, block);
                break;
            case Typology::Farmsteads:
                builder.farmstead(in, block);
                break;
            case Typology::None:
                break;
            }
            if (out.buildings.size() > first) out.lots.push_back(builder.takeSpan());
        }
    }
    // The streets: every grid line, as wide as the street, over the whole grid.
    const glm::dvec2 extent = blocks * pitch;
    for (int i = 0; i <= int(blocks.x); ++i) {
        const glm::dvec2 mid(origin.x + i * pitch.x, origin.y + extent.y * 0.5);
        out.streets.push_back({builder.toWorld(mid), {shape.streetM, extent.y}, angle, 0});
    }
    for (int j = 0; j <= int(blocks.y); ++j) {
        const glm::dvec2 mid(origin.x + extent.x * 0.5, origin.y + j * pitch.y);
        out.streets.push_back({builder.toWorld(mid), {extent.x, shape.streetM}, angle, 0});
    }
    return out;
}

} // namespace almere
