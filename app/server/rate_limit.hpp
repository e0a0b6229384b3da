#pragma once
// Accepted reactions per minute per client, as a token bucket per client key (the remote
// address). Held in memory only: the keys are never stored or logged.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace almere::server {

class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimiter(int perMinute) : perMinute_(perMinute) {}

    // Takes one token for `key`: 0 when allowed, otherwise the seconds to wait (>= 1).
    int take(const std::string& key, Clock::time_point now = Clock::now());

  private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };
    void forgetIdle(Clock::time_point now);

    int perMinute_; // 0 = no limit
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

} // namespace almere::server
