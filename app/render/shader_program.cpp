#include "render/shader_program.hpp"

#include <vector>

namespace almere {
namespace {

std::string infoLog(GLuint object, bool program) {
    GLint length = 0;
    program ? glGetProgramiv(object, GL_INFO_LOG_LENGTH, &length)
            : glGetShaderiv(object, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(size_t(length > 0 ? length : 1), '\0');
    program ? glGetProgramInfoLog(object, length, nullptr, log.data())
            : glGetShaderInfoLog(object, length, nullptr, log.data());
    return log.data();
}

GLuint compile(GLenum type, const std::string& source, std::string& error) {
    GLuint shader = glCreateShader(type);
    const char* text = source.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        error = infoLog(shader, false);
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

} // namespace

Result<ShaderProgram> ShaderProgram::create(const std::string& name,
                                            const std::string& vertexSource,
                                            const std::string& fragmentSource) {
    std::string error;
    GLuint vs = compile(GL_VERTEX_SHADER, vertexSource, error);
    if (!vs) return Result<ShaderProgram>::failure(name + ".vert: " + error);
    GLuint fs = compile(GL_FRAGMENT_SHADER, fragmentSource, error);
    if (!fs) {
        glDeleteShader(vs);
        return Result<ShaderProgram>::failure(name + ".frag: " + error);
    }
    GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        error = infoLog(program, true);
        glDeleteProgram(program);
        return Result<ShaderProgram>::failure(name + ": link: " + error);
    }
    return ShaderProgram(program);
}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
    if (this != &other) {
        if (id_) glDeleteProgram(id_);
        id_ = other.id_;
        other.id_ = 0;
    }
    return *this;
}

ShaderProgram::~ShaderProgram() {
    if (id_) glDeleteProgram(id_);
}

} // namespace almere
