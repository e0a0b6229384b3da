// Load generator for almere-server (bench/server_bench.sh): N client threads, each with one
// keep-alive connection to 127.0.0.1, post valid reactions with fresh UUIDs for D seconds.
// Every post waits for its answer (a 201 means the reaction is durably committed), so the
// accepted rate is what the server sustains at that concurrency.
//   almere-server-bench --port P [--clients 16] [--seconds 10]
// Prints a human summary and one JSON line ({"clients":..,"accepted_per_s":..,...}).
#include "core/reaction.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct ClientResult {
    std::vector<double> latenciesMs; // accepted posts only
    long errors = 0;
};

std::string reactionBody(long n) {
    static const char* const subjects[] = {"pampus", "hart", "oosterwold"};
    char body[512];
    std::snprintf(body, sizeof body,
                  "{\"id\":\"%s\",\"subject\":{\"kind\":\"plan\",\"id\":\"%s\"},\"rating\":%ld,"
                  "\"comment\":\"Meer groen langs het water, graag.\",\"consent\":true,"
                  "\"plan_state\":\"plans=pampus;phase=2050\",\"lang\":\"nl\",\"channel\":\"web\","
                  "\"created_at\":%lld}",
                  almere::newReactionId().c_str(), subjects[n % 3], 1 + n % 5,
                  static_cast<long long>(std::time(nullptr)));
    return body;
}

void runClient(int port, Clock::time_point until, ClientResult& out) {
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    client.set_read_timeout(10, 0);
    for (long n = 0; Clock::now() < until; ++n) {
        const std::string body = reactionBody(n);
        const auto start = Clock::now();
        auto res = client.Post("/api/reactions", body, "application/json");
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (res && res->status == 201) {
            out.latenciesMs.push_back(ms);
        } else {
            if (out.errors++ == 0) // the first of each client says what went wrong
                std::fprintf(stderr, "server_bench: %s\n",
                             res ? ("HTTP " + std::to_string(res->status)).c_str()
                                 : httplib::to_string(res.error()).c_str());
        }
    }
}

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const size_t at = std::min(sorted.size() - 1, static_cast<size_t>(p * sorted.size()));
    return sorted[at];
}

} // namespace

int main(int argc, char** argv) {
    int port = 0, clients = 16;
    double seconds = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--port")
            port = std::atoi(argv[i + 1]);
        else if (arg == "--clients")
            clients = std::atoi(argv[i + 1]);
        else if (arg == "--seconds")
            seconds = std::atof(argv[i + 1]);
    }
    if (port <= 0 || clients <= 0 || seconds <= 0) {
        std::fprintf(stderr, "usage: almere-server-bench --port P [--clients N] [--seconds D]\n");
        return 2;
    }

    std::vector<ClientResult> results(static_cast<size_t>(clients));
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    const auto until =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    for (int c = 0; c < clients; ++c)
        threads.emplace_back(runClient, port, until, std::ref(results[size_t(c)]));
    for (std::thread& t : threads)
        t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

    std::vector<double> all;
    long errors = 0;
    for (const ClientResult& r : results) {
        all.insert(all.end(), r.latenciesMs.begin(), r.latenciesMs.end());
        errors += r.errors;
    }
    std::sort(all.begin(), all.end());
    const double rate = all.size() / elapsed;
    const double p50 = percentile(all, 0.50), p99 = percentile(all, 0.99);
    const double max = all.empty() ? 0 : all.back();
    std::printf("%d clients, %.1f s: %zu accepted (%.0f/s), p50 %.2f ms, p99 %.2f ms, max %.2f ms, "
                "%ld errors\n",
                clients, elapsed, all.size(), rate, p50, p99, max, errors);
    std::printf("{\"clients\":%d,\"seconds\":%.2f,\"accepted\":%zu,\"accepted_per_s\":%.0f,"
                "\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"errors\":%ld}\n",
                clients, elapsed, all.size(), rate, p50, p99, max, errors);
    return errors == 0 && !all.empty() ? 0 : 1;
}
