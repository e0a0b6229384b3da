#pragma once
// What others said, as the server's GET /api/summary tells it: only counts and rating
// distributions per plan, ambition and wijk, never anyone's words.
#include "core/result.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace almere {

struct RatingCount {
    std::string kind; // "plan", "ambition" or "place"
    std::string id;   // plan or ambition id, or the wijk code for places
    int count = 0;
    std::array<int, 5> ratings{}; // how many gave 1 .. 5
};

struct FeedbackSummary {
    int total = 0;
    std::vector<RatingCount> subjects; // plans and ambitions
    std::vector<RatingCount> places;   // per wijk
    const RatingCount* find(const std::string& kind, const std::string& id) const;
};

// Parses the summary body; anything malformed is refused with a readable error.
Result<FeedbackSummary> parseFeedbackSummary(std::string_view json);

} // namespace almere
