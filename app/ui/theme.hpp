#pragma once
// The interface's colours, both themes, in one place (issue 10): the ordinary theme and the
// high-contrast one of the reading help. Panels, buttons, map labels and the focus ring read
// their colours from here; tests/unit/test_theme.cpp checks every text/background pair against
// WCAG 2.x (core/contrast). No ImGui here, so the test needs no window.
#include <glm/vec3.hpp>

#include <vector>

namespace almere::ui {

using Colour = glm::u8vec3;

struct Theme {
    Colour panel;         // panel background
    float panelAlpha = 1; // the map shows through a little (ordinary theme only)
    Colour text;          // text on a panel
    Colour textDisabled;  // secondary text on a panel (wijk code, hints)
    Colour button;        // ordinary button; text on it is buttonText
    Colour buttonHovered; // hover is never needed: the same pairs hold for it
    Colour buttonActive;  // pressed
    Colour buttonText;    // text on every button colour
    Colour accent;        // "Geef je mening": the way in, in a colour of its own
    Colour accentHovered; // ...
    Colour accentActive;  // ...
    Colour link;          // a link-like text on a panel
    Colour choice;        // a choice or timeline step not chosen; its text is `text`
    Colour error;         // an error message on a panel
    Colour border;        // panel and control edges (non-text)
    float borderSize = 0; // 0: no edges (ordinary); high contrast draws them
    Colour focusRing;     // keyboard focus, against the panel (non-text)
    Colour placeLabel;    // stadsdeel names on the map, on their halo
    Colour wijkLabel;     // wijk names on the map, on their halo
    Colour labelHalo;     // the halo behind map labels (their effective background)
    float haloWidth = 1;  // pixels
};

const Theme& ordinaryTheme();
const Theme& highContrastTheme();
inline const Theme& themeFor(bool highContrast) {
    return highContrast ? highContrastTheme() : ordinaryTheme();
}

// The theme the panels draw with now (set by applyStyle).
const Theme& currentTheme();
void setCurrentTheme(bool highContrast);

// `fill` darkened, if need be, until `text` on it reaches 4.5:1 (a plan's own colour as a
// switch's fill in the high-contrast theme).
Colour readableFill(Colour fill, Colour text);

// Every foreground/background pair a theme draws, for the contrast test.
struct ColourPair {
    const char* what;
    Colour foreground, background;
    bool largeOrNonText; // 3:1 suffices: large text (bold titles) or a non-text part
};
std::vector<ColourPair> colourPairs(const Theme& theme);

} // namespace almere::ui
