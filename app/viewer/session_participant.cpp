// A participant's view of a Burgerberaad session (issue 9): the map follows the facilitator's
// view (plans, camera, wijk) until the participant looks around themselves; then one large
// button brings them back. On the web the page hands each state over (almere_session_state);
// natively (`--join CODE --server URL`, for testing) the SessionLink fetches it. Nothing else is
// drawn over the map: the page's question sheet covers the lower part of the phone's screen.
#include "core/camera.hpp"
#include "core/city_model.hpp"
#include "core/plan_state.hpp"
#include "core/session_live.hpp"
#include "platform/session_link.hpp"
#include "ui/widgets.hpp"
#include "viewer/session_mode.hpp"

#include <algorithm>
#include <cstdio>

namespace almere {

SessionView currentView(const ViewAccess& view) {
    SessionView out;
    if (view.planState) out.planState = view.planState->encode();
    if (view.camera) out.camera = view.camera->goal();
    if (view.city && view.selectedWijk && *view.selectedWijk >= 0 &&
        size_t(*view.selectedWijk) < view.city->wijken.size())
        out.wijk = view.city->wijken[size_t(*view.selectedWijk)].code;
    return out;
}

void applyView(const ViewAccess& view, const SessionView& target) {
    // "" is the agenda's "everything off, today".
    if (view.planState)
        view.planState->decode(target.planState.empty() ? "plans=;phase=nu" : target.planState);
    if (view.camera && target.camera) view.camera->setGoal(*target.camera);
    if (view.city && view.selectedWijk)
        *view.selectedWijk = target.wijk.empty() ? -1 : view.city->findWijk(target.wijk);
}

namespace {

class ParticipantMode final : public SessionMode {
  public:
    explicit ParticipantMode(const SessionOptions& options) {
        if (!options.demoJson.empty()) {
            // {"state": {...}}, shown as if the page had handed it over (screenshots).
            show(parseSessionState(options.demoJson, "state"));
            stopAfterDemo_ = options.demoLookedAround;
            return;
        }
        if (!options.serverUrl.empty() && !options.code.empty()) {
            link_ = platform::openSessionLink({options.serverUrl, ""});
            link_->watch(options.code);
        }
    }

    bool update(const ViewAccess& view, double) override {
        std::string text;
        if (link_ && link_->takeState(text)) receiveState(text);
        bool changed = false;
        if (pending_) {
            applyView(view, *pending_);
            pending_.reset();
            changed = true;
        }
        if (std::exchange(stopAfterDemo_, false)) userMoved();
        return changed || std::exchange(redraw_, false);
    }

    void receiveState(const std::string& json) override { show(parseSessionState(json)); }

    void show(const Result<SessionLiveState>& parsed) {
        if (!parsed) {
            std::fprintf(stderr, "almere2050: ignoring a session state: %s\n",
                         parsed.error().c_str());
            return;
        }
        if (auto view = follower_.onState(parsed.value())) pending_ = *view;
        redraw_ = true;
    }

    void userMoved() override {
        if (follower_.following()) redraw_ = true;
        follower_.stop();
    }

    bool following() const override { return follower_.following(); }

    ui::OverlayActions draw(const ui::OverlayState& s, const ui::Fonts& fonts,
                            const ViewAccess&) override {
        ui::OverlayActions actions;
        if (follower_.following()) return actions;
        // At the top: the page's question sheet takes the lower part of a phone's screen.
        const float width = std::min(s.viewport.x - 2 * ui::kMargin, 460.0f);
        ImGui::SetNextWindowPos(ImVec2(s.viewport.x * 0.5f, ui::kMargin), ImGuiCond_Always,
                                ImVec2(0.5f, 0));
        ImGui::SetNextWindowBgAlpha(0.0f);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::Begin("##session_back", nullptr, ui::kPanel);
        ImGui::PushFont(fonts.title);
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.80f, 0.30f, 0.05f, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.88f, 0.38f, 0.10f, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.65f, 0.24f, 0.04f, 1));
        if (ImGui::Button(s.strings ? (*s.strings)("session.back") : "back",
                          ImVec2(width, 60.0f))) {
            if (auto view = follower_.resume()) pending_ = *view;
            redraw_ = true;
        }
        ui::target(actions, "session.back");
        ImGui::PopStyleColor(4);
        ImGui::PopFont();
        ui::endPanel(actions);
        ImGui::PopStyleVar();
        return actions;
    }

  private:
    std::unique_ptr<platform::SessionLink> link_;
    SessionFollower follower_;
    std::optional<SessionView> pending_; // to apply in the next update (it needs the view)
    bool redraw_ = false;
    bool stopAfterDemo_ = false;
};

} // namespace

std::unique_ptr<SessionMode> makeParticipantMode(const SessionOptions& options) {
    return std::make_unique<ParticipantMode>(options);
}

} // namespace almere
