#include "core/session_answer.hpp"

#include "core/reaction.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace almere {
namespace {

using json = nlohmann::json;
using R = Result<std::string>;

// The one field an answer of this kind has; anything else is refused.
R onlyField(const json& doc, const char* name) {
    for (const auto& item : doc.items())
        if (item.key() != name) return R::failure(item.key() + ": unknown field");
    if (!doc.contains(name)) return R::failure(std::string(name) + ": is missing");
    return std::string();
}

bool knownOption(const std::vector<AgendaOption>& options, const std::string& id) {
    return std::any_of(options.begin(), options.end(),
                       [&](const AgendaOption& o) { return o.id == id; });
}

R rating(const json& doc) {
    const json& v = doc["rating"];
    if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 5)
        return R::failure("rating: expected a whole number from 1 to 5");
    return json{{"rating", v.get<int64_t>()}}.dump();
}

R choices(const json& doc, const AgendaQuestion& q) {
    const json& v = doc["choices"];
    if (!v.is_array() || v.empty()) return R::failure("choices: expected a list of option ids");
    if (!q.multiple && v.size() != 1) return R::failure("choices: pick exactly one");
    std::vector<std::string> picked;
    for (const json& c : v) {
        if (!c.is_string() || !knownOption(q.options, c.get<std::string>()))
            return R::failure("choices: unknown option " +
                              c.dump(-1, ' ', false, json::error_handler_t::replace));
        picked.push_back(c.get<std::string>());
    }
    std::sort(picked.begin(), picked.end());
    if (std::adjacent_find(picked.begin(), picked.end()) != picked.end())
        return R::failure("choices: an option is picked twice");
    return json{{"choices", picked}}.dump();
}

R votes(const json& doc, const std::vector<std::string>& statementIds) {
    const json& v = doc["votes"];
    if (!v.is_object() || v.empty()) return R::failure("votes: expected {statement id: vote}");
    json out = json::object();
    for (const auto& item : v.items()) {
        if (std::find(statementIds.begin(), statementIds.end(), item.key()) == statementIds.end())
            return R::failure("votes: no open statement \"" + item.key() + "\"");
        const json& vote = item.value();
        if (!vote.is_string() || (vote != "agree" && vote != "disagree" && vote != "pass"))
            return R::failure("votes." + item.key() + ": expected agree, disagree or pass");
        out[item.key()] = vote;
    }
    return json{{"votes", out}}.dump();
}

R pin(const json& doc) {
    const json& v = doc["pin"];
    if (!v.is_object() || v.size() != 2 || !v.contains("lon") || !v.contains("lat") ||
        !v["lon"].is_number() || !v["lat"].is_number())
        return R::failure("pin: expected {\"lon\": ..., \"lat\": ...}");
    const double lon = v["lon"].get<double>(), lat = v["lat"].get<double>();
    if (!(lon >= 4.9 && lon <= 5.5) || !(lat >= 52.2 && lat <= 52.5))
        return R::failure("pin: expected a point in and around Almere");
    return json{{"pin", {{"lat", lat}, {"lon", lon}}}}.dump();
}

R comment(const json& doc) {
    const json& v = doc["comment"];
    if (!v.is_string()) return R::failure("comment: expected a string");
    const std::string& text = v.get_ref<const std::string&>();
    size_t characters = 0;
    for (size_t at = 0; at < text.size(); ++characters) {
        uint32_t cp = 0;
        const size_t n = decodeUtf8(text, at, cp);
        if (n == 0 || !isCommentCharacter(cp))
            return R::failure("comment: contains a control character (only line breaks allowed)");
        at += n;
    }
    if (characters == 0) return R::failure("comment: is empty");
    if (characters > kMaxCommentChars) return R::failure("comment: longer than 500 characters");
    return json{{"comment", text}}.dump();
}

} // namespace

Result<std::string> parseProposedStatement(std::string_view text) {
    const char* const blank = " \t\r\n";
    const size_t first = text.find_first_not_of(blank);
    if (first == std::string_view::npos) return R::failure("text: is empty");
    const std::string trimmed(text.substr(first, text.find_last_not_of(blank) - first + 1));
    size_t characters = 0;
    for (size_t at = 0; at < trimmed.size(); ++characters) {
        uint32_t cp = 0;
        const size_t n = decodeUtf8(trimmed, at, cp);
        if (n == 0) return R::failure("text: is not valid UTF-8");
        if (cp == '\n' || !isCommentCharacter(cp))
            return R::failure("text: contains a control character or line break");
        at += n;
    }
    if (characters > kMaxStatementChars) return R::failure("text: longer than 200 characters");
    return trimmed;
}

Result<std::string> parseSessionAnswer(std::string_view text, const AgendaQuestion& question,
                                       const std::vector<std::string>& statementIds) {
    if (text.find('\0') != std::string_view::npos)
        return R::failure("is not valid JSON (contains a NUL byte)");
    const json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) return R::failure("is not valid JSON (or not valid UTF-8)");
    if (!doc.is_object()) return R::failure("expected a JSON object");
    // Each kind has one field: anything else in the answer is refused before it is read.
    const auto only = [&](const char* field, auto check) {
        if (auto shape = onlyField(doc, field); !shape) return shape;
        return check();
    };
    switch (question.kind) {
    case QuestionKind::rating:
        return only("rating", [&] { return rating(doc); });
    case QuestionKind::choice:
        return only("choices", [&] { return choices(doc, question); });
    case QuestionKind::statements:
        return only("votes", [&] { return votes(doc, statementIds); });
    case QuestionKind::place:
        return only("pin", [&] { return pin(doc); });
    case QuestionKind::comment:
        return only("comment", [&] { return comment(doc); });
    }
    return R::failure("unknown question kind");
}

} // namespace almere
