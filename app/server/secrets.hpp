#pragma once
// The server's two secrets. Each comes from the environment or from a file in the data folder,
// created with a random value, readable by its owner only, the first time the server starts:
// - the participation team's admin token (ALMERE_ADMIN_TOKEN or <data>/admin-token) for the
//   exports and moderation;
// - the kiosk key (ALMERE_KIOSK_KEY or <data>/kiosk-key): kiosks that send it in
//   X-Almere-Kiosk-Key are not rate-limited, so an evening's backlog goes through at once.
#include <string>
#include <string_view>

namespace almere::server {

struct Secret {
    std::string token;  // "" when none could be had (see error)
    std::string source; // where it came from, for the startup message (never the secret)
    std::string error;
};

Secret loadSecret(const std::string& dataDir, const char* fileName, const char* envName);
Secret loadAdminToken(const std::string& dataDir);
Secret loadKioskKey(const std::string& dataDir);

// `bytes` random bytes from the kernel (getrandom) as lower-case hex; "" if none could be had.
std::string randomHex(size_t bytes);

// Compares in time that depends only on the expected secret's length, so that response times
// do not reveal how much of a guess was right.
bool constantTimeEquals(std::string_view given, std::string_view expected);

} // namespace almere::server
