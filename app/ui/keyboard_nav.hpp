#pragma once
// Every panel control by keyboard (WCAG 2.1.1, 2.4.3, 2.4.7), on Dear ImGui 1.86's keyboard
// navigation. 1.86 moves between controls with the arrows only and tabs between text fields,
// so Tab here is a move to the right that wraps to the next row (reading order), and past a
// panel's last control it goes on to the next panel, top to bottom, left to right. Escape
// hides the focus ring and gives the keys back to the map; Tab brings it back where it was.
namespace almere::ui {

class KeyboardNav {
  public:
    // True while a control shows the focus ring: the arrows, Space and Enter are for it.
    bool controlsFocused() const;
    // Tab (+1) or Shift+Tab (-1), pressed before this frame. Returns whether ImGui should see it
    // as an arrow (false: the focus ring appears first, with nothing moved).
    bool tab(int direction);
    void escape(); // back to the map

    // Right after ImGui::NewFrame(): the focus follows panels that appeared or went away.
    void beforePanels();
    // Right after ImGui::Render(): notes whether the focused control was drawn.
    void afterRender();

  private:
    int pendingTab_ = 0;   // a Tab still to be applied, or whose move is being waited for
    unsigned tabFrom_ = 0; // the control a Tab started from
    int waitFrames_ = 0;   // frames until a Tab's move must have arrived
    bool entering_ = false;
    bool focusDrawn_ = true; // the control with the focus was drawn in the last frame
};

} // namespace almere::ui
