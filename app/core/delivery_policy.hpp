#pragma once
// What a client does with the server's answer to POST /api/reactions, and how long it waits
// before trying again. One policy for the kiosk's sync (platform/feedback_native.cpp) and the
// browser's (platform/feedback_web.cpp): pure functions, so the rules are tested without a
// network and compiled into both targets.
//
// Only the API's own refusal ends the retries: the server marks it with X-Almere-Refused. Any
// other 4xx may come from a proxy, a captive portal or a login page between the client and the
// server, and says nothing about the reaction; it is kept and tried again, like a 5xx.
#include <cstdint>
#include <string>

namespace almere {

// The header names of the reactions API (server, kiosk and browser use these).
inline constexpr const char* kRefusedHeader = "X-Almere-Refused";           // server -> client
inline constexpr const char* kInstallationHeader = "X-Almere-Installation"; // client -> server
inline constexpr const char* kKioskKeyHeader = "X-Almere-Kiosk-Key";        // kiosk -> server

struct ServerAnswer {
    int status = 0;            // 0: no HTTP answer at all (then `body` says why)
    std::string retryAfter;    // the Retry-After header; "" when absent
    bool refusedByApi = false; // the answer carried X-Almere-Refused
    std::string body;          // the confirmation, or the reason kept with the reaction
    std::string reactionId;    // the id that was sent: a 200/201 must confirm it
};

enum class Delivery {
    Delivered,  // 201 stored, or 200: the server already had this id; either way its body
                // names the id ({"id": ...}), so a captive portal's own 200 page is not taken
                // for a delivery
    Refused,    // the API refused this body for good: keep it with the reason, never resend
    RetryLater, // 429: the server asked us to slow down for `waitMs`
    Backoff,    // anything else (no answer, 3xx, a proxy's 4xx, 5xx): keep it, retry with backoff
};

struct DeliveryVerdict {
    Delivery delivery = Delivery::Backoff;
    int64_t waitMs = 0; // only for RetryLater
    std::string why;    // for the outbox and the log: "HTTP 400: rating: expected 1..5"; valid
                        // UTF-8 of at most a few hundred bytes, whatever the server sent
};

DeliveryVerdict judgeAnswer(const ServerAnswer& answer);

// The wait after `failures` failures in a row (1, 2, ...): 1 s doubling up to 5 min, with "equal
// jitter" (half fixed, half random by `random01` in [0, 1)) so a room of kiosks coming back
// online together does not hit the server in step.
int64_t backoffDelayMs(int failures, double random01);

} // namespace almere
