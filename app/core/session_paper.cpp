#include "core/session_paper.hpp"

#include <algorithm>

namespace almere {

bool paperByAnswer(QuestionKind kind) {
    return kind == QuestionKind::rating || kind == QuestionKind::choice;
}

std::optional<PaperDraft> paperDraftFor(const AgendaQuestion& question, int round,
                                        const SessionResults* results) {
    if (!paperByAnswer(question.kind) || round < 0) return std::nullopt;
    PaperDraft d;
    d.round = round;
    d.kind = question.kind;
    const bool known = results && results->round == round && results->kind == question.kind;
    if (question.kind == QuestionKind::rating) {
        for (size_t i = 0; i < 5; ++i)
            d.counts.push_back(known ? results->paperRatings[i] : 0);
        return d;
    }
    for (const AgendaOption& o : question.options) {
        int64_t count = 0;
        for (size_t i = 0; known && i < results->paperChoices.size(); ++i)
            if (results->paperChoices[i].first == o.id) count = results->paperChoices[i].second;
        d.options.push_back(o.id);
        d.counts.push_back(count);
    }
    return d;
}

void stepPaper(PaperDraft& draft, size_t slot, int delta) {
    if (slot >= draft.counts.size()) return;
    draft.counts[slot] = std::clamp<int64_t>(draft.counts[slot] + delta, 0, kMaxPaperCount);
    draft.changed = true;
}

Result<std::string> paperControl(const PaperDraft& draft) {
    using R = Result<std::string>;
    if (draft.round < 0) return R::failure("paper: no round");
    if (!paperByAnswer(draft.kind)) return R::failure("paper: not a rating or choice round");
    const size_t slots = draft.kind == QuestionKind::rating ? 5 : draft.options.size();
    if (draft.counts.size() != slots) return R::failure("paper: one count per answer expected");
    // Written by hand, as the facilitator's other requests: the web build has no JSON writer.
    std::string out =
        "{\"action\":\"paper\",\"round\":" + std::to_string(draft.round) + ",\"counts\":[";
    bool first = true;
    for (size_t i = 0; i < slots; ++i) {
        const int64_t n = draft.counts[i];
        if (n < 0 || n > kMaxPaperCount)
            return R::failure("paper: a count is not a whole number from 0 to 10000");
        if (n == 0) continue;
        std::string answer;
        if (draft.kind == QuestionKind::rating) {
            answer = "{\"rating\":" + std::to_string(i + 1) + "}";
        } else {
            // Agenda option ids are a-z, 0-9 and '_' (core/session_agenda): no escaping needed,
            // but a draft built by hand is checked all the same.
            const std::string& id = draft.options[i];
            if (id.empty() || !std::all_of(id.begin(), id.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                }))
                return R::failure("paper: option \"" + id + "\" is not an option id");
            answer = "{\"choices\":[\"" + id + "\"]}";
        }
        out += (first ? "" : ",") + std::string("{\"answer\":") + answer +
               ",\"count\":" + std::to_string(n) + "}";
        first = false;
    }
    return out + "]}";
}

} // namespace almere
