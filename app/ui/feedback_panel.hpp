#pragma once
// "Geef je mening": one panel per step of the FeedbackFlow (what it is about, a pin on the map,
// the rating with faces and words, the comment on the app's own keyboard, optional background,
// consent, thanks), each with back and stop; and the pin drawn on the map.
#include "ui/overlay.hpp"

namespace almere::ui {

// The current step's panel: centred, except the pin step, which leaves the map free.
void drawFeedback(const OverlayState& s, const Fonts& fonts, OverlayActions& actions);

// The pin of the reaction being given, standing on the map where it was dropped.
void drawFeedbackPin(const OverlayState& s);

} // namespace almere::ui
