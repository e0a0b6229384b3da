#include "viewer/attract_mode.hpp"

#include "core/attract_tour.hpp"
#include "core/camera.hpp"
#include "core/city_model.hpp"
#include "core/interface_glyphs.hpp"
#include "core/plan_state.hpp"
#include "core/plans.hpp"
#include "core/staff_access.hpp"
#include "platform/files.hpp"
#include "platform/host.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <imgui.h>

namespace almere {
namespace {

// The tour moves slowly: 15 frames a second look smooth enough and leave the processor (and a
// fanless kiosk's heat) mostly idle between visitors.
constexpr double kTourFrameSeconds = 1.0 / 15.0;
constexpr float kMessageSize = 64.0f; // logical pixels: readable from a few metres away

ImVec4 colour(ui::Colour c, float alpha = 1.0f) {
    return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha);
}

// "Tik om te beginnen" in a language's own file (assets/lang), "" when it has none.
std::string startText(const std::string& code) {
    std::string text;
    if (!platform::readFile(platform::assetRoot() + "/lang/" + code + ".json", text)) return "";
    auto parsed = Strings::parse({"assets/lang/" + code + ".json", text});
    if (!parsed || !parsed.value().forInterface()) return "";
    const std::string* line = parsed.value().find("attract.start");
    return line ? *line : "";
}

class KioskAttract final : public AttractMode {
  public:
    explicit KioskAttract(const AttractOptions& options) : options_(options) {
        // The start language large, English beneath it (Dutch beneath an English kiosk).
        const std::string second = options.language == "en" ? "nl" : "en";
        lines_.push_back(startText(options.language.empty() ? "nl" : options.language));
        lines_.push_back(startText(second));
        lines_.erase(std::remove(lines_.begin(), lines_.end(), std::string()), lines_.end());
        if (options.startShown) state_ = State::showing;
    }

    void start(const ViewAccess& view) override {
        if (state_ == State::showing) return;
        state_ = State::showing;
        tourStart_ = -1;
        lastDrawn_ = -1;
        startPlans_ = view.planState ? view.planState->encode() : "";
    }

    bool active() const override { return state_ != State::off; }
    bool showing() const override { return state_ == State::showing; }

    bool consume(const SDL_Event& e, const ViewAccess& view, glm::ivec2 viewport) override {
        if (state_ == State::off) return false;
        // The window's own events (quit, resize, focus) still reach the viewer.
        if (e.type == SDL_QUIT || e.type == SDL_WINDOWEVENT) return false;
        // Staff's long press in the corner: the tour ends and the press goes on to the panel.
        const bool corner =
            (e.type == SDL_MOUSEBUTTONDOWN &&
             StaffAccess::inCorner(e.button.x, e.button.y, viewport.x)) ||
            (e.type == SDL_FINGERDOWN &&
             StaffAccess::inCorner(e.tfinger.x * viewport.x, e.tfinger.y * viewport.y, viewport.x));
        if (state_ == State::showing && corner) {
            stop(view);
            state_ = State::off;
            return false;
        }
        const bool press = e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_FINGERDOWN ||
                           e.type == SDL_KEYDOWN || e.type == SDL_MOUSEWHEEL;
        const bool release = e.type == SDL_MOUSEBUTTONUP || e.type == SDL_FINGERUP ||
                             e.type == SDL_KEYUP || e.type == SDL_MOUSEWHEEL;
        if (state_ == State::showing && press) {
            stop(view);
            state_ = State::releasing;
        }
        if (state_ == State::releasing && release) released_ = true;
        return true;
    }

    void afterEvents() override {
        if (state_ == State::releasing && released_) state_ = State::off;
        released_ = false;
    }

    bool update(const ViewAccess& view, double now) override {
        if (state_ != State::showing) return true;
        if (tourStart_ < 0) {
            tourStart_ = now;
            if (startPlans_.empty() && view.planState) startPlans_ = view.planState->encode();
        }
        const bool frozen = options_.demoSeconds >= 0;
        const double seconds = frozen ? options_.demoSeconds : now - tourStart_;
        // Reduced motion: a still start view with the message, nothing drifting or growing.
        if (!options_.reducedMotion && view.plans && view.planState && view.camera) {
            const AttractFrame f =
                attractTourAt(seconds, view.plans->plans.size(), view.plans->phases.size());
            for (size_t i = 0; i < view.plans->plans.size(); ++i)
                view.planState->setEnabled(i, int(i) == f.plan);
            view.planState->dragTime(f.time);
            // Around the middle of the city (the start view looks a little east of it, beside
            // the plans panel that the attract screen does not show), a little closer in.
            CameraPose goal = view.camera->home();
            goal.yaw += f.yaw;
            if (view.city) {
                // Looking at a point on the near side of the middle lifts the city above the
                // message, whichever way the camera faces.
                const glm::dvec2 lo = view.city->landMin, hi = view.city->landMax;
                const glm::dvec2 forward(std::sin(goal.yaw), -std::cos(goal.yaw));
                goal.target =
                    glm::dvec2((lo.x + hi.x) * 0.5, -(lo.y + hi.y) * 0.5) - forward * 2500.0;
                goal.distance *= 0.8;
            }
            view.camera->setGoal(goal);
        }
        // Still (reduced motion): a frame a second is plenty, for a screen that does not move.
        const double interval = options_.reducedMotion ? 1.0 : kTourFrameSeconds;
        if (frozen || lastDrawn_ < 0 || now - lastDrawn_ >= interval) {
            lastDrawn_ = now;
            return true;
        }
        return false;
    }

    double secondsToNextFrame(double now) const override {
        const double interval = options_.reducedMotion ? 1.0 : kTourFrameSeconds;
        return std::max(0.0, lastDrawn_ + interval - now);
    }

    ui::OverlayActions draw(const ui::OverlayState& s, const ui::Fonts& fonts) override {
        ui::OverlayActions actions;
        const ui::Theme& theme = ui::currentTheme();
        const ImVec2 vp(float(s.viewport.x), float(s.viewport.y));
        // The whole screen is the attract screen's: a touch anywhere belongs to it.
        actions.panels.push_back(glm::vec4(0, 0, vp.x, vp.y));
        const float width = std::min(vp.x - 2 * ui::kMargin, 900.0f);
        ImGui::SetNextWindowPos(ImVec2(vp.x * 0.5f, vp.y - 3 * ui::kMargin), ImGuiCond_Always,
                                ImVec2(0.5f, 1.0f));
        ImGui::SetNextWindowSize(ImVec2(width, 0));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, colour(theme.accent));
        ImGui::PushStyleColor(ImGuiCol_Text, colour(theme.buttonText));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(32, 24));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 16);
        ImGui::Begin("##attract", nullptr, ui::kTextPanel | ImGuiWindowFlags_NoInputs);
        for (size_t i = 0; i < lines_.size(); ++i) {
            ImFont* font = i == 0 && message_ ? message_ : fonts.title;
            ImGui::PushFont(font);
            // Centred; a phone-narrow screen wraps a long translation instead of cutting it.
            const float textWidth = ImGui::CalcTextSize(lines_[i].c_str()).x;
            const float inner = ImGui::GetContentRegionAvail().x;
            if (textWidth < inner)
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (inner - textWidth) * 0.5f);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(lines_[i].c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopFont();
        }
        ImGui::End();
        ImGui::PopStyleVar(2);
        ImGui::PopStyleColor(2);
        drawPlanName(s, fonts, theme);
        return actions;
    }

    void addFont(const std::vector<uint8_t>& bold, float pixelRatio) override {
        message_ = nullptr;
        if (bold.size() < 12) return;
        void* owned = IM_ALLOC(bold.size()); // ImGui frees it with the atlas
        std::copy(bold.begin(), bold.end(), static_cast<uint8_t*>(owned));
        ImFontConfig config;
        config.OversampleH = 1;
        const float ratio = pixelRatio > 0.5f ? pixelRatio : 1.0f;
        static_assert(sizeof(ImWchar) == sizeof(uint16_t), "ImGui's glyph ranges are 16-bit");
        message_ = ImGui::GetIO().Fonts->AddFontFromMemoryTTF(
            owned, int(bold.size()), kMessageSize * ratio, &config,
            reinterpret_cast<const ImWchar*>(kInterfaceGlyphRanges));
    }

  private:
    enum class State { off, showing, releasing };

    void stop(const ViewAccess& view) {
        // Back to the start view; the viewer eases there (or jumps, with reduced motion).
        if (view.camera) view.camera->reset();
        if (view.planState && !startPlans_.empty()) view.planState->decode(startPlans_);
    }

    // Which plan grows now and the year it reached, top left, in the start language.
    void drawPlanName(const ui::OverlayState& s, const ui::Fonts& fonts, const ui::Theme& theme) {
        if (!s.plans || !s.planState || !s.strings || options_.reducedMotion) return;
        int plan = -1;
        for (size_t i = 0; i < s.plans->plans.size(); ++i)
            if (s.planState->enabled(i)) plan = int(i);
        if (plan < 0 || size_t(s.planState->phase()) >= s.plans->phases.size()) return;
        const Strings& t = *s.strings;
        const std::string title = t(("plan." + s.plans->plans[size_t(plan)].id + ".title").c_str());
        const std::string phase =
            t(("phase." + s.plans->phases[size_t(s.planState->phase())].id + ".label").c_str());
        ImGui::SetNextWindowPos(ImVec2(ui::kMargin, ui::kMargin));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, colour(theme.panel, theme.panelAlpha));
        ImGui::Begin("##attract-plan", nullptr,
                     ui::kTextPanel | ImGuiWindowFlags_NoInputs |
                         ImGuiWindowFlags_AlwaysAutoResize);
        ImGui::PushFont(fonts.title);
        ImGui::TextUnformatted(t("title"));
        ImGui::PopFont();
        ImGui::Text("%s: %s", title.c_str(), phase.c_str());
        ImGui::End();
        ImGui::PopStyleColor();
    }

    AttractOptions options_;
    std::vector<std::string> lines_;
    ImFont* message_ = nullptr;
    State state_ = State::off;
    bool released_ = false;
    double tourStart_ = -1, lastDrawn_ = -1;
    std::string startPlans_;
};

} // namespace

std::unique_ptr<AttractMode> makeAttractMode(const AttractOptions& options) {
    if (!options.enabled) return nullptr;
    return std::make_unique<KioskAttract>(options);
}

} // namespace almere
