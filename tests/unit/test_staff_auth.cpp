// The staff page's sign-in (issue 11, server/staff_auth.hpp): cookie parsing, session expiry,
// the cookie's flags and the checks on a change made with the cookie.
#include "server/staff_auth.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace almere::server;
using std::chrono::seconds;

namespace {

HttpRequest request(const std::string& method,
                    std::vector<std::pair<std::string, std::string>> headers) {
    HttpRequest req;
    req.method = method;
    req.path = "/api/admin/queue";
    req.headers = std::move(headers);
    req.remoteAddress = "127.0.0.1";
    return req;
}

std::string headerOf(const HttpResponse& res, const std::string& name) {
    for (const auto& [n, v] : res.headers)
        if (n == name) return v;
    return "";
}

} // namespace

TEST_CASE("cookieValue finds one cookie among others") {
    CHECK(cookieValue("a=1; almere_staff=abc; b=2", "almere_staff") == "abc");
    CHECK(cookieValue("almere_staff=abc", "almere_staff") == "abc");
    CHECK(cookieValue("x_almere_staff=no;almere_staff=\"q\"", "almere_staff") == "q");
    CHECK(cookieValue("a=1; b=2", "almere_staff").empty());
    CHECK(cookieValue("", "almere_staff").empty());
    CHECK(cookieValue(";;  ; almere_staff", "almere_staff").empty());
}

TEST_CASE("a staff session lives until its lifetime is over, then it is gone") {
    StaffAuthOptions options;
    options.lifetime = seconds(60);
    StaffAuth auth(options);
    const auto t0 = StaffAuth::Clock::now();
    const auto session = auth.create(t0);
    REQUIRE(session);
    CHECK(session->id.size() == 64);
    CHECK(session->csrf.size() == 64);
    CHECK(session->id != session->csrf);
    CHECK(auth.find(session->id, t0 + seconds(59)));
    CHECK_FALSE(auth.find(session->id, t0 + seconds(60)));
    CHECK_FALSE(auth.find(session->id, t0)); // forgotten once found expired
    CHECK_FALSE(auth.find("0000", t0));

    const auto other = auth.create(t0);
    REQUIRE(other);
    auth.remove(other->id);
    CHECK_FALSE(auth.find(other->id, t0));
}

TEST_CASE("the cookie: HttpOnly, SameSite=Strict, Path=/, Max-Age; Secure only over https") {
    StaffAuthOptions options;
    options.lifetime = seconds(480 * 60);
    StaffAuth plain(options);
    const auto session = plain.create();
    REQUIRE(session);
    const HttpRequest req = request("POST", {{"x-forwarded-proto", "https"}});
    CHECK(plain.cookieFor(*session, req) ==
          "almere_staff=" + session->id + "; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict");
    CHECK(plain.expiredCookie(req) ==
          "almere_staff=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");

    options.trustedProxy = "127.0.0.1";
    StaffAuth proxied(options);
    CHECK(proxied.cookieFor(*session, req).find("; Secure") != std::string::npos);
    CHECK(proxied.cookieFor(*session, request("POST", {})).find("Secure") == std::string::npos);
    HttpRequest elsewhere = req;
    elsewhere.remoteAddress = "10.0.0.9"; // not the proxy: its header is not believed
    CHECK(proxied.cookieFor(*session, elsewhere).find("Secure") == std::string::npos);

    options.trustedProxy.clear();
    options.https = true;
    StaffAuth https(options);
    CHECK(https.cookieFor(*session, request("POST", {})).find("; Secure") != std::string::npos);
}

TEST_CASE("with the cookie, a change needs the same origin and the CSRF token") {
    StaffAuth auth(StaffAuthOptions{});
    const auto s = auth.create();
    REQUIRE(s);
    const std::string cookie = "almere_staff=" + s->id;
    const std::string token = "the-admin-token-0123456789";
    const auto admits = [&](HttpRequest req, int expected) {
        HttpResponse res;
        const bool ok = auth.admits(req, res, token);
        CHECK(ok == (expected == 200));
        if (!ok) CHECK(res.status == expected);
        return res;
    };
    const std::vector<std::pair<std::string, std::string>> same = {
        {"host", "127.0.0.1:8080"},
        {"cookie", cookie},
        {"origin", "http://127.0.0.1:8080"},
        {"sec-fetch-site", "same-origin"},
        {"x-almere-csrf", s->csrf}};
    admits(request("POST", same), 200);
    admits(request("GET", {{"cookie", cookie}}), 200); // reading needs no CSRF token

    auto without = [&](const std::string& name) {
        auto h = same;
        h.erase(std::remove_if(h.begin(), h.end(), [&](auto& p) { return p.first == name; }),
                h.end());
        return h;
    };
    admits(request("POST", without("x-almere-csrf")), 403);
    admits(request("POST", without("origin")), 200);         // Sec-Fetch-Site alone will do
    admits(request("POST", without("sec-fetch-site")), 200); // and Origin alone
    auto neither = without("origin");
    neither.erase(std::remove_if(neither.begin(), neither.end(),
                                 [](auto& p) { return p.first == "sec-fetch-site"; }),
                  neither.end());
    admits(request("POST", neither), 403);
    auto otherPort = without("sec-fetch-site");
    otherPort.push_back({"sec-fetch-site", "same-site"}); // another port of 127.0.0.1
    admits(request("POST", otherPort), 403);
    auto otherOrigin = without("origin");
    otherOrigin.push_back({"origin", "http://127.0.0.1:9999"});
    admits(request("POST", otherOrigin), 403);
    auto wrongCsrf = without("x-almere-csrf");
    wrongCsrf.push_back({"x-almere-csrf", s->id}); // the cookie's value is not the CSRF token
    admits(request("POST", wrongCsrf), 403);

    // An unknown or expired session: 401, and the browser is told to drop the cookie.
    const HttpResponse res = admits(request("GET", {{"cookie", "almere_staff=deadbeef"}}), 401);
    CHECK(headerOf(res, "Set-Cookie").find("Max-Age=0") != std::string::npos);

    // The bearer token still works, and wins over a cookie.
    admits(request("POST", {{"authorization", "Bearer " + token}, {"cookie", cookie}}), 200);
    admits(request("POST", {{"authorization", "Bearer wrong-token-0123456789"}}), 403);
    admits(request("POST", {}), 401);
}

TEST_CASE("sign-in attempts count per client: behind the trusted proxy, the one it names") {
    StaffAuthOptions options;
    const HttpRequest viaProxy = request("POST", {{"x-forwarded-for", "203.0.113.7, 198.51.100.2"}});
    CHECK(clientAddress(viaProxy, options) == "127.0.0.1"); // no proxy trusted: header ignored
    options.trustedProxy = "127.0.0.1";
    CHECK(clientAddress(viaProxy, options) == "198.51.100.2"); // the one the proxy itself saw
    CHECK(clientAddress(request("POST", {}), options) == "127.0.0.1");
    HttpRequest direct = viaProxy;
    direct.remoteAddress = "10.0.0.9"; // not through the proxy: its own address
    CHECK(clientAddress(direct, options) == "10.0.0.9");
}
