#include "ui/keyboard_nav.hpp"

// Dear ImGui's item hook (IMGUI_ENABLE_TEST_ENGINE, set for imgui.cpp in app/CMakeLists) lists
// the controls of each frame in the order they are drawn: that is the Tab order.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

struct Control {
    ImGuiWindow* window; // the (child) window it is in
    ImGuiID id;
    ImRect rect;
};
std::vector<Control> g_drawing, g_drawn; // this frame's controls, the last frame's

} // namespace

// Declared in imgui_internal.h under IMGUI_ENABLE_TEST_ENGINE, which only imgui.cpp sees.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id);
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID, const char*, ImGuiItemStatusFlags);
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...);
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID);

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    ImGuiContext& g = *ctx;
    if (g.LastItemData.InFlags & (ImGuiItemFlags_NoNav | ImGuiItemFlags_Disabled)) return;
    ImGuiWindow* w = g.CurrentWindow;
    // Not ImGui's implicit "Debug" window, never shown here (it holds no panel of ours).
    if (!w || w->RootWindow->IsFallbackWindow ||
        (w->RootWindow->Flags & (ImGuiWindowFlags_NoNav | ImGuiWindowFlags_Tooltip)))
        return;
    g_drawing.push_back({w, id, bb});
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID, const char*, ImGuiItemStatusFlags) {}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}

namespace almere::ui {
namespace {

// The last frame's controls: panel after panel in reading order, each in drawing order.
std::vector<Control> tabOrder() {
    std::vector<Control> out = g_drawn;
    std::stable_sort(out.begin(), out.end(), [](const Control& a, const Control& b) {
        const ImGuiWindow* ra = a.window->RootWindow;
        const ImGuiWindow* rb = b.window->RootWindow;
        if (ra == rb) return false;
        const float ay = std::round(ra->Pos.y / 8), by = std::round(rb->Pos.y / 8);
        return ay != by ? ay < by : ra->Pos.x < rb->Pos.x;
    });
    return out;
}

bool shown(const ImGuiWindow* w) {
    return w && w->WasActive && !w->Hidden;
}

void focus(const Control& c) {
    ImGuiContext& g = *GImGui;
    ImGui::FocusWindow(c.window);
    ImGui::SetNavID(c.id, ImGuiNavLayer_Main, 0, ImGui::WindowRectAbsToRel(c.window, c.rect));
    ImGui::ScrollToBringRectIntoView(c.window, c.rect);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
}

// The first control of the panel `root` (or of the first panel when it has none).
bool focusFirstIn(const std::vector<Control>& order, const ImGuiWindow* root) {
    for (const Control& c : order)
        if (c.window->RootWindow == root) {
            focus(c);
            return true;
        }
    if (order.empty()) return false;
    focus(order.front());
    return true;
}

} // namespace

void KeyboardNav::enable() {
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    GImGui->TestEngineHookItems = true;
}

bool KeyboardNav::controlsFocused() const {
    if (!ImGui::GetCurrentContext()) return false;
    const ImGuiContext& g = *GImGui;
    return (shown(g.NavWindow) && !g.NavDisableHighlight) || entering_;
}

void KeyboardNav::tab(int direction) {
    pendingTab_ = direction;
}

void KeyboardNav::escape() {
    GImGui->NavDisableHighlight = true;
    pendingTab_ = 0;
    entering_ = false;
}

void KeyboardNav::beforePanels() {
    ImGuiContext& g = *GImGui;
    entering_ = false;
    const std::vector<Control> order = tabOrder();
    const int tab = pendingTab_;
    pendingTab_ = 0;
    if (order.empty()) return;
    const bool ringShown = !g.NavDisableHighlight && g.NavWindow != nullptr;
    // The panel with the focus went away (a step of "Geef je mening" replaced the map's
    // panels), or its focused control did (the next step in the same panel): the focus goes to
    // the first control now shown there, as a page moves focus into a dialog.
    if (ringShown && tab == 0) {
        if (!shown(g.NavWindow->RootWindow))
            entering_ = focusFirstIn(order, nullptr);
        else if (lost_ != 0 && g.NavId == lost_)
            entering_ = focusFirstIn(order, g.NavWindow->RootWindow);
        return;
    }
    if (tab == 0) return;
    const auto at =
        std::find_if(order.begin(), order.end(), [&](const Control& c) { return c.id == g.NavId; });
    if (at == order.end()) {
        // From the map, with no control to come back to: the first control, or the last.
        focus(tab > 0 ? order.front() : order.back());
    } else if (!ringShown) {
        focus(*at); // from the map: back to the control that had the focus
    } else {
        const long n = long(order.size());
        const long i = ((long(at - order.begin()) + tab) % n + n) % n;
        focus(order[size_t(i)]);
    }
    entering_ = true;
}

void KeyboardNav::afterRender() {
    const ImGuiContext& g = *GImGui;
    lost_ = g.NavId != 0 && !g.NavIdIsAlive ? g.NavId : 0;
    g_drawn.swap(g_drawing);
    g_drawing.clear();
}

} // namespace almere::ui
