// The kiosk's FeedbackSink against a scripted server on 127.0.0.1: what each answer does to the
// outbox, and that stopping never hangs.
#include "platform/delivery_policy.hpp"
#include "platform/feedback_sink.hpp"
#include "platform/outbox.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <arpa/inet.h>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace almere::platform;
using Clock = std::chrono::steady_clock;

namespace {

std::string idIn(const std::string& body) {
    const std::string key = "\"id\": \"";
    const size_t start = body.find(key);
    if (start == std::string::npos) return "";
    const size_t end = body.find('"', start + key.size());
    return body.substr(start + key.size(), end - start - key.size());
}

std::string reaction(const std::string& id) {
    return "{\"id\": \"" + id + "\"}";
}

// Answers POST /api/reactions with whatever `answer` says for (id, how many times seen).
class ScriptedServer {
  public:
    using Answer = std::function<int(const std::string& id, int seen, httplib::Response&)>;

    explicit ScriptedServer(Answer answer) : answer_(std::move(answer)) {
        server_.Post("/api/reactions", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard<std::mutex> lock(mutex_);
            const std::string id = idIn(req.body);
            const int seen = ++posts_[id];
            res.status = answer_(id, seen, res);
            if (res.status == 200 || res.status == 201) stored_[id] = true;
        });
        server_.Get("/api/summary", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("{\"total\": 1}", "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~ScriptedServer() {
        server_.stop();
        thread_.join();
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int posts(const std::string& id) {
        std::lock_guard<std::mutex> lock(mutex_);
        return posts_[id];
    }
    size_t stored() {
        std::lock_guard<std::mutex> lock(mutex_);
        return stored_.size();
    }

  private:
    Answer answer_;
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    std::mutex mutex_;
    std::map<std::string, int> posts_;
    std::map<std::string, bool> stored_;
};

bool eventually(const std::function<bool()>& condition, double seconds) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(int(seconds * 1000));
    while (Clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

std::unique_ptr<FeedbackSink> openSink(const TempDir& dir, const std::string& url) {
    std::string error;
    auto sink = openFeedbackSink({url, dir.str()}, error);
    INFO(error);
    REQUIRE(sink);
    return sink;
}

OutboxCounts countsIn(const TempDir& dir) {
    auto outbox = Outbox::open(dir.str());
    REQUIRE(outbox);
    auto counts = outbox.value()->counts();
    REQUIRE(counts);
    return counts.value();
}

} // namespace

TEST_CASE("delivery policy: each answer has one meaning") {
    CHECK(judgeResponse(201, "", "").delivery == Delivery::Delivered);
    CHECK(judgeResponse(200, "", "duplicate").delivery == Delivery::Delivered);
    for (int status : {400, 413, 415}) {
        const auto verdict = judgeResponse(status, "", "rating: expected 1..5");
        CHECK(verdict.delivery == Delivery::Rejected);
        CHECK(verdict.why == "HTTP " + std::to_string(status) + ": rating: expected 1..5");
    }
    CHECK(judgeResponse(429, "7", "").waitMs == 7000);
    CHECK(judgeResponse(429, "", "").waitMs == 10000);
    CHECK(judgeResponse(429, "Wed, 21 Oct 2015 07:28:00 GMT", "").waitMs == 10000);
    CHECK(judgeResponse(429, "99999", "").waitMs == 300000);
    for (int status : {0, 401, 404, 500, 503})
        CHECK(judgeResponse(status, "", "").delivery == Delivery::Backoff);
    CHECK(judgeResponse(400, "", std::string(100000, 'x')).why.size() < 600);
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

TEST_CASE("feedback sync: delivers every reaction once and fetches the summary") {
    ScriptedServer server(
        [](const std::string&, int seen, httplib::Response&) { return seen == 1 ? 201 : 200; });
    TempDir dir;
    auto sink = openSink(dir, server.url() + "/");
    for (int i = 0; i < 5; ++i)
        REQUIRE(sink->submit("r" + std::to_string(i), reaction("r" + std::to_string(i))) == "");
    CHECK(eventually([&] { return sink->pending() == 0 && server.stored() == 5; }, 5));
    CHECK(eventually([&] { return sink->latestSummary() == "{\"total\": 1}"; }, 5));
    sink.reset();
    for (int i = 0; i < 5; ++i)
        CHECK(server.posts("r" + std::to_string(i)) == 1);
    CHECK(countsIn(dir).delivered == 5);
}

TEST_CASE("feedback sync: a refused reaction is kept, not resent, and blocks nothing") {
    ScriptedServer server([](const std::string& id, int, httplib::Response& res) {
        if (id != "bad") return 201;
        res.set_content("rating: expected 1..5", "text/plain");
        return 400;
    });
    TempDir dir;
    auto sink = openSink(dir, server.url());
    REQUIRE(sink->submit("bad", reaction("bad")) == "");
    REQUIRE(sink->submit("good", reaction("good")) == "");
    CHECK(eventually([&] { return server.stored() == 1 && sink->pending() == 0; }, 5));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    sink.reset();
    CHECK(server.posts("bad") == 1);
    const OutboxCounts counts = countsIn(dir);
    CHECK(counts.rejected == 1);
    CHECK(counts.delivered == 1);
}

TEST_CASE("feedback sync: a server error or a 429 is retried later") {
    ScriptedServer server([](const std::string& id, int seen, httplib::Response& res) {
        if (seen > 1) return 201;
        if (id == "busy") res.set_header("Retry-After", "1");
        return id == "busy" ? 429 : 503;
    });
    TempDir dir;
    auto sink = openSink(dir, server.url());
    REQUIRE(sink->submit("flaky", reaction("flaky")) == "");
    CHECK(eventually([&] { return server.stored() == 1; }, 5));
    REQUIRE(sink->submit("busy", reaction("busy")) == "");
    const auto start = Clock::now();
    CHECK(eventually([&] { return server.stored() == 2; }, 5));
    CHECK(Clock::now() - start >= std::chrono::milliseconds(900)); // Retry-After was honoured
    CHECK(sink->pending() == 0);
}

TEST_CASE("feedback sync: without a server the sink only stores") {
    TempDir dir;
    auto sink = openSink(dir, "");
    REQUIRE(sink->submit("a", reaction("a")) == "");
    REQUIRE(sink->submit("a", reaction("a")) == "");
    CHECK(sink->pending() == 1);
    CHECK(sink->latestSummary() == "");
    CHECK(sink->submit("big", std::string(100000, ' ')) != "");
}

TEST_CASE("feedback sync: a bad server URL or data folder is reported, not crashed on") {
    TempDir dir;
    std::string error;
    CHECK_FALSE(openFeedbackSink({"ftp://127.0.0.1", dir.str()}, error));
    CHECK_THAT(error, Catch::Contains("http://host:port"));
    CHECK_FALSE(openFeedbackSink({"http://127.0.0.1/api", dir.str()}, error));
    error.clear();
    std::ofstream(dir.path / "file") << "x";
    CHECK_FALSE(openFeedbackSink({"", (dir.path / "file" / "sub").string()}, error));
    CHECK(error != "");
}

TEST_CASE("feedback sync: stopping is prompt while the server never answers") {
    // A socket that listens but never accepts: the connection is made, no answer ever comes.
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listener >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(listen(listener, 16) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);

    TempDir dir;
    auto sink = openSink(dir, "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)));
    REQUIRE(sink->submit("a", reaction("a")) == "");
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // the POST is in flight
    const auto start = Clock::now();
    sink.reset();
    CHECK(Clock::now() - start < std::chrono::milliseconds(1000));
    close(listener);
    CHECK(countsIn(dir).pending == 1);
}
