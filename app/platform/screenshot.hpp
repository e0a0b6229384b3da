#pragma once
#include <glm/glm.hpp>
#include <string>

namespace almere::platform {

// Reads the current framebuffer and writes it as PNG (golden-image tests, screenshots).
bool writeScreenshot(const std::string& path, glm::ivec2 size, std::string& error);

} // namespace almere::platform
