#include "ui/widgets.hpp"

#include <algorithm>

namespace almere::ui {

void endPanel(OverlayActions& actions) {
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    actions.panels.push_back({pos.x, pos.y, size.x, size.y});
    ImGui::End();
}

float maxPanelWidth(const OverlayState& s) {
    return std::max(200.0f, s.viewport.x - 2 * kMargin);
}

void panelText(const OverlayState& s, const char* text, bool disabled) {
    const float pad = ImGui::GetStyle().WindowPadding.x;
    ImGui::PushTextWrapPos(maxPanelWidth(s) - 2 * pad);
    if (disabled)
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextUnformatted(text);
    if (disabled) ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

void sameLineIfFits(const OverlayState& s, const char* nextLabel) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float next = ImGui::CalcTextSize(nextLabel).x + 2 * style.FramePadding.x;
    const float right = ImGui::GetItemRectMax().x + style.ItemSpacing.x + next;
    if (right <= ImGui::GetWindowPos().x + maxPanelWidth(s) - style.WindowPadding.x)
        ImGui::SameLine();
}

bool button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool pressed = ImGui::Button(label, ImVec2(0, kTouchTarget));
    ImGui::PopStyleColor();
    return pressed;
}

void textWrapped(const char* text, float width) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

} // namespace almere::ui
