#pragma once
#include "core/result.hpp"
#include "render/gl.hpp"

#include <string>

namespace almere {

// A linked GLSL ES 3.00 program. Compile and link errors come back as text naming the file.
class ShaderProgram {
  public:
    static Result<ShaderProgram> create(const std::string& name, const std::string& vertexSource,
                                        const std::string& fragmentSource);
    ShaderProgram(ShaderProgram&& other) noexcept : id_(other.id_) { other.id_ = 0; }
    ShaderProgram& operator=(ShaderProgram&& other) noexcept;
    ShaderProgram(const ShaderProgram&) = delete;
    ~ShaderProgram();

    GLuint id() const { return id_; }
    GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }

  private:
    explicit ShaderProgram(GLuint id) : id_(id) {}
    GLuint id_ = 0;
};

} // namespace almere
