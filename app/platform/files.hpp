#pragma once
// File access. Natively the asset bundle is a folder beside the executable; on the web the same
// paths are served from the preloaded in-memory file system, so one fopen-based reader serves both.
#include <cstdint>
#include <string>
#include <vector>

namespace almere::platform {

// Reads a whole file; false if it cannot be opened or exceeds maxBytes (default 64 MiB).
bool readFile(const std::string& path, std::string& out, size_t maxBytes = 64u << 20);
bool readFile(const std::string& path, std::vector<uint8_t>& out, size_t maxBytes = 64u << 20);

} // namespace almere::platform
