#pragma once
// What the resident has switched on and where the timeline stands: one small model that the
// renderer and the interface read, and that feedback (and shared links, facilitated sessions)
// can record and restore as text.
#include "core/plans.hpp"

#include <string>
#include <vector>

namespace almere {

class PlanState {
  public:
    explicit PlanState(const PlanCatalog* catalog = nullptr);

    void toggle(size_t plan);
    void toggleTheme(size_t theme);
    bool themeEnabled(size_t theme) const { return theme < themes_.size() && themes_[theme]; }
    void setEnabled(size_t plan, bool on);
    void setPhase(int phase); // clamped to the catalog's phases
    // Side-by-side view: today left of the divider, the chosen plans and time right of it.
    void setCompare(bool on) { compare_ = on; }
    void setDivider(double fraction); // of the screen width, clamped to 0.05..0.95
    // Eases the timeline and each plan's visible share towards their targets.
    void update(double dtSeconds);
    void snap(); // no easing (first frame, screenshots)

    bool enabled(size_t plan) const { return plan < enabled_.size() && enabled_[plan]; }
    // Dragging the timeline: follow the finger exactly, anywhere between phases (clamped).
    void dragTime(double time);
    int phase() const { return phase_; }  // the phase nearest to where the timeline stands
    double time() const { return time_; } // animated position on the phase axis
    double shown(size_t plan) const;      // animated share of the plan's blocks, 0..1
    double presence(size_t plan) const;   // animated 0 (off) .. 1 (on): the area tint
    bool animating() const;
    bool compare() const { return compare_; }
    double divider() const { return divider_; }

    // "plans=pampus,oosterwold;phase=2050[;themes=werk][;compare=0.50]": stable ids, so it
    // survives reordering the catalog.
    std::string encode() const;
    // Restores from encode()'s text; false (state unchanged) for anything it does not understand.
    bool decode(const std::string& text);

  private:
    double target(size_t plan) const;
    const PlanCatalog* catalog_;
    std::vector<char> enabled_;
    std::vector<double> shown_;
    std::vector<double> presence_;
    std::vector<char> themes_;
    int phase_ = 0;
    double target_ = 0; // where the timeline is going: a phase, or between phases while dragged
    double time_ = 0;
    bool compare_ = false;
    double divider_ = 0.5;
};

} // namespace almere
