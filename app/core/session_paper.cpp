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
        d.counts.push_back(count);
    }
    return d;
}

void stepPaper(PaperDraft& draft, size_t slot, int delta) {
    if (slot >= draft.counts.size()) return;
    draft.counts[slot] = std::clamp<int64_t>(draft.counts[slot] + delta, 0, kMaxPaperCount);
    draft.changed = true;
}

Result<std::string> paperControl(const PaperDraft& draft, const AgendaQuestion& question) {
    using R = Result<std::string>;
    if (draft.round < 0 || draft.kind != question.kind || !paperByAnswer(draft.kind))
        return R::failure("paper: not a rating or choice round");
    const bool rating = draft.kind == QuestionKind::rating;
    if (draft.counts.size() != (rating ? 5 : question.options.size()))
        return R::failure("paper: one count per answer expected");
    // Written by hand, as the facilitator's other requests: the web build has no JSON writer.
    // Option ids are a-z, 0-9 and '_' (core/session_agenda): nothing to escape.
    std::string out =
        "{\"action\":\"paper\",\"round\":" + std::to_string(draft.round) + ",\"counts\":[";
    const char* comma = "";
    for (size_t i = 0; i < draft.counts.size(); ++i) {
        const int64_t n = draft.counts[i];
        if (n < 0 || n > kMaxPaperCount)
            return R::failure("paper: a count is not a whole number from 0 to 10000");
        if (n == 0) continue;
        out += comma;
        out += rating ? "{\"answer\":{\"rating\":" + std::to_string(i + 1) + "}"
                      : "{\"answer\":{\"choices\":[\"" + question.options[i].id + "\"]}";
        out += ",\"count\":" + std::to_string(n) + "}";
        comma = ",";
    }
    return out + "]}";
}

} // namespace almere
