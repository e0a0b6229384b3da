#include "ui/theme.hpp"

#include "core/contrast.hpp"

namespace almere::ui {

namespace {

Theme makeOrdinary() {
    // The colours the viewer had before issue 10, gathered here; only the secondary text
    // (ImGui's light grey #999, 2.8:1) and the hovered buttons were too light for AA.
    Theme t;
    t.panel = {255, 255, 255};
    t.panelAlpha = 0.93f;
    t.text = {20, 31, 41};
    t.textDisabled = {92, 100, 110};
    t.button = {0, 92, 158};
    t.buttonHovered = {13, 115, 191};
    t.buttonActive = {0, 71, 128};
    t.buttonText = {255, 255, 255};
    t.accent = {204, 77, 13};
    t.accentHovered = {170, 62, 10};
    t.accentActive = {166, 61, 10};
    t.link = {0, 82, 145};
    t.choice = {230, 237, 245};
    t.error = {191, 26, 26};
    t.border = {110, 120, 130};
    t.borderSize = 0;
    t.focusRing = {20, 31, 41};
    t.placeLabel = {20, 40, 70};
    t.wijkLabel = {40, 48, 56};
    t.labelHalo = {255, 255, 255};
    t.haloWidth = 1.5f;
    return t;
}

Theme makeHighContrast() {
    // Black text on opaque white, dark blue buttons with white text, black edges on every panel
    // and control, a black focus ring, map labels in black on a wide solid yellow halo.
    Theme t;
    t.panel = {255, 255, 255};
    t.panelAlpha = 1.0f;
    t.text = {0, 0, 0};
    t.textDisabled = {40, 40, 40};
    t.button = {0, 0, 110};
    t.buttonHovered = {0, 0, 150};
    t.buttonActive = {0, 0, 0};
    t.buttonText = {255, 255, 255};
    t.accent = {120, 30, 0};
    t.accentHovered = {150, 40, 0};
    t.accentActive = {0, 0, 0};
    t.link = {0, 0, 150};
    t.choice = {255, 255, 255}; // white with the black edge all controls get
    t.error = {160, 0, 0};
    t.border = {0, 0, 0};
    t.borderSize = 2.0f;
    t.focusRing = {0, 0, 0};
    t.placeLabel = {0, 0, 0};
    t.wijkLabel = {0, 0, 0};
    t.labelHalo = {255, 255, 0};
    t.haloWidth = 2.5f;
    return t;
}

} // namespace

const Theme& ordinaryTheme() {
    static const Theme theme = makeOrdinary();
    return theme;
}

const Theme& highContrastTheme() {
    static const Theme theme = makeHighContrast();
    return theme;
}

namespace {
const Theme* g_current = nullptr;
} // namespace

const Theme& currentTheme() {
    return g_current ? *g_current : ordinaryTheme();
}

void setCurrentTheme(bool highContrast) {
    g_current = &themeFor(highContrast);
}

Colour readableFill(Colour fill, Colour text) {
    for (int i = 0; i < 40 && contrastRatio(fill, text) < kMinTextContrast; ++i)
        fill = Colour(fill.r * 0.92f, fill.g * 0.92f, fill.b * 0.92f);
    return fill;
}

std::vector<ColourPair> colourPairs(const Theme& t) {
    return {
        {"text on panel", t.text, t.panel, false},
        {"secondary text on panel", t.textDisabled, t.panel, false},
        {"link on panel", t.link, t.panel, false},
        {"error on panel", t.error, t.panel, false},
        {"text on a choice not chosen", t.text, t.choice, false},
        {"button text on button", t.buttonText, t.button, false},
        {"button text on hovered button", t.buttonText, t.buttonHovered, false},
        {"button text on pressed button", t.buttonText, t.buttonActive, false},
        {"button text on accent", t.buttonText, t.accent, false},
        {"button text on hovered accent", t.buttonText, t.accentHovered, false},
        {"button text on pressed accent", t.buttonText, t.accentActive, false},
        {"stadsdeel label on halo", t.placeLabel, t.labelHalo, false},
        {"wijk label on halo", t.wijkLabel, t.labelHalo, false},
        {"focus ring on panel", t.focusRing, t.panel, true},
        {"button edge on panel", t.button, t.panel, true},
    };
}

} // namespace almere::ui
