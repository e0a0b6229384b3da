#pragma once
// Who may use the admin routes (/api/admin/*): a script with the admin token in
// "Authorization: Bearer <token>", or a person signed in on the staff page (/staff/) with a
// session cookie. One check for every admin route (StaffAuth::admits), so a route added through
// Api's `admin(...)` gets both ways in.
//
// The cookie ("almere_staff", an opaque random id) is HttpOnly, SameSite=Strict, Path=/, with a
// Max-Age, and Secure when the request came over https: always with --https (TLS in front of the
// server), or when X-Forwarded-Proto says https and the request came from the --trusted-proxy
// address. Sessions live in memory only: a restart signs the staff out.
//
// With the cookie, a request that changes something (POST, PUT, PATCH, DELETE) must also be
// same-origin (Sec-Fetch-Site "same-origin" where the browser sends it; an Origin, where sent,
// equal to this server's own) and carry the session's CSRF token in X-Almere-CSRF, which the
// page reads from the sign-in answer or GET /api/staff/me (a cross-site page cannot read it).
#include "server/http_message.hpp"
#include "server/rate_limit.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace almere::server {

constexpr const char* kStaffCookie = "almere_staff";
constexpr const char* kCsrfHeader = "X-Almere-CSRF";

struct StaffAuthOptions {
    std::chrono::seconds lifetime{480 * 60}; // --staff-session-minutes (default a working day)
    bool https = false;                      // --https: the browser reaches us over https
    std::string trustedProxy;  // --trusted-proxy ADDR: its X-Forwarded-Proto is believed
    int signInsPerMinute = 10; // per client, wrong or right: guessing the token is slowed down
};

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or "" when it is not there.
std::string cookieValue(std::string_view cookieHeader, std::string_view name);

// The request reached the browser's side over https (see the header comment).
bool cameOverHttps(const HttpRequest& req, const StaffAuthOptions& options);

// Whose sign-in attempts these are: the address the trusted proxy names last in
// X-Forwarded-For when the request came through it (else the whole team would share one
// limit), otherwise the connection's own address.
std::string clientAddress(const HttpRequest& req, const StaffAuthOptions& options);

// Sec-Fetch-Site and Origin say the request comes from a page of this server; at least one of
// them must be present (every current browser sends both on a POST).
bool isSameOrigin(const HttpRequest& req, bool https);

class StaffAuth {
  public:
    using Clock = std::chrono::steady_clock;
    struct Session {
        std::string id;   // the cookie's value
        std::string csrf; // for X-Almere-CSRF
        Clock::time_point expires;
    };

    explicit StaffAuth(StaffAuthOptions options);
    const StaffAuthOptions& options() const { return options_; }

    // A new session (expired ones are forgotten on the way); nullopt when no random bytes could
    // be had.
    std::optional<Session> create(Clock::time_point now = Clock::now());
    // The session with this id while it has not expired.
    std::optional<Session> find(const std::string& id, Clock::time_point now = Clock::now());
    void remove(const std::string& id);
    // The session the request's cookie names, if any and unexpired.
    std::optional<Session> fromRequest(const HttpRequest& req,
                                       Clock::time_point now = Clock::now());

    // Set-Cookie values: a new session's, and one that deletes it in the browser.
    std::string cookieFor(const Session& session, const HttpRequest& req) const;
    std::string expiredCookie(const HttpRequest& req) const;

    // For every admin route: true when the bearer token is right, or the cookie names a live
    // session and, for a change, the CSRF checks pass. Otherwise `refusal` is filled in: 401
    // (no or an expired sign-in), 403 (wrong token, cross-site or no CSRF token).
    bool admits(const HttpRequest& head, HttpResponse& refusal, const std::string& adminToken);

    // One sign-in attempt from this address: 0 when allowed, else the seconds to wait.
    int takeSignIn(const std::string& address) { return signIns_.take(address); }

  private:
    StaffAuthOptions options_;
    RateLimiter signIns_;
    std::mutex mutex_;
    std::unordered_map<std::string, Session> sessions_;
};

} // namespace almere::server
