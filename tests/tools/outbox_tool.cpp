// outbox_tool: drives the kiosk's outbox and sync from the crash tests (tests/crash/*.sh) with
// the app's own code (openFeedbackSink), so a test kills exactly what a kiosk runs.
//   outbox_tool add DATA_DIR N                    stores N reactions, "acked <id>" after each
//   outbox_tool add-refusable DATA_DIR            stores one the server will refuse (rating 9)
//   outbox_tool sync DATA_DIR URL [--max-seconds S]  delivers until nothing is pending or S pass
//   outbox_tool check DATA_DIR                    integrity and counts
//   outbox_tool add-commented DATA_DIR N          as add, each with a comment full of CSV's
//                                                 troubles (quotes, commas, line breaks, é)
//   outbox_tool hold DATA_DIR N                   as add, then keeps the outbox open (its rows
//                                                 still in the WAL only) until killed
// Exit status: 0 done, 1 error, 2 (sync) time ran out with reactions still pending.
#include "platform/feedback_sink.hpp"
#include "platform/outbox.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

namespace {

using almere::platform::Outbox;

int usage() {
    std::fprintf(stderr, "usage: outbox_tool add DATA_DIR N\n"
                         "       outbox_tool add-refusable DATA_DIR\n"
                         "       outbox_tool sync DATA_DIR URL [--max-seconds S]\n"
                         "       outbox_tool check DATA_DIR\n"
                         "       outbox_tool add-commented DATA_DIR N\n"
                         "       outbox_tool hold DATA_DIR N\n");
    return 1;
}

int fail(const std::string& message) {
    std::fprintf(stderr, "outbox_tool: %s\n", message.c_str());
    return 1;
}

std::string uuidV4(std::mt19937_64& random) {
    uint64_t high = random(), low = random();
    high = (high & ~0xf000ull) | 0x4000ull;                      // version 4
    low = (low & 0x3fffffffffffffffull) | 0x8000000000000000ull; // variant 10xx
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx",
                  static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                  static_cast<unsigned>(high & 0xffff), static_cast<unsigned>(low >> 48),
                  static_cast<unsigned long long>(low & 0xffffffffffffull));
    return text;
}

// A valid reaction in core/reaction.hpp's JSON form, written by hand so the tool does not
// depend on the reaction code it helps to test.
std::string reactionJson(const std::string& id, int rating, const std::string& comment = "") {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    return "{\"id\": \"" + id + "\", \"subject\": {\"kind\": \"plan\", \"id\": \"pampus\"}, " +
           "\"rating\": " + std::to_string(rating) + ", \"consent\": true, " +
           "\"plan_state\": \"plans=pampus;phase=2050\", \"lang\": \"nl\", " +
           "\"channel\": \"kiosk\", \"created_at\": " + std::to_string(now) +
           (comment.empty() ? "" : ", \"comment\": \"" + comment + "\"") + "}";
}

// A comment (already escaped for JSON) that a careless CSV writer or reader gets wrong; the
// number makes each one different.
std::string awkwardComment(long i) {
    return "Reactie " + std::to_string(i) +
           ": \\\"meer bomen\\\", minder auto's;\\nnieuwe regel, " + "caf\\u00e9 =1+1";
}

// Stores `count` reactions with ratings 1..5, or one with `rating` when it is given.
int add(const std::string& dataDir, long count, int rating = 0, bool commented = false,
        bool hold = false) {
    std::string error;
    auto sink = almere::platform::openFeedbackSink({"", dataDir}, error); // store only
    if (!sink) return fail(error);
    std::mt19937_64 random(std::random_device{}());
    for (long i = 0; i < count; ++i) {
        const std::string id = uuidV4(random);
        if (std::string failure =
                sink->submit(id, reactionJson(id, rating != 0 ? rating : 1 + int(i % 5),
                                              commented ? awkwardComment(i) : ""));
            !failure.empty())
            return fail(failure);
        // Printed only after submit() returned: the crash test holds us to every line.
        std::printf("acked %s\n", id.c_str());
        std::fflush(stdout);
    }
    if (hold) {
        // The connection stays open, so SQLite neither checkpoints nor removes the WAL.
        std::printf("holding\n");
        std::fflush(stdout);
        for (;;)
            std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    return 0;
}

int printCounts(Outbox& outbox, bool withTotals) {
    auto counts = outbox.counts();
    if (!counts) return fail(counts.error());
    const auto& c = counts.value();
    if (withTotals)
        std::printf("total %zu delivered %zu pending %zu rejected %zu\n", c.total, c.delivered,
                    c.pending, c.rejected);
    else
        std::printf("delivered %zu pending %zu\n", c.delivered, c.pending);
    return 0;
}

int sync(const std::string& dataDir, const std::string& url, double maxSeconds) {
    std::string error;
    auto sink = almere::platform::openFeedbackSink({url, dataDir}, error);
    if (!sink) return fail(error);
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<int64_t>(maxSeconds * 1000));
    while (sink->pending() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const bool done = sink->pending() == 0;
    sink.reset(); // stops the sync thread before the counts are read
    auto outbox = Outbox::open(dataDir);
    if (!outbox) return fail(outbox.error());
    if (int status = printCounts(*outbox.value(), false); status != 0) return status;
    return done ? 0 : 2;
}

int check(const std::string& dataDir) {
    auto outbox = Outbox::open(dataDir);
    if (!outbox) return fail(outbox.error());
    if (std::string findings = outbox.value()->checkIntegrity(); !findings.empty())
        return fail("integrity: " + findings);
    std::printf("integrity ok\n");
    return printCounts(*outbox.value(), true);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) return usage();
    const std::string command = argv[1], dataDir = argv[2];
    if (command == "add" && argc == 4) {
        const long count = std::atol(argv[3]);
        return count > 0 ? add(dataDir, count) : usage();
    }
    if (command == "add-refusable" && argc == 3) return add(dataDir, 1, 9);
    if ((command == "add-commented" || command == "hold") && argc == 4) {
        const long count = std::atol(argv[3]);
        return count > 0 ? add(dataDir, count, 0, command == "add-commented", command == "hold")
                         : usage();
    }
    if (command == "sync" && (argc == 4 || argc == 6)) {
        double maxSeconds = 600;
        if (argc == 6) {
            if (std::string(argv[4]) != "--max-seconds") return usage();
            maxSeconds = std::atof(argv[5]);
        }
        return maxSeconds > 0 ? sync(dataDir, argv[3], maxSeconds) : usage();
    }
    if (command == "check" && argc == 3) return check(dataDir);
    return usage();
}
