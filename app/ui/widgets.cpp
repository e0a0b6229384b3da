#include "ui/widgets.hpp"

#include "ui/theme.hpp"

#include <algorithm>
#include <cfloat>
#include <imgui_internal.h>

namespace almere::ui {

void ratingLine(const Strings& t, const RatingCount& c) {
    const int good = c.ratings[3] + c.ratings[4], bad = c.ratings[0] + c.ratings[1];
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("%d %s: %d %s, %d %s, %d %s", c.count, t("reactions.count"), good,
                t("reactions.good"), c.ratings[2], t("reactions.neutral"), bad, t("reactions.bad"));
    ImGui::PopTextWrapPos();
}

void target(OverlayActions& actions, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    actions.targets.push_back({name, glm::vec4(a.x, a.y, b.x - a.x, b.y - a.y)});
    if (ImGui::IsItemFocused() && !GImGui->NavDisableHighlight) actions.focusedTarget = name;
}

void endPanel(OverlayActions& actions) {
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    actions.panels.push_back({pos.x, pos.y, size.x, size.y});
    // The right arrow past a row's last control goes on to the next row.
    ImGui::NavMoveRequestTryWrapping(ImGui::GetCurrentWindow(), ImGuiNavMoveFlags_WrapX);
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

void sameLineIfFits(const OverlayState& s, const char* nextLabel, float maxWidth) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float next = ImGui::CalcTextSize(nextLabel).x + 2 * style.FramePadding.x;
    const float right = ImGui::GetItemRectMax().x + style.ItemSpacing.x + next;
    const float width = maxWidth > 0 ? maxWidth : maxPanelWidth(s);
    if (right <= ImGui::GetWindowPos().x + width - style.WindowPadding.x) ImGui::SameLine();
}

bool button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Text, toColor(currentTheme().buttonText));
    const bool pressed = ImGui::Button(label, ImVec2(0, touchTarget()));
    ImGui::PopStyleColor();
    return pressed;
}

void textWrapped(const char* text, float width) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

// Never taller than `room` (a plan card or a step of "Geef je mening" on a phone, or with larger
// text): the rest scrolls, with a scrollbar to show that it does, so the panel's buttons can
// always be reached.
static void beginScrollingPanel(const char* id, float room) {
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, std::max(room, 120.0f)));
    ImGui::Begin(id, nullptr,
                 kPanel & ~(ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoScrollbar));
    // A finger drags the text (Dear ImGui 1.86 scrolls by wheel, scrollbar and keyboard focus).
    if (ImGui::GetScrollMaxY() > 0 && ImGui::IsWindowHovered() &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left) && !ImGui::IsAnyItemActive())
        ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
}

float beginCentredPanel(const OverlayState& s, const Fonts& fonts, const char* id, float maxWidth,
                        const char* title) {
    const float width = std::min(maxWidth, maxPanelWidth(s));
    ImGui::SetNextWindowPos(ImVec2(s.viewport.x * 0.5f, s.viewport.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    beginScrollingPanel(id, s.viewport.y - 2 * kMargin);
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
    beginScrollingPanel(id, s.viewport.y - (top >= 0 ? top + kMargin : 2 * kMargin));
}

ImVec4 toColor(Rgb c, float alpha) {
    return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha);
}

bool toggleButton(const char* label, Rgb color, bool on, float width) {
    // High contrast: a plan's lighter colours are darkened under the white text.
    if (on && currentTheme().panelAlpha >= 1)
        color = readableFill(color, currentTheme().buttonText);
    ImGui::PushStyleColor(ImGuiCol_Button, on ? toColor(color) : ImVec4(1, 1, 1, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, toColor(color, on ? 0.9f : 0.25f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, toColor(color, 0.7f));
    ImGui::PushStyleColor(ImGuiCol_Text,
                          toColor(on ? currentTheme().buttonText : currentTheme().text));
    ImGui::PushStyleColor(ImGuiCol_Border, toColor(color));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 3.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(52, 12));
    const bool pressed = ImGui::Button(label, ImVec2(width, touchTarget()));
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(5);
    // A tick box drawn by hand: the font carries no check-mark glyph.
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 r = ImGui::GetItemRectMin();
    const float y = r.y + touchTarget() * 0.5f;
    const ImVec2 a(r.x + 16, y - 11), b(r.x + 38, y + 11);
    list->AddRectFilled(a, b, IM_COL32(255, 255, 255, 255), 4.0f);
    list->AddRect(a, b, ImGui::GetColorU32(toColor(color)), 4.0f, 0, 2.0f);
    if (on) {
        const ImVec2 tick[3] = {ImVec2(a.x + 5, y), ImVec2(a.x + 10, y + 6),
                                ImVec2(b.x - 4, y - 7)};
        list->AddPolyline(tick, 3, ImGui::GetColorU32(toColor(color)), 0, 3.5f);
    }
    return pressed;
}

} // namespace almere::ui
