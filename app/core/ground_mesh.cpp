#include "core/ground_mesh.hpp"

#include <cmath>

namespace almere {
namespace {

// A rectangle's frame: four strips `width` wide inside its edges, meeting without overlap.
void addFrame(MeshData& mesh, const Building& rect, double width, double height, glm::u8vec4 color,
              uint16_t feature) {
    const glm::dvec2 h = rect.size * 0.5, in = h - width;
    const glm::dvec2 strips[4][2] = {{{-h.x, -h.y}, {h.x, -in.y}},
                                     {{-h.x, in.y}, {h.x, h.y}},
                                     {{-h.x, -in.y}, {-in.x, in.y}},
                                     {{in.x, -in.y}, {h.x, in.y}}};
    for (const auto& strip : strips) {
        const uint32_t first = uint32_t(mesh.vertices.size());
        for (glm::dvec2 corner : {strip[0], glm::dvec2(strip[1].x, strip[0].y), strip[1],
                                  glm::dvec2(strip[0].x, strip[1].y)})
            mesh.vertices.push_back({toWorld(rect.centre + rotated(corner, rect.angle), height),
                                     glm::vec3(0, 1, 0), color, feature});
        for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u})
            mesh.indices.push_back(first + i);
    }
}

} // namespace

void addStreetFrame(MeshData& mesh, const Building& block, double streetM, double height,
                    uint16_t feature) {
    addFrame(mesh, block, streetM * 0.5, height, kStreetColor, feature);
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
    const glm::dvec2 h = glm::max(plot.size * 0.5 - kHedgeM, glm::dvec2(0));
    const uint32_t first = uint32_t(mesh.vertices.size());
    for (glm::dvec2 corner : {-h, glm::dvec2(h.x, -h.y), h, glm::dvec2(-h.x, h.y)})
        mesh.vertices.push_back({toWorld(plot.centre + rotated(corner, plot.angle), height),
                                 glm::vec3(0, 1, 0), color, feature});
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u})
        mesh.indices.push_back(first + i);
    addFrame(mesh, plot, std::min({kHedgeM, plot.size.x * 0.5, plot.size.y * 0.5}), height,
             kHedgeColor, feature);
}

} // namespace almere
