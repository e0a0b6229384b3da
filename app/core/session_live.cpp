#include "core/session_live.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace almere {
namespace {

using nlohmann::json;

// Limits on what one message may hold: far above any real session, low enough that a hostile
// body cannot make the viewer allocate without end.
constexpr size_t kMaxText = 2000;
constexpr size_t kMaxList = 5000;
constexpr int64_t kMaxCount = int64_t(1) << 40;

// Parsed from a std::string, as every other JSON in the app: one instantiation of the parser
// in the web build, not a second one for string_view iterators.
json parseJson(std::string_view text, size_t maxBytes, const char* member, std::string& error) {
    if (text.size() > maxBytes) {
        error = "too large";
        return json(json::value_t::discarded);
    }
    if (text.find('\0') != std::string_view::npos) {
        error = "not JSON";
        return json(json::value_t::discarded);
    }
    json v = json::parse(std::string(text), nullptr, false);
    if (v.is_discarded()) error = "not JSON";
    if (!member || !error.empty()) return v;
    if (!v.is_object() || !v.contains(member)) {
        error = std::string("no \"") + member + "\"";
        return json(json::value_t::discarded);
    }
    return v[member];
}

// Optional members: absent leaves `out` as it is; present with another type fails.
bool readString(const json& o, const char* key, std::string& out) {
    if (!o.contains(key)) return true;
    if (!o[key].is_string() || o[key].get_ref<const std::string&>().size() > kMaxText) return false;
    out = o[key].get<std::string>();
    return true;
}

bool readInt(const json& o, const char* key, int64_t lo, int64_t hi, int64_t& out) {
    if (!o.contains(key)) return true;
    if (!o[key].is_number_integer()) return false;
    const int64_t v = o[key].get<int64_t>();
    if (v < lo || v > hi) return false;
    out = v;
    return true;
}

bool readBool(const json& o, const char* key, bool& out) {
    if (!o.contains(key)) return true;
    if (!o[key].is_boolean()) return false;
    out = o[key].get<bool>();
    return true;
}

// Ids travel back to the server in the facilitator's requests: letters, digits, '_' and '-'.
bool isPlainId(const std::string& id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

bool readStatement(const json& v, SessionStatement& s) {
    if (!v.is_object() || !v.contains("id") || !v.contains("text")) return false;
    int64_t round = -1;
    return readString(v, "id", s.id) && isPlainId(s.id) && readString(v, "text", s.text) &&
           readString(v, "status", s.status) && readInt(v, "round", -1, 10000, round) &&
           ((s.round = int(round)), true);
}

// Adds one canonical answer with its count into the results of its kind.
bool addAnswer(const json& answer, int64_t count, SessionResults& r) {
    if (!answer.is_object()) return false;
    switch (r.kind) {
    case QuestionKind::rating: {
        if (!answer.contains("rating") || !answer["rating"].is_number_integer()) return false;
        const int64_t v = answer["rating"].get<int64_t>();
        if (v < 1 || v > 5) return false;
        r.ratings[size_t(v - 1)] += count;
        break;
    }
    case QuestionKind::choice: {
        if (!answer.contains("choices") || !answer["choices"].is_array()) return false;
        for (const json& c : answer["choices"]) {
            if (!c.is_string() || c.get_ref<const std::string&>().size() > 64) return false;
            const std::string id = c.get<std::string>();
            auto it = std::find_if(r.choices.begin(), r.choices.end(),
                                   [&](const auto& p) { return p.first == id; });
            if (it == r.choices.end()) {
                if (r.choices.size() >= kMaxList) return false;
                r.choices.emplace_back(id, count);
            } else {
                it->second += count;
            }
        }
        break;
    }
    case QuestionKind::statements: {
        if (!answer.contains("votes") || !answer["votes"].is_object()) return false;
        for (const auto& item : answer["votes"].items()) {
            const std::string& id = item.key();
            const json& vote = item.value();
            if (!vote.is_string() || id.size() > 64) return false;
            auto it = std::find_if(r.statements.begin(), r.statements.end(),
                                   [&](const StatementTally& t) { return t.id == id; });
            if (it == r.statements.end()) {
                if (r.statements.size() >= kMaxList) return false;
                r.statements.push_back({id});
                it = r.statements.end() - 1;
            }
            const std::string& v = vote.get_ref<const std::string&>();
            if (v == "agree")
                it->agree += count;
            else if (v == "disagree")
                it->disagree += count;
            else if (v == "pass")
                it->pass += count;
            else
                return false;
        }
        break;
    }
    case QuestionKind::place: {
        if (!answer.contains("pin") || !answer["pin"].is_object()) return false;
        const json& pin = answer["pin"];
        if (!pin.contains("lon") || !pin["lon"].is_number() || !pin.contains("lat") ||
            !pin["lat"].is_number())
            return false;
        SessionPinCount p{pin["lon"].get<double>(), pin["lat"].get<double>(), count};
        if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || p.lon < 4.9 || p.lon > 5.5 ||
            p.lat < 52.2 || p.lat > 52.5 || r.pins.size() >= kMaxList)
            return false;
        r.pins.push_back(p);
        break;
    }
    case QuestionKind::comment: {
        std::string text;
        if (!answer.contains("comment") || !readString(answer, "comment", text)) return false;
        if (r.comments.size() >= kMaxList) return false;
        r.comments.emplace_back(std::move(text), count);
        break;
    }
    }
    r.total += count;
    return true;
}

bool addCounts(const json& results, const char* key, SessionResults& r) {
    if (!results.contains(key)) return true;
    const json& list = results[key];
    if (!list.is_array() || list.size() > kMaxList) return false;
    for (const json& c : list) {
        int64_t count = -1;
        if (!c.is_object() || !c.contains("answer") || !c.contains("count") ||
            !readInt(c, "count", 0, kMaxCount, count) || !addAnswer(c["answer"], count, r))
            return false;
    }
    return true;
}

} // namespace

Result<SessionLiveState> parseSessionState(std::string_view text, const char* member) {
    std::string error;
    const json v = parseJson(text, kMaxSessionStateBytes, member, error);
    if (!error.empty()) return Result<SessionLiveState>::failure("session state: " + error);
    if (!v.is_object()) return Result<SessionLiveState>::failure("session state: not an object");
    SessionLiveState s;
    int64_t round = -1, rounds = 0;
    const bool ok = readString(v, "code", s.code) && !s.code.empty() && s.code.size() <= 16 &&
                    readString(v, "agenda", s.agenda) && readString(v, "state", s.state) &&
                    readInt(v, "round", -1, 10000, round) &&
                    readBool(v, "results_shown", s.resultsShown) && readString(v, "view", s.view) &&
                    s.view.size() <= kMaxSessionViewChars &&
                    readInt(v, "version", 0, INT64_MAX, s.version) &&
                    readInt(v, "participants", 0, kMaxCount, s.participants) &&
                    readInt(v, "answers", 0, kMaxCount, s.answers) &&
                    readInt(v, "rounds", 0, 10000, rounds) && readBool(v, "follow", s.follow) &&
                    readInt(v, "pending_statements", 0, kMaxCount, s.pendingStatements);
    if (!ok) return Result<SessionLiveState>::failure("session state: a field has a bad value");
    if (s.state != "lobby" && s.state != "open" && s.state != "closed" && s.state != "ended")
        return Result<SessionLiveState>::failure("session state: unknown state \"" + s.state +
                                                 "\"");
    s.round = int(round);
    s.rounds = int(rounds);
    if (s.round >= s.rounds && s.round >= 0)
        return Result<SessionLiveState>::failure("session state: round past the agenda");
    if (v.contains("statements")) {
        const json& list = v["statements"];
        if (!list.is_array() || list.size() > kMaxList)
            return Result<SessionLiveState>::failure("session state: statements: not a list");
        for (const json& item : list) {
            SessionStatement st;
            if (!readStatement(item, st))
                return Result<SessionLiveState>::failure("session state: statements: bad item");
            s.statements.push_back(std::move(st));
        }
    }
    return s;
}

Result<SessionResults> parseSessionResults(std::string_view text, const char* member) {
    std::string error;
    const json v = parseJson(text, kMaxSessionResultsBytes, member, error);
    if (!error.empty()) return Result<SessionResults>::failure("session results: " + error);
    if (!v.is_object() || !v.contains("kind") || !v["kind"].is_string())
        return Result<SessionResults>::failure("session results: no kind");
    SessionResults r;
    if (!questionKindFromId(v["kind"].get<std::string>(), r.kind))
        return Result<SessionResults>::failure("session results: unknown kind");
    int64_t round = -1;
    if (!readInt(v, "round", 0, 10000, round))
        return Result<SessionResults>::failure("session results: bad round");
    r.round = int(round);
    SessionResults paper;
    paper.kind = r.kind;
    if (!addCounts(v, "counts", r) || !addCounts(v, "paper", r) || !addCounts(v, "paper", paper))
        return Result<SessionResults>::failure("session results: a count does not fit its kind");
    r.paperTotal = paper.total;
    r.paperRatings = paper.ratings;
    r.paperChoices = std::move(paper.choices);
    return r;
}

int sessionRetryDelayMs(int failures) {
    if (failures <= 0) return 0;
    return std::min(500 << std::min(failures - 1, 5), 10000);
}

double StatementTally::agreement() const {
    const int64_t sides = agree + disagree;
    return sides > 0 ? double(agree) / double(sides) : 0.5;
}

std::vector<StatementTally> byAgreement(std::vector<StatementTally> tallies) {
    const auto before = [](const StatementTally& a, const StatementTally& b) {
        if (a.agreement() != b.agreement()) return a.agreement() > b.agreement();
        const int64_t va = a.agree + a.disagree + a.pass, vb = b.agree + b.disagree + b.pass;
        if (va != vb) return va > vb;
        return a.id < b.id;
    };
    // An insertion sort: a round has a handful of statements, and the web build stays small.
    for (size_t i = 1; i < tallies.size(); ++i)
        for (size_t j = i; j > 0 && before(tallies[j], tallies[j - 1]); --j)
            std::swap(tallies[j], tallies[j - 1]);
    return tallies;
}

Result<std::vector<SessionStatement>> parseSessionStatements(std::string_view text,
                                                             const char* member) {
    using R = Result<std::vector<SessionStatement>>;
    std::string error;
    const json v = parseJson(text, kMaxSessionResultsBytes, member, error);
    if (!error.empty()) return R::failure("statements: " + error);
    if (!v.is_object() || !v.contains("statements") || !v["statements"].is_array() ||
        v["statements"].size() > kMaxList)
        return R::failure("statements: not a list");
    std::vector<SessionStatement> out;
    for (const json& item : v["statements"]) {
        SessionStatement st;
        if (!readStatement(item, st)) return R::failure("statements: bad item");
        out.push_back(std::move(st));
    }
    return out;
}

std::optional<SessionView> SessionFollower::onState(const SessionLiveState& state) {
    follow_ = state.follow;
    view_ = state.view;
    if (!following_ || !follow_ || (applied_ && view_ == shown_)) return std::nullopt;
    SessionView view;
    if (!decodeSessionView(view_, view)) return std::nullopt;
    applied_ = true;
    shown_ = view_;
    return view;
}

std::optional<SessionView> SessionFollower::resume() {
    following_ = true;
    applied_ = false; // fly back even when the facilitator's view did not change meanwhile
    if (!follow_) return std::nullopt;
    SessionView view;
    if (!decodeSessionView(view_, view)) return std::nullopt;
    applied_ = true;
    shown_ = view_;
    return view;
}

} // namespace almere
