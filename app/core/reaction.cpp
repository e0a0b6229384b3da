#include "core/reaction.hpp"

#include "core/city_source.hpp"
#include "core/json_reader.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace almere {
namespace {

using nlohmann::json;

// Roughly Almere with the lakes around it: a pin outside this is a client bug or a forgery.
constexpr double kMinLon = 4.9, kMaxLon = 5.5, kMinLat = 52.2, kMaxLat = 52.5;
// Any well-formed time is taken, up to 9999-12-31 (UTC): a kiosk without a working clock must
// not lose its reactions. The server keeps its own receive time beside it (isClockSuspect).
constexpr int64_t kMaxCreatedAt = 253402300799;
// 2020-01-01 (UTC), and how far ahead of the server a client clock may run before it is flagged.
constexpr int64_t kPlausibleFrom = 1577836800, kClockAheadTolerance = 10 * 60;
constexpr size_t kMaxPlanStateChars = 200;

const char* const kKnownFields[] = {"id",        "subject",    "wijk",     "pin",
                                    "rating",    "comment",    "age_band", "home_stadsdeel",
                                    "consent",   "plan_state", "lang",     "channel",
                                    "created_at"};

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool isLowerHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

} // namespace

// "WK0034" (the municipality of Almere) and a two-digit wijk number.
bool isAlmereWijkCode(const std::string& s) {
    return s.size() == 8 && s.compare(0, 6, "WK0034") == 0 && s[6] >= '0' && s[6] <= '9' &&
           s[7] >= '0' && s[7] <= '9';
}

bool isPlanStateText(const std::string& s) {
    return s.size() <= kMaxPlanStateChars && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '=' ||
                      c == ',' || c == ';' || c == '.';
           });
}

namespace {

enum class TextCheck { ok, badUtf8, controlChar, tooLong };

// Strict UTF-8 (no overlongs, surrogates or code points above U+10FFFF), no control characters
// other than the newline, at most `maxChars` code points.
TextCheck checkComment(const std::string& s, size_t maxChars) {
    size_t chars = 0;
    for (size_t i = 0; i < s.size(); ++chars) {
        uint32_t cp = 0;
        const size_t len = decodeUtf8(s, i, cp);
        if (len == 0) return TextCheck::badUtf8;
        if (!isCommentCharacter(cp)) return TextCheck::controlChar;
        i += len;
    }
    return chars > maxChars ? TextCheck::tooLong : TextCheck::ok;
}

// Collects the first error as "<field>: <message>".
struct Check {
    std::string error;
    bool fail(const std::string& field, const std::string& message) {
        if (error.empty()) error = field + ": " + message;
        return false;
    }
};

// A required string member; `message` describes what was expected when it is not a string.
bool requiredString(Check& check, const json& parent, const char* key, const std::string& path,
                    const std::string& message, std::string& out) {
    const auto it = parent.find(key);
    if (it == parent.end()) return check.fail(path, "is missing");
    if (!it->is_string()) return check.fail(path, message);
    out = it->get_ref<const std::string&>();
    return true;
}

// An optional string member that is "" or one of `choices`.
bool optionalChoice(Check& check, const json& body, const char* key,
                    const std::vector<std::string>& choices, const std::string& message,
                    std::string& out) {
    const auto it = body.find(key);
    if (it == body.end()) return true;
    if (!it->is_string()) return check.fail(key, message);
    out = it->get_ref<const std::string&>();
    if (!out.empty() && !contains(choices, out)) return check.fail(key, message);
    return true;
}

bool parseSubject(Check& check, const json& body, const ReactionRules& rules, Reaction& out) {
    const auto it = body.find("subject");
    if (it == body.end()) return check.fail("subject", "is missing");
    const json& subject = *it;
    if (!subject.is_object()) return check.fail("subject", "expected an object");
    for (const auto& item : subject.items())
        if (item.key() != "kind" && item.key() != "id")
            return check.fail("subject." + item.key(), "unknown field");
    if (!requiredString(check, subject, "kind", "subject.kind", "expected plan, ambition or place",
                        out.subjectKind) ||
        !requiredString(check, subject, "id", "subject.id", "expected a string", out.subjectId))
        return false;
    if (out.subjectKind == "plan") {
        if (!contains(rules.plans, out.subjectId))
            return check.fail("subject.id", "not a plan of the vision");
    } else if (out.subjectKind == "ambition") {
        if (!contains(rules.ambitions, out.subjectId))
            return check.fail("subject.id", "not an ambition of the vision");
    } else if (out.subjectKind == "place") {
        if (!out.subjectId.empty() && !isAlmereWijkCode(out.subjectId))
            return check.fail("subject.id", "expected \"\" or a wijk code (WK0034 and 2 digits)");
    } else {
        return check.fail("subject.kind", "expected plan, ambition or place");
    }
    return true;
}

// The optional wijk of a plan or ambition reaction: checked like a place's wijk code.
bool parseWijk(Check& check, const json& body, Reaction& out) {
    const auto it = body.find("wijk");
    if (it == body.end()) return true;
    if (out.subjectKind == "place")
        return check.fail("wijk",
                          "only for a plan or ambition (a place has its code in subject.id)");
    const char* message = "expected \"\" or a wijk code (WK0034 and 2 digits)";
    if (!it->is_string()) return check.fail("wijk", message);
    out.wijk = it->get_ref<const std::string&>();
    if (!out.wijk.empty() && !isAlmereWijkCode(out.wijk)) return check.fail("wijk", message);
    return true;
}

bool parseCoordinate(Check& check, const json& pin, const char* key, double min, double max,
                     const std::string& message, double& out) {
    const std::string path = std::string("pin.") + key;
    const auto it = pin.find(key);
    if (it == pin.end()) return check.fail(path, "is missing");
    if (!it->is_number()) return check.fail(path, message);
    out = it->get<double>();
    if (!std::isfinite(out) || out < min || out > max) return check.fail(path, message);
    return true;
}

bool parsePin(Check& check, const json& body, Reaction& out) {
    const auto it = body.find("pin");
    const bool place = out.subjectKind == "place";
    if (it == body.end()) return place ? check.fail("pin", "required for a place") : true;
    if (!place) return check.fail("pin", "only for a place");
    const json& pin = *it;
    if (!pin.is_object()) return check.fail("pin", "expected an object");
    for (const auto& item : pin.items())
        if (item.key() != "lon" && item.key() != "lat")
            return check.fail("pin." + item.key(), "unknown field");
    GeoPoint point;
    if (!parseCoordinate(check, pin, "lon", kMinLon, kMaxLon,
                         "expected a longitude between 4.9 and 5.5", point.lon) ||
        !parseCoordinate(check, pin, "lat", kMinLat, kMaxLat,
                         "expected a latitude between 52.2 and 52.5", point.lat))
        return false;
    out.pin = point;
    return true;
}

bool parseRating(Check& check, const json& body, Reaction& out) {
    const auto it = body.find("rating");
    if (it == body.end()) return check.fail("rating", "is missing");
    const char* message = "expected a whole number from 1 to 5";
    if (!it->is_number_integer()) return check.fail("rating", message);
    const int64_t rating = it->get<int64_t>();
    if (rating < 1 || rating > 5) return check.fail("rating", message);
    out.rating = static_cast<int>(rating);
    return true;
}

bool parseComment(Check& check, const json& body, Reaction& out) {
    const auto it = body.find("comment");
    if (it == body.end()) return true;
    if (!it->is_string()) return check.fail("comment", "expected a string");
    out.comment = it->get_ref<const std::string&>();
    switch (checkComment(out.comment, kMaxCommentChars)) {
    case TextCheck::ok:
        return true;
    case TextCheck::badUtf8:
        return check.fail("comment", "is not valid UTF-8");
    case TextCheck::controlChar:
        return check.fail("comment", "contains a control character (only line breaks allowed)");
    case TextCheck::tooLong:
        return check.fail("comment",
                          "longer than " + std::to_string(kMaxCommentChars) + " characters");
    }
    return true;
}

bool parseConsent(Check& check, const json& body, Reaction& out) {
    const auto it = body.find("consent");
    if (it == body.end() || !it->is_boolean() || !it->get<bool>())
        return check.fail("consent", "must be true");
    out.consent = true;
    return true;
}

bool parseCreatedAt(Check& check, const json& body, Reaction& out) {
    const auto it = body.find("created_at");
    if (it == body.end()) return check.fail("created_at", "is missing");
    const char* message = "expected unix seconds (a whole number from 0)";
    if (!it->is_number_integer()) return check.fail("created_at", message);
    if (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t(kMaxCreatedAt))
        return check.fail("created_at", message);
    const int64_t at = it->get<int64_t>();
    if (at < 0 || at > kMaxCreatedAt) return check.fail("created_at", message);
    out.createdAt = at;
    return true;
}

std::string joinChoices(const std::vector<std::string>& choices) {
    std::string text;
    for (size_t i = 0; i < choices.size(); ++i)
        text += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
    return text;
}

bool identifierList(JsonReader& r, const json& parent, const char* key, const std::string& path,
                    std::vector<std::string>& out) {
    const json* list = r.array(parent, key, path);
    if (!list) return false;
    if (list->empty()) return r.fail(joinPath(path, key), "is empty");
    for (size_t i = 0; i < list->size(); ++i) {
        const json& v = (*list)[i];
        const bool identifier =
            v.is_string() && !v.get_ref<const std::string&>().empty() &&
            v.get_ref<const std::string&>().size() <= 40 &&
            std::all_of(v.get_ref<const std::string&>().begin(),
                        v.get_ref<const std::string&>().end(), [](char c) {
                            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                        });
        if (!identifier) return r.fail(indexPath(joinPath(path, key), i), "expected a-z, 0-9 or _");
        out.push_back(v.get<std::string>());
    }
    return true;
}

} // namespace

Result<Reaction> parseReaction(std::string_view text, const ReactionRules& rules) {
    using R = Result<Reaction>;
    // Without exceptions (the web build): a parse error yields a "discarded" value. nlohmann
    // also refuses invalid UTF-8 inside strings here.
    // nlohmann takes a NUL byte for the end of the input: what follows would go unchecked.
    if (text.find('\0') != std::string_view::npos)
        return R::failure("is not valid JSON (contains a NUL byte)");
    const json body = json::parse(text.begin(), text.end(), nullptr, false);
    if (body.is_discarded()) return R::failure("is not valid JSON (or not valid UTF-8)");
    if (!body.is_object()) return R::failure("expected a JSON object");
    for (const auto& item : body.items())
        if (std::find(std::begin(kKnownFields), std::end(kKnownFields), item.key()) ==
            std::end(kKnownFields))
            return R::failure(item.key() + ": unknown field");

    Check check;
    Reaction out;
    const bool ok =
        requiredString(check, body, "id", "id", "expected a UUID v4", out.id) &&
        (isUuidV4(out.id) || check.fail("id", "expected a UUID v4")) &&
        parseSubject(check, body, rules, out) && parseWijk(check, body, out) &&
        parsePin(check, body, out) && parseRating(check, body, out) &&
        parseComment(check, body, out) &&
        optionalChoice(check, body, "age_band", rules.ageBands, "unknown age band", out.ageBand) &&
        optionalChoice(check, body, "home_stadsdeel", rules.stadsdelen, "unknown stadsdeel",
                       out.homeStadsdeel) &&
        parseConsent(check, body, out) &&
        requiredString(check, body, "plan_state", "plan_state",
                       "expected at most 200 characters of a-z, 0-9 and _=,;.", out.planState) &&
        (isPlanStateText(out.planState) ||
         check.fail("plan_state", "expected at most 200 characters of a-z, 0-9 and _=,;.")) &&
        requiredString(check, body, "lang", "lang", "expected " + joinChoices(rules.languages),
                       out.lang) &&
        (contains(rules.languages, out.lang) ||
         check.fail("lang", "expected " + joinChoices(rules.languages))) &&
        requiredString(check, body, "channel", "channel", "expected kiosk, web or session",
                       out.channel) &&
        (out.channel == "kiosk" || out.channel == "web" || out.channel == "session" ||
         check.fail("channel", "expected kiosk, web or session")) &&
        parseCreatedAt(check, body, out);
    if (!ok) return R::failure(check.error);
    return out;
}

bool isUuidV4(std::string_view s) {
    if (s.size() != 36) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isLowerHex(s[i])) return false;
    }
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

bool sameContent(const Reaction& a, const Reaction& b) {
    const bool samePin = a.pin.has_value() == b.pin.has_value() &&
                         (!a.pin || (a.pin->lon == b.pin->lon && a.pin->lat == b.pin->lat));
    return a.id == b.id && a.subjectKind == b.subjectKind && a.subjectId == b.subjectId &&
           a.wijk == b.wijk && samePin && a.rating == b.rating && a.comment == b.comment &&
           a.ageBand == b.ageBand && a.homeStadsdeel == b.homeStadsdeel && a.consent == b.consent &&
           a.planState == b.planState && a.lang == b.lang && a.channel == b.channel &&
           a.createdAt == b.createdAt;
}

bool isClockSuspect(int64_t createdAt, int64_t receivedAt) {
    return createdAt < kPlausibleFrom || createdAt > receivedAt + kClockAheadTolerance;
}

std::string toJson(const Reaction& reaction) {
    nlohmann::ordered_json j;
    j["id"] = reaction.id;
    j["subject"] = {{"kind", reaction.subjectKind}, {"id", reaction.subjectId}};
    if (!reaction.wijk.empty()) j["wijk"] = reaction.wijk;
    if (reaction.pin) j["pin"] = {{"lon", reaction.pin->lon}, {"lat", reaction.pin->lat}};
    j["rating"] = reaction.rating;
    if (!reaction.comment.empty()) j["comment"] = reaction.comment;
    if (!reaction.ageBand.empty()) j["age_band"] = reaction.ageBand;
    if (!reaction.homeStadsdeel.empty()) j["home_stadsdeel"] = reaction.homeStadsdeel;
    j["consent"] = reaction.consent;
    j["plan_state"] = reaction.planState;
    j["lang"] = reaction.lang;
    j["channel"] = reaction.channel;
    j["created_at"] = reaction.createdAt;
    // "replace" instead of throwing on invalid UTF-8: the web build has no exceptions, and a
    // reaction built in the app has not been through parseReaction.
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string newReactionId() {
    static std::random_device device;
    unsigned char bytes[16];
    for (size_t i = 0; i < sizeof bytes; i += 4) {
        const uint32_t word = device();
        for (size_t k = 0; k < 4; ++k)
            bytes[i + k] = static_cast<unsigned char>(word >> (8 * k));
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40); // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
    char text[37];
    std::snprintf(text, sizeof text,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                  bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                  bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
    return text;
}

Result<ReactionRules> parseReactionRules(const SourceFile& form) {
    using R = Result<ReactionRules>;
    JsonReader r(form.name);
    const json doc = r.parse(form.text);
    if (!r.ok()) return R::failure(r.error());
    ReactionRules rules;
    const json* subjects = r.object(doc, "subjects", "");
    if (!subjects || !identifierList(r, *subjects, "plans", "subjects", rules.plans) ||
        !identifierList(r, *subjects, "ambitions", "subjects", rules.ambitions) ||
        !identifierList(r, doc, "age_bands", "", rules.ageBands) ||
        !identifierList(r, doc, "stadsdelen", "", rules.stadsdelen) ||
        !identifierList(r, doc, "languages", "", rules.languages))
        return R::failure(r.error());
    return rules;
}

} // namespace almere
