#pragma once
// How staff open the kiosk's staff panel (issue 11), and how a resident never does by chance:
// a press of at least three seconds in the screen's top-right corner (a 60 x 60 px zone that
// draws nothing and ignores short taps), then the PIN from the kiosk's own configuration on a
// drawn number pad. Three wrong PINs lock the pad for 30 s. The panel closes itself after 60 s
// without a touch and when the kiosk starts over. Without a configured PIN it never opens.
//
// Times are seconds on any steady clock; positions are logical pixels from the top left.
#include <string>

namespace almere {

enum class StaffScreen { Closed, Pin, Status };

class StaffAccess {
  public:
    static constexpr double kCornerPx = 60;
    static constexpr double kHoldSeconds = 3;
    static constexpr double kIdleSeconds = 60;
    static constexpr double kLockSeconds = 30;
    static constexpr int kTries = 3;

    // `pin`: 4 to 8 digits, or "" (then the panel cannot open); anything else counts as "".
    explicit StaffAccess(std::string pin = "");
    static bool isUsablePin(const std::string& pin);
    // The corner zone of a screen `width` wide, where the long press starts.
    static bool inCorner(double x, double y, double width);

    bool enabled() const { return !pin_.empty(); }
    StaffScreen screen() const { return screen_; }
    bool open() const { return screen_ != StaffScreen::Closed; }

    // A finger or the mouse. A press counts only when it starts in the corner of a screen
    // `width` wide and stays there; moving out or letting go early ends it, and does nothing.
    void pointerDown(double x, double y, double width, double now);
    void pointerMoved(double x, double y, double width);
    void pointerUp();
    // Each frame: opens the PIN pad once a press has lasted kHoldSeconds, closes after
    // kIdleSeconds untouched. True when the screen changed.
    bool update(double now);
    // Seconds until the press in progress opens the pad (< 0: no press in the corner).
    double pressLeft(double now) const;

    // The number pad (while screen() is Pin).
    void digit(char d, double now);
    void erase(double now);
    // True when the PIN was right (the status screen opens); a wrong one empties the pad.
    bool confirm(double now);
    const std::string& typed() const { return typed_; }
    double lockedFor(double now) const; // seconds left of a lockout, 0 when none
    int wrongTries() const { return wrong_; }

    void touched(double now) { lastTouch_ = now; } // any input while open
    void close();

  private:
    std::string pin_;
    StaffScreen screen_ = StaffScreen::Closed;
    bool pressing_ = false;
    double pressStart_ = 0;
    double lastTouch_ = 0;
    std::string typed_;
    int wrong_ = 0;
    double lockedUntil_ = -1;
};

} // namespace almere
