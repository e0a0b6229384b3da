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

float beginCentredPanel(const OverlayState& s, const Fonts& fonts, const char* id, float maxWidth,
                        const char* title) {
    const float width = std::min(maxWidth, maxPanelWidth(s));
    ImGui::SetNextWindowPos(ImVec2(s.viewport.x * 0.5f, s.viewport.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::Begin(id, nullptr, kPanel & ~ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    return width;
}

void beginLeftCard(const OverlayState& s, const char* id, float top, float maxWidth) {
    if (top >= 0)
        ImGui::SetNextWindowPos(ImVec2(kMargin, top));
    else
        ImGui::SetNextWindowPos(ImVec2(kMargin, s.viewport.y - kMargin), ImGuiCond_Always,
                                ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(std::min(maxWidth, maxPanelWidth(s)), 0));
    ImGui::Begin(id, nullptr, kPanel & ~ImGuiWindowFlags_AlwaysAutoResize);
}

} // namespace almere::ui
