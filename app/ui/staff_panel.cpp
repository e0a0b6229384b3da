#include "ui/staff_panel.hpp"

#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace almere::ui {
namespace {

constexpr float kPadKey = 88; // number pad keys: well over 9 mm on a kiosk screen
constexpr ImGuiWindowFlags kScreen =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove;

// The whole screen, opaque: nothing of the visitor's view shows beside the staff's numbers.
void beginScreen(const char* id, glm::ivec2 viewport) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(float(viewport.x), float(viewport.y)));
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, toColor(currentTheme().panel));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(32, 24));
    ImGui::Begin(id, nullptr, kScreen);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void endScreen(glm::ivec2 viewport, std::vector<glm::vec4>& panels) {
    ImGui::End();
    panels.push_back({0, 0, float(viewport.x), float(viewport.y)});
}

void title(const Fonts& fonts, const char* text) {
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void record(std::vector<std::pair<std::string, glm::vec4>>& targets, const std::string& name) {
    const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
    targets.push_back({name, {min.x, min.y, size.x, size.y}});
}

bool sizedButton(const char* label, ImVec2 size) {
    ImGui::PushStyleColor(ImGuiCol_Text, toColor(currentTheme().buttonText));
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor();
    return pressed;
}

void coloured(Colour colour, const std::string& text, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, toColor(colour));
    textWrapped(text.c_str(), width);
    ImGui::PopStyleColor();
}

// A number and what it counts, in the title font: read at a glance from a step away.
void countLine(const Fonts& fonts, size_t count, const char* what) {
    ImGui::PushFont(fonts.title);
    ImGui::Text("%zu %s", count, what);
    ImGui::PopFont();
}

} // namespace

StaffPanelInput drawStaffPin(const StaffPinView& view, const Fonts& fonts, glm::ivec2 viewport,
                             std::vector<glm::vec4>& panels,
                             std::vector<std::pair<std::string, glm::vec4>>& targets) {
    StaffPanelInput in;
    beginScreen("##staff-pin", viewport);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float padWidth = 3 * kPadKey + 2 * gap;
    const float left = std::max(32.0f, (float(viewport.x) - padWidth) * 0.5f);
    ImGui::SetCursorPosX(left);
    title(fonts, "Beheer: pincode");
    ImGui::SetCursorPosX(left);
    textWrapped(view.lockedSeconds > 0 ? "Drie keer een verkeerde pincode."
                                       : "Voor medewerkers. Typ de pincode van deze kiosk.",
                padWidth);
    // The typed digits as dots, never as digits.
    ImGui::SetCursorPosX(left);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < 8; ++i) {
        const ImVec2 centre(at.x + 14 + float(i) * 34, at.y + 18);
        if (i < view.typed)
            draw->AddCircleFilled(centre, 10, ImGui::GetColorU32(toColor(currentTheme().text)));
        else if (i < std::max<size_t>(view.typed + 1, 4))
            draw->AddCircle(centre, 10, ImGui::GetColorU32(toColor(currentTheme().textDisabled)), 0,
                            2);
    }
    ImGui::Dummy(ImVec2(padWidth, 40));
    ImGui::SetCursorPosX(left);
    if (view.lockedSeconds > 0)
        coloured(currentTheme().error,
                 "Wacht nog " + std::to_string(view.lockedSeconds) + " seconden.", padWidth);
    else if (view.wrong)
        coloured(currentTheme().error, "Verkeerde pincode. Probeer het opnieuw.", padWidth);
    else
        ImGui::TextUnformatted(" ");
    ImGui::BeginDisabled(view.lockedSeconds > 0);
    static const char* const keys[] = {"1", "2", "3", "4",      "5", "6",
                                       "7", "8", "9", "Wissen", "0", "OK"};
    for (int i = 0; i < 12; ++i) {
        if (i % 3 == 0)
            ImGui::SetCursorPosX(left);
        else
            ImGui::SameLine();
        if (sizedButton(keys[i], ImVec2(kPadKey, kPadKey * 0.8f))) {
            if (i == 9)
                in.erase = true;
            else if (i == 11)
                in.confirm = true;
            else
                in.digit = keys[i][0];
        }
        record(targets, std::string("staff:key:") + keys[i]);
    }
    ImGui::EndDisabled();
    ImGui::Dummy(ImVec2(0, 8));
    ImGui::SetCursorPosX(left);
    if (sizedButton("Sluiten", ImVec2(padWidth, touchTarget()))) in.close = true;
    record(targets, "staff:close");
    endScreen(viewport, panels);
    return in;
}

StaffPanelInput drawStaffStatus(const StaffStatusView& view, const Fonts& fonts,
                                glm::ivec2 viewport, std::vector<glm::vec4>& panels,
                                std::vector<std::pair<std::string, glm::vec4>>& targets) {
    StaffPanelInput in;
    const Theme& theme = currentTheme();
    beginScreen("##staff-status", viewport);
    const float width = float(viewport.x) - 64;
    // Two columns: how the outbox stands on the left, the USB export on the right.
    const float column = std::min(560.0f, (width - 32) * 0.5f);
    title(fonts, "Beheer: reacties op deze kiosk");
    if (!view.clockWarning.empty()) {
        // First and in the error colour: a wrong clock dates every reaction wrongly.
        ImGui::Dummy(ImVec2(0, 4));
        coloured(theme.error, view.clockWarning, width);
    }
    ImGui::Dummy(ImVec2(0, 8));
    const float top = ImGui::GetCursorPosY();
    if (!view.readError.empty()) coloured(theme.error, view.readError, column);
    countLine(fonts, view.waiting, "wachten op verzending");
    countLine(fonts, view.delivered, "afgeleverd bij de server");
    countLine(fonts, view.refused, "geweigerd door de server");
    if (view.refused > 0)
        coloured(theme.textDisabled, "Bewaard, niet opnieuw verstuurd. De laatste:", column);
    for (const std::string& line : view.refusedLines)
        coloured(theme.textDisabled, line, column);
    ImGui::Dummy(ImVec2(0, 8));
    textWrapped(("Laatst gelukt contact met de server: " + view.lastSync).c_str(), column);
    coloured(view.serverOk ? theme.text : theme.error, "Server: " + view.server, column);
    ImGui::Dummy(ImVec2(0, 8));
    if (button("Nu versturen")) in.sendNow = true;
    record(targets, "staff:send-now");
    ImGui::SameLine();
    if (button("Sluiten")) in.close = true;
    record(targets, "staff:close");

    const float right = ImGui::GetStyle().WindowPadding.x + column + 32;
    ImGui::SetCursorPos(ImVec2(right, top));
    ImGui::BeginGroup();
    title(fonts, "Exporteren naar USB-stick");
    textWrapped("Alle reacties van deze kiosk als CSV en JSON, voor het participatieteam.", column);
    if (view.folders.empty()) {
        coloured(theme.textDisabled,
                 "Geen USB-stick gevonden. Steek er een in en wacht een paar seconden.", column);
    } else {
        for (size_t i = 0; i < view.folders.size(); ++i) {
            const bool chosen = int(i) == view.folder;
            if (toggleButton(view.folders[i].c_str(), theme.button, chosen, column))
                in.chooseFolder = int(i);
            record(targets, "staff:folder:" + std::to_string(i));
        }
        if (button("Exporteren naar USB-stick")) in.exportNow = true;
        record(targets, "staff:export");
    }
    if (!view.exportMessage.empty())
        coloured(view.exportFailed ? theme.error : theme.text, view.exportMessage, column);
    ImGui::EndGroup();
    endScreen(viewport, panels);
    return in;
}

} // namespace almere::ui
