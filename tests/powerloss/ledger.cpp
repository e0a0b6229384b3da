#include "ledger.hpp"

#include <algorithm>

namespace almere::powerloss {

void Ledger::attempt(const std::string& id, const std::string& state) {
    std::lock_guard<std::mutex> guard(mutex_);
    rows_[id].states.push_back(state);
}

void Ledger::acknowledge(const std::string& id, const std::string& state) {
    std::lock_guard<std::mutex> guard(mutex_);
    Row& row = rows_[id];
    // The latest attempt of that state: an update acknowledged after a later one was attempted
    // (another thread) must not move the row's floor backwards.
    const auto it = std::find(row.states.rbegin(), row.states.rend(), state);
    if (it == row.states.rend()) return; // acknowledged without an attempt: a harness bug
    row.acknowledged = std::max(row.acknowledged, int(row.states.rend() - it) - 1);
}

Verdict Ledger::check(const std::map<std::string, std::string>& found) const {
    std::lock_guard<std::mutex> guard(mutex_);
    Verdict verdict;
    auto note = [&](const std::string& problem) {
        if (verdict.firstProblem.empty()) verdict.firstProblem = problem;
    };
    for (const auto& [id, row] : rows_) {
        const auto there = found.find(id);
        if (row.acknowledged >= 0) ++verdict.acknowledged;
        if (there == found.end()) {
            if (row.acknowledged >= 0) {
                ++verdict.missing;
                note("acknowledged row " + id + " is missing");
            }
            continue;
        }
        const auto from = row.states.begin() + std::max(row.acknowledged, 0);
        if (std::find(from, row.states.end(), there->second) == row.states.end()) {
            ++verdict.wrong;
            note("row " + id + " is in a state never acknowledged or attempted after: " +
                 there->second.substr(0, 80));
        }
    }
    for (const auto& [id, state] : found)
        if (rows_.count(id) == 0) {
            ++verdict.phantom;
            note("row " + id + " was never written");
        }
    return verdict;
}

} // namespace almere::powerloss
