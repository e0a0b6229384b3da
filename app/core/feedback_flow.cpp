#include "core/feedback_flow.hpp"

#include "core/geo.hpp"
#include "core/utf8.hpp"

#include <vector>

namespace almere {
namespace {

// The steps a reaction about `kind` goes through, in order (the thank-you step excluded).
std::vector<FeedbackStep> stepsFor(const std::string& kind, bool subjectPreset) {
    std::vector<FeedbackStep> steps;
    if (!subjectPreset) steps.push_back(FeedbackStep::Subject);
    if (kind == "place") steps.push_back(FeedbackStep::Pin);
    if (kind == "plan" || kind == "ambition") steps.push_back(FeedbackStep::Where);
    for (FeedbackStep s : {FeedbackStep::Rating, FeedbackStep::Comment, FeedbackStep::Background,
                           FeedbackStep::Consent})
        steps.push_back(s);
    return steps;
}

} // namespace

void FeedbackFlow::reset() {
    *this = FeedbackFlow();
}

// The step after the first choice: where on the map, for a place; which wijk, for the rest.
static FeedbackStep stepAfterSubject(const std::string& kind) {
    return kind == "place" ? FeedbackStep::Pin : FeedbackStep::Where;
}

void FeedbackFlow::start(const std::string& suggestedWijk) {
    reset();
    suggestedWijk_ = suggestedWijk;
    step_ = FeedbackStep::Subject;
}

void FeedbackFlow::startWith(const std::string& kind, const std::string& id,
                             const std::string& suggestedWijk) {
    start(suggestedWijk);
    subjectPreset_ = true;
    chooseSubject(kind, id);
}

void FeedbackFlow::startAtPlace(glm::dvec2 localPin, const std::string& wijkCode) {
    startWith("place", wijkCode);
    setPin(localPin, wijkCode);
}

void FeedbackFlow::chooseSubject(const std::string& kind, const std::string& id) {
    kind_ = kind;
    id_ = id;
    if (kind == "ambition" && id.empty()) return;
    if (kind != "place") hasPin_ = false;
    // A wijk chosen on the map before is the likely answer to "which wijk?"; one tap changes it.
    wijk_ = suggestedWijk_;
    wijkChosen_ = !suggestedWijk_.empty();
    step_ = stepAfterSubject(kind);
}

void FeedbackFlow::chooseWijk(const std::string& wijkCode) {
    wijk_ = wijkCode;
    wijkChosen_ = true;
}

void FeedbackFlow::setPin(glm::dvec2 localPin, const std::string& wijkCode) {
    pin_ = localPin;
    hasPin_ = true;
    id_ = wijkCode;
}

void FeedbackFlow::type(const std::string& utf8) {
    size_t length = commentLength();
    for (size_t i = 0; i < utf8.size() && length < kMaxCommentChars;) {
        uint32_t cp = 0;
        const size_t len = decodeUtf8(utf8, i, cp);
        if (len == 0) {
            ++i; // a broken byte: drop it, keep the rest
            continue;
        }
        // Control characters never reach the server (a new line may).
        if (isCommentCharacter(cp)) {
            comment_.append(utf8, i, len);
            ++length;
            if (cp != '\n') capitals_ = false;
        }
        i += len;
    }
}

void FeedbackFlow::backspace() {
    while (!comment_.empty()) {
        const unsigned char last = static_cast<unsigned char>(comment_.back());
        comment_.pop_back();
        if ((last & 0xC0) != 0x80) break; // removed the lead byte: one whole code point gone
    }
}

size_t FeedbackFlow::commentLength() const {
    size_t n = 0;
    for (char c : comment_)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

bool FeedbackFlow::canGoOn() const {
    switch (step_) {
    case FeedbackStep::Subject:
        return !kind_.empty() && (kind_ == "place" || !id_.empty());
    case FeedbackStep::Pin:
        return hasPin_;
    case FeedbackStep::Where:
        return wijkChosen_;
    case FeedbackStep::Rating:
        return rating_ >= 1;
    case FeedbackStep::Consent:
        return consent_;
    case FeedbackStep::Comment:
    case FeedbackStep::Background:
        return true;
    default:
        return false;
    }
}

void FeedbackFlow::next() {
    if (!canGoOn()) return;
    const auto steps = stepsFor(kind_, subjectPreset_);
    for (size_t i = 0; i + 1 < steps.size(); ++i)
        if (steps[i] == step_) {
            step_ = steps[i + 1];
            return;
        }
}

void FeedbackFlow::back() {
    if (step_ == FeedbackStep::Thanks) return cancel();
    if (step_ == FeedbackStep::Subject && kind_ == "ambition" && id_.empty()) {
        kind_.clear(); // from the list of ambitions back to the first choice
        return;
    }
    const auto steps = stepsFor(kind_, subjectPreset_);
    for (size_t i = 0; i < steps.size(); ++i)
        if (steps[i] == step_) {
            if (i == 0) return cancel();
            step_ = steps[i - 1];
            if (step_ == FeedbackStep::Subject) {
                // Back at the first choice: an ambition shows its list again, the rest clears.
                if (kind_ != "ambition") kind_.clear();
                id_.clear();
                hasPin_ = false;
                wijk_.clear();
                wijkChosen_ = false;
            }
            return;
        }
}

void FeedbackFlow::cancel() {
    reset();
}

int FeedbackFlow::stepNumber() const {
    const auto steps = stepsFor(kind_, subjectPreset_);
    for (size_t i = 0; i < steps.size(); ++i)
        if (steps[i] == step_) return int(i) + 1;
    return int(steps.size());
}

int FeedbackFlow::stepCount() const {
    return int(stepsFor(kind_, subjectPreset_).size());
}

Reaction FeedbackFlow::reaction(const std::string& planState, const std::string& lang,
                                const std::string& channel, int64_t now) const {
    Reaction r;
    r.id = newReactionId();
    r.subjectKind = kind_;
    r.subjectId = id_;
    if (kind_ == "place" && hasPin_) {
        const LonLat ll = localToWgs84(pin_);
        r.pin = GeoPoint{ll.lon, ll.lat};
    }
    if (kind_ == "plan" || kind_ == "ambition") r.wijk = wijk_;
    r.rating = rating_;
    r.comment = comment_;
    r.ageBand = ageBand_;
    r.homeStadsdeel = home_;
    r.consent = consent_;
    r.planState = planState;
    r.lang = lang;
    r.channel = channel;
    r.createdAt = now;
    return r;
}

} // namespace almere
