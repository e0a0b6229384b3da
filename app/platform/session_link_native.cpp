// The native SessionLink (cpp-httplib): one thread long-polls the session's state, another sends
// the facilitator's requests in order. Each thread has its own client: httplib's Client is not
// shared between threads.
#include "core/session_live.hpp"
#include "platform/session_link.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

namespace almere::platform {
namespace {

using namespace std::chrono_literals;

constexpr auto kConnectTimeout = 3s;
constexpr auto kPollTimeout = 35s;    // the server answers a long poll within 25 s
constexpr auto kRequestTimeout = 10s; // a control or results request
constexpr const char* kFacilitatorHeader = "X-Almere-Facilitator-Key";

std::string originOf(std::string url) {
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

std::unique_ptr<httplib::Client> makeClient(const std::string& origin,
                                            std::chrono::seconds readTimeout) {
    auto client = std::make_unique<httplib::Client>(origin);
    client->set_connection_timeout(kConnectTimeout);
    client->set_read_timeout(readTimeout);
    client->set_write_timeout(kConnectTimeout);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);
    return client;
}

class NativeSessionLink final : public SessionLink {
  public:
    explicit NativeSessionLink(const SessionLinkConfig& config)
        : origin_(originOf(config.serverUrl)) {
        if (!config.facilitatorKey.empty())
            headers_.emplace(kFacilitatorHeader, config.facilitatorKey);
        poller_ = std::thread([this] { pollLoop(); });
        sender_ = std::thread([this] { sendLoop(); });
    }

    ~NativeSessionLink() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        {
            std::lock_guard<std::mutex> lock(clientMutex_);
            if (pollClient_) pollClient_->stop(); // ends a long poll in flight
            if (sendClient_) sendClient_->stop();
        }
        poller_.join();
        sender_.join();
    }

    void watch(const std::string& code) override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (code == code_) return;
            code_ = code;
            version_ = -1;
        }
        wake_.notify_all();
        std::lock_guard<std::mutex> lock(clientMutex_);
        if (pollClient_) pollClient_->stop(); // the poll in flight is for the old code
    }

    bool takeState(std::string& json) override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!fresh_) return false;
        fresh_ = false;
        json = state_;
        return true;
    }

    void request(const std::string& tag, const std::string& method, const std::string& path,
                 const std::string& body) override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            queue_.push_back({tag, method, path, body});
        }
        wake_.notify_all();
    }

    std::vector<SessionReply> takeReplies() override {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<SessionReply> out(replies_.begin(), replies_.end());
        replies_.clear();
        return out;
    }

    bool connected() const override { return connected_.load(); }

  private:
    struct Pending {
        std::string tag, method, path, body;
    };

    // Waits `ms` or until stopped or the code changes; false when stopping.
    bool pause(int ms, const std::string& code) {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stop_ || code_ != code; });
        return !stop_;
    }

    void pollLoop() {
        int failures = 0;
        for (;;) {
            std::string code;
            int64_t since = -1;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [&] { return stop_ || !code_.empty(); });
                if (stop_) return;
                code = code_;
                since = version_;
            }
            {
                std::lock_guard<std::mutex> lock(clientMutex_);
                if (!pollClient_) pollClient_ = makeClient(origin_, kPollTimeout);
            }
            std::string path = "/api/sessions/" + code;
            if (since >= 0) path += "?since=" + std::to_string(since);
            auto res = pollClient_->Get(path, headers_);
            bool ok = false;
            if (res && res->status == 200) {
                auto parsed = parseSessionState(res->body);
                if (parsed && parsed.value().code == code) {
                    ok = true;
                    std::lock_guard<std::mutex> lock(mutex_);
                    if (code_ == code && parsed.value().version != version_) {
                        version_ = parsed.value().version;
                        state_ = res->body;
                        fresh_ = true;
                    }
                }
            }
            connected_ = ok;
            failures = ok ? 0 : failures + 1;
            if (!ok && failures == 1 && res)
                std::fprintf(stderr, "session: GET %s: status %d\n", path.c_str(), res->status);
            if (!pause(sessionRetryDelayMs(failures), code)) return;
        }
    }

    void sendLoop() {
        for (;;) {
            Pending next;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
                if (stop_) return;
                next = queue_.front();
                queue_.pop_front();
            }
            {
                std::lock_guard<std::mutex> lock(clientMutex_);
                if (!sendClient_) sendClient_ = makeClient(origin_, kRequestTimeout);
            }
            httplib::Result res =
                next.method == "GET"
                    ? sendClient_->Get(next.path, headers_)
                    : sendClient_->Post(next.path, headers_, next.body, "application/json");
            SessionReply reply{next.tag, res ? res->status : 0, res ? res->body : ""};
            if (!res)
                std::fprintf(stderr, "session: %s %s: %s\n", next.method.c_str(), next.path.c_str(),
                             httplib::to_string(res.error()).c_str());
            std::lock_guard<std::mutex> lock(mutex_);
            replies_.push_back(std::move(reply));
        }
    }

    const std::string origin_;
    httplib::Headers headers_;
    std::mutex mutex_; // everything below but the clients
    std::condition_variable wake_;
    bool stop_ = false;
    std::string code_;
    int64_t version_ = -1;
    std::string state_;
    bool fresh_ = false;
    std::deque<Pending> queue_;
    std::deque<SessionReply> replies_;
    std::atomic<bool> connected_{false};
    std::mutex clientMutex_; // creating and stopping the clients
    std::unique_ptr<httplib::Client> pollClient_, sendClient_;
    std::thread poller_, sender_;
};

} // namespace

std::string checkSessionServer(const std::string& url) {
    const std::string origin = originOf(url);
    for (const char* scheme : {"http://", "https://"}) {
        const std::string prefix = scheme;
        if (origin.rfind(prefix, 0) == 0 && origin.size() > prefix.size() &&
            origin.find_first_of("/?#@ ", prefix.size()) == std::string::npos)
            return "";
    }
    return "expected http://host[:port], got '" + url + "'";
}

std::unique_ptr<SessionLink> openSessionLink(const SessionLinkConfig& config) {
    return std::make_unique<NativeSessionLink>(config);
}

} // namespace almere::platform
