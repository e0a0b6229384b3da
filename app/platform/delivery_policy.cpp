#include "platform/delivery_policy.hpp"

#include <algorithm>
#include <cctype>

namespace almere::platform {

namespace {

constexpr int64_t kFirstBackoffMs = 1000;
constexpr int64_t kMaxBackoffMs = 5 * 60 * 1000;
constexpr int64_t kDefaultRetryAfterMs = 10 * 1000;
constexpr size_t kMaxReasonBytes = 500; // the server's error text is hostile input too

// Retry-After in delta-seconds; the HTTP-date form (or garbage) gets the default.
int64_t retryAfterMs(const std::string& header) {
    if (header.empty() || header.size() > 9) return kDefaultRetryAfterMs;
    int64_t seconds = 0;
    for (char c : header) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return kDefaultRetryAfterMs;
        seconds = seconds * 10 + (c - '0');
    }
    return std::clamp<int64_t>(seconds * 1000, kFirstBackoffMs, kMaxBackoffMs);
}

std::string reason(int status, const std::string& body) {
    std::string text = "HTTP " + std::to_string(status);
    if (!body.empty()) text += ": " + body.substr(0, kMaxReasonBytes);
    return text;
}

} // namespace

DeliveryVerdict judgeResponse(int status, const std::string& retryAfter, const std::string& body) {
    if (status == 0) return {Delivery::Backoff, 0, "no answer: " + body};
    if (status == 200 || status == 201) return {Delivery::Delivered, 0, ""};
    if (status == 400 || status == 413 || status == 415)
        return {Delivery::Rejected, 0, reason(status, body)};
    if (status == 429) return {Delivery::RetryLater, retryAfterMs(retryAfter), reason(status, "")};
    // 5xx, and also 401/403/404...: a misconfigured or older server, not a bad reaction. Keep
    // the reaction and keep trying; someone can fix the server.
    return {Delivery::Backoff, 0, reason(status, body)};
}

int64_t backoffDelayMs(int failures, double random01) {
    const int doublings = std::clamp(failures - 1, 0, 20);
    const int64_t base = std::min(kMaxBackoffMs, kFirstBackoffMs << doublings);
    const double jitter = std::clamp(random01, 0.0, 1.0) * static_cast<double>(base / 2);
    return base - base / 2 + static_cast<int64_t>(jitter);
}

} // namespace almere::platform
