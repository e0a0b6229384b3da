#include "server/exports.hpp"

#include "server/request_checks.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iterator>
#include <nlohmann/json.hpp>

namespace almere::server {
namespace {

using nlohmann::ordered_json;

std::string isoTime(int64_t unixSeconds) {
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string coordinate(double degrees) {
    char text[32];
    std::snprintf(text, sizeof text, "%.7f", degrees); // about a centimetre
    return text;
}

} // namespace

std::string phaseOf(std::string_view planState) {
    size_t start = 0;
    while (start <= planState.size()) {
        const size_t end = std::min(planState.find(';', start), planState.size());
        const std::string_view field = planState.substr(start, end - start);
        if (field.substr(0, 6) == "phase=") return std::string(field.substr(6));
        start = end + 1;
    }
    return "";
}

std::string exportCsv(const std::vector<StoredReaction>& reactions) {
    std::string csv =
        "\xEF\xBB\xBF"
        "id,created_at,received_at,subject_kind,subject_id,lon,lat,rating,comment,"
        "age_band,home_stadsdeel,plan_state,phase,lang,channel,moderation,clock_suspect,wijk\r\n";
    for (const StoredReaction& s : reactions) {
        const Reaction& r = s.reaction;
        const std::string cells[] = {csvCell(r.id),
                                     isoTime(r.createdAt),
                                     isoTime(s.receivedAt),
                                     csvCell(r.subjectKind),
                                     csvCell(r.subjectId),
                                     r.pin ? coordinate(r.pin->lon) : "",
                                     r.pin ? coordinate(r.pin->lat) : "",
                                     std::to_string(r.rating),
                                     csvCell(r.comment),
                                     csvCell(r.ageBand),
                                     csvCell(r.homeStadsdeel),
                                     csvCell(r.planState),
                                     csvCell(phaseOf(r.planState)),
                                     csvCell(r.lang),
                                     csvCell(r.channel),
                                     csvCell(s.moderation),
                                     s.clockSuspect ? "yes" : "no",
                                     csvCell(r.wijk)};
        for (size_t i = 0; i < std::size(cells); ++i)
            csv += (i ? "," : "") + cells[i];
        csv += "\r\n";
    }
    return csv;
}

std::string exportGeoJson(const std::vector<StoredReaction>& reactions) {
    ordered_json features = ordered_json::array();
    for (const StoredReaction& s : reactions) {
        const Reaction& r = s.reaction;
        if (!r.pin) continue;
        ordered_json feature;
        feature["type"] = "Feature";
        feature["geometry"] = {{"type", "Point"}, {"coordinates", {r.pin->lon, r.pin->lat}}};
        feature["properties"] = {{"id", r.id},
                                 {"subject_kind", r.subjectKind},
                                 {"subject_id", r.subjectId},
                                 {"rating", r.rating},
                                 {"plan_state", r.planState},
                                 {"phase", phaseOf(r.planState)},
                                 {"comment", r.comment},
                                 {"moderation", s.moderation},
                                 {"created_at", r.createdAt},
                                 {"clock_suspect", s.clockSuspect}};
        features.push_back(std::move(feature));
    }
    return jsonText(ordered_json{{"type", "FeatureCollection"}, {"features", std::move(features)}});
}

std::string exportJson(const std::vector<StoredReaction>& reactions) {
    ordered_json list = ordered_json::array();
    for (const StoredReaction& s : reactions) {
        ordered_json item = ordered_json::parse(toJson(s.reaction), nullptr, false);
        if (item.is_discarded()) continue; // cannot happen: toJson writes valid JSON
        item["received_at"] = s.receivedAt;
        item["clock_suspect"] = s.clockSuspect;
        item["moderation"] = s.moderation;
        list.push_back(std::move(item));
    }
    return jsonText(ordered_json{{"reactions", std::move(list)}});
}

} // namespace almere::server
