#pragma once
// The steps of "Geef je mening" (give your view), as a small model the UI reads and drives:
// what it is about -> (a pin on the map, for a place; for a plan or ambition, which wijk or heel
// Almere) -> rating -> comment -> background -> consent -> thanks. Every step has back and cancel. The comment is typed on the app's own
// keyboard, so the text is edited here, by code point, with a hard length limit.
#include "core/reaction.hpp"

#include <glm/glm.hpp>

#include <string>

namespace almere {

enum class FeedbackStep {
    Closed,
    Subject,
    Pin,
    Where, // a plan or ambition: for which wijk, or for heel Almere
    Rating,
    Comment,
    Background,
    Consent,
    Thanks
};

class FeedbackFlow {
  public:
    // Opens the flow. With a subject already known (a plan card's button, a tapped wijk) the
    // first step is skipped; a place starts at the pin step with the pin already set. A plan or
    // ambition started while a wijk was chosen on the map suggests that wijk (`suggestedWijk`).
    void start(const std::string& suggestedWijk = "");
    void startWith(const std::string& kind, const std::string& id,
                   const std::string& suggestedWijk = "");
    void startAtPlace(glm::dvec2 localPin, const std::string& wijkCode);

    // Kind "place": the pin step follows. Kind "ambition" without an id: the step lists the
    // ambitions to pick from (back returns to the first list).
    void chooseSubject(const std::string& kind, const std::string& id);
    void setPin(glm::dvec2 localPin, const std::string& wijkCode);
    // The wijk a plan or ambition reaction is about: a CBS code, or "" for heel Almere.
    void chooseWijk(const std::string& wijkCode);
    void setRating(int rating) { rating_ = rating >= 1 && rating <= 5 ? rating : rating_; }
    void setAgeBand(const std::string& id) { ageBand_ = ageBand_ == id ? "" : id; }
    void setHome(const std::string& id) { home_ = home_ == id ? "" : id; }
    void setConsent(bool consent) { consent_ = consent; }

    // On-screen keyboard: appends UTF-8 text (cut at the limit, invalid bytes dropped), removes
    // the last code point, or everything.
    void type(const std::string& utf8);
    void backspace();
    void clearComment() { comment_.clear(); }
    // The browser's own text field: the whole text as typed there, under the same rules.
    void setComment(const std::string& utf8) {
        comment_.clear();
        type(utf8);
    }
    // The keyboard's shift key: the next letter is a capital (then it turns off again).
    void toggleCapitals() { capitals_ = !capitals_; }
    bool capitals() const { return capitals_; }
    size_t commentLength() const; // in code points

    bool canGoOn() const; // the current step has what it needs
    void next();          // to the next step, if canGoOn()
    void back();          // to the previous step; from the first step, closes
    void cancel();        // closes and forgets everything typed
    // The resident confirmed and the reaction was stored: show the thank-you step.
    void finished() { step_ = FeedbackStep::Thanks; }

    // The reaction as it would be sent, with the plan state and language of the moment.
    Reaction reaction(const std::string& planState, const std::string& lang,
                      const std::string& channel, int64_t now) const;

    FeedbackStep step() const { return step_; }
    bool open() const { return step_ != FeedbackStep::Closed; }
    // 1-based position of the current step among the steps this reaction goes through, and
    // their count (for "Stap 2 van 5").
    int stepNumber() const;
    int stepCount() const;

    const std::string& subjectKind() const { return kind_; }
    const std::string& subjectId() const { return id_; }
    bool subjectPreset() const { return subjectPreset_; }
    // The map is the step's input (a pin, or a wijk): the panel leaves it free.
    bool onMap() const { return step_ == FeedbackStep::Pin || step_ == FeedbackStep::Where; }
    // For a plan or ambition: whether the Where step was answered, and with which wijk.
    bool wijkChosen() const { return wijkChosen_; }
    const std::string& wijk() const { return wijk_; }
    bool hasPin() const { return hasPin_; }
    glm::dvec2 pin() const { return pin_; }
    int rating() const { return rating_; }
    const std::string& comment() const { return comment_; }
    const std::string& ageBand() const { return ageBand_; }
    const std::string& home() const { return home_; }
    bool consent() const { return consent_; }

  private:
    void reset();
    bool subjectPreset_ = false; // the subject came with start*, so "back" skips that step
    FeedbackStep step_ = FeedbackStep::Closed;
    std::string kind_, id_;
    bool hasPin_ = false;
    glm::dvec2 pin_{0}; // local metres (east, north)
    std::string suggestedWijk_, wijk_;
    bool wijkChosen_ = false;
    int rating_ = 0;
    std::string comment_;
    std::string ageBand_, home_;
    bool consent_ = false;
    bool capitals_ = true; // a comment starts with a capital
};

} // namespace almere
