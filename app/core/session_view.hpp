#pragma once
// The view a facilitator shows a Burgerberaad session (issue 9) as one line of text: what the
// participants' 3D views follow, what each answer records, what an agenda round starts from.
//
//   "plans=pampus;phase=2050;camera=-4200,600,9000,0,55;wijk=WK003496"
//
// The plan part is PlanState::encode()'s text (plans, phase, themes, compare); "camera" is
// east,north (metres, local RD), distance (m), yaw and pitch (degrees), as in an agenda; "wijk"
// is the selected wijk. Parsed like hostile input: the text arrives from the network.
#include "core/camera.hpp"
#include "core/session_agenda.hpp"

#include <optional>
#include <string>

namespace almere {

struct SessionView {
    std::string planState;            // PlanState::encode() text; "" = everything off, today
    std::optional<CameraPose> camera; // none: the camera stays where it is
    std::string wijk;                 // CBS wijk code, or ""

    bool operator==(const SessionView& o) const;
    bool operator!=(const SessionView& o) const { return !(*this == o); }
};

// At most this many characters (the server keeps at most 400).
constexpr size_t kMaxSessionViewChars = 400;

std::string encodeSessionView(const SessionView& view);
// False (out unchanged) for text it does not understand: unknown keys, bad numbers, a camera
// outside sane limits, a wijk that is not an Almere wijk code, or plan text with other
// characters than PlanState uses. Plan and theme ids are checked later against the catalog.
bool decodeSessionView(const std::string& text, SessionView& out);

// The view an agenda round starts with; its theme joins the plan text.
SessionView sessionViewOf(const RoundView& round);

// An agenda camera [east, north, distance, yaw deg, pitch deg] as a pose, and back.
CameraPose cameraPoseOf(const std::array<double, 5>& agendaCamera);
std::array<double, 5> agendaCameraOf(const CameraPose& pose);

} // namespace almere
