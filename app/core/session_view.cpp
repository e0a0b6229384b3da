#include "core/session_view.hpp"

#include "core/reaction.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace almere {
namespace {

constexpr double kPi = 3.14159265358979323846;
// Generous bounds on a followed camera: the city is some 30 km across.
constexpr double kMaxOffset = 100000, kMaxDistance = 200000;

bool parseNumber(const std::string& text, double& out) {
    if (text.empty() || text.size() > 24) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(out);
}

bool parseCamera(const std::string& text, CameraPose& out) {
    double v[5];
    size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        const size_t comma = text.find(',', start);
        const bool last = i == 4;
        if (last != (comma == std::string::npos)) return false;
        if (!parseNumber(text.substr(start, last ? std::string::npos : comma - start), v[i]))
            return false;
        start = comma + 1;
        // The text keeps 0.1 of a metre or degree: checked as it will be written, so that a
        // view that decodes also decodes once encoded ("0.04" would be a distance "0").
        v[i] = std::round(v[i] * 10) / 10;
    }
    if (std::fabs(v[0]) > kMaxOffset || std::fabs(v[1]) > kMaxOffset || !(v[2] > 0) ||
        v[2] > kMaxDistance || std::fabs(v[3]) > 360 || v[4] < 5 || v[4] > 89)
        return false;
    out = cameraPoseOf({v[0], v[1], v[2], v[3], v[4]});
    return true;
}

std::string formatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s == "-0" ? "0" : s;
}

} // namespace

bool SessionView::operator==(const SessionView& o) const {
    return encodeSessionView(*this) == encodeSessionView(o);
}

CameraPose cameraPoseOf(const std::array<double, 5>& c) {
    CameraPose pose;
    pose.target = {c[0], -c[1]}; // north is -z in the world frame
    pose.distance = c[2];
    pose.yaw = c[3] * kPi / 180.0;
    pose.pitch = c[4] * kPi / 180.0;
    return pose;
}

std::array<double, 5> agendaCameraOf(const CameraPose& pose) {
    double yaw = std::fmod(pose.yaw * 180.0 / kPi, 360.0);
    if (yaw > 180) yaw -= 360;
    if (yaw < -180) yaw += 360;
    return {pose.target.x, -pose.target.y, pose.distance, yaw, pose.pitch * 180.0 / kPi};
}

std::string encodeSessionView(const SessionView& view) {
    std::string text = view.planState;
    if (view.camera) {
        const auto c = agendaCameraOf(*view.camera);
        text += text.empty() ? "" : ";";
        text += "camera=" + formatNumber(c[0]) + "," + formatNumber(c[1]) + "," +
                formatNumber(c[2]) + "," + formatNumber(c[3]) + "," + formatNumber(c[4]);
    }
    if (!view.wijk.empty()) text += (text.empty() ? "wijk=" : ";wijk=") + view.wijk;
    return text;
}

bool decodeSessionView(const std::string& text, SessionView& out) {
    if (text.size() > kMaxSessionViewChars) return false;
    SessionView view;
    size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        size_t end = text.find(';', start);
        if (end == std::string::npos) end = text.size();
        const std::string part = text.substr(start, end - start);
        if (part.rfind("camera=", 0) == 0) {
            CameraPose pose;
            if (view.camera || !parseCamera(part.substr(7), pose)) return false;
            view.camera = pose;
        } else if (part.rfind("wijk=", 0) == 0) {
            if (!view.wijk.empty() || !isAlmereWijkCode(part.substr(5))) return false;
            view.wijk = part.substr(5);
        } else {
            if (part.empty() || !isPlanStateText(part)) return false;
            view.planState += (view.planState.empty() ? "" : ";") + part;
        }
        start = end + 1;
    }
    // Numbers written in full may come out longer than typed (".5" is "0.5").
    if (encodeSessionView(view).size() > kMaxSessionViewChars) return false;
    out = std::move(view);
    return true;
}

SessionView sessionViewOf(const RoundView& round) {
    SessionView view;
    view.planState = round.planState;
    if (!round.theme.empty() && view.planState.find("themes=") == std::string::npos)
        view.planState += (view.planState.empty() ? "themes=" : ";themes=") + round.theme;
    if (round.hasCamera) view.camera = cameraPoseOf(round.camera);
    view.wijk = round.wijk;
    return view;
}

} // namespace almere
