#pragma once
// The viewer as an object with init / frame / shutdown, so the native loop and the browser's
// requestAnimationFrame drive the same code.
#include "core/camera.hpp"
#include "core/city_model.hpp"
#include "core/gestures.hpp"
#include "core/plan_state.hpp"
#include "core/strings.hpp"
#include "platform/window.hpp"
#include "render/city_renderer.hpp"
#include "ui/fonts.hpp"

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
    std::string planState;            // e.g. "plans=pampus;phase=2050" (PlanState::encode)
    int planCard = -1;                // start with this plan's card open
    std::optional<CameraPose> camera; // start pose instead of the overview (tests, screenshots)
    LayerVisibility layers;
};

struct FrameStats {
    double firstFrameMs = 0;
    std::string startup; // "phase ms, ..." for the startup log line
    std::vector<double> frameMs;
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
    std::string planStateText() const { return planState_ ? planState_->encode() : ""; }

  private:
    bool loadCity();
    bool loadPlans();
    void addMassing();
    void loadLanguage(const std::string& code);
    bool handleEvents(); // true if any input or window event arrived
    void applyGestures();
    void render();
    void finishFrame();
    glm::ivec2 viewport() const;

    AppOptions options_;
    std::unique_ptr<platform::Window> window_;
    std::unique_ptr<CityModel> city_;
    std::unique_ptr<CityRenderer> renderer_;
    std::unique_ptr<OrbitCamera> camera_;
    std::unique_ptr<PlanCatalog> plans_;
    std::unique_ptr<PlanState> planState_;
    int planCard_ = -1;
    std::optional<bool> plansOpen_; // unset: open on large screens, folded on small ones
    GestureTracker gestures_;
    Strings strings_;
    ui::Fonts fonts_;
    std::vector<uint8_t> fontRegular_, fontBold_;
    std::vector<glm::vec4> panels_;
    std::string error_;
    int selected_ = -1;
    bool creditsOpen_ = false;
    bool goalsOpen_ = false;
    bool massingPending_ = false;
    bool quit_ = false;
    int exitCode_ = 0;
    uint64_t frameCount_ = 0;
    uint64_t startTicks_ = 0, lastTicks_ = 0;
    double redrawUntil_ = 0; // seconds; keep drawing a little after input for UI feedback
    int redrawFrames_ = 0;   // ... and at least this many more frames, however slow they are
    FrameStats stats_;
};

} // namespace almere
