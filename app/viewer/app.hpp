#pragma once
// The viewer as an object with init / frame / shutdown, so the native loop and the browser's
// requestAnimationFrame drive the same code.
#include "core/announcer.hpp"
#include "core/camera.hpp"
#include "core/city_model.hpp"
#include "core/feedback_flow.hpp"
#include "core/feedback_summary.hpp"
#include "core/gestures.hpp"
#include "core/plan_state.hpp"
#include "core/strings.hpp"
#include "core/view_link.hpp"
#include "platform/feedback_sink.hpp"
#include "platform/window.hpp"
#include "render/city_renderer.hpp"
#include "ui/fonts.hpp"
#include "ui/keyboard_nav.hpp"
#include "ui/overlay.hpp"
#include "ui/session_qr.hpp"
#include "viewer/attract_mode.hpp"
#include "viewer/kiosk_staff.hpp"
#include "viewer/real_buildings.hpp"
#include "viewer/session_mode.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace almere {

struct AppOptions {
    platform::WindowOptions window;
    std::string language = "nl";
    std::string screenshotPath; // write a PNG after `frames` frames and quit
    int frames = 3;
    int benchFrames = 0;              // > 0: orbit for this many frames, print timings, quit
    std::string selectWijk;           // start with this wijk selected (tests)
    bool showCredits = false;         // start with the credits screen open (tests, screenshots)
    bool showGoals = false;           // start with the city-wide goals open
    bool showLanguages = false;       // start with the language choice open
    std::string planState;            // e.g. "plans=pampus;phase=2050" (PlanState::encode)
    int planCard = -1;                // start with this plan's card open
    std::optional<CameraPose> camera; // start pose instead of the overview (tests, screenshots)
    // Real buildings (issue 12): this baked tiles folder (with its index.bin) instead of
    // almere.buildings beside the city's .glb (tests).
    std::string buildingsFile;
    LayerVisibility layers;
    platform::FeedbackConfig feedback; // where reactions are kept and sent
    std::string channel = "kiosk";     // recorded with each reaction: "kiosk" or "web"
    // An unattended kiosk forgets a half-given reaction after this long without a touch
    // (0: never, as in the browser).
    double feedbackIdleSeconds = 0;
    std::string summaryJson; // start with this as the server's summary (tests, screenshots)
    bool showReactions = false;
    // Open "Geef je mening" at a step with example answers (tests, screenshots): subject,
    // ambition, pin, rating, comment, background, consent or thanks.
    std::string feedbackDemo;
    SessionOptions session; // a Burgerberaad session: facilitator or participant (issue 9)
    StaffOptions staff;     // the kiosk staff panel (issue 11); no PIN: none
    ReadingHelp reading;    // start with larger text and/or high contrast (--large-text ...)
    // A link's view (core/view_link text, from the page's "#v=" fragment): opened exactly,
    // without the start animation. Parts that do not fit this content pack are ignored.
    std::string viewLink;
    // Where "Deel deze weergave" links point (the page's address; the kiosk's --share-url);
    // "": no share button.
    std::string shareBase;
    bool embed = false;     // ?embed=1: inside another page's iframe
    bool showShare = false; // start with the share panel open (tests, screenshots)
    // prefers-reduced-motion (the page) or --reduced-motion: the camera and the plans jump to
    // where they are going instead of easing and growing there.
    bool reducedMotion = false;
    // --plan-mask (tests): the frame ends black with only the areas of the plans that are on
    // lit, in the very same view (panels and all are laid out first, then covered).
    bool planMask = false;
    AttractOptions attract; // the kiosk's tour between visitors (--attract)
};

struct FrameStats {
    double firstFrameMs = 0;
    std::string startup; // "phase ms, ..." for the startup log line
    std::vector<double> frameMs;
    // Processor time of the whole process (every renderer thread) in the timed frames: on a
    // machine shared with other work it varies far less than the frames' wall-clock time.
    double cpuMs = 0;
};

class App {
  public:
    bool init(const AppOptions& options);
    bool frame(); // false when the app wants to quit
    void shutdown();

    int exitCode() const { return exitCode_; }
    const std::string& error() const { return error_; }
    std::string selectedCode() const;
    // Logical-pixel position of a wijk's label point, for tests driving taps.
    std::optional<glm::dvec2> screenPositionOf(const std::string& code) const;
    uint64_t frameCount() const { return frameCount_; }
    // Where a named control was drawn in the last frame (x, y, w, h in logical pixels).
    std::optional<glm::vec4> targetRect(const std::string& name) const;
    // Every named control, panel ("panel:N") and stadsdeel name ("stadsdeel:NAME") drawn.
    const std::vector<std::pair<std::string, glm::vec4>>& targets() const { return targets_; }
    std::string planStateText() const { return planState_ ? planState_->encode() : ""; }
    // The step of "Geef je mening" (0 = closed, see FeedbackStep) and reactions not yet sent.
    int feedbackStep() const { return int(feedback_.step()); }
    size_t feedbackPending() const { return sink_ ? sink_->pending() : 0; }
    // A session state handed over by the page (web participant); ignored without a session.
    void sessionState(const std::string& json);
    // The view shown now as session view text (core/session_view), and whether it follows.
    std::string sessionViewText();
    bool sessionFollowing() const { return session_ && session_->following(); }
    // The view as a link's text (core/view_link): view, language, reading help.
    std::string viewLinkText();
    const ReadingHelp& readingHelp() const { return reading_; }
    // The browser's comment field: its text as typed; returns the comment as accepted (the
    // limit and the character rules are FeedbackFlow's).
    const std::string& replaceComment(const std::string& utf8);
    // The named control with the keyboard's focus ring ("" when the keys steer the map).
    const std::string& focusedTarget() const { return focusedTarget_; }
    // The camera or the plans are still on their way (easing, growing).
    // The attract screen is up (kiosk, after the start-over) and the comment being typed.
    bool attractShowing() const { return attract_ && attract_->showing(); }
    const std::string& feedbackComment() const { return feedback_.comment(); }
    // With --screenshot: write it after the next frame drawn and quit (visitor scripts).
    void screenshotAfterNextFrame() { options_.frames = int(frameCount_) + 1; }
    bool animating() const {
        return (camera_ && camera_->isMoving()) || (planState_ && planState_->animating());
    }

  private:
    bool loadCity();
    bool loadPlans();
    void loadFeedback();
    void applyFeedback(const ui::FeedbackInput& in);
    void submitFeedback();
    void showFeedbackDemo(const std::string& step);
    void refreshSummary();
    void startOver(); // the kiosk, untouched for a while, returns to how it began
    void addMassing();
    void loadRealBuildings();   // the optional almere.buildings/ index, before the massing
    void useRealIndex();        // its coverage into the city, once settled
    void updateRealBuildings(); // each frame: the tiles the view needs
    enum class LanguageFile { shown, missing, broken };
    LanguageFile loadLanguage(const std::string& code); // missing: not (yet) in the assets
    void showLanguage(const std::string& code, bool atStart = false);
    void findLanguages();    // the interface languages among the form's (content, not code)
    void openViewLink();     // startLink_, once the plans are loaded
    ViewLink currentLink();  // the view, language and reading help shown now
    void applyReadingHelp(); // fonts and colours for reading_
    void publishView(double seconds);
    void shareView();                      // the share button: copy (browser) or QR code (kiosk)
    bool handleEvents();                   // true if any input or window event arrived
    bool routeKey(const SDL_Event& event); // true when Dear ImGui has had it or must not
    void applyGestures(double dt);
    void applyKeyboardCamera(double dt);
    void chooseAtCentre(); // Enter on the map: the wijk (or the pin) in the middle
    // A tap or Enter at `local` (in `wijk`, or -1): a reaction's pin, its wijk, or a selection.
    void chooseOnMap(glm::dvec2 local, int wijk);
    // The wijk drawn as chosen: the selection, or the wijk a reaction is about while asked.
    int shownWijk() const;
    void announceChanges(double seconds);
    void placeCommentField();
    void fitHomeToPanels();   // once the panels' places are known
    glm::ivec2 fittedFor_{0}; // the viewport the start view was last fitted to
    void render();
    void finishFrame();
    glm::ivec2 viewport() const;
    ViewAccess viewAccess();

    AppOptions options_;
    std::unique_ptr<platform::Window> window_;
    std::unique_ptr<CityModel> city_;
    std::unique_ptr<CityRenderer> renderer_;
    std::unique_ptr<RealBuildings> realBuildings_; // tiles of real buildings, per area
    uint64_t cityFingerprint_ = 0; // of almere.glb: the tiles must have been baked with it
    std::unique_ptr<OrbitCamera> camera_;
    std::unique_ptr<PlanCatalog> plans_;
    std::unique_ptr<PlanState> planState_;
    FeedbackFlow feedback_;
    std::unique_ptr<ReactionRules> form_; // null when reactions cannot be given
    std::unique_ptr<platform::FeedbackSink> sink_;
    std::unique_ptr<SessionMode> session_; // null outside a session
    std::unique_ptr<KioskStaff> staff_;    // null without a PIN and on the web; after sink_
    std::unique_ptr<AttractMode> attract_; // null but on kiosks with --attract
    std::string feedbackError_;
    std::string sinkError_;   // why there is no sink
    std::string summaryText_; // the server's last summary body, as parsed into summary_
    double nextSummaryCheckMs_ = 0;
    std::unique_ptr<FeedbackSummary> summary_;
    bool showReactions_ = false;
    bool startedOver_ = false; // no input since the last start-over
    std::string startLanguage_;
    std::string wantedLanguage_; // the last one asked for, perhaps still on its way
    double lastInput_ = 0;       // seconds; the kiosk's half-given reaction times out from here
    int planCard_ = -1;
    std::optional<bool> plansOpen_; // unset: open on large screens, folded on small ones
    GestureTracker gestures_;
    Strings strings_;
    ui::Fonts fonts_;
    std::vector<uint8_t> fontRegular_, fontBold_;
    std::vector<glm::vec4> panels_;
    std::vector<std::pair<std::string, glm::vec4>> targets_;
    std::string error_;
    int selected_ = -1;
    bool creditsOpen_ = false;
    std::vector<ui::LanguageChoice> languages_;
    bool languagesOpen_ = false;
    bool goalsOpen_ = false;
    bool massingPending_ = false;
    ReadingHelp reading_;
    ReadingHelp startReading_;
    std::optional<ViewLink> startLink_; // the link the page was opened with, read once
    bool readingOpen_ = false;
    bool menuOpen_ = false;
    bool fontsDirty_ = false; // the font atlas is rebuilt before the next frame
    std::string shareUrl_;    // the kiosk's QR panel is open for this link
    ui::QrModules shareQr_;
    std::string publishedLink_;
    double nextPublish_ = 0;
    bool quit_ = false;
    int exitCode_ = 0;
    uint64_t frameCount_ = 0;
    uint64_t startTicks_ = 0, lastTicks_ = 0;
    double redrawUntil_ = 0; // seconds; keep drawing a little after input for UI feedback
    int redrawFrames_ = 0;   // ... and at least this many more frames, however slow they are
    FrameStats stats_;
    ui::KeyboardNav keyNav_;
    bool keyboardUser_ = false;
    std::vector<SDL_Event> deferredKeyUps_; // a key let go in the frame it went down
    Announcer announcer_;
    std::string focusedTarget_;
    bool commentFieldOpen_ = false;
    std::string commentFieldShown_; // text and place last handed to the browser's field
};

} // namespace almere
