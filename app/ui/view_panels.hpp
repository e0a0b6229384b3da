#pragma once
// Issue 10's small panels around the view: the reading help's two switches, the kiosk's
// "Deel deze weergave" QR code, and the embed's attribution line (the credits are a licence
// duty, so an embed keeps a short line that opens them).
#include "ui/overlay.hpp"

namespace almere::ui {

// Below the title panel (from `top` down), or along the bottom on narrow screens.
void drawReadingPanel(const OverlayState& s, const Fonts& fonts, float top,
                      OverlayActions& actions);
// Centred: the link as a QR code with "Scan om thuis verder te kijken".
void drawSharePanel(const OverlayState& s, const Fonts& fonts, OverlayActions& actions);
// Bottom right, always: the sources in brief; pressing it opens the full credits.
void drawAttributionLine(const OverlayState& s, OverlayActions& actions);

} // namespace almere::ui
