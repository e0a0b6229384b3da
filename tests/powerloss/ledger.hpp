#pragma once
// What a program under a power cut was told (issue 8): for each row, the states it tried to
// write, in order, and the latest one the store acknowledged. After the reboot the row must be
// in its acknowledged state or a later attempted one; a row never acknowledged may be there or
// not, but only in a state that was attempted. Thread-safe.
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace almere::powerloss {

struct Verdict {
    size_t acknowledged = 0; // rows with an acknowledged state
    size_t missing = 0;      // acknowledged rows not found after the reboot
    size_t wrong = 0;        // rows found in a state older than acknowledged, or never written
    size_t phantom = 0;      // rows found that were never written at all
    std::string firstProblem;
};

class Ledger {
  public:
    void attempt(const std::string& id, const std::string& state);
    void acknowledge(const std::string& id, const std::string& state);
    // `found`: every row read back after the reboot, id -> state.
    Verdict check(const std::map<std::string, std::string>& found) const;

  private:
    struct Row {
        std::vector<std::string> states; // attempted, oldest first
        int acknowledged = -1;           // index into states
    };
    mutable std::mutex mutex_;
    std::map<std::string, Row> rows_;
};

} // namespace almere::powerloss
