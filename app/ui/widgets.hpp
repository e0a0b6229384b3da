#pragma once
// Building blocks shared by the overlay's panels: touch-sized buttons, text that wraps within
// the screen, and the bookkeeping that keeps map gestures off the panels.
#include "ui/overlay.hpp"

#include <imgui.h>

namespace almere::ui {

// At least 9 mm on a kiosk screen (~34 px at 96 dpi) and on a phone (CSS px): 52 logical px;
// with the reading help's larger text, a button's text and padding need more (66 px).
constexpr float kMinTouchTarget = 52.0f;
inline float touchTarget() {
    return ImGui::GetFrameHeight() > kMinTouchTarget ? ImGui::GetFrameHeight() : kMinTouchTarget;
}
constexpr float kMargin = 16.0f;
constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoDecoration |
                                    ImGuiWindowFlags_AlwaysAutoResize |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoFocusOnAppearing;
// Panels without controls: the keyboard's Tab passes them by (ui/keyboard_nav).
constexpr ImGuiWindowFlags kTextPanel = kPanel | ImGuiWindowFlags_NoNav;

// "12 reacties: 3 goed of heel goed, 5 neutraal, 4 slecht of heel slecht" (counts only).
void ratingLine(const Strings& t, const RatingCount& c);
// Records the last drawn control under `name` in actions.targets.
void target(OverlayActions& actions, const std::string& name);
// Ends the current panel, recording its rectangle in actions.panels.
void endPanel(OverlayActions& actions);
// Panels never grow wider than the screen allows (phones held upright are ~360 px wide).
float maxPanelWidth(const OverlayState& s);
// Text wrapped at the panel's widest allowed content width.
void panelText(const OverlayState& s, const char* text, bool disabled = false);
// Keeps the next button on the current row only if it still fits within the panel width
// (maxWidth, or maxPanelWidth when 0).
void sameLineIfFits(const OverlayState& s, const char* nextLabel, float maxWidth = 0);
// A touch-sized button with white text on the button colour.
bool button(const char* label);
void textWrapped(const char* text, float width);
ImVec4 toColor(Rgb c, float alpha = 1.0f);
// A switch with a tick box: filled in `color` when on, white with a coloured edge when off.
bool toggleButton(const char* label, Rgb color, bool on, float width);

// Opens a panel centred on the screen, at most maxWidth wide, headed by `title` in the title
// font. Returns the panel's width. Close with endPanel.
float beginCentredPanel(const OverlayState& s, const Fonts& fonts, const char* id, float maxWidth,
                        const char* title);
// Opens a card at the left: from `top` down on wide screens, along the bottom when top < 0.
// Close with endPanel.
void beginLeftCard(const OverlayState& s, const char* id, float top, float maxWidth);

} // namespace almere::ui
