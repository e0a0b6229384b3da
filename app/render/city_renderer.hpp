#pragma once
// Draws the city: all layers live in one vertex buffer and are drawn in a handful of calls
// (context, water, land, buildings as triangles; wijk outlines as lines).
#include "core/city_model.hpp"
#include "render/shader_program.hpp"

#include <glm/glm.hpp>
#include <optional>

namespace almere {

struct LayerVisibility {
    bool water = true;
    bool outlines = true;
    bool buildings = true;
};

struct FrameParams {
    glm::mat4 viewProj{1};
    glm::vec3 eye{0};
    float hazeDistance = 60000;
    int selectedWijk = -1;
    LayerVisibility layers;
};

class CityRenderer {
  public:
    // Compiles the shader and uploads the city. Needs a current GL context.
    static Result<CityRenderer> create(const CityModel& city, const std::string& vertexSource,
                                       const std::string& fragmentSource);
    CityRenderer(CityRenderer&&) noexcept;
    CityRenderer(const CityRenderer&) = delete;
    ~CityRenderer();

    void draw(const FrameParams& params) const;

    static constexpr glm::vec3 kSkyColor{0.80f, 0.87f, 0.94f};

  private:
    explicit CityRenderer(ShaderProgram program) : program_(std::move(program)) {}
    struct Range {
        GLsizei first = 0; // in indices
        GLsizei count = 0;
    };
    ShaderProgram program_;
    GLuint vao_ = 0, vbo_ = 0, ibo_ = 0;
    Range context_, water_, land_, massing_, outlines_;
    glm::vec4 mapBounds_{0}; // x/z extent of the context layer
};

} // namespace almere
