#pragma once
// The facilitator's screen of a Burgerberaad session (issue 9), for a projector: the join code
// and its QR code, the agenda with its controls, proposals to approve, and the results as
// charts drawn here (bars with faces for ratings, bars for choices, statements by agreement,
// pins as count badges per wijk on the map). It reads plain data and returns what the
// facilitator pressed; it owns nothing and sends nothing.
#include "core/session_agenda.hpp"
#include "core/session_live.hpp"
#include "core/session_paper.hpp"
#include "ui/overlay.hpp"
#include "ui/session_qr.hpp"

#include <string>
#include <vector>

namespace almere::ui {

struct FacilitatorScreen {
    const Agenda* agenda = nullptr;                           // null until known
    const SessionLiveState* live = nullptr;                   // null until the session exists
    const SessionResults* results = nullptr;                  // the current round's, once fetched
    const std::vector<SessionStatement>* proposals = nullptr; // the facilitator's list
    const PaperDraft* paper = nullptr;                        // the current round's, if any
    bool paperOpen = false; // the paper-ballot rows are shown (folded: one switch)
    const QrModules* qr = nullptr;
    std::string joinUrl;        // <server>/s/CODE
    ImFont* codeFont = nullptr; // large capitals and digits for the join code
    bool connected = true;
    std::string error; // the last refusal or failure, shown until the next success
    std::string language = "nl";
};

struct FacilitatorInput {
    int goToRound = -1; // previous / next: open this round with its view
    bool open = false, close = false, showResults = false, hideResults = false;
    bool toggleFollow = false;
    std::string approve, reject;        // a proposal's id
    int paperSlot = -1, paperDelta = 0; // a paper stepper: which answer, -1 or +1
    bool paperSave = false;
    bool paperToggle = false; // fold or unfold the paper-ballot rows
};

FacilitatorInput drawFacilitator(const OverlayState& s, const Fonts& fonts,
                                 const FacilitatorScreen& f, OverlayActions& actions);

// "nl" or "en" text of agenda content.
const std::string& localText(const LocalText& text, const std::string& language);

} // namespace almere::ui
