#pragma once
// A link that opens a view (issue 10): the page's URL carries what a resident sees, so that a
// shared link, or a kiosk's QR code carried home, opens exactly that view.
//
//   https://almere2050.example/#v=plans=pampus;phase=2050;camera=-4200,600,9000,0,55;lang=en;read=large
//
// The text is a session view (core/session_view: plans, phase, themes, camera, wijk) with the
// language and the reading help added. It lives in the fragment: never sent to the server, and
// changing it does not reload the page. Parsed like hostile input: anybody can write a link.
#include "core/session_view.hpp"

#include <string>

namespace almere {

// Reading help (issue 10): kept for the visit, reset by the kiosk's start-over.
struct ReadingHelp {
    bool largeText = false;    // text about 150 %
    bool highContrast = false; // the high-contrast colour table (ui/theme)
    bool operator==(const ReadingHelp& o) const {
        return largeText == o.largeText && highContrast == o.highContrast;
    }
};

struct ViewLink {
    SessionView view;
    std::string language; // "" = the page's default
    ReadingHelp reading;
};

// At most this many characters after "#v=" (a session view's 400 and a little).
constexpr size_t kMaxViewLinkChars = 440;

// "plans=..;phase=..;camera=..;wijk=..;lang=en;read=large,contrast" (parts left out when unset).
std::string encodeViewLink(const ViewLink& link);

// False (out unchanged) for text it does not understand; see decodeSessionView. A language is
// two or three lower-case letters (whether the app has it is the app's question).
bool decodeViewLink(const std::string& text, ViewLink& out);

// The fragment of a page address ("#v=..." or "v=...", percent-escapes allowed) to a view;
// false when there is no view in it or it does not decode.
bool viewLinkFromFragment(const std::string& fragment, ViewLink& out);

// "BASE#v=TEXT" with BASE's own fragment, if any, replaced.
std::string viewLinkUrl(const std::string& base, const ViewLink& link);

} // namespace almere
