#pragma once
// A scripted visitor for the kiosk (tests and the soak benchmark, issue 11): taps named controls
// and types through SDL's own event queue, so the App handles them exactly as a resident's
// touches, then checks what it sees. One command a line, '#' starts a comment:
//
//   tap NAME            press and release the control drawn as NAME (App::targets)
//   tap-at FX FY        ... at a point given as fractions of the screen (0.5 0.5: the middle)
//   tap-seen NAME       ... where NAME was last drawn, even if it is not on the screen now
//   press-at FX FY S    press at a point given as fractions of the screen, hold S seconds, let
//                       go (the staff panel's long press: press-at 0.99 0.02 3.3)
//   type TEXT           the rest of the line as typed text (a hardware keyboard's text input)
//   wait SECONDS        let the kiosk run untouched
//   wait-attract        until the attract screen shows (at most two minutes)
//   expect-step NAME    the "Geef je mening" step: closed, subject, pin, where, rating, comment,
//                       background, consent or thanks; stops the script with an error otherwise
//   expect-comment TEXT the comment typed so far (empty: "expect-comment" alone)
//   expect-attract 0|1  whether the attract screen shows
//   expect-selected X   the wijk chosen on the map: a code, "any", or none (nothing after it)
//   screenshot          write --screenshot after the next frame and quit
//
// --soak-script runs the script again and again (each run is one visit) for --minutes and
// prints the kiosk's resident memory, open file handles and frame times (bench/kiosk_soak.sh).
#include <string>

namespace almere {

class App;

struct VisitorScriptOptions {
    std::string path;
    bool soak = false;   // repeat for `minutes`, printing numbers as JSON lines
    double minutes = 30; // soak only
};

// Runs the app's main loop under the script. The exit code: 0 when the script ran to its end
// (or the app quit), 1 when a step failed or the script cannot be read.
int runVisitorScript(App& app, const VisitorScriptOptions& options);

} // namespace almere
