#include "platform/screenshot.hpp"

#include "render/gl.hpp"

#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace almere::platform {

bool writeScreenshot(const std::string& path, glm::ivec2 size, std::string& error) {
    std::vector<unsigned char> pixels(size_t(size.x) * size_t(size.y) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, size.x, size.y, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // GL's rows run bottom-up; PNG's top-down.
    stbi_flip_vertically_on_write(1);
    if (!stbi_write_png(path.c_str(), size.x, size.y, 4, pixels.data(), size.x * 4)) {
        error = path + ": cannot write the PNG";
        return false;
    }
    return true;
}

} // namespace almere::platform
