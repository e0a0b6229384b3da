#include "server/admin_token.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

namespace almere::server {
namespace {

constexpr size_t kMinTokenChars = 16; // a shorter token could be guessed

std::string randomHex(size_t bytes) {
    std::string raw(bytes, '\0');
    size_t filled = 0;
    while (filled < bytes) {
        const ssize_t n = getrandom(raw.data() + filled, bytes - filled, 0);
        if (n < 0 && errno != EINTR) return "";
        if (n > 0) filled += static_cast<size_t>(n);
    }
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : raw) {
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    return hex;
}

std::string withoutTrailingSpace(std::string s) {
    while (!s.empty() && std::strchr(" \t\r\n", s.back()))
        s.pop_back();
    return s;
}

bool readSmallFile(const std::string& path, std::string& out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    char buf[256];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    ::close(fd);
    if (n < 0) return false;
    out.assign(buf, static_cast<size_t>(n));
    return true;
}

// O_EXCL: two servers starting at once cannot both write a token.
bool createTokenFile(const std::string& path, const std::string& token) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    const std::string line = token + "\n";
    const bool ok =
        ::write(fd, line.data(), line.size()) == ssize_t(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

AdminToken loadAdminToken(const std::string& dataDir) {
    AdminToken result;
    if (const char* env = std::getenv("ALMERE_ADMIN_TOKEN"); env && *env) {
        result.token = withoutTrailingSpace(env);
        result.source = "the environment (ALMERE_ADMIN_TOKEN)";
    } else {
        const std::string path = dataDir + "/admin-token";
        result.source = path;
        if (!readSmallFile(path, result.token)) {
            const bool missing = errno == ENOENT;
            const std::string fresh = missing ? randomHex(16) : std::string();
            if (!missing || fresh.empty() || !createTokenFile(path, fresh)) {
                result.error = path + ": cannot read or create it (" + std::strerror(errno) + ")";
                result.token.clear();
                return result;
            }
            result.token = fresh;
        }
        result.token = withoutTrailingSpace(result.token);
    }
    if (result.token.size() < kMinTokenChars ||
        result.token.find_first_of(" \t\r\n") != std::string::npos) {
        result.error = result.source + ": the admin token must be at least " +
                       std::to_string(kMinTokenChars) + " characters without spaces";
        result.token.clear();
    }
    return result;
}

bool constantTimeEquals(std::string_view given, std::string_view expected) {
    volatile unsigned char diff = given.size() != expected.size();
    for (size_t i = 0; i < expected.size(); ++i) {
        const char g = i < given.size() ? given[i] : '\0';
        diff = static_cast<unsigned char>(diff | static_cast<unsigned char>(g ^ expected[i]));
    }
    return diff == 0;
}

} // namespace almere::server
