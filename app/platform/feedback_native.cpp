// The kiosk's FeedbackSink: a reaction is committed to the SQLite outbox before submit()
// returns, and a background thread delivers the outbox to the server, one POST per reaction,
// until the server has confirmed every one. The reaction's own UUID makes resending harmless, so
// a kiosk killed between the server's answer and the outbox update loses and duplicates nothing.
#include "core/clock_check.hpp"
#include "core/delivery_policy.hpp"
#include "core/reaction.hpp"
#include "platform/feedback_sink.hpp"
#include "platform/outbox.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>

namespace almere::platform {

namespace {

using namespace std::chrono_literals;

constexpr auto kNetworkTimeout = 3s; // connect, send and read: bounds how long stopping takes
constexpr int64_t kSummaryEveryMs = 60 * 1000;
constexpr size_t kBatch = 50;
constexpr size_t kMaxSummaryBytes = 1 << 20;

int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// "http://host[:port]" (or https) without a trailing slash; "" when `url` is not of that form.
std::string serverOrigin(std::string url) {
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    for (const char* scheme : {"http://", "https://"}) {
        const std::string prefix = scheme;
        if (url.rfind(prefix, 0) == 0 && url.size() > prefix.size() &&
            url.find_first_of("/?#@ ", prefix.size()) == std::string::npos)
            return url;
    }
    return "";
}

void logSync(const std::string& message) {
    std::fprintf(stderr, "feedback sync: %s\n", message.c_str());
}

class NativeFeedbackSink final : public FeedbackSink {
  public:
    // Without a server (`origin` empty) reactions are only stored: an offline kiosk.
    NativeFeedbackSink(std::unique_ptr<Outbox> front, std::unique_ptr<Outbox> syncSide,
                       const std::string& origin, const std::string& installationId,
                       const std::string& kioskKey)
        : front_(std::move(front)), syncSide_(std::move(syncSide)) {
        refreshPending(*front_);
        if (origin.empty()) return;
        headers_.emplace(kInstallationHeader, installationId);
        if (!kioskKey.empty()) headers_.emplace(kKioskKeyHeader, kioskKey);
        client_ = std::make_unique<httplib::Client>(origin);
        client_->set_connection_timeout(kNetworkTimeout);
        client_->set_read_timeout(kNetworkTimeout);
        client_->set_write_timeout(kNetworkTimeout);
        client_->set_keep_alive(true);
        client_->set_tcp_nodelay(true); // headers and body go out as two writes: no Nagle wait
        thread_ = std::thread([this] { run(); });
    }

    ~NativeFeedbackSink() override {
        {
            std::lock_guard<std::mutex> lock(wakeMutex_);
            stop_ = true;
        }
        wake_.notify_all();
        if (client_) client_->stop(); // ends a request in flight instead of waiting it out
        if (thread_.joinable()) thread_.join();
    }

    std::string submit(const std::string& id, const std::string& json) override {
        if (json.size() > kMaxReactionBytes) return "feedback: the reaction is too large";
        {
            std::lock_guard<std::mutex> lock(frontMutex_);
            if (std::string error = front_->add(id, json, nowMs()); !error.empty()) return error;
            refreshPending(*front_);
        }
        {
            std::lock_guard<std::mutex> lock(wakeMutex_);
            submitted_ = true;
        }
        wake_.notify_all();
        return "";
    }

    size_t pending() const override { return pending_.load(); }

    std::string latestSummary() const override {
        std::lock_guard<std::mutex> lock(summaryMutex_);
        return summary_;
    }

    SyncStatus syncStatus() const override {
        std::lock_guard<std::mutex> lock(statusMutex_);
        SyncStatus status = status_;
        status.hasServer = client_ != nullptr;
        return status;
    }

    void sendNow() override {
        {
            std::lock_guard<std::mutex> lock(wakeMutex_);
            sendNow_ = true;
        }
        wake_.notify_all();
    }

  private:
    // Both threads refresh the count; one lock around query and store keeps the newest last.
    void refreshPending(Outbox& outbox) {
        std::lock_guard<std::mutex> lock(pendingMutex_);
        if (auto counts = outbox.counts()) pending_.store(counts.value().pending);
    }

    bool stopping() {
        std::lock_guard<std::mutex> lock(wakeMutex_);
        return stop_;
    }

    // Waits `ms` or until the sink stops; a new submission ends the wait only when idle (during
    // a backoff the server is known to be away, and the schedule stands). Staff's "send now"
    // ends any wait.
    void wait(int64_t ms, bool wakeOnSubmit) {
        std::unique_lock<std::mutex> lock(wakeMutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(ms, 0)),
                       [&] { return stop_ || sendNow_ || (wakeOnSubmit && submitted_); });
    }

    // Staff asked to send now: forget the backoff and make every waiting row due.
    void takeSendNow() {
        {
            std::lock_guard<std::mutex> lock(wakeMutex_);
            if (!sendNow_) return;
            sendNow_ = false;
        }
        failures_ = 0;
        if (std::string error = syncSide_->makeAllPendingDue(nowMs()); !error.empty())
            logSync(error);
    }

    // One request's outcome for the staff panel: `answered` when HTTP came back at all.
    void noteAttempt(bool answered, bool success, const std::string& error,
                     const std::string& dateHeader) {
        std::lock_guard<std::mutex> lock(statusMutex_);
        const int64_t now = nowMs();
        status_.lastAttemptMs = now;
        status_.reachable = answered;
        status_.lastError = success ? "" : error;
        if (success) status_.lastSuccessMs = now;
        if (const auto date = parseHttpDate(dateHeader)) {
            status_.serverAheadMs = *date * 1000 - now;
            status_.sawServerDate = true;
        }
    }

    int64_t nextBackoffMs() { return backoffDelayMs(++failures_, jitter_(random_)); }

    // The sync thread: send what is due, then sleep until something else is.
    void run() {
        if (std::string error = syncSide_->makeAllPendingDue(nowMs()); !error.empty())
            logSync(error);
        int64_t nextSummaryMs = 0;
        while (!stopping()) {
            {
                std::lock_guard<std::mutex> lock(wakeMutex_);
                submitted_ = false; // the query below sees everything submitted before now
            }
            takeSendNow();
            const int64_t pauseMs = sendDue();
            if (stopping()) break;
            if (pauseMs > 0) {
                wait(pauseMs, false);
                continue;
            }
            if (pauseMs < 0) continue; // a full batch went out: more may be due
            int64_t sleepMs = kSummaryEveryMs;
            if (failures_ == 0) { // the summary only while the server answers
                if (nowMs() >= nextSummaryMs) {
                    fetchSummary();
                    nextSummaryMs = nowMs() + kSummaryEveryMs;
                }
                sleepMs = nextSummaryMs - nowMs();
            }
            if (auto next = syncSide_->nextAttemptAt(); next && next.value() >= 0)
                sleepMs = std::min(sleepMs, next.value() - nowMs());
            wait(sleepMs, true);
        }
    }

    // Sends the due rows. Returns how long to pause after a failure (> 0), -1 after a full
    // batch went out, 0 when everything due was sent.
    int64_t sendDue() {
        auto rows = syncSide_->due(nowMs(), kBatch);
        if (!rows) {
            logSync(rows.error());
            return nextBackoffMs();
        }
        for (const OutboxRow& row : rows.value()) {
            if (stopping()) return 0;
            const int64_t pauseMs = send(row);
            refreshPending(*syncSide_);
            if (pauseMs > 0) return pauseMs;
        }
        return rows.value().size() == kBatch ? -1 : 0;
    }

    // One POST and its bookkeeping; returns how long to pause before the next send (0 = none).
    int64_t send(const OutboxRow& row) {
        const auto result = client_->Post("/api/reactions", headers_, row.body, "application/json");
        if (!result && stopping()) return 0; // cut off by the destructor: not a real attempt
        const DeliveryVerdict verdict =
            result ? judgeAnswer({result->status, result->get_header_value("Retry-After"),
                                  result->has_header(kRefusedHeader), result->body, row.id})
                   : judgeAnswer({0, "", false, httplib::to_string(result.error()), row.id});
        noteAttempt(bool(result), verdict.delivery == Delivery::Delivered, verdict.why,
                    result ? result->get_header_value("Date") : "");
        std::string storeError;
        int64_t pauseMs = 0;
        switch (verdict.delivery) {
        case Delivery::Delivered:
            failures_ = 0;
            storeError = syncSide_->markDelivered(row.id, nowMs());
            break;
        case Delivery::Refused:
            failures_ = 0;
            logSync("server refused " + row.id + " (" + verdict.why + "); kept, not resent");
            storeError = syncSide_->markRejected(row.id, verdict.why, nowMs());
            break;
        case Delivery::RetryLater:
            failures_ = 0;
            pauseMs = verdict.waitMs;
            storeError = syncSide_->scheduleRetry(row.id, nowMs() + pauseMs, verdict.why);
            break;
        case Delivery::Backoff:
            pauseMs = nextBackoffMs();
            if (failures_ == 1) logSync(verdict.why + "; retrying with backoff");
            storeError = syncSide_->scheduleRetry(row.id, nowMs() + pauseMs, verdict.why);
            break;
        }
        if (!storeError.empty()) {
            // The row stays pending and is sent again later: harmless, the server knows the id.
            logSync(storeError);
            return std::max(pauseMs, nextBackoffMs());
        }
        return pauseMs;
    }

    void fetchSummary() {
        const auto result = client_->Get("/api/summary");
        noteAttempt(bool(result), result && result->status == 200,
                    result ? "HTTP " + std::to_string(result->status)
                           : httplib::to_string(result.error()),
                    result ? result->get_header_value("Date") : "");
        if (!result || result->status != 200 || result->body.size() > kMaxSummaryBytes) return;
        std::lock_guard<std::mutex> lock(summaryMutex_);
        summary_ = result->body;
    }

    std::mutex frontMutex_; // submit() may come from any thread
    std::unique_ptr<Outbox> front_;
    std::unique_ptr<Outbox> syncSide_; // the sync thread's own connection
    std::unique_ptr<httplib::Client> client_;
    httplib::Headers headers_; // the installation id and the kiosk key, on every POST
    std::mutex pendingMutex_;
    std::atomic<size_t> pending_{0};

    std::mutex wakeMutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    bool submitted_ = false;
    bool sendNow_ = false;

    mutable std::mutex statusMutex_;
    SyncStatus status_;

    mutable std::mutex summaryMutex_;
    std::string summary_;

    int failures_ = 0; // failed sends in a row (sync thread only)
    std::mt19937 random_{std::random_device{}()};
    std::uniform_real_distribution<double> jitter_{0.0, 1.0};
    std::thread thread_;
};

} // namespace

std::unique_ptr<FeedbackSink> openFeedbackSink(const FeedbackConfig& config, std::string& error) {
    auto front = Outbox::open(config.dataDir);
    if (!front) {
        error = front.error();
        return nullptr;
    }
    if (config.serverUrl.empty())
        return std::make_unique<NativeFeedbackSink>(front.take(), nullptr, "", "", "");
    const std::string origin = serverOrigin(config.serverUrl);
    if (origin.empty()) {
        error = "feedback: the server URL must look like http://host:port, not \"" +
                config.serverUrl + "\"";
        return nullptr;
    }
    auto syncSide = Outbox::open(config.dataDir);
    if (!syncSide) {
        error = syncSide.error();
        return nullptr;
    }
    auto installationId = syncSide.value()->installationId();
    if (!installationId) {
        error = installationId.error();
        return nullptr;
    }
    return std::make_unique<NativeFeedbackSink>(front.take(), syncSide.take(), origin,
                                                installationId.value(), config.kioskKey);
}

} // namespace almere::platform
