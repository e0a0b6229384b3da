#include "core/plan_state.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace almere {
namespace {

// Exponential easing that reaches ~95 % in half a second whatever the frame rate.
double ease(double current, double target, double dt) {
    const double k = 1.0 - std::exp(-6.0 * std::max(0.0, dt));
    const double next = current + (target - current) * k;
    return std::abs(next - target) < 1e-4 ? target : next;
}

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = std::min(text.find(sep, start), text.size());
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

} // namespace

PlanState::PlanState(const PlanCatalog* catalog) : catalog_(catalog) {
    const size_t n = catalog ? catalog->plans.size() : 0;
    enabled_.assign(n, 0);
    shown_.assign(n, 0.0);
    presence_.assign(n, 0.0);
    themes_.assign(catalog ? catalog->themes.size() : 0, 0);
}

void PlanState::toggleTheme(size_t theme) {
    if (theme < themes_.size()) themes_[theme] = !themes_[theme];
}

void PlanState::toggle(size_t plan) {
    setEnabled(plan, !enabled(plan));
}

void PlanState::setEnabled(size_t plan, bool on) {
    if (plan < enabled_.size()) enabled_[plan] = on;
}

void PlanState::setPhase(int phase) {
    const int last = catalog_ ? int(catalog_->phases.size()) - 1 : 0;
    phase_ = std::clamp(phase, 0, std::max(0, last));
    target_ = double(phase_);
}

void PlanState::setDivider(double fraction) {
    if (std::isfinite(fraction)) divider_ = std::clamp(fraction, 0.05, 0.95);
}

void PlanState::dragTime(double time) {
    const double last = catalog_ ? double(catalog_->phases.size()) - 1 : 0;
    if (!std::isfinite(time)) return;
    target_ = time_ = std::clamp(time, 0.0, std::max(0.0, last));
    phase_ = int(std::lround(target_));
}

double PlanState::target(size_t plan) const {
    return enabled(plan) && catalog_ ? growthAt(catalog_->plans[plan], time_) : 0.0;
}

void PlanState::update(double dt) {
    time_ = ease(time_, target_, dt);
    for (size_t i = 0; i < shown_.size(); ++i) {
        shown_[i] = ease(shown_[i], target(i), dt);
        presence_[i] = ease(presence_[i], enabled(i) ? 1.0 : 0.0, dt);
    }
}

void PlanState::snap() {
    time_ = target_;
    for (size_t i = 0; i < shown_.size(); ++i) {
        shown_[i] = target(i);
        presence_[i] = enabled(i) ? 1.0 : 0.0;
    }
}

double PlanState::shown(size_t plan) const {
    return plan < shown_.size() ? shown_[plan] : 0.0;
}

double PlanState::presence(size_t plan) const {
    return plan < presence_.size() ? presence_[plan] : 0.0;
}

bool PlanState::animating() const {
    if (time_ != target_) return true;
    for (size_t i = 0; i < shown_.size(); ++i)
        if (shown_[i] != target(i) || presence_[i] != (enabled(i) ? 1.0 : 0.0)) return true;
    return false;
}

std::string PlanState::encode() const {
    std::string plans;
    for (size_t i = 0; catalog_ && i < enabled_.size(); ++i)
        if (enabled_[i]) plans += (plans.empty() ? "" : ",") + catalog_->plans[i].id;
    const std::string phase =
        catalog_ && !catalog_->phases.empty() ? catalog_->phases[size_t(phase_)].id : std::string();
    std::string text = "plans=" + plans + ";phase=" + phase;
    std::string themes;
    for (size_t i = 0; catalog_ && i < themes_.size(); ++i)
        if (themes_[i]) themes += (themes.empty() ? "" : ",") + catalog_->themes[i].id;
    if (!themes.empty()) text += ";themes=" + themes;
    if (compare_) {
        char divider[32];
        std::snprintf(divider, sizeof divider, ";compare=%.2f", divider_);
        text += divider;
    }
    return text;
}

bool PlanState::decode(const std::string& text) {
    if (!catalog_ || text.size() > 1024) return false;
    std::vector<char> enabled(enabled_.size(), 0);
    int phase = -1;
    double divider = -1;
    std::vector<char> themes(themes_.size(), 0);
    for (const std::string& field : split(text, ';')) {
        const size_t eq = field.find('=');
        if (eq == std::string::npos) return false;
        const std::string key = field.substr(0, eq), value = field.substr(eq + 1);
        if (key == "plans") {
            for (const std::string& id : split(value, ',')) {
                if (id.empty()) continue;
                auto it = std::find_if(catalog_->plans.begin(), catalog_->plans.end(),
                                       [&](const PlanDef& p) { return p.id == id; });
                if (it == catalog_->plans.end()) return false;
                enabled[size_t(it - catalog_->plans.begin())] = 1;
            }
        } else if (key == "phase") {
            auto it = std::find_if(catalog_->phases.begin(), catalog_->phases.end(),
                                   [&](const PhaseDef& p) { return p.id == value; });
            if (it == catalog_->phases.end()) return false;
            phase = int(it - catalog_->phases.begin());
        } else if (key == "themes") {
            for (const std::string& id : split(value, ',')) {
                auto it = std::find_if(catalog_->themes.begin(), catalog_->themes.end(),
                                       [&](const ThemeDef& t) { return t.id == id; });
                if (it == catalog_->themes.end()) return false;
                themes[size_t(it - catalog_->themes.begin())] = 1;
            }
        } else if (key == "compare") {
            char* end = nullptr;
            divider = std::strtod(value.c_str(), &end);
            if (value.empty() || *end != '\0' || !(divider >= 0.05 && divider <= 0.95))
                return false;
        } else {
            return false;
        }
    }
    if (phase < 0) return false;
    enabled_ = enabled;
    themes_ = themes;
    phase_ = phase;
    target_ = double(phase);
    compare_ = divider > 0;
    if (compare_) divider_ = divider;
    return true;
}

} // namespace almere
