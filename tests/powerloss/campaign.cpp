#include "campaign.hpp"

#include "checkpoint_pressure.hpp"
#include "powercut_vfs.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

namespace almere::powerloss {
namespace {

namespace fs = std::filesystem;

// Small enough that a run of a few dozen reactions checkpoints (and restarts its WAL) many times.
constexpr int kCheckpointPages = 4;

// Spreads consecutive run numbers over unrelated seeds.
uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

std::string freshFolder(const std::string& scratch, const std::string& name) {
    const fs::path folder = fs::path(scratch) / name;
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder.string();
}

} // namespace

std::string summaryOf(const CampaignResult& r) {
    const CutCounts& d = r.disk;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", r.seconds);
    return r.subject + ": " + std::to_string(r.cuts) + " cuts (each within " +
           std::to_string(r.callsPerRun) + " calls; " + std::to_string(r.checkpointingRuns) +
           " checkpointing every few pages, within " + std::to_string(r.callsPerRunCheckpointing) +
           "), " + std::to_string(r.acknowledged) + " acknowledged, " + std::to_string(r.missing) +
           " missing, " + std::to_string(r.wrong) + " wrong, " + std::to_string(r.phantom) +
           " phantom, " + std::to_string(r.reopened) + " reopened, " + std::to_string(r.intact) +
           " integrity ok, " + std::to_string(r.runsWithLoss) + " runs with loss; unsynced " +
           "sectors kept/lost/torn " + std::to_string(d.sectorsKept) + "/" +
           std::to_string(d.sectorsLost) + "/" + std::to_string(d.sectorsTorn) +
           ", truncations lost " + std::to_string(d.truncationsLost) + ", files vanished " +
           std::to_string(d.filesVanished) + ", back " + std::to_string(d.filesBack) + "; " +
           seconds + " s";
}

CampaignResult runCampaign(Subject& subject, int cuts, uint64_t seed, const std::string& scratch) {
    PowerCutVfs& vfs = PowerCutVfs::install();
    CampaignResult result;
    result.subject = subject.name();
    const CutCounts before = vfs.counts();
    const auto started = std::chrono::steady_clock::now();

    // An uncut run (the power stays on) tells how many calls a run makes, so that the cut can
    // fall anywhere from opening the first file to the last close.
    auto uncutRun = [&](int checkpointPages) -> uint64_t {
        const std::string folder = freshFolder(scratch, result.subject + "-uncut");
        Ledger ledger;
        vfs.arm(folder, seed, 0);
        checkpointEvery(checkpointPages);
        subject.work(folder, ledger, mix(seed));
        checkpointEvery(0);
        const uint64_t calls = std::max<uint64_t>(vfs.callsSoFar(), 1);
        if (vfs.reboot() != 0) result.problems.push_back("uncut run: files left open");
        const Verdict verdict = ledger.check(subject.recover(folder).rows);
        if (verdict.missing || verdict.wrong || verdict.phantom)
            result.problems.push_back("uncut run: " + verdict.firstProblem);
        fs::remove_all(folder);
        return calls;
    };
    result.callsPerRun = uncutRun(0);
    result.callsPerRunCheckpointing = uncutRun(kCheckpointPages);

    std::mt19937_64 random(seed);
    for (int run = 0; run < cuts; ++run) {
        const uint64_t runSeed = mix(seed ^ mix(uint64_t(run) + 1));
        // Every other run checkpoints every few pages, so that cuts also fall in checkpoints
        // and WAL restarts in the middle of the writes.
        const bool checkpointing = run % 2 == 1;
        const uint64_t cutAt =
            1 + random() % (checkpointing ? result.callsPerRunCheckpointing : result.callsPerRun);
        const std::string folder = freshFolder(scratch, result.subject + "-" + std::to_string(run));
        Ledger ledger;
        vfs.arm(folder, runSeed, cutAt);
        checkpointEvery(checkpointing ? kCheckpointPages : 0);
        subject.work(folder, ledger, runSeed);
        vfs.cutNow();       // when the run made fewer calls than cutAt
        checkpointEvery(0); // the reboot runs as configured by the product
        const int leftOpen = vfs.reboot();
        const Recovery recovery = subject.recover(folder);
        const Verdict verdict = ledger.check(recovery.rows);

        ++result.cuts;
        result.checkpointingRuns += checkpointing;
        result.acknowledged += verdict.acknowledged;
        result.missing += verdict.missing;
        result.wrong += verdict.wrong;
        result.phantom += verdict.phantom;
        result.reopened += recovery.opened;
        result.intact += recovery.intact;
        const bool bad = leftOpen != 0 || !recovery.opened || !recovery.intact || verdict.missing ||
                         verdict.wrong || verdict.phantom;
        if (!bad) {
            fs::remove_all(folder);
            continue;
        }
        ++result.runsWithLoss;
        if (result.problems.size() >= 5) {
            fs::remove_all(folder); // enough examples kept already
        } else {
            const std::string why = leftOpen != 0      ? "files left open at the cut"
                                    : !recovery.opened ? "does not open: " + recovery.error
                                    : !recovery.intact ? "damaged: " + recovery.integrity
                                                       : verdict.firstProblem;
            result.problems.push_back("run " + std::to_string(run) +
                                      (checkpointing ? " (checkpointing, seed " : " (seed ") +
                                      std::to_string(runSeed) + ", cut at call " +
                                      std::to_string(cutAt) + ", kept in " + folder + "): " + why);
        }
    }

    const CutCounts after = vfs.counts();
    result.disk.cuts = after.cuts - before.cuts;
    result.disk.sectorsKept = after.sectorsKept - before.sectorsKept;
    result.disk.sectorsLost = after.sectorsLost - before.sectorsLost;
    result.disk.sectorsTorn = after.sectorsTorn - before.sectorsTorn;
    result.disk.truncationsLost = after.truncationsLost - before.truncationsLost;
    result.disk.filesVanished = after.filesVanished - before.filesVanished;
    result.disk.filesBack = after.filesBack - before.filesBack;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace almere::powerloss
