// The browser's FeedbackSink: a reaction is kept in localStorage before submit() returns, then
// posted to the server until the server has it. What each answer means and how long to wait
// come from core/delivery_policy, the kiosk's very rules; the JavaScript below only bridges to
// the browser (localStorage, fetch, timers, the 'online' event) and calls back into C++.
//
// localStorage keys (the outbox's format is the one earlier pages wrote, so reactions kept by an
// older version of the page are still delivered):
//   almere2050.outbox        {id: body}: waiting for the server
//   almere2050.refused       {id: {body, reason, refused_at_ms}}: refused by the API for good,
//                            kept, never resent, never deleted
//   almere2050.installation  this browser's random id, sent as X-Almere-Installation
#include "core/delivery_policy.hpp"
#include "core/reaction.hpp"
#include "platform/feedback_sink.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <optional>
#include <random>

// ---- The bridge to the browser: one browser call each. Strings they return were made by
// stringToNewUTF8; the caller frees them. Double quotes only in the JavaScript: the C
// preprocessor reads these bodies first. clang-format would split "===": it is kept off here.
// clang-format off

// The stored text ("" when absent), or null when this browser refuses storage.
EM_JS(char*, almere_js_storage_get, (const char* key), {
    try { return stringToNewUTF8(localStorage.getItem(UTF8ToString(key)) || ""); }
    catch (e) { return 0; }
});

// Null when stored, else the browser's reason (QuotaExceededError, SecurityError...).
EM_JS(char*, almere_js_storage_set, (const char* key, const char* value), {
    try { localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); return 0; }
    catch (e) { return stringToNewUTF8(e.name || "Error"); }
});

// POSTs a reaction; the answer comes back through almere_feedback_answered. Redirects are not
// followed: a captive portal's redirect to a login page that answers 200 must not read as
// "delivered". At most 4 KiB of the answer's body travels back (for the reason).
EM_JS(void, almere_js_post_reaction, (const char* body, const char* installationHeader,
                                      const char* installationId, const char* refusedHeader), {
    var refused = UTF8ToString(refusedHeader);
    var answered = function (status, retryAfter, isRefusal, text) {
        Module._almere_feedback_answered(status, stringToNewUTF8(retryAfter), isRefusal,
                                         stringToNewUTF8(text.slice(0, 4096)));
    };
    var headers = { "Content-Type": "application/json" };
    headers[UTF8ToString(installationHeader)] = UTF8ToString(installationId);
    fetch("api/reactions", { method: "POST", headers: headers, body: UTF8ToString(body),
                             redirect: "manual", cache: "no-store" })
        .then(function (r) {
            if (r.type === "opaqueredirect") return answered(0, "", 0, "a redirect");
            return r.text().catch(function () { return ""; }).then(function (text) {
                answered(r.status, r.headers.get("Retry-After") || "", r.headers.has(refused) ? 1 : 0,
                         text);
            });
        })
        .catch(function (e) { answered(0, "", 0, String(e)); });
});

// window.almereFeedback (the pending count and the latest summary, for the app and the tests),
// the summary poll, and "online" -> almere_feedback_retry_now.
EM_JS(void, almere_js_install_page_hooks, (), {
    var f = window.almereFeedback = {
        lastSummary: "",
        pending: function () { return Module._almere_feedback_pending(); }
    };
    var summary = function () {
        fetch("api/summary").then(function (r) { return r.ok ? r.text() : ""; })
            .then(function (t) { if (t) f.lastSummary = t; })
            .catch(function () {});
    };
    summary();
    setInterval(summary, 60000);
    window.addEventListener("online", function () { Module._almere_feedback_retry_now(); });
});

// The latest GET /api/summary body, "" before the first.
EM_JS(char*, almere_js_latest_summary, (), {
    return stringToNewUTF8(window.almereFeedback ? window.almereFeedback.lastSummary : "");
});
// clang-format on

namespace almere::platform {
namespace {

using Json = nlohmann::ordered_json; // keeps the outbox in the order reactions were given

constexpr const char* kOutboxKey = "almere2050.outbox";
constexpr const char* kRefusedKey = "almere2050.refused";
constexpr const char* kInstallationKey = "almere2050.installation";
constexpr const char* kDamagedKey = "almere2050.outbox.damaged";

// Takes ownership of a string made by stringToNewUTF8 in JavaScript.
std::string adopt(char* text) {
    std::string s = text ? text : "";
    std::free(text);
    return s;
}

int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// ---- Storage, through the bridge -------------------------------------------------------------

// The stored text, "" when the key is absent, nullopt when this browser refuses storage.
std::optional<std::string> storageGet(const char* key) {
    char* text = almere_js_storage_get(key);
    if (!text) return std::nullopt;
    return adopt(text);
}

// "" when stored, else the browser's reason (QuotaExceededError, SecurityError...).
std::string storageSet(const char* key, const std::string& value) {
    return adopt(almere_js_storage_set(key, value.c_str()));
}

// ---- The sink. ------------------------------------------------------------------------------

// A reaction's id or an installation id as stored: lower-case hex and dashes only, since it
// goes into a header.
bool looksLikeId(const std::string& s) {
    if (s.size() != 36) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-')) return false;
    return true;
}

std::string dumped(const Json& doc) {
    return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

class WebFeedbackSink;
WebFeedbackSink* g_sink = nullptr; // the one sink, for the exported callbacks below

class WebFeedbackSink final : public FeedbackSink {
  public:
    WebFeedbackSink() {
        g_sink = this;
        installationId_ = loadInstallationId();
        if (auto box = loadMap(kOutboxKey)) pending_ = countWaiting(*box);
        almere_js_install_page_hooks();
        flush(); // reactions left from an earlier visit go first
    }
    ~WebFeedbackSink() override {
        cancelTimer();
        g_sink = nullptr;
    }

    std::string submit(const std::string& id, const std::string& json) override {
        auto box = loadMap(kOutboxKey);
        if (!box) return "Deze browser kan de reactie niet bewaren (opslag uitgeschakeld).";
        (*box)[id] = json;
        if (std::string error = storageSet(kOutboxKey, dumped(*box)); !error.empty())
            return "Deze browser kan de reactie niet bewaren (" + error + ").";
        pending_ = countWaiting(*box);
        if (!timer_) flush(); // during a wait the schedule stands, as on the kiosk
        return "";
    }

    size_t pending() const override { return pending_; }

    std::string latestSummary() const override { return adopt(almere_js_latest_summary()); }

    // The browser says the network is back: try now rather than after the backoff.
    void retryNow() {
        cancelTimer();
        flush();
    }

    void answered(ServerAnswer answer) {
        const std::string id = std::move(sending_);
        sending_.clear();
        answer.reactionId = id;
        const DeliveryVerdict verdict = judgeAnswer(answer);
        switch (verdict.delivery) {
        case Delivery::Delivered:
            failures_ = 0;
            return settle(id, nullptr);
        case Delivery::Refused:
            failures_ = 0;
            std::fprintf(stderr, "almere2050: the server refused reaction %s (%s); kept\n",
                         id.c_str(), verdict.why.c_str());
            return settle(id, &verdict.why);
        case Delivery::RetryLater:
            failures_ = 0;
            return later(verdict.waitMs);
        case Delivery::Backoff:
            if (failures_ == 0)
                std::fprintf(stderr, "almere2050: reaction not delivered yet (%s); retrying\n",
                             verdict.why.c_str());
            return later(backoffDelayMs(++failures_, jitter_(random_)));
        }
    }

  private:
    // The map under `key`; an absent key is an empty map. Text that is not a JSON object is
    // moved aside (never overwritten: it may hold reactions) and the map starts afresh.
    std::optional<Json> loadMap(const char* key) {
        const auto text = storageGet(key);
        if (!text) return std::nullopt;
        if (text->empty()) return Json::object();
        Json doc = Json::parse(*text, nullptr, false);
        if (doc.is_object()) return doc;
        if (storageSet(kDamagedKey, *text) != "") return std::nullopt;
        return Json::object();
    }

    static size_t countWaiting(const Json& box) {
        size_t count = 0;
        for (const auto& item : box.items())
            count += item.value().is_string() ? 1 : 0;
        return count;
    }

    std::string loadInstallationId() {
        const auto stored = storageGet(kInstallationKey);
        if (stored && looksLikeId(*stored)) return *stored;
        const std::string made = newReactionId();
        storageSet(kInstallationKey, made); // without storage: one id for this visit
        return made;
    }

    // Sends the first waiting reaction, unless one is on its way already.
    void flush() {
        if (!sending_.empty()) return;
        const auto box = loadMap(kOutboxKey);
        if (!box) return;
        pending_ = countWaiting(*box);
        for (const auto& item : box->items()) {
            if (!item.value().is_string()) continue; // not a reaction this code wrote
            sending_ = item.key();
            almere_js_post_reaction(item.value().get<std::string>().c_str(), kInstallationHeader,
                                    installationId_.c_str(), kRefusedHeader);
            return;
        }
    }

    // Takes a reaction out of the outbox once the server has it (`refusal` null) or has refused
    // it (then it is first copied under kRefusedKey with the reason), and sends the next one.
    void settle(const std::string& id, const std::string* refusal) {
        auto box = loadMap(kOutboxKey);
        if (!box) return later(backoffDelayMs(++failures_, jitter_(random_)));
        const auto entry = box->find(id);
        if (entry == box->end()) return flush(); // another tab settled it meanwhile
        if (refusal) {
            auto refused = loadMap(kRefusedKey);
            if (!refused) return later(backoffDelayMs(++failures_, jitter_(random_)));
            (*refused)[id] = {{"body", *entry}, {"reason", *refusal}, {"refused_at_ms", nowMs()}};
            // Kept in both for a moment rather than in neither: a copy refused twice is harmless.
            if (std::string error = storageSet(kRefusedKey, dumped(*refused)); !error.empty()) {
                std::fprintf(stderr, "almere2050: cannot keep the refused reaction: %s\n",
                             error.c_str());
                return later(backoffDelayMs(++failures_, jitter_(random_)));
            }
        }
        box->erase(entry);
        storageSet(kOutboxKey, dumped(*box)); // if this fails, a resend is harmless (same id)
        pending_ = countWaiting(*box);
        flush();
    }

    void later(int64_t ms) {
        cancelTimer();
        timer_ = emscripten_set_timeout(
            [](void*) {
                if (!g_sink) return;
                g_sink->timer_ = 0;
                g_sink->flush();
            },
            double(ms), nullptr);
    }

    void cancelTimer() {
        if (timer_) emscripten_clear_timeout(timer_);
        timer_ = 0;
    }

    std::string installationId_;
    std::string sending_; // the id of the reaction on its way; "" when none is
    size_t pending_ = 0;  // reactions in the outbox (counted at every change, read every frame)
    long timer_ = 0;      // the scheduled retry; 0 when none
    int failures_ = 0;    // failed sends in a row
    std::mt19937 random_{std::random_device{}()};
    std::uniform_real_distribution<double> jitter_{0.0, 1.0};
};

} // namespace

std::unique_ptr<FeedbackSink> openFeedbackSink(const FeedbackConfig&, std::string&) {
    return std::make_unique<WebFeedbackSink>();
}

} // namespace almere::platform

// Called from the bridge above (and listed in EXPORTED_FUNCTIONS in app/CMakeLists.txt).
extern "C" {

// The server's answer to the POST in flight; takes ownership of the two strings.
EMSCRIPTEN_KEEPALIVE void almere_feedback_answered(int status, char* retryAfter, int refused,
                                                   char* body) {
    using namespace almere::platform;
    almere::ServerAnswer answer{status, adopt(retryAfter), refused != 0, adopt(body)};
    if (g_sink) g_sink->answered(answer);
}

EMSCRIPTEN_KEEPALIVE void almere_feedback_retry_now() {
    if (almere::platform::g_sink) almere::platform::g_sink->retryNow();
}

EMSCRIPTEN_KEEPALIVE int almere_feedback_pending() {
    return almere::platform::g_sink ? int(almere::platform::g_sink->pending()) : 0;
}
}
