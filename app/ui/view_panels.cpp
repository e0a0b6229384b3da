#include "ui/view_panels.hpp"

#include "ui/session_qr.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <imgui.h>

namespace almere::ui {

void drawReadingPanel(const OverlayState& s, const Fonts& fonts, float top,
                      OverlayActions& actions) {
    const Strings& t = *s.strings;
    const bool narrow = s.viewport.x < 760;
    beginLeftCard(s, "##reading", narrow ? -1.0f : top, 440.0f);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted(t("reading.title"));
    ImGui::PopFont();
    const float width = ImGui::GetContentRegionAvail().x;
    const Colour switchColour = currentTheme().button;
    if (toggleButton(t("reading.large"), switchColour, s.reading.largeText, width))
        actions.toggleLargeText = true;
    target(actions, "reading.large");
    if (toggleButton(t("reading.contrast"), switchColour, s.reading.highContrast, width))
        actions.toggleHighContrast = true;
    target(actions, "reading.contrast");
    if (button(t("close"))) actions.toggleReadingPanel = true;
    endPanel(actions);
}

void drawSharePanel(const OverlayState& s, const Fonts& fonts, OverlayActions& actions) {
    const Strings& t = *s.strings;
    // The code as large as the screen allows, at least 6 px a module for a phone camera.
    const float codeSide = std::min(420.0f, std::min(s.viewport.x, s.viewport.y) * 0.55f);
    // Opaque: the buttons behind must not show through beside the code.
    ImGui::SetNextWindowBgAlpha(1.0f);
    const float width = beginCentredPanel(s, fonts, "##share", codeSide + 80, t("share.title"));
    textWrapped(t("share.scan"), width - 32);
    const QrModules& qr = *s.shareQr;
    const float module = std::max(2.0f, codeSide / float(qr.size + 2 * kQrQuietZone));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float side = qrSide(qr, module);
    const float left = at.x + std::max(0.0f, (width - 32 - side) * 0.5f);
    drawQr(ImGui::GetWindowDrawList(), qr, ImVec2(left, at.y), module);
    ImGui::Dummy(ImVec2(width - 32, side));
    ImGui::PushStyleColor(ImGuiCol_Text, toColor(currentTheme().textDisabled));
    textWrapped(s.shareUrl.c_str(), width - 32);
    ImGui::PopStyleColor();
    if (button(t("close"))) actions.closeShare = true;
    target(actions, "share.close");
    endPanel(actions);
}

void drawAttributionLine(const OverlayState& s, OverlayActions& actions) {
    const Strings& t = *s.strings;
    ImGui::SetNextWindowPos(ImVec2(s.viewport.x - kMargin * 0.5f, s.viewport.y - kMargin * 0.5f),
                            ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(maxPanelWidth(s), FLT_MAX));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
    ImGui::Begin("##attribution", nullptr, kPanel);
    // A plain text-like button: small, but still a full touch target in height.
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, toColor(currentTheme().panel));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, toColor(currentTheme().panel));
    ImGui::PushStyleColor(ImGuiCol_Text, toColor(currentTheme().link));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 4));
    if (ImGui::Button(t("embed.attribution"), ImVec2(0, touchTarget()))) actions.openCredits = true;
    target(actions, "embed.attribution");
    // Underlined, as links are.
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float y = (a.y + b.y) * 0.5f + ImGui::GetTextLineHeight() * 0.5f;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x + 10, y), ImVec2(b.x - 10, y),
                                        ImGui::GetColorU32(toColor(currentTheme().link)), 1.0f);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    endPanel(actions);
    ImGui::PopStyleVar();
}

} // namespace almere::ui
