#pragma once
// The participation team's token for the admin API (exports, moderation). It comes from the
// environment (ALMERE_ADMIN_TOKEN) or from <data>/admin-token, which is created with a random
// token, readable by its owner only, the first time the server starts.
#include <string>
#include <string_view>

namespace almere::server {

struct AdminToken {
    std::string token;  // "" when none could be had (see error)
    std::string source; // where it came from, for the startup message (never the token)
    std::string error;
};

AdminToken loadAdminToken(const std::string& dataDir);

// Compares in time that depends only on the expected token's length, so that response times
// do not reveal how much of a guess was right.
bool constantTimeEquals(std::string_view given, std::string_view expected);

} // namespace almere::server
