#include "ui/keyboard_nav.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace almere::ui {
namespace {

// The panels shown in the last frame that hold controls, in reading order.
std::vector<ImGuiWindow*> panelsInOrder() {
    ImGuiContext& g = *GImGui;
    std::vector<ImGuiWindow*> out;
    for (ImGuiWindow* w : g.Windows)
        if (w->WasActive && !w->Hidden && w->RootWindow == w &&
            !(w->Flags & (ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoNavInputs)) &&
            !(w->Flags & ImGuiWindowFlags_Tooltip))
            out.push_back(w);
    std::stable_sort(out.begin(), out.end(), [](const ImGuiWindow* a, const ImGuiWindow* b) {
        const float ay = std::round(a->Pos.y / 8), by = std::round(b->Pos.y / 8);
        return ay != by ? ay < by : a->Pos.x < b->Pos.x;
    });
    return out;
}

bool shown(const ImGuiWindow* w) {
    return w && w->WasActive && !w->Hidden;
}

// Puts the focus ring on the first control of `w` (resolved while its controls are submitted).
void enter(ImGuiWindow* w) {
    ImGuiContext& g = *GImGui;
    ImGui::FocusWindow(w);
    ImGui::NavInitWindow(w, true);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
}

} // namespace

bool KeyboardNav::controlsFocused() const {
    if (!ImGui::GetCurrentContext()) return false;
    const ImGuiContext& g = *GImGui;
    return (shown(g.NavWindow) && !g.NavDisableHighlight) || entering_;
}

bool KeyboardNav::tab(int direction) {
    ImGuiContext& g = *GImGui;
    pendingTab_ = direction;
    if (!controlsFocused() || g.NavId == 0) {
        waitFrames_ = 0; // beforePanels() shows the ring (again) instead of moving
        return false;
    }
    tabFrom_ = g.NavId;
    waitFrames_ = 3; // the move, a wrap to the next row, and its result: three frames in 1.86
    return true;
}

void KeyboardNav::escape() {
    ImGuiContext& g = *GImGui;
    g.NavDisableHighlight = true;
    pendingTab_ = 0;
    entering_ = false;
}

void KeyboardNav::beforePanels() {
    ImGuiContext& g = *GImGui;
    entering_ = false;
    const std::vector<ImGuiWindow*> panels = panelsInOrder();
    if (panels.empty()) return;
    const bool ringShown = !g.NavDisableHighlight && shown(g.NavWindow);
    // The panel with the focus went away (a step of "Geef je mening" replaced the map's
    // panels): the focus goes to the first panel now shown, as a page moves focus to a dialog.
    if (!g.NavDisableHighlight && g.NavWindow && !shown(g.NavWindow)) {
        enter(panels.front());
        entering_ = true;
        pendingTab_ = 0;
        return;
    }
    // The control with the focus went away (the next step in the same panel): its first one.
    if (ringShown && g.NavId != 0 && !focusDrawn_ && waitFrames_ == 0) {
        enter(g.NavWindow);
        entering_ = true;
        return;
    }
    if (pendingTab_ == 0) return;
    if (waitFrames_ == 0) {
        // From the map: back to the control that had the focus, or the first panel's first.
        if (shown(g.NavWindow) && g.NavId != 0) {
            g.NavDisableHighlight = false;
            g.NavDisableMouseHover = true;
        } else {
            enter(pendingTab_ > 0 ? panels.front() : panels.back());
            entering_ = true;
        }
        pendingTab_ = 0;
        return;
    }
    if (--waitFrames_ > 0) return;
    if (g.NavId == tabFrom_) {
        // Past the last control of this panel: on to the next panel (or back to the previous).
        auto it = std::find(panels.begin(), panels.end(), g.NavWindow);
        long i = it == panels.end() ? -1 : long(it - panels.begin());
        const long n = long(panels.size());
        i = ((i + pendingTab_) % n + n) % n;
        enter(panels[size_t(i)]);
        entering_ = true;
    }
    pendingTab_ = 0;
}

void KeyboardNav::afterRender() {
    focusDrawn_ = GImGui->NavIdIsAlive;
}

} // namespace almere::ui
