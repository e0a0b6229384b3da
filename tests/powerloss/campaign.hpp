#pragma once
// Many power cuts in a row against one store (issue 8). Each run starts in a fresh folder, lets
// the subject write from its threads, cuts the power at a random write/fsync call, lets the
// subject shut down (its calls fail), reboots and has the subject open the folder again with
// product code; the ledger then says whether anything acknowledged is missing.
#include "ledger.hpp"
#include "unsynced_disk.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace almere::powerloss {

// What a subject finds when it opens its folder after the reboot.
struct Recovery {
    bool opened = false;
    std::string error;                       // why it did not open
    bool intact = false;                     // PRAGMA integrity_check said ok
    std::string integrity;                   // otherwise what it said
    std::map<std::string, std::string> rows; // id -> state, as the Ledger's states
};

class Subject {
  public:
    virtual ~Subject() = default;
    virtual const char* name() const = 0;
    // Writes in `folder` until its work is done or the power is off, noting every attempt and
    // acknowledgement in `ledger`; returns with every connection closed.
    virtual void work(const std::string& folder, Ledger& ledger, uint64_t seed) = 0;
    virtual Recovery recover(const std::string& folder) = 0;
};

struct CampaignResult {
    std::string subject;
    int cuts = 0;
    size_t acknowledged = 0; // acknowledged rows, over all runs
    size_t missing = 0;
    size_t wrong = 0;
    size_t phantom = 0;
    int reopened = 0;          // runs whose folder opened again
    int intact = 0;            // runs with integrity_check ok
    int runsWithLoss = 0;      // runs with anything missing, wrong, unopenable or damaged
    uint64_t callsPerRun = 0;  // writes/fsyncs of an uncut run; the cut falls in 1..this
    int checkpointingRuns = 0; // runs checkpointing every few pages instead of every 1,000
    uint64_t callsPerRunCheckpointing = 0;
    double seconds = 0;
    CutCounts disk;                    // what the cuts did to unsynced writes
    std::vector<std::string> problems; // one line per bad run (first few)
};

// One line: cuts, acknowledged, missing, integrity ok, seconds and what the cuts dropped.
std::string summaryOf(const CampaignResult& result);

// `scratch` must exist; each run's folder is removed unless the run went wrong.
CampaignResult runCampaign(Subject& subject, int cuts, uint64_t seed, const std::string& scratch);

} // namespace almere::powerloss
