#pragma once
// The Dear ImGui layer over the map: title and buttons, the tapped wijk, credits, map labels,
// and the error screen. It reads state and returns what the resident asked for; it owns nothing.
#include "core/camera.hpp"
#include "core/city_model.hpp"
#include "core/feedback_flow.hpp"
#include "core/feedback_summary.hpp"
#include "core/plan_state.hpp"
#include "core/strings.hpp"
#include "core/view_link.hpp"
#include "ui/fonts.hpp"

#include <string>
#include <vector>

namespace almere::ui {

struct QrModules;

// One interface language the content offers (assets/lang/<code>.json with "interface": true).
struct LanguageChoice {
    std::string code;          // "pl"
    std::string name;          // "Polski": in its own language
    std::string uncheckedNote; // in that language; "" when a native speaker checked it
};

struct OverlayState {
    const Strings* strings = nullptr;
    const CityModel* city = nullptr; // null while loading or after a load error
    const OrbitCamera* camera = nullptr;
    glm::ivec2 viewport{0}; // logical pixels (ImGui's coordinates)
    int selectedWijk = -1;
    bool creditsOpen = false;
    const std::vector<LanguageChoice>* languages = nullptr; // the choice (none when < 2)
    std::string language;                                   // the code shown now
    bool languagesOpen = false;
    std::string error;                  // shown instead of the map's panels when not empty
    const PlanCatalog* plans = nullptr; // null when there are no plans to show
    const PlanState* planState = nullptr;
    int planCard = -1;     // plan whose card is open
    bool plansOpen = true; // false: the plans panel is folded into one button
    bool goalsOpen = false;
    const FeedbackFlow* feedback = nullptr;   // null where reactions cannot be given
    const ReactionRules* form = nullptr;      // the form's choices (age bands, stadsdelen)
    std::string feedbackError;                // the last reaction could not be stored
    size_t feedbackPending = 0;               // stored here, not yet confirmed by the server
    const FeedbackSummary* summary = nullptr; // what others said (counts only), once known
    bool showReactions = false;               // their counts per wijk on the map
    ReadingHelp reading;                      // larger text, high contrast (issue 10)
    bool readingOpen = false;                 // the reading help's two switches are shown
    bool menuOpen = false; // larger text on a phone: the title's buttons are unfolded
    bool embed = false;    // ?embed=1: title and credits folded to an attribution line
    bool canShare = false; // "Deel deze weergave" is offered (browser; kiosk with --share-url)
    std::string shareUrl;  // the link to the view shown, while the kiosk's QR panel is open
    const QrModules* shareQr = nullptr; // its QR code (kiosk), null when closed
    // The app draws its own keyboard for the comment (a kiosk); false in the browser, where
    // the device's keyboard types into a real text field (platform::showCommentField).
    bool ownKeyboard = true;
    bool keyboardUser = false; // keys were pressed: the help names them
};

// What the resident did in "Geef je mening" (applied to the FeedbackFlow by the app).
struct FeedbackInput {
    bool start = false;               // opened without a subject
    std::string startKind, startId;   // opened about this plan or ambition
    bool startAtSelection = false;    // opened about the tapped wijk
    std::string chooseKind, chooseId; // subject chosen in the first step
    bool wholeCity = false;           // "Heel Almere" chosen for a plan or ambition
    int rating = 0;                   // 1..5 chosen
    std::string typed;                // letters from the on-screen keyboard
    bool backspace = false, clearComment = false, toggleCapitals = false;
    std::string ageBand, home; // a background choice tapped
    int consent = -1;          // 0 or 1 when the consent switch was tapped
    bool next = false, back = false, cancel = false, submit = false, again = false;
};

struct OverlayActions {
    bool resetView = false;
    bool openLanguages = false, closeLanguages = false;
    std::string chooseLanguage; // a language's code, chosen in the list
    bool openCredits = false;
    bool closeCredits = false;
    bool clearSelection = false;
    int togglePlan = -1;
    int toggleTheme = -1;
    int setPhase = -1;
    float dragTime = -1; // timeline dragged to this position on the phase axis
    bool closePlanCard = false;
    bool togglePlansPanel = false;
    bool toggleCompare = false;
    bool toggleGoals = false;
    float divider = -1; // new divider position (fraction of the width) while it is dragged
    FeedbackInput feedback;
    bool toggleReactions = false;
    bool toggleReadingPanel = false, toggleLargeText = false, toggleHighContrast = false;
    bool share = false, closeShare = false, toggleMenu = false;
    // Screen rectangles (x, y, w, h) of the panels drawn: touches there belong to the UI,
    // not to the map.
    std::vector<glm::vec4> panels;
    // Named controls and their rectangles (x, y, w, h), so tests can tap them the way a
    // resident would, whatever the layout.
    std::vector<std::pair<std::string, glm::vec4>> targets;
    std::string focusedTarget; // the named control with the keyboard's focus ring, if any
};

// ImGui's style from a theme (ui/theme), sizes grown by `scale` (1.5: the larger text).
void applyStyle(bool highContrast = false, float scale = 1.0f);

// Must be called between ImGui::NewFrame() and ImGui::Render().
OverlayActions drawOverlay(const OverlayState& state, const Fonts& fonts);

// The font of the stadsdelen's names on the map (smaller on phones).
ImFont* stadsdeelFont(const Fonts& fonts, glm::ivec2 viewport);
// Stadsdelen always; wijk names once zoomed in, never overlapping. Behind the panels.
// Returns where each stadsdeel's name was drawn ("stadsdeel:<name>", x, y, w, h), for tests
// that check no panel covers one.
std::vector<std::pair<std::string, glm::vec4>> drawMapLabels(const OverlayState& state,
                                                             const Fonts& fonts);

} // namespace almere::ui
