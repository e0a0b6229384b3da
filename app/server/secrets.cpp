#include "server/secrets.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

namespace almere::server {
namespace {

constexpr size_t kMinTokenChars = 16; // a shorter token could be guessed

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

// Written to a private temporary file and synced before it gets its name, so that a full disk
// or a crash never leaves an empty or half-written secret behind. link() fails when another
// server made the file meanwhile; `replaceEmpty` renames over a file that an older version
// left empty instead.
bool createSecretFile(const std::string& path, const std::string& secret, bool replaceEmpty) {
    std::string temp = path + ".new-XXXXXX";
    const int fd = ::mkstemp(temp.data()); // mode 0600
    if (fd < 0) return false;
    const std::string line = secret + "\n";
    bool ok = ::write(fd, line.data(), line.size()) == ssize_t(line.size()) && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (ok)
        ok = replaceEmpty ? ::rename(temp.c_str(), path.c_str()) == 0
                          : ::link(temp.c_str(), path.c_str()) == 0;
    const int savedErrno = errno;
    ::unlink(temp.c_str());
    errno = savedErrno;
    return ok;
}

} // namespace

Secret loadSecret(const std::string& dataDir, const char* fileName, const char* envName) {
    Secret result;
    if (const char* env = std::getenv(envName); env && *env) {
        result.token = withoutTrailingSpace(env);
        result.source = std::string("the environment (") + envName + ")";
    } else {
        const std::string path = dataDir + "/" + fileName;
        result.source = path;
        const bool read = readSmallFile(path, result.token);
        const bool missing = !read && errno == ENOENT;
        const bool empty = read && withoutTrailingSpace(result.token).empty();
        if (!read && !missing) {
            result.error = path + ": cannot read it (" + std::strerror(errno) + ")";
            return result;
        }
        if (missing || empty) {
            const std::string fresh = randomHex(16);
            if (fresh.empty() || !createSecretFile(path, fresh, empty)) {
                result.error = path + ": cannot create it (" + std::strerror(errno) + ")";
                result.token.clear();
                return result;
            }
            result.token = fresh;
        }
        result.token = withoutTrailingSpace(result.token);
    }
    if (result.token.size() < kMinTokenChars ||
        result.token.find_first_of(" \t\r\n") != std::string::npos) {
        result.error = result.source + ": it must be at least " + std::to_string(kMinTokenChars) +
                       " characters without spaces";
        result.token.clear();
    }
    return result;
}

Secret loadAdminToken(const std::string& dataDir) {
    return loadSecret(dataDir, "admin-token", "ALMERE_ADMIN_TOKEN");
}

Secret loadKioskKey(const std::string& dataDir) {
    return loadSecret(dataDir, "kiosk-key", "ALMERE_KIOSK_KEY");
}

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

bool constantTimeEquals(std::string_view given, std::string_view expected) {
    volatile unsigned char diff = given.size() != expected.size();
    for (size_t i = 0; i < expected.size(); ++i) {
        const char g = i < given.size() ? given[i] : '\0';
        diff = static_cast<unsigned char>(diff | static_cast<unsigned char>(g ^ expected[i]));
    }
    return diff == 0;
}

} // namespace almere::server
