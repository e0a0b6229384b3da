// The browser's SessionLink: the state arrives by server-sent events (EventSource on
// /api/sessions/CODE/events); when the browser's EventSource fails (a proxy that buffers, an old
// server) this falls back to the long poll, GET /api/sessions/CODE?since=V, with the same
// backoff as the kiosk. Requests go out with fetch(), in order, one at a time. The JavaScript
// below only bridges: each function is one browser call; what to do next is decided in C++.
#include "core/session_live.hpp"
#include "platform/session_link.hpp"

#include <cstdlib>
#include <deque>
#include <emscripten.h>
#include <emscripten/eventloop.h>

// JavaScript inside; double quotes only (the C preprocessor reads it first). clang-format
// would split "===": it is kept off here.
// clang-format off

// Opens an EventSource; each "state" event goes to almere_session_link_state, a failure to
// almere_session_link_failed (the C++ side closes it and falls back).
EM_JS(void, almere_js_session_listen, (const char* url), {
    if (Module.almereSessionSource) Module.almereSessionSource.close();
    if (typeof EventSource === "undefined") { Module._almere_session_link_failed(); return; }
    var source = Module.almereSessionSource = new EventSource(UTF8ToString(url));
    source.addEventListener("state", function (e) {
        Module._almere_session_link_state(stringToNewUTF8(e.data));
    });
    source.onerror = function () { Module._almere_session_link_failed(); };
});

EM_JS(void, almere_js_session_close, (), {
    if (Module.almereSessionSource) Module.almereSessionSource.close();
    Module.almereSessionSource = null;
});

// One request; its answer goes to almere_session_link_reply(seq, status, body).
EM_JS(void, almere_js_session_fetch, (int seq, const char* method, const char* url,
                                      const char* keyHeader, const char* key, const char* body), {
    var init = { method: UTF8ToString(method), cache: "no-store", headers: {} };
    if (init.method !== "GET") {
        init.body = UTF8ToString(body);
        init.headers["Content-Type"] = "application/json";
    }
    var k = UTF8ToString(key);
    if (k) init.headers[UTF8ToString(keyHeader)] = k;
    fetch(UTF8ToString(url), init)
        .then(function (r) {
            return r.text().catch(function () { return ""; }).then(function (t) {
                Module._almere_session_link_reply(seq, r.status, stringToNewUTF8(t));
            });
        })
        .catch(function () { Module._almere_session_link_reply(seq, 0, stringToNewUTF8("")); });
});
// clang-format on

namespace almere::platform {
namespace {

constexpr int kPollSeq = -1; // the long poll's replies

std::string adopt(char* text) {
    std::string s = text ? text : "";
    std::free(text);
    return s;
}

class WebSessionLink;
WebSessionLink* g_link = nullptr; // one live link at a time (the app holds one)

class WebSessionLink final : public SessionLink {
  public:
    explicit WebSessionLink(const SessionLinkConfig& config) : config_(config) {
        while (!config_.serverUrl.empty() && config_.serverUrl.back() == '/')
            config_.serverUrl.pop_back();
        g_link = this;
    }
    ~WebSessionLink() override {
        almere_js_session_close();
        if (timer_) emscripten_clear_timeout(timer_);
        g_link = nullptr;
    }

    void watch(const std::string& code) override {
        if (code == code_) return;
        code_ = code;
        version_ = -1;
        polling_ = false;
        almere_js_session_listen(url("/api/sessions/" + code_ + "/events").c_str());
    }

    bool takeState(std::string& json) override {
        if (!fresh_) return false;
        fresh_ = false;
        json = state_;
        return true;
    }

    void request(const std::string& tag, const std::string& method, const std::string& path,
                 const std::string& body) override {
        queue_.push_back({tag, method, path, body});
        if (queue_.size() == 1) sendFront();
    }

    std::vector<SessionReply> takeReplies() override {
        std::vector<SessionReply> out(replies_.begin(), replies_.end());
        replies_.clear();
        return out;
    }

    bool connected() const override { return connected_; }

    // ---- from the bridge ----
    void onState(const std::string& body) {
        auto parsed = parseSessionState(body);
        if (!parsed || parsed.value().code != code_) return;
        connected_ = true;
        failures_ = 0;
        if (parsed.value().version == version_) return;
        version_ = parsed.value().version;
        state_ = body;
        fresh_ = true;
    }

    void onEventsFailed() {
        // EventSource reconnects by itself after a dropped connection; one that fails is
        // replaced by the long poll for the rest of the session, which passes any proxy.
        connected_ = false;
        if (polling_) return;
        almere_js_session_close();
        polling_ = true;
        poll();
    }

    void onReply(int seq, int status, std::string body) {
        if (seq == kPollSeq) {
            if (status == 200) onState(body);
            const bool ok = status == 200;
            if (!ok) connected_ = false;
            failures_ = ok ? 0 : failures_ + 1;
            const int delay = sessionRetryDelayMs(failures_);
            if (delay == 0) return poll();
            timer_ = emscripten_set_timeout(
                [](void*) {
                    if (g_link) {
                        g_link->timer_ = 0;
                        g_link->poll();
                    }
                },
                delay, nullptr);
            return;
        }
        if (queue_.empty() || seq != sent_) return;
        replies_.push_back({queue_.front().tag, status, std::move(body)});
        queue_.pop_front();
        if (!queue_.empty()) sendFront();
    }

  private:
    struct Pending {
        std::string tag, method, path, body;
    };

    std::string url(const std::string& path) const {
        // Without a server: the page's own origin (a relative URL keeps any path prefix out).
        return config_.serverUrl.empty() ? path.substr(1) : config_.serverUrl + path;
    }

    void poll() {
        if (code_.empty()) return;
        std::string path = "/api/sessions/" + code_;
        if (version_ >= 0) path += "?since=" + std::to_string(version_);
        almere_js_session_fetch(kPollSeq, "GET", url(path).c_str(), "", "", "");
    }

    void sendFront() {
        const Pending& p = queue_.front();
        almere_js_session_fetch(++sent_, p.method.c_str(), url(p.path).c_str(),
                                "X-Almere-Facilitator-Key", config_.facilitatorKey.c_str(),
                                p.body.c_str());
    }

    SessionLinkConfig config_;
    std::string code_;
    int64_t version_ = -1;
    std::string state_;
    bool fresh_ = false;
    bool polling_ = false;
    bool connected_ = false;
    int failures_ = 0;
    int sent_ = 0;
    long timer_ = 0;
    std::deque<Pending> queue_;
    std::deque<SessionReply> replies_;
};

} // namespace

std::string checkSessionServer(const std::string& url) {
    if (url.empty() || url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) return "";
    return "expected http://host[:port], got '" + url + "'";
}

std::unique_ptr<SessionLink> openSessionLink(const SessionLinkConfig& config) {
    return std::make_unique<WebSessionLink>(config);
}

} // namespace almere::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void almere_session_link_state(char* body) {
    const std::string text = almere::platform::adopt(body);
    if (almere::platform::g_link) almere::platform::g_link->onState(text);
}

EMSCRIPTEN_KEEPALIVE void almere_session_link_failed() {
    if (almere::platform::g_link) almere::platform::g_link->onEventsFailed();
}

EMSCRIPTEN_KEEPALIVE void almere_session_link_reply(int seq, int status, char* body) {
    std::string text = almere::platform::adopt(body);
    if (almere::platform::g_link) almere::platform::g_link->onReply(seq, status, std::move(text));
}
}
