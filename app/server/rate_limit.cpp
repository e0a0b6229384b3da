#include "server/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace almere::server {
namespace {

// Above this many clients, those with a full bucket (idle for a minute or more) are forgotten:
// remembering them changes nothing and would let memory grow with every address seen.
constexpr size_t kPruneAbove = 10000;

} // namespace

int RateLimiter::take(const std::string& key, Clock::time_point now) {
    if (perMinute_ <= 0) return 0;
    const double capacity = perMinute_;
    const double perSecond = capacity / 60.0;
    std::lock_guard<std::mutex> lock(mutex_);
    if (buckets_.size() > kPruneAbove) forgetIdle(now);
    auto [it, fresh] = buckets_.try_emplace(key);
    Bucket& bucket = it->second;
    if (fresh) {
        bucket.tokens = capacity;
    } else {
        const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
        bucket.tokens = std::min(capacity, bucket.tokens + std::max(0.0, elapsed) * perSecond);
    }
    bucket.updated = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - bucket.tokens) / perSecond)));
}

void RateLimiter::forgetIdle(Clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        if (now - it->second.updated >= std::chrono::minutes(1))
            it = buckets_.erase(it);
        else
            ++it;
    }
}

} // namespace almere::server
