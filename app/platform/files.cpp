#include "platform/files.hpp"

#include <cstdio>

namespace almere::platform {
namespace {

template <class Container> bool readInto(const std::string& path, Container& out, size_t maxBytes) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    out.clear();
    char chunk[65536];
    size_t n;
    bool ok = true;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out.size() + n > maxBytes) {
            ok = false;
            break;
        }
        out.insert(out.end(), chunk, chunk + n);
    }
    ok = ok && !std::ferror(f);
    std::fclose(f);
    return ok;
}

} // namespace

bool readFile(const std::string& path, std::string& out, size_t maxBytes) {
    return readInto(path, out, maxBytes);
}
bool readFile(const std::string& path, std::vector<uint8_t>& out, size_t maxBytes) {
    return readInto(path, out, maxBytes);
}

} // namespace almere::platform
