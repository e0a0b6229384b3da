#pragma once
// The optional layer of real buildings (issue 12): footprints with a height per building, as a
// GeoJSON FeatureCollection the baker is handed with --buildings. Parsed and validated here
// (pure: the caller reads the file); the file as a whole must be sound, but a single broken
// footprint or height is skipped and counted, since a city-wide export always holds a few.
//
// The file:
//   {"type": "FeatureCollection",
//    "metadata": {"source": "3DBAG v2024.02 (TU Delft / 3DGI)", "licence": "CC BY 4.0"},
//    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},  optional
//    "bbox": [west, south, east, north],                                               optional
//    "features": [{"type": "Feature", "id": "...",
//                  "geometry": {"type": "Polygon" | "MultiPolygon", "coordinates": ...},
//                  "properties": {...height attributes, see below...}}]}
//
// - metadata.source and metadata.licence are required: the credits must name both.
// - crs: absent, OGC CRS84 or EPSG:4326 means WGS84 [lon, lat] (RFC 7946's default);
//   EPSG:28992 means RD New [x, y] metres, as 3D BAG and municipal GIS export. Others: an error.
// - bbox (RFC 7946 section 5, in the layer's CRS): the area the layer claims to be complete for;
//   see building_coverage.hpp for what that decides.
// - The height of a building, in metres above its ground, from the first of these present:
//     height                          a municipality's own BAG with heights: metres above ground
//     b3_h_dak_70p - b3_h_maaiveld    3D BAG (docs.3dbag.nl/en/schema/attributes): 70th percentile
//                                     roof elevation minus ground elevation, both metres NAP; the
//                                     LoD1.2 2D layers are meant to be extruded from b3_h_maaiveld
//                                     to a b3_h_dak_* value (docs.3dbag.nl/en/schema/layers)
//     b3_h_dak_50p - b3_h_maaiveld    3D BAG's median roof elevation, when 70p is absent
//     h_dak_70p / h_dak_50p - h_maaiveld   the same in 3D BAG exports before the b3_ prefix
//   A building needs 0.1 <= height <= 300 m (the tallest Dutch building is about 215 m).
// - The feature's id is "id", else properties.identificatie (the BAG pand id), for messages.
#include "core/result.hpp"
#include "core/triangulate.hpp"

#include <glm/glm.hpp>
#include <map>
#include <string>
#include <vector>

namespace almere {

struct SourceFile;

struct RealBuilding {
    std::string id;             // for messages; may be empty
    std::vector<Polygon> parts; // footprint, local (east, north) metres
    double heightM = 0;         // above the ground
};

// Limits against hostile or runaway input; a layer of the whole of Almere has about 100,000.
namespace building_limits {
constexpr size_t kMaxFeatures = 1'000'000;
constexpr size_t kMaxVerticesPerRing = 1'000; // keeps the O(n^2) crossing test cheap
constexpr size_t kMaxRingsPerPolygon = 64;
constexpr size_t kMaxPolygonsPerFeature = 64;
constexpr double kMinHeightM = 0.1; // lower is no building, and may not survive a 32-bit float
constexpr double kMaxHeightM = 300;
constexpr size_t kReasonsKept = 5; // the first few skip messages, in full
} // namespace building_limits

struct BuildingLayer {
    std::string source, licence;           // from metadata; the credits name both
    bool rdNew = false;                    // the file's coordinates were RD New (else WGS84)
    bool declaredExtent = false;           // the file had a bbox
    glm::dvec2 extentMin{0}, extentMax{0}; // local metres: the bbox, else the buildings' bounds
    std::vector<RealBuilding> buildings;   // the kept ones

    size_t featuresRead = 0;
    size_t skipped = 0;
    std::vector<std::string> firstReasons;         // "file: features[3] (id X): field: why"
    std::map<std::string, size_t> skippedByReason; // "ring crosses itself" -> count

    std::string credit() const { return source + " (" + licence + ")"; }
};

// Fails, naming the file and the field, when the file as a whole is unusable: not JSON, not a
// FeatureCollection, no metadata source or licence, an unknown crs, a malformed bbox, more than
// kMaxFeatures features. Broken features are skipped and counted in the result instead.
Result<BuildingLayer> parseBuildingLayer(const SourceFile& file);

// True when a closed ring (first point not repeated) has two non-adjacent edges that touch or
// cross. O(n^2): callers cap n.
bool ringCrossesItself(const Ring& ring);

// True when an edge of one ring touches or crosses an edge of the other (within a millimetre).
bool ringsTouch(const Ring& a, const Ring& b);

// What is wrong with a polygon's holes, or nullptr: each must lie inside the outer ring without
// touching it, and apart from the others (neither touching nor one inside another). `hole`, when
// given, receives the index of the hole the problem was found at. O(corners^2): callers cap them.
const char* holeProblem(const Polygon& polygon, size_t* hole = nullptr);

} // namespace almere
