#include "core/ground_mesh.hpp"

#include <algorithm>
#include <cmath>

namespace almere {
namespace {

// An oriented rectangle, flat and facing up. `along` is its first axis (its angle turned into a
// vector once per block, not per strip and corner: thousands of blocks per load).
void addRect(MeshData& mesh, const Building& rect, glm::dvec2 along, double height,
             glm::u8vec4 color, uint16_t feature) {
    const uint32_t first = uint32_t(mesh.vertices.size());
    const glm::dvec2 u = along * (rect.size.x * 0.5),
                     v = glm::dvec2(-along.y, along.x) * (rect.size.y * 0.5);
    for (glm::dvec2 corner : {-u - v, u - v, u + v, v - u})
        mesh.vertices.push_back(
            {toWorld(rect.centre + corner, height), glm::vec3(0, 1, 0), color, feature});
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u})
        mesh.indices.push_back(first + i);
}

// A rectangle's frame: four strips `width` wide inside its edges, meeting without overlap.
std::array<Building, 4> frameStrips(const Building& rect, double width, glm::dvec2 along) {
    const glm::dvec2 across(-along.y, along.x);
    const double x = rect.size.x * 0.5 - width * 0.5, y = rect.size.y * 0.5 - width * 0.5;
    auto strip = [&](glm::dvec2 middle, glm::dvec2 size) {
        return Building{rect.centre + along * middle.x + across * middle.y, size, rect.angle, 0};
    };
    return {strip({0, -y}, {rect.size.x, width}), strip({0, y}, {rect.size.x, width}),
            strip({-x, 0}, {width, rect.size.y - 2 * width}),
            strip({x, 0}, {width, rect.size.y - 2 * width})};
}

} // namespace

std::array<Building, 4> addStreetFrame(MeshData& mesh, const Building& block, double streetM,
                                       double height, uint16_t feature) {
    const glm::dvec2 along = rotated({1, 0}, block.angle);
    const std::array<Building, 4> strips = frameStrips(block, streetM * 0.5, along);
    for (const Building& strip : strips)
        addRect(mesh, strip, along, height, kStreetColor, feature);
    return strips;
}

glm::u8vec4 fieldTone(const Building& plot) {
    return kFieldTones[positionSeed(plot.centre) % 3];
}

void addFieldPlot(MeshData& mesh, const Building& plot, double height, uint16_t feature) {
    // Each field a shade of its own too (within 4 %), so two plots of one tone side by side
    // still read as two.
    const float shade = 0.96f + 0.08f * float((positionSeed(plot.centre) >> 8) & 0xff) / 255.0f;
    const glm::u8vec4 tone = fieldTone(plot);
    const glm::u8vec4 color(glm::min(glm::vec3(tone) * shade, glm::vec3(255)), 255);
    const glm::dvec2 along = rotated({1, 0}, plot.angle);
    const double hedge = std::min({kHedgeM, plot.size.x * 0.5, plot.size.y * 0.5});
    addRect(mesh, {plot.centre, plot.size - 2 * hedge, plot.angle, 0}, along, height, color,
            feature);
    for (const Building& strip : frameStrips(plot, hedge, along))
        addRect(mesh, strip, along, height, kHedgeColor, feature);
}

} // namespace almere
