// Power-loss benchmark (issue 8): many simulated power cuts against the server's reaction
// store and the kiosk's outbox, plus the synchronous=OFF negative control (see
// tests/powerloss). Prints one line per store and a JSON line; exits 1 when a product store lost
// an acknowledged reaction or was damaged, or when the control showed no loss (then the harness
// would be blind).
//
//   almere-powerloss-bench [--server N] [--outbox N] [--control N] [--seed S] [--scratch DIR]
#include "campaign.hpp"
#include "subjects.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

using namespace almere::powerloss;

namespace {

std::string json(const CampaignResult& r) {
    char line[512];
    std::snprintf(line, sizeof line,
                  "{\"store\":\"%s\",\"cuts\":%d,\"acknowledged\":%zu,\"missing\":%zu,"
                  "\"wrong\":%zu,\"phantom\":%zu,\"reopened\":%d,\"integrity_ok\":%d,"
                  "\"runs_with_loss\":%d,\"sectors_lost\":%llu,\"sectors_torn\":%llu,"
                  "\"sectors_kept\":%llu,\"seconds\":%.1f}",
                  r.subject.c_str(), r.cuts, r.acknowledged, r.missing, r.wrong, r.phantom,
                  r.reopened, r.intact, r.runsWithLoss, (unsigned long long)r.disk.sectorsLost,
                  (unsigned long long)r.disk.sectorsTorn, (unsigned long long)r.disk.sectorsKept,
                  r.seconds);
    return line;
}

bool lostNothing(const CampaignResult& r) {
    return r.problems.empty() && r.missing == 0 && r.wrong == 0 && r.phantom == 0 &&
           r.reopened == r.cuts && r.intact == r.cuts;
}

} // namespace

int main(int argc, char** argv) {
    int serverCuts = 500, outboxCuts = 500, controlCuts = 100;
    uint64_t seed = 20501;
    std::string scratch = (std::filesystem::temp_directory_path() /
                           ("almere-powerloss-bench-" + std::to_string(getpid())))
                              .string();
    for (int i = 1; i + 1 < argc; i += 2) {
        const char* value = argv[i + 1];
        if (!std::strcmp(argv[i], "--server"))
            serverCuts = std::atoi(value);
        else if (!std::strcmp(argv[i], "--outbox"))
            outboxCuts = std::atoi(value);
        else if (!std::strcmp(argv[i], "--control"))
            controlCuts = std::atoi(value);
        else if (!std::strcmp(argv[i], "--seed"))
            seed = std::strtoull(value, nullptr, 10);
        else if (!std::strcmp(argv[i], "--scratch"))
            scratch = value;
        else {
            std::fprintf(stderr, "unknown option %s (see the top of bench/powerloss_bench.cpp)\n",
                         argv[i]);
            return 2;
        }
    }
    std::filesystem::create_directories(scratch);

    bool ok = true;
    int totalCuts = 0;
    size_t totalAcknowledged = 0, totalMissing = 0;
    auto run = [&](Subject& subject, int cuts, bool control) {
        if (cuts <= 0) return;
        const CampaignResult result = runCampaign(subject, cuts, seed, scratch);
        std::printf("%s\n", summaryOf(result).c_str());
        for (const std::string& problem : result.problems)
            if (!control) std::printf("  %s\n", problem.c_str());
        std::printf("%s\n", json(result).c_str());
        std::fflush(stdout);
        if (control) {
            ok = ok && result.runsWithLoss * 2 > result.cuts;
            return;
        }
        ok = ok && lostNothing(result);
        totalCuts += result.cuts;
        totalAcknowledged += result.acknowledged;
        totalMissing += result.missing;
    };
    run(*makeReactionStoreSubject(), serverCuts, false);
    run(*makeOutboxSubject(), outboxCuts, false);
    run(*makeUnsyncedControlSubject(), controlCuts, true);
    std::printf("server + outbox: %d power cuts, %zu acknowledged reactions, %zu missing: %s\n",
                totalCuts, totalAcknowledged, totalMissing, ok ? "PASS" : "FAIL");
    if (ok) std::filesystem::remove_all(scratch);
    return ok ? 0 : 1;
}
