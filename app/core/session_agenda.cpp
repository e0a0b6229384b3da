#include "core/session_agenda.hpp"

#include "core/city_source.hpp"
#include "core/json_reader.hpp"
#include "core/reaction.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace almere {
namespace {

using nlohmann::json;

// A facilitated evening has room for a few hours of rounds; more is a mistake in the file.
constexpr size_t kMaxRounds = 30;
constexpr size_t kMinOptions = 2, kMaxOptions = 8;
constexpr size_t kMaxStatements = 20;
// Bytes per language: a title or question on a shared screen, never a page of text.
constexpr size_t kMaxTextBytes = 600;
constexpr double kMinPitch = 5, kMaxPitch = 89;

const char* const kQuestionKinds[] = {"rating", "choice", "statements", "place", "comment"};

bool isIdentifier(const std::string& id) {
    return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// Refuses any member not in `known`: a misspelt optional field ("mulitple") would otherwise be
// dropped without a word, and the round would silently ask something else.
bool onlyKnownFields(JsonReader& r, const json& v, const std::string& path,
                     std::initializer_list<const char*> known) {
    if (!v.is_object()) return r.fail(path, "expected an object");
    for (const auto& item : v.items())
        if (std::none_of(known.begin(), known.end(),
                         [&](const char* k) { return item.key() == k; }))
            return r.fail(joinPath(path, item.key().c_str()), "unknown field");
    return true;
}

// An identifier member, unique among `seen`.
bool uniqueId(JsonReader& r, const json& v, const std::string& path, std::vector<std::string>& seen,
              std::string& out) {
    if (!r.string(v, "id", path, out)) return false;
    const std::string field = joinPath(path, "id");
    if (!isIdentifier(out)) return r.fail(field, "expected 1 to 40 of a-z, 0-9 or _");
    if (std::find(seen.begin(), seen.end(), out) != seen.end())
        return r.fail(field, "duplicate id '" + out + "'");
    seen.push_back(out);
    return true;
}

// Shown on a shared screen to everyone in the room: strict UTF-8, no control characters but the
// line break, and short.
bool checkText(JsonReader& r, const std::string& text, const std::string& path) {
    if (text.empty()) return r.fail(path, "is empty");
    if (text.size() > kMaxTextBytes)
        return r.fail(path, "longer than " + std::to_string(kMaxTextBytes) + " bytes");
    for (size_t i = 0; i < text.size();) {
        uint32_t cp = 0;
        const size_t len = decodeUtf8(text, i, cp);
        if (len == 0) return r.fail(path, "is not valid UTF-8");
        if (!isCommentCharacter(cp))
            return r.fail(path, "contains a control character (only line breaks allowed)");
        i += len;
    }
    return true;
}

bool localText(JsonReader& r, const json& parent, const char* key, const std::string& path,
               LocalText& out) {
    const std::string field = joinPath(path, key);
    const json* v = r.object(parent, key, path);
    return v && onlyKnownFields(r, *v, field, {"nl", "en"}) && r.string(*v, "nl", field, out.nl) &&
           checkText(r, out.nl, joinPath(field, "nl")) && r.string(*v, "en", field, out.en) &&
           checkText(r, out.en, joinPath(field, "en"));
}

// Core has no plans catalog, so this checks the shape of PlanState::encode()'s text: its
// characters, known keys, and the phase that decode() requires. The app checks the ids.
bool isPlanStateShape(const std::string& text) {
    if (!isPlanStateText(text)) return false;
    bool phase = false;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = std::min(text.find(';', start), text.size());
        const std::string field = text.substr(start, end - start);
        const size_t eq = field.find('=');
        if (eq == std::string::npos) return false;
        const std::string key = field.substr(0, eq);
        if (key != "plans" && key != "phase" && key != "themes" && key != "compare") return false;
        phase = phase || (key == "phase" && eq + 1 < field.size());
        start = end + 1;
    }
    return phase;
}

bool parseCamera(JsonReader& r, const json& view, const std::string& path, RoundView& out) {
    if (!view.contains("camera")) return true;
    const std::string field = joinPath(path, "camera");
    const json* camera = r.array(view, "camera", path);
    if (!camera) return false;
    if (camera->size() != 5) return r.fail(field, "expected [east, north, distance, yaw, pitch]");
    for (size_t i = 0; i < 5; ++i) {
        const json& v = (*camera)[i];
        if (!v.is_number() || !std::isfinite(v.get<double>()))
            return r.fail(indexPath(field, i), "expected a finite number");
        out.camera[i] = v.get<double>();
    }
    if (!(out.camera[2] > 0)) return r.fail(indexPath(field, 2), "distance must be above 0");
    if (out.camera[4] < kMinPitch || out.camera[4] > kMaxPitch)
        return r.fail(indexPath(field, 4), "pitch must be from 5 to 89 degrees");
    out.hasCamera = true;
    return true;
}

// An optional string member; "" when absent.
bool optionalString(JsonReader& r, const json& v, const char* key, const std::string& path,
                    std::string& out) {
    return !v.contains(key) || r.string(v, key, path, out);
}

bool parseView(JsonReader& r, const json& round, const std::string& path, RoundView& out) {
    const std::string vpath = joinPath(path, "view");
    const json* view = r.object(round, "view", path);
    if (!view || !onlyKnownFields(r, *view, vpath, {"plan_state", "camera", "wijk", "theme"}) ||
        !r.string(*view, "plan_state", vpath, out.planState))
        return false;
    if (!out.planState.empty() && !isPlanStateShape(out.planState))
        return r.fail(joinPath(vpath, "plan_state"),
                      "expected \"\" or a view state like \"plans=pampus;phase=2050\"");
    if (!parseCamera(r, *view, vpath, out) || !optionalString(r, *view, "wijk", vpath, out.wijk) ||
        !optionalString(r, *view, "theme", vpath, out.theme))
        return false;
    if (!out.wijk.empty() && !isAlmereWijkCode(out.wijk))
        return r.fail(joinPath(vpath, "wijk"),
                      "expected \"\" or a wijk code (WK0034 and 2 digits)");
    if (!out.theme.empty() && !isIdentifier(out.theme))
        return r.fail(joinPath(vpath, "theme"), "expected \"\" or 1 to 40 of a-z, 0-9 or _");
    return true;
}

// Options or statements: objects with a unique id and a text.
bool parseItems(JsonReader& r, const json& question, const char* key, const std::string& path,
                size_t min, size_t max, std::vector<AgendaOption>& out) {
    const std::string field = joinPath(path, key);
    const json* list = r.array(question, key, path);
    if (!list) return false;
    if (list->empty() && min > 0) return r.fail(field, "is empty");
    if (list->size() < min || list->size() > max)
        return r.fail(field,
                      "expected " + std::to_string(min) + " to " + std::to_string(max) + " items");
    std::vector<std::string> ids;
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string ipath = indexPath(field, i);
        AgendaOption& item = out.emplace_back();
        if (!onlyKnownFields(r, (*list)[i], ipath, {"id", "text"}) ||
            !uniqueId(r, (*list)[i], ipath, ids, item.id) ||
            !localText(r, (*list)[i], "text", ipath, item.text))
            return false;
    }
    return true;
}

// Options and `multiple` belong to a choice, statements to a statements round: elsewhere they
// would be shown to nobody, which is a mistake in the file.
bool parseKindFields(JsonReader& r, const json& q, const std::string& path, AgendaQuestion& out) {
    const bool choice = out.kind == QuestionKind::choice;
    const bool statements = out.kind == QuestionKind::statements;
    if (!choice && q.contains("options"))
        return r.fail(joinPath(path, "options"), "only for a choice question");
    if (!choice && q.contains("multiple"))
        return r.fail(joinPath(path, "multiple"), "only for a choice question");
    if (!statements && q.contains("statements"))
        return r.fail(joinPath(path, "statements"), "only for a statements question");
    if (choice)
        return parseItems(r, q, "options", path, kMinOptions, kMaxOptions, out.options) &&
               r.optionalBool(q, "multiple", path, out.multiple);
    if (statements && q.contains("statements"))
        return parseItems(r, q, "statements", path, 0, kMaxStatements, out.statements);
    return true;
}

bool parseQuestion(JsonReader& r, const json& round, const std::string& path, AgendaQuestion& out) {
    const std::string qpath = joinPath(path, "question");
    const json* q = r.object(round, "question", path);
    std::string kind;
    if (!q ||
        !onlyKnownFields(r, *q, qpath,
                         {"kind", "text", "source", "options", "multiple", "statements"}) ||
        !r.string(*q, "kind", qpath, kind))
        return false;
    if (!questionKindFromId(kind, out.kind))
        return r.fail(joinPath(qpath, "kind"),
                      "expected rating, choice, statements, place or comment");
    return localText(r, *q, "text", qpath, out.text) &&
           localText(r, *q, "source", qpath, out.source) && parseKindFields(r, *q, qpath, out);
}

bool parseRound(JsonReader& r, const json& v, const std::string& path,
                std::vector<std::string>& ids, AgendaRound& out) {
    return onlyKnownFields(r, v, path, {"id", "title", "intro", "view", "question"}) &&
           uniqueId(r, v, path, ids, out.id) && localText(r, v, "title", path, out.title) &&
           localText(r, v, "intro", path, out.intro) && parseView(r, v, path, out.view) &&
           parseQuestion(r, v, path, out.question);
}

// "assets/sessions/omgevingsvisie.json" -> "omgevingsvisie": the agenda's id is its file name.
std::string fileStem(const std::string& name) {
    const size_t slash = name.find_last_of("/\\");
    std::string stem = slash == std::string::npos ? name : name.substr(slash + 1);
    const std::string ext = ".json";
    if (stem.size() > ext.size() && stem.compare(stem.size() - ext.size(), ext.size(), ext) == 0)
        stem.resize(stem.size() - ext.size());
    return stem;
}

bool parseAgendaDocument(JsonReader& r, const json& doc, const std::string& stem, Agenda& out) {
    if (!onlyKnownFields(r, doc, "", {"id", "title", "rounds"}) || !r.string(doc, "id", "", out.id))
        return false;
    if (out.id != stem) return r.fail("id", "expected \"" + stem + "\" (the file name)");
    if (!localText(r, doc, "title", "", out.title)) return false;
    const json* rounds = r.array(doc, "rounds", "");
    if (!rounds) return false;
    if (rounds->empty()) return r.fail("rounds", "is empty");
    if (rounds->size() > kMaxRounds)
        return r.fail("rounds", "more than " + std::to_string(kMaxRounds) + " rounds");
    std::vector<std::string> ids;
    for (size_t i = 0; i < rounds->size(); ++i)
        if (!parseRound(r, (*rounds)[i], indexPath("rounds", i), ids, out.rounds.emplace_back()))
            return false;
    return true;
}

} // namespace

bool questionKindFromId(const std::string& id, QuestionKind& out) {
    for (size_t i = 0; i < std::size(kQuestionKinds); ++i)
        if (id == kQuestionKinds[i]) {
            out = static_cast<QuestionKind>(i);
            return true;
        }
    return false;
}

const char* questionKindId(QuestionKind kind) {
    const size_t i = static_cast<size_t>(kind);
    return i < std::size(kQuestionKinds) ? kQuestionKinds[i] : "";
}

Result<Agenda> parseAgenda(const SourceFile& file) {
    using R = Result<Agenda>;
    JsonReader r(file.name);
    // nlohmann takes a NUL byte for the end of the input: what follows would go unchecked.
    if (file.text.find('\0') != std::string::npos) {
        r.fail("", "is not valid JSON (contains a NUL byte)");
        return R::failure(r.error());
    }
    const json doc = r.parse(file.text);
    Agenda agenda;
    if (!r.ok() || !parseAgendaDocument(r, doc, fileStem(file.name), agenda))
        return R::failure(r.error());
    return agenda;
}

} // namespace almere
