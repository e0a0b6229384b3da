#include "core/delivery_policy.hpp"

#include "core/utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace almere {

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

// The API answers {"error": "rating: expected 1..5"}: that text is what staff need to read.
// Anything else (a proxy's HTML page, plain text) is kept as it came.
std::string errorTextOf(const std::string& body) {
    const auto doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_object()) {
        const auto error = doc.find("error");
        if (error != doc.end() && error->is_string()) return error->get<std::string>();
    }
    return body;
}

// At most kMaxReasonBytes of valid UTF-8 on one line: the reason goes into SQLite, JSON exports,
// localStorage and log lines, none of which should be at the mercy of what a server sent.
std::string printable(const std::string& text) {
    std::string out;
    for (size_t at = 0; at < text.size() && out.size() < kMaxReasonBytes;) {
        uint32_t cp = 0;
        const size_t length = decodeUtf8(text, at, cp);
        if (length == 0) {
            out += '?';
            ++at;
        } else if (out.size() + length > kMaxReasonBytes) {
            break;
        } else if (cp < 0x20 || cp == 0x7F) {
            out += ' ';
            at += length;
        } else {
            out.append(text, at, length);
            at += length;
        }
    }
    return out;
}

std::string reason(int status, const std::string& body) {
    std::string text = "HTTP " + std::to_string(status);
    if (!body.empty()) text += ": " + errorTextOf(body);
    return printable(text);
}

// The API's {"id": "<id>", "status": "stored" | "duplicate"} for this reaction.
bool confirms(const std::string& body, const std::string& id) {
    const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
    if (id.empty() || !doc.is_object()) return false;
    const auto idField = doc.find("id"), statusField = doc.find("status");
    return idField != doc.end() && idField->is_string() && *idField == id &&
           statusField != doc.end() && statusField->is_string() &&
           (*statusField == "stored" || *statusField == "duplicate");
}

} // namespace

DeliveryVerdict judgeAnswer(const ServerAnswer& answer) {
    const int status = answer.status;
    if (status == 0) return {Delivery::Backoff, 0, printable("no answer: " + answer.body)};
    if (status == 200 || status == 201) {
        if (confirms(answer.body, answer.reactionId)) return {Delivery::Delivered, 0, ""};
        // A portal or proxy answering in the server's stead: the reaction did not arrive.
        return {Delivery::Backoff, 0, reason(status, "an answer that does not confirm the id")};
    }
    if (status == 429)
        return {Delivery::RetryLater, retryAfterMs(answer.retryAfter), reason(status, "")};
    // Only the API itself can say a reaction will never be taken. The same status from
    // anything in between (a proxy's 403, a portal's 404, an HTML 400 page) is no verdict on
    // the reaction: keep it and keep trying.
    if (status >= 400 && status < 500 && answer.refusedByApi)
        return {Delivery::Refused, 0, reason(status, answer.body)};
    return {Delivery::Backoff, 0, reason(status, answer.body)};
}

int64_t backoffDelayMs(int failures, double random01) {
    const int doublings = std::clamp(failures - 1, 0, 20);
    const int64_t base = std::min(kMaxBackoffMs, kFirstBackoffMs << doublings);
    const double jitter = std::clamp(random01, 0.0, 1.0) * static_cast<double>(base / 2);
    return base - base / 2 + static_cast<int64_t>(jitter);
}

} // namespace almere
