#pragma once
// Every panel control by keyboard (WCAG 2.1.1, 2.4.3, 2.4.7), on Dear ImGui 1.86's keyboard
// navigation. 1.86 moves between controls with the arrows only (by position on screen) and
// tabs between text fields only, so Tab is done here: the controls in the order they were
// drawn (reading order), panel after panel, top to bottom and left to right. The arrows still
// move by position, Space (and Enter, app/viewer) presses. Escape hides the focus ring and gives
// the keys back to the map; Tab brings it back where it was.
namespace almere::ui {

class KeyboardNav {
  public:
    // After ImGui::CreateContext(): keyboard navigation on, and the item hook that lists controls.
    static void enable();

    // True while a control shows the focus ring: the arrows, Space and Enter are for it.
    bool controlsFocused() const;
    void tab(int direction); // Tab (+1) or Shift+Tab (-1), applied at the next beforePanels()
    void escape();           // back to the map

    // Right after ImGui::NewFrame(): Tab, and the focus following panels that appeared or
    // went away.
    void beforePanels();
    // Right after ImGui::Render(): notes whether the focused control was drawn.
    void afterRender();

  private:
    int pendingTab_ = 0;
    bool entering_ = false; // the ring is being put on a control (shown from the next frame)
    unsigned lost_ = 0;     // the control with the focus, not drawn in the last frame
};

} // namespace almere::ui
