#include "server/staff_auth.hpp"

#include "server/json_response.hpp"
#include "server/request_checks.hpp"
#include "server/request_rules.hpp"
#include "server/secrets.hpp"

namespace almere::server {
namespace {

// More live sessions than a participation team could have: beyond it the one closest to
// expiring is dropped, so sign-ins cannot make memory grow without end.
constexpr size_t kMaxSessions = 1000;

bool changesSomething(const std::string& method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string cookieText(const std::string& value, long long maxAge, bool secure) {
    std::string text = std::string(kStaffCookie) + "=" + value +
                       "; Path=/; Max-Age=" + std::to_string(maxAge) +
                       "; HttpOnly; SameSite=Strict";
    if (secure) text += "; Secure";
    return text;
}

} // namespace

std::string cookieValue(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const size_t end = std::min(header.find(';'), header.size());
        const std::string_view pair = trimmed(header.substr(0, end));
        const size_t eq = pair.find('=');
        if (eq != std::string_view::npos && trimmed(pair.substr(0, eq)) == name) {
            std::string_view value = trimmed(pair.substr(eq + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                value = value.substr(1, value.size() - 2);
            return std::string(value);
        }
        header.remove_prefix(std::min(end + 1, header.size()));
    }
    return "";
}

bool cameOverHttps(const HttpRequest& req, const StaffAuthOptions& options) {
    if (options.https) return true;
    return !options.trustedProxy.empty() && req.remoteAddress == options.trustedProxy &&
           req.header("x-forwarded-proto") == "https";
}

std::string clientAddress(const HttpRequest& req, const StaffAuthOptions& options) {
    const std::string forwarded = req.header("x-forwarded-for");
    if (options.trustedProxy.empty() || req.remoteAddress != options.trustedProxy ||
        forwarded.empty())
        return req.remoteAddress;
    const size_t comma = forwarded.rfind(',');
    const std::string last(trimmed(comma == std::string::npos
                                       ? std::string_view(forwarded)
                                       : std::string_view(forwarded).substr(comma + 1)));
    return last.empty() ? req.remoteAddress : last;
}

bool isSameOrigin(const HttpRequest& req, bool https) {
    const bool hasSite = req.hasHeader("sec-fetch-site");
    const bool hasOrigin = req.hasHeader("origin");
    if (!hasSite && !hasOrigin) return false;
    if (hasSite && req.header("sec-fetch-site") != "same-origin") return false;
    const std::string host = req.header("host");
    return !hasOrigin ||
           (!host.empty() && req.header("origin") == (https ? "https://" : "http://") + host);
}

StaffAuth::StaffAuth(StaffAuthOptions options)
    : options_(std::move(options)), signIns_(options_.signInsPerMinute) {}

std::optional<StaffAuth::Session> StaffAuth::create(Clock::time_point now) {
    Session session{randomHex(32), randomHex(32), now + options_.lifetime};
    if (session.id.empty() || session.csrf.empty()) return std::nullopt;
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();)
        it = it->second.expires <= now ? sessions_.erase(it) : std::next(it);
    if (sessions_.size() >= kMaxSessions) {
        auto soonest = sessions_.begin();
        for (auto it = sessions_.begin(); it != sessions_.end(); ++it)
            if (it->second.expires < soonest->second.expires) soonest = it;
        sessions_.erase(soonest);
    }
    sessions_.emplace(session.id, session);
    return session;
}

std::optional<StaffAuth::Session> StaffAuth::find(const std::string& id, Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = sessions_.find(id);
    if (it == sessions_.end()) return std::nullopt;
    if (it->second.expires <= now) {
        sessions_.erase(it);
        return std::nullopt;
    }
    return it->second;
}

void StaffAuth::remove(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.erase(id);
}

std::optional<StaffAuth::Session> StaffAuth::fromRequest(const HttpRequest& req,
                                                         Clock::time_point now) {
    const std::string id = cookieValue(req.header("cookie"), kStaffCookie);
    return id.empty() ? std::nullopt : find(id, now);
}

std::string StaffAuth::cookieFor(const Session& session, const HttpRequest& req) const {
    return cookieText(session.id, options_.lifetime.count(), cameOverHttps(req, options_));
}

std::string StaffAuth::expiredCookie(const HttpRequest& req) const {
    return cookieText("", 0, cameOverHttps(req, options_));
}

bool StaffAuth::admits(const HttpRequest& head, HttpResponse& refusal,
                       const std::string& adminToken) {
    // Scripts and curl: the token itself, as before.
    if (head.hasHeader("authorization") || !head.hasHeader("cookie"))
        return isAdmin(head, refusal, adminToken);
    const std::string id = cookieValue(head.header("cookie"), kStaffCookie);
    if (id.empty()) return isAdmin(head, refusal, adminToken);
    const auto session = find(id);
    if (!session) {
        sendError(refusal, 401, "signed out: the staff session has expired, sign in again");
        refusal.setHeader("Set-Cookie", expiredCookie(head));
        return false;
    }
    if (!changesSomething(head.method)) return true;
    if (!isSameOrigin(head, cameOverHttps(head, options_))) {
        sendError(refusal, 403, "refused: a change must come from the staff page itself");
        return false;
    }
    if (!constantTimeEquals(head.header(kCsrfHeader), session->csrf)) {
        sendError(refusal, 403, "refused: X-Almere-CSRF missing or wrong (reload the staff page)");
        return false;
    }
    return true;
}

} // namespace almere::server
