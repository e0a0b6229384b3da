// The kiosk's FeedbackSink against a scripted server on 127.0.0.1: what each answer does to the
// outbox, the headers each POST carries, and that stopping never hangs. The policy itself
// (core/delivery_policy) has its own tests in tests/unit/test_delivery_policy.cpp.
#include "core/clock_check.hpp"
#include "core/delivery_policy.hpp"
#include "platform/feedback_sink.hpp"
#include "platform/outbox.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <arpa/inet.h>
#include <cctype>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace almere::platform;
using almere::kInstallationHeader;
using almere::kKioskKeyHeader;
using almere::kRefusedHeader;
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

// What one POST carried besides its body.
struct PostHeaders {
    std::string installation; // X-Almere-Installation; "" when absent
    bool hasKioskKey = false;
    std::string kioskKey;
};

// Answers POST /api/reactions with whatever `answer` says for (id, how many times seen).
class ScriptedServer {
  public:
    using Answer = std::function<int(const std::string& id, int seen, httplib::Response&)>;

    explicit ScriptedServer(Answer answer) : answer_(std::move(answer)) {
        server_.Post("/api/reactions", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard<std::mutex> lock(mutex_);
            const std::string id = idIn(req.body);
            const int seen = ++posts_[id];
            headers_.push_back({req.get_header_value(kInstallationHeader),
                                req.has_header(kKioskKeyHeader),
                                req.get_header_value(kKioskKeyHeader)});
            res.status = answer_(id, seen, res);
            if ((res.status == 200 || res.status == 201) && res.body.empty()) {
                // As the real server confirms: the id it took.
                res.set_content("{\"id\": \"" + id + "\", \"status\": \"stored\"}",
                                "application/json");
                stored_[id] = true;
            }
        });
        server_.Get("/api/summary", [this](const httplib::Request&, httplib::Response& res) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!date_.empty()) res.set_header("Date", date_);
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
    std::vector<PostHeaders> headers() {
        std::lock_guard<std::mutex> lock(mutex_);
        return headers_;
    }
    void setDate(const std::string& date) {
        std::lock_guard<std::mutex> lock(mutex_);
        date_ = date;
    }

  private:
    Answer answer_;
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    std::mutex mutex_;
    std::map<std::string, int> posts_;
    std::map<std::string, bool> stored_;
    std::vector<PostHeaders> headers_;
    std::string date_; // the summary's Date header; "" = none
};

bool eventually(const std::function<bool()>& condition, double seconds) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(int(seconds * 1000));
    while (Clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

std::unique_ptr<FeedbackSink> openSink(const TempDir& dir, const std::string& url,
                                       const std::string& kioskKey = "") {
    std::string error;
    auto sink = openFeedbackSink({url, dir.str(), kioskKey}, error);
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

OutboxEntry entryIn(const TempDir& dir, const std::string& id) {
    auto outbox = Outbox::open(dir.str());
    REQUIRE(outbox);
    auto entries = outbox.value()->all();
    REQUIRE(entries);
    for (const OutboxEntry& entry : entries.value())
        if (entry.id == id) return entry;
    FAIL("no row " << id << " in the outbox");
    return {};
}

bool looksLikeUuidV4(const std::string& s) {
    if (s.size() != 36 || s[14] != '4') return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (s[i] == '-')) return false;
        if (!dash && !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

} // namespace

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

TEST_CASE("feedback sync: the API's own refusal is kept with its reason, not resent, and blocks "
          "nothing") {
    ScriptedServer server([](const std::string& id, int, httplib::Response& res) {
        if (id != "bad" && id != "reused") return 201;
        res.set_header(kRefusedHeader, "reaction");
        if (id == "reused") return 409;
        res.set_content("{\"error\": \"rating: expected 1..5\"}", "application/json");
        return 400;
    });
    TempDir dir;
    auto sink = openSink(dir, server.url());
    REQUIRE(sink->submit("bad", reaction("bad")) == "");
    REQUIRE(sink->submit("reused", reaction("reused")) == "");
    REQUIRE(sink->submit("good", reaction("good")) == "");
    CHECK(eventually([&] { return server.stored() == 1 && sink->pending() == 0; }, 5));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    sink.reset();
    CHECK(server.posts("bad") == 1);
    CHECK(server.posts("reused") == 1);
    const OutboxCounts counts = countsIn(dir);
    CHECK(counts.total == 3); // nothing deleted
    CHECK(counts.rejected == 2);
    CHECK(counts.delivered == 1);
    const OutboxEntry bad = entryIn(dir, "bad");
    CHECK(bad.state == OutboxState::Refused);
    CHECK(bad.refusedReason == "HTTP 400: rating: expected 1..5");
    CHECK(bad.body == reaction("bad"));
    CHECK(entryIn(dir, "reused").refusedReason == "HTTP 409");
}

TEST_CASE("feedback sync: a 4xx from anything but the API keeps the reaction until it arrives") {
    // What a proxy, a captive portal or a login page in front of the server might answer: none
    // of it carries X-Almere-Refused, so none of it is a verdict on the reaction.
    const std::map<std::string, int> firstAnswer = {
        {"forbidden", 403}, {"not-found", 404}, {"bad-gateway", 502}, {"html-400", 400}};
    ScriptedServer server([&](const std::string& id, int seen, httplib::Response& res) {
        if (seen > 1) return 201;
        res.set_content("<html><body><h1>Bad Request</h1>Please log in to the Wi-Fi.</body></html>",
                        "text/html");
        return firstAnswer.at(id);
    });
    TempDir dir;
    auto sink = openSink(dir, server.url());
    for (const auto& [id, status] : firstAnswer)
        REQUIRE(sink->submit(id, reaction(id)) == "");
    // The first answer is a 4xx/5xx page: still pending, with why it is still waiting.
    CHECK(eventually([&] { return !entryIn(dir, "bad-gateway").lastError.empty(); }, 5));
    CHECK(entryIn(dir, "bad-gateway").state == OutboxState::Pending);
    CHECK_THAT(entryIn(dir, "bad-gateway").lastError, Catch::StartsWith("HTTP 502: <html>"));
    CHECK(countsIn(dir).rejected == 0);
    // Each one is tried again after its backoff and arrives once the server answers 201.
    CHECK(eventually([&] { return server.stored() == 4 && sink->pending() == 0; }, 20));
    sink.reset();
    for (const auto& [id, status] : firstAnswer) {
        INFO(id << " first answered " << status);
        CHECK(server.posts(id) == 2);
        CHECK(entryIn(dir, id).state == OutboxState::Delivered);
    }
    const OutboxCounts counts = countsIn(dir);
    CHECK(counts.delivered == 4);
    CHECK(counts.rejected == 0);
}

TEST_CASE("feedback sync: every POST names the installation, the same across restarts") {
    ScriptedServer server([](const std::string&, int, httplib::Response&) { return 201; });
    TempDir dir;
    {
        auto sink = openSink(dir, server.url());
        REQUIRE(sink->submit("a", reaction("a")) == "");
        CHECK(eventually([&] { return server.stored() == 1 && sink->pending() == 0; }, 5));
    }
    {
        auto sink = openSink(dir, server.url()); // the kiosk restarted
        REQUIRE(sink->submit("b", reaction("b")) == "");
        CHECK(eventually([&] { return server.stored() == 2 && sink->pending() == 0; }, 5));
    }
    const auto headers = server.headers();
    REQUIRE(headers.size() == 2);
    CHECK(looksLikeUuidV4(headers[0].installation));
    CHECK(headers[1].installation == headers[0].installation);
    CHECK_FALSE(headers[0].hasKioskKey); // none configured
    auto outbox = Outbox::open(dir.str());
    REQUIRE(outbox);
    CHECK(outbox.value()->installationId().value() == headers[0].installation);

    // Another kiosk is another installation.
    TempDir otherDir;
    auto other = openSink(otherDir, server.url());
    REQUIRE(other->submit("c", reaction("c")) == "");
    CHECK(eventually([&] { return server.stored() == 3 && other->pending() == 0; }, 5));
    other.reset();
    REQUIRE(server.headers().size() == 3);
    CHECK(looksLikeUuidV4(server.headers()[2].installation));
    CHECK(server.headers()[2].installation != headers[0].installation);
}

TEST_CASE("feedback sync: a configured kiosk key goes with every POST") {
    ScriptedServer server([](const std::string&, int, httplib::Response&) { return 201; });
    TempDir dir;
    auto sink = openSink(dir, server.url(), "evening-key-0123456789");
    for (const char* id : {"a", "b"})
        REQUIRE(sink->submit(id, reaction(id)) == "");
    CHECK(eventually([&] { return server.stored() == 2 && sink->pending() == 0; }, 5));
    sink.reset();
    for (const PostHeaders& headers : server.headers()) {
        CHECK(headers.hasKioskKey);
        CHECK(headers.kioskKey == "evening-key-0123456789");
        CHECK(looksLikeUuidV4(headers.installation));
    }
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
    // The server counts the reaction before its answer reaches the kiosk's outbox.
    CHECK(eventually([&] { return sink->pending() == 0; }, 5));
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

TEST_CASE("feedback sync: staff's \"send now\" ends a backoff at once; the status says how the "
          "server answered") {
    // A server in trouble for its first four answers: the backoff grows to several seconds.
    ScriptedServer server(
        [](const std::string&, int seen, httplib::Response&) { return seen > 4 ? 201 : 503; });
    TempDir dir;
    auto sink = openSink(dir, server.url());
    CHECK(sink->syncStatus().hasServer);
    REQUIRE(sink->submit("late", reaction("late")) == "");
    REQUIRE(eventually([&] { return server.posts("late") == 4; }, 20));
    REQUIRE(eventually([&] { return sink->syncStatus().lastError != ""; }, 5));
    const SyncStatus failing = sink->syncStatus();
    CHECK(failing.reachable); // it answered, with an error
    CHECK_THAT(failing.lastError, Catch::Contains("503"));
    CHECK(failing.lastSuccessMs == 0);
    // The fourth failure set a wait of 4 to 8 s; send now does not wait it out.
    const auto start = Clock::now();
    sink->sendNow();
    CHECK(eventually([&] { return server.stored() == 1; }, 10));
    CHECK(Clock::now() - start < std::chrono::milliseconds(1500));
    CHECK(eventually([&] { return sink->syncStatus().lastSuccessMs > 0; }, 5));
    CHECK(sink->syncStatus().lastError == "");
}

TEST_CASE("feedback sync: the status of a kiosk without a server, or with one that is gone") {
    TempDir dir;
    CHECK_FALSE(openSink(dir, "")->syncStatus().hasServer);
    // A port nobody listens on: no HTTP answer at all.
    const int probe = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    close(probe);
    auto sink = openSink(dir, "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)));
    REQUIRE(sink->submit("a", reaction("a")) == "");
    CHECK(eventually([&] { return sink->syncStatus().lastAttemptMs > 0; }, 5));
    CHECK_FALSE(sink->syncStatus().reachable);
    CHECK(sink->syncStatus().lastError != "");
}

TEST_CASE(
    "feedback sync: the server's Date header tells the staff panel how far off the clock is") {
    ScriptedServer server([](const std::string&, int, httplib::Response&) { return 201; });
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    server.setDate(almere::formatHttpDate(now + 7200)); // the server is two hours ahead
    TempDir dir;
    auto sink = openSink(dir, server.url());
    REQUIRE(eventually([&] { return sink->syncStatus().sawServerDate; }, 5));
    CHECK(std::llabs(sink->syncStatus().serverAheadMs - 7200 * 1000) < 5000);
}
