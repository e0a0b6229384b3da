#pragma once
// The plans: a switch per plan in its colour, the timeline in the document's phases, and the
// plan card with the vision's own words and source.
#include "ui/overlay.hpp"

namespace almere::ui {

// Top right (under the title on narrow screens, from `top` down).
void drawPlansPanel(const OverlayState& s, const Fonts& fonts, float top, OverlayActions& actions);
// What the plan is, a quote, its source and ambitions, and the map disclaimer. Left, from `top`
// down (wide screens), or along the bottom (narrow screens: top < 0).
void drawPlanCard(const OverlayState& s, const Fonts& fonts, float top, OverlayActions& actions);

// The legend of the switched-on themes: each item's colour, what it is, and the source.
void drawThemeLegend(const OverlayState& s, float top, OverlayActions& actions);

// The vision's city-wide goals, each with its source, in the middle of the screen.
void drawGoals(const OverlayState& s, const Fonts& fonts, OverlayActions& actions);

// The today | later divider: a line with a handle to drag, and what each side shows.
void drawCompareDivider(const OverlayState& s, const Fonts& fonts, OverlayActions& actions);

} // namespace almere::ui
