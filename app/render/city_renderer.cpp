#include "render/city_renderer.hpp"

#include <glm/gtc/type_ptr.hpp>

namespace almere {

Result<CityRenderer> CityRenderer::create(const CityModel& city, const std::string& vertexSource,
                                          const std::string& fragmentSource) {
    auto program = ShaderProgram::create("shaders/city", vertexSource, fragmentSource);
    if (!program) return Result<CityRenderer>::failure(program.error());
    CityRenderer r(program.take());

    MeshData all;
    auto add = [&](const MeshData& mesh) {
        Range range{GLsizei(all.indices.size()), GLsizei(mesh.indices.size())};
        all.append(mesh);
        return range;
    };
    r.context_ = add(city.context);
    glm::vec2 lo(1e30f), hi(-1e30f);
    for (const Vertex& v : city.context.vertices) {
        lo = glm::min(lo, glm::vec2(v.position.x, v.position.z));
        hi = glm::max(hi, glm::vec2(v.position.x, v.position.z));
    }
    r.mapBounds_ = glm::vec4(lo, hi);
    r.water_ = add(city.water3d);
    r.land_ = add(city.land);
    r.massing_ = add(city.massing);
    r.outlines_ = add(city.outlines);

    glGenVertexArrays(1, &r.vao_);
    glBindVertexArray(r.vao_);
    glGenBuffers(1, &r.vbo_);
    glBindBuffer(GL_ARRAY_BUFFER, r.vbo_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(all.vertices.size() * sizeof(Vertex)),
                 all.vertices.data(), GL_STATIC_DRAW);
    glGenBuffers(1, &r.ibo_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.ibo_);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(all.indices.size() * sizeof(uint32_t)),
                 all.indices.data(), GL_STATIC_DRAW);
    const auto stride = GLsizei(sizeof(Vertex));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(Vertex, position));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(Vertex, normal));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, (void*)offsetof(Vertex, color));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 1, GL_UNSIGNED_SHORT, GL_FALSE, stride, (void*)offsetof(Vertex, feature));
    glBindVertexArray(0);
    return r;
}

CityRenderer::CityRenderer(CityRenderer&& o) noexcept
    : program_(std::move(o.program_)), vao_(o.vao_), vbo_(o.vbo_), ibo_(o.ibo_),
      context_(o.context_), water_(o.water_), land_(o.land_), massing_(o.massing_),
      outlines_(o.outlines_), mapBounds_(o.mapBounds_) {
    o.vao_ = o.vbo_ = o.ibo_ = 0;
}

CityRenderer::~CityRenderer() {
    if (ibo_) glDeleteBuffers(1, &ibo_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
}

void CityRenderer::draw(const FrameParams& p) const {
    const GLuint id = program_.id();
    glUseProgram(id);
    glUniformMatrix4fv(program_.uniform("u_viewProj"), 1, GL_FALSE, glm::value_ptr(p.viewProj));
    glUniform1f(program_.uniform("u_selected"), float(p.selectedWijk));
    glUniform3fv(program_.uniform("u_sunDir"), 1,
                 glm::value_ptr(glm::normalize(glm::vec3(-0.45f, 0.75f, 0.35f))));
    glUniform3fv(program_.uniform("u_eye"), 1, glm::value_ptr(p.eye));
    glUniform3fv(program_.uniform("u_skyColor"), 1, glm::value_ptr(kSkyColor));
    glUniform1f(program_.uniform("u_hazeDistance"), p.hazeDistance);
    glUniform4fv(program_.uniform("u_mapBounds"), 1, glm::value_ptr(mapBounds_));
    const GLint lit = program_.uniform("u_lit");

    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glEnable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    glBindVertexArray(vao_);
    auto drawRange = [](GLenum mode, Range r) {
        if (r.count > 0)
            glDrawElements(mode, r.count, GL_UNSIGNED_INT,
                           (void*)(uintptr_t(r.first) * sizeof(uint32_t)));
    };
    // Near to far, so early depth testing skips shading what is covered: the layers are
    // heights apart, so the order does not change the picture, only the cost.
    glUniform1f(lit, 1.0f);
    if (p.layers.buildings) drawRange(GL_TRIANGLES, massing_);
    if (p.layers.water) drawRange(GL_TRIANGLES, water_);
    drawRange(GL_TRIANGLES, land_);
    drawRange(GL_TRIANGLES, context_);
    glUniform1f(lit, 0.0f);
    if (p.layers.outlines) drawRange(GL_LINES, outlines_);
    glBindVertexArray(0);
}

} // namespace almere
