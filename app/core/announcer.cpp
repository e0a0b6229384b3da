#include "core/announcer.hpp"

#include <algorithm>

namespace almere {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

void add(std::string& out, const char* lead, const std::string& what) {
    if (!out.empty()) out += ' ';
    out += lead;
    out += ' ';
    out += what;
    out += '.';
}

} // namespace

std::string describeChange(const ViewFacts& before, const ViewFacts& after, const Strings& t) {
    std::string out;
    for (const std::string& plan : after.plansOn)
        if (!contains(before.plansOn, plan)) add(out, t("announce.plan_on"), plan);
    for (const std::string& plan : before.plansOn)
        if (!contains(after.plansOn, plan)) add(out, t("announce.plan_off"), plan);
    if (after.phase != before.phase) add(out, t("announce.phase"), after.phase);
    if (after.wijk != before.wijk) {
        if (after.wijk.empty()) {
            if (!out.empty()) out += ' ';
            out += t("announce.no_wijk");
        } else {
            add(out, t("announce.wijk"), after.wijk);
        }
    }
    return out;
}

std::string Announcer::update(const ViewFacts& now, double seconds, const Strings& t) {
    if (!started_ || now.language != said_.language) {
        // The first view, or the same view in another language: the listener knows it already.
        started_ = true;
        said_ = latest_ = now;
        return {};
    }
    if (now != latest_) {
        latest_ = now;
        due_ = seconds + quietSeconds;
        return {};
    }
    if (seconds < due_ || latest_ == said_) return {};
    std::string sentence = describeChange(said_, latest_, t);
    said_ = latest_;
    return sentence;
}

} // namespace almere
