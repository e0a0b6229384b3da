#include "core/feedback_summary.hpp"

#include <nlohmann/json.hpp>

namespace almere {
namespace {

using nlohmann::json;

bool readCounts(const json& list, const char* idKey, const char* kind,
                std::vector<RatingCount>& out) {
    if (!list.is_array()) return false;
    for (const json& v : list) {
        if (!v.is_object() || !v.contains(idKey) || !v[idKey].is_string() || !v.contains("count") ||
            !v["count"].is_number_integer() || !v.contains("ratings") || !v["ratings"].is_array() ||
            v["ratings"].size() != 5)
            return false;
        RatingCount c;
        c.kind = kind ? kind
                      : (v.contains("kind") && v["kind"].is_string() ? v["kind"].get<std::string>()
                                                                     : "");
        c.id = v[idKey].get<std::string>();
        c.count = v["count"].get<int>();
        for (size_t i = 0; i < 5; ++i) {
            if (!v["ratings"][i].is_number_integer()) return false;
            c.ratings[i] = v["ratings"][i].get<int>();
        }
        out.push_back(std::move(c));
    }
    return true;
}

} // namespace

const RatingCount* FeedbackSummary::find(const std::string& kind, const std::string& id) const {
    const auto& list = kind == "place" ? places : subjects;
    for (const RatingCount& c : list)
        if (c.kind == kind && c.id == id) return &c;
    return nullptr;
}

Result<FeedbackSummary> parseFeedbackSummary(std::string_view text) {
    using R = Result<FeedbackSummary>;
    const json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return R::failure("summary: not a JSON object");
    FeedbackSummary s;
    if (!doc.contains("total") || !doc["total"].is_number_integer())
        return R::failure("summary: total: expected a whole number");
    s.total = doc["total"].get<int>();
    if (!doc.contains("subjects") || !readCounts(doc["subjects"], "id", nullptr, s.subjects))
        return R::failure("summary: subjects: expected [{kind, id, count, ratings[5]}]");
    if (!doc.contains("places") || !readCounts(doc["places"], "wijk", "place", s.places))
        return R::failure("summary: places: expected [{wijk, count, ratings[5]}]");
    return s;
}

} // namespace almere
