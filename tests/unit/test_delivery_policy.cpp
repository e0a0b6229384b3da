// The one delivery policy of kiosk and browser (core/delivery_policy): what each answer of the
// server means for a reaction, and how long to wait after failures.
#include "core/delivery_policy.hpp"

#include <catch2/catch.hpp>

using namespace almere;

namespace {

const std::string kId = "0f8fad5b-d9cb-469f-a165-70867728950e";

DeliveryVerdict judge(int status, bool refusedByApi = false, const std::string& body = "",
                      const std::string& retryAfter = "") {
    return judgeAnswer({status, retryAfter, refusedByApi, body, kId});
}

std::string confirmation(const std::string& status, const std::string& id = kId) {
    return R"({"id": ")" + id + R"(", "status": ")" + status + R"("})";
}

} // namespace

TEST_CASE("delivery policy: stored and duplicate are delivered") {
    CHECK(judge(201, false, confirmation("stored")).delivery == Delivery::Delivered);
    CHECK(judge(200, false, confirmation("duplicate")).delivery == Delivery::Delivered);
}

TEST_CASE("delivery policy: a 200 that does not confirm this reaction is no delivery") {
    // A captive portal or login page answering the POST itself, with its own page.
    for (const std::string& body :
         {std::string("<html><body>Welkom! Log in om verder te gaan.</body></html>"),
          std::string(""), std::string(R"({"ok": true})"), confirmation("stored", "other-id"),
          confirmation("queued")}) {
        INFO(body);
        CHECK(judge(200, false, body).delivery == Delivery::Backoff);
        CHECK(judge(201, false, body).delivery == Delivery::Backoff);
    }
}

TEST_CASE("delivery policy: only the API's own refusal ends the retries") {
    for (int status : {400, 409, 413, 415}) {
        INFO(status);
        const auto verdict = judge(status, true, R"({"error": "rating: expected 1..5"})");
        CHECK(verdict.delivery == Delivery::Refused);
        CHECK(verdict.why == "HTTP " + std::to_string(status) + ": rating: expected 1..5");
    }
    CHECK(judge(400, true, "not json").why == "HTTP 400: not json");
    CHECK(judge(413, true).why == "HTTP 413");
    // The same statuses without the header: a proxy, a portal, a login page. Keep trying.
    for (int status : {400, 401, 403, 404, 405, 409, 413, 415, 451}) {
        INFO(status);
        const auto verdict = judge(status, false, "<html><h1>Forbidden</h1></html>");
        CHECK(verdict.delivery == Delivery::Backoff);
        CHECK(verdict.why ==
              "HTTP " + std::to_string(status) + ": <html><h1>Forbidden</h1></html>");
    }
}

TEST_CASE("delivery policy: no answer, redirects and server errors are retried with backoff") {
    for (int status : {0, 301, 302, 307, 500, 502, 503, 504}) {
        INFO(status);
        CHECK(judge(status).delivery == Delivery::Backoff);
        // The header means nothing outside 4xx: a 5xx is never a verdict on the reaction.
        CHECK(judge(status, true).delivery == Delivery::Backoff);
    }
    CHECK(judge(0, false, "Connection refused").why == "no answer: Connection refused");
}

TEST_CASE("delivery policy: 429 waits as the server asks") {
    CHECK(judge(429, true).delivery == Delivery::RetryLater); // a 429 is never final
    CHECK(judge(429, false, "", "7").waitMs == 7000);
    CHECK(judge(429, false, "", "").waitMs == 10000);
    CHECK(judge(429, false, "", "Wed, 21 Oct 2015 07:28:00 GMT").waitMs == 10000);
    CHECK(judge(429, false, "", "99999").waitMs == 300000);
    CHECK(judge(429, false, "", "0").waitMs == 1000);
}

TEST_CASE("delivery policy: the reason is short, one line and valid UTF-8 whatever came") {
    CHECK(judge(400, true, std::string(100000, 'x')).why.size() <= 500);
    CHECK(judge(502, false, "line one\r\nline two\t!").why == "HTTP 502: line one  line two !");
    CHECK(judge(400, true, "bad \xff byte").why == "HTTP 400: bad ? byte");
    // A multi-byte character is never cut in half at the limit.
    const auto why = judge(400, true, std::string(489, 'a') + "\xc3\xa9\xc3\xa9").why;
    CHECK(why == "HTTP 400: " + std::string(489, 'a'));
    CHECK(judge(400, true, std::string(488, 'a') + "\xc3\xa9").why.size() == 500);
}

TEST_CASE("delivery policy: backoff doubles from 1 s to 5 min with jitter") {
    CHECK(backoffDelayMs(1, 0.0) == 500);
    CHECK(backoffDelayMs(1, 0.999) >= 999);
    CHECK(backoffDelayMs(2, 0.0) == 1000);
    CHECK(backoffDelayMs(3, 1.0) == 4000);
    CHECK(backoffDelayMs(9, 1.0) == 256000);
    CHECK(backoffDelayMs(10, 1.0) == 300000);
    CHECK(backoffDelayMs(1000, 1.0) == 300000);
    CHECK(backoffDelayMs(1000, 0.0) == 150000);
}
