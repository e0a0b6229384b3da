#pragma once
// A resident's reaction (issue 4): what it is about (a plan, an ambition or a pinned place), a
// 1-5 rating, an optional comment and background, the consent, and the plan state it was given
// under. One JSON form is shared by the kiosk outbox, the browser and the server:
//
//   {"id": "7f0c...-uuid-v4", "subject": {"kind": "plan", "id": "pampus"},
//    "wijk": "WK003465",                          (optional, only for a plan or ambition)
//    "pin": {"lon": 5.21, "lat": 52.37},          (only for kind "place", required there)
//    "rating": 4, "comment": "Meer bomen!", "age_band": "35_54", "home_stadsdeel": "stad",
//    "consent": true, "plan_state": "plans=pampus;phase=2050", "lang": "nl",
//    "channel": "kiosk", "created_at": 1795850000}
//
// parseReaction validates every field and names the first bad one ("rating: expected ...").
// Nothing here identifies a person: no names, contact details or addresses are asked for.
#include "core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace almere {

constexpr size_t kMaxCommentChars = 500;   // Unicode code points, shown as a counter on screen
constexpr size_t kMaxReactionBytes = 8192; // a larger request body is refused (HTTP 413)

struct GeoPoint {
    double lon = 0;
    double lat = 0;
};

// What a reaction may refer to; loaded from the content pack (assets/feedback/form.json).
struct ReactionRules {
    std::vector<std::string> plans;      // plan ids ("pampus", ...)
    std::vector<std::string> ambitions;  // ambition ids ("woningen", ...)
    std::vector<std::string> ageBands;   // age band ids ("18_34", ...)
    std::vector<std::string> stadsdelen; // home stadsdeel ids ("stad", ..., "elders")
    std::vector<std::string> languages;  // "nl", "en"
};

struct Reaction {
    std::string id;              // UUID v4 (lower case) made by the client: resending is harmless
    std::string subjectKind;     // "plan", "ambition" or "place"
    std::string subjectId;       // plan or ambition id; for a place the CBS wijk code, or ""
    std::optional<GeoPoint> pin; // WGS84, inside Almere's surroundings; only for places
    int rating = 0;              // 1 (very negative) .. 5 (very positive)
    std::string comment;         // optional; valid UTF-8, at most kMaxCommentChars code points
    std::string ageBand;         // optional ("" = not given)
    std::string homeStadsdeel;   // optional ("" = not given)
    bool consent = false;        // must be true to be accepted
    std::string planState;       // PlanState::encode() when the reaction was given
    std::string lang;            // language of the screen it was given on
    std::string channel;         // "kiosk", "web", or "session" (given while in a Burgerberaad)
    int64_t createdAt = 0;       // unix seconds, client clock (may be wrong: isClockSuspect)
    // The wijk a reaction about a plan or ambition is tied to (the text route asks "Over welke
    // plek gaat het?"): a CBS wijk code, or "" for heel Almere. A place has its code in subjectId.
    std::string wijk;
};

// Validates a request body field by field. Errors read "<field>: <what is wrong>".
Result<Reaction> parseReaction(std::string_view json, const ReactionRules& rules);

// The JSON form above (keys in that order; optional fields left out when empty).
std::string toJson(const Reaction& reaction);

// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" in lower case (y: 8, 9, a or b).
bool isUuidV4(std::string_view s);

// True when every field is the same: a resend. The same id with other content is a client bug.
bool sameContent(const Reaction& a, const Reaction& b);

// True when a client's clock was evidently wrong when it dated a reaction: before 2020, or
// ahead of the server's receive time. A reaction delivered late (a kiosk offline all evening)
// is not suspect. Such reactions are kept and flagged, never refused.
bool isClockSuspect(int64_t createdAt, int64_t receivedAt);

// A random UUID v4 in lower case ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx").
std::string newReactionId();

// "WK0034" (the municipality of Almere) and two digits: a CBS wijk code of Almere.
bool isAlmereWijkCode(const std::string& s);
// The characters and length of PlanState::encode()'s text (at most 200 of a-z 0-9 _=,;.): what
// can be checked without the plans catalog.
bool isPlanStateText(const std::string& s);

// Reads assets/feedback/form.json (the reaction form's choices). Errors name the file and field.
struct SourceFile;
Result<ReactionRules> parseReactionRules(const SourceFile& form);

} // namespace almere
