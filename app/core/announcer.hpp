#pragma once
// What a screen reader hears when the view changes (WCAG 4.1.3 status messages): the chosen
// wijk, a plan switched on or off, the phase of the timeline. One sentence in the interface's
// language, said once the view has been still for a moment, so dragging through time or
// clicking through plans gives one message instead of a stream.
#include "core/strings.hpp"

#include <string>
#include <vector>

namespace almere {

struct ViewFacts {
    std::string language;             // a new language is not news: nothing is said
    std::string wijk;                 // the selected wijk's name, "" when none
    std::vector<std::string> plansOn; // titles of the plans switched on, in catalog order
    std::string phase;                // the phase's label
    bool operator==(const ViewFacts& o) const {
        return language == o.language && wijk == o.wijk && plansOn == o.plansOn && phase == o.phase;
    }
    bool operator!=(const ViewFacts& o) const { return !(*this == o); }
};

class Announcer {
  public:
    double quietSeconds = 0.5; // the view holds still this long before it is announced

    // Call every frame; returns the sentence to say now, or "" (nothing new, or not yet).
    std::string update(const ViewFacts& now, double seconds, const Strings& t);

  private:
    bool started_ = false;
    ViewFacts said_;   // what the listener knows
    ViewFacts latest_; // the view as last seen
    double due_ = 0;
};

// The sentence for going from `before` to `after` (empty when nothing a listener needs changed).
std::string describeChange(const ViewFacts& before, const ViewFacts& after, const Strings& t);

} // namespace almere
