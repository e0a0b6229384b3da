#pragma once
// What the kiosk's sync does with the server's answer to POST /api/reactions, and how long it
// waits after a failure. Pure functions, so the rules can be tested without a network.
#include <cstdint>
#include <string>

namespace almere::platform {

enum class Delivery {
    Delivered,  // 201 stored, or 200: the server already had this id
    Rejected,   // the server will never take this body (400, 413, 415): keep it, stop sending
    RetryLater, // 429: the server asked us to slow down for `waitMs`
    Backoff,    // no answer, 5xx or anything unexpected: try again after an exponential backoff
};

struct DeliveryVerdict {
    Delivery delivery = Delivery::Backoff;
    int64_t waitMs = 0; // only for RetryLater
    std::string why;    // for the outbox row and the log ("HTTP 400: rating: ...")
};

// `status` 0 means no HTTP answer at all (then `body` says why).
DeliveryVerdict judgeResponse(int status, const std::string& retryAfter, const std::string& body);

// The wait after `failures` failures in a row (1, 2, ...): 1 s doubling up to 5 min, with "equal
// jitter" (half fixed, half random by `random01` in [0, 1)) so a room of kiosks coming back
// online together does not hit the server in step.
int64_t backoffDelayMs(int failures, double random01);

} // namespace almere::platform
