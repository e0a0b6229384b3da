#include "core/gestures.hpp"

#include <algorithm>
#include <cmath>

namespace almere {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Below this finger spacing the distance ratio and angle are mostly noise.
constexpr double kMinPinchSpanPx = 2.0;

double wrapAngle(double a) {
    return a - 2.0 * kPi * std::floor((a + kPi) / (2.0 * kPi));
}

// Angle of b - a, counter-clockwise as seen on screen (screen y points down).
double screenAngle(glm::dvec2 a, glm::dvec2 b) {
    return std::atan2(-(b.y - a.y), b.x - a.x);
}

} // namespace

GestureTracker::Pointer* GestureTracker::find(int64_t id) {
    for (Pointer& p : pointers_)
        if (p.id == id) return &p;
    return nullptr;
}

void GestureTracker::pointerDown(int64_t id, glm::dvec2 px, PointerKind kind, int button,
                                 double timeSeconds) {
    pointers_.erase(std::remove_if(pointers_.begin(), pointers_.end(),
                                   [id](const Pointer& p) { return p.id == id; }),
                    pointers_.end());
    // A second pointer turns whatever is happening into a gesture: nothing down is a tap.
    const bool alone = pointers_.empty();
    for (Pointer& p : pointers_)
        p.tapCandidate = false;
    const bool tapButton = kind == PointerKind::Touch || button == 0;
    pointers_.push_back({id, kind, button, px, px, timeSeconds, alone && tapButton});
}

void GestureTracker::moveTouch(Pointer& p, glm::dvec2 px) {
    // The first two touches down form the pinch pair; further fingers are ignored.
    Pointer* pair[2] = {nullptr, nullptr};
    int touches = 0;
    for (Pointer& q : pointers_) {
        if (q.kind != PointerKind::Touch) continue;
        if (touches < 2) pair[touches] = &q;
        ++touches;
    }
    if (touches == 1) {
        out_.orbit += px - p.pos;
        p.pos = px;
        return;
    }
    if (&p != pair[0] && &p != pair[1]) {
        p.pos = px;
        return;
    }
    // Compare the pair before and after this one finger moved. Working from the stored
    // positions means a finger lifting or landing re-anchors everything: nothing jumps.
    const glm::dvec2 a0 = pair[0]->pos, b0 = pair[1]->pos;
    p.pos = px;
    const glm::dvec2 a1 = pair[0]->pos, b1 = pair[1]->pos;

    const glm::dvec2 mid0 = (a0 + b0) * 0.5, mid1 = (a1 + b1) * 0.5;
    out_.pan += mid1 - mid0;
    const double span0 = glm::length(b0 - a0), span1 = glm::length(b1 - a1);
    if (span0 >= kMinPinchSpanPx && span1 >= kMinPinchSpanPx) {
        out_.zoomFactor *= span1 / span0;
        out_.zoomCentre = mid1;
        out_.rotate += wrapAngle(screenAngle(a1, b1) - screenAngle(a0, b0));
    }
}

void GestureTracker::pointerMove(int64_t id, glm::dvec2 px, double /*timeSeconds*/) {
    Pointer* p = find(id);
    if (!p) return;
    if (glm::length(px - p->downPos) > tapSlopPx) p->tapCandidate = false;
    if (p->kind == PointerKind::Touch) return moveTouch(*p, px);

    const glm::dvec2 delta = px - p->pos;
    p->pos = px;
    if (p->button == 0)
        out_.orbit += delta;
    else if (p->button == 1 || p->button == 2)
        out_.pan += delta;
}

void GestureTracker::pointerUp(int64_t id, glm::dvec2 px, double timeSeconds) {
    Pointer* p = find(id);
    if (!p) return;
    pointerMove(id, px, timeSeconds); // the last stretch of motion still counts
    if (p->tapCandidate && timeSeconds - p->downTime < tapMaxSeconds) out_.tap = p->downPos;
    pointers_.erase(pointers_.begin() + (p - pointers_.data()));
}

void GestureTracker::wheel(double notches, glm::dvec2 px) {
    if (!std::isfinite(notches) || notches == 0.0) return;
    out_.zoomFactor *= std::pow(wheelStepFactor, notches);
    out_.zoomCentre = px;
}

void GestureTracker::cancelAll() {
    pointers_.clear();
}

GestureOutput GestureTracker::take() {
    GestureOutput result = out_;
    out_ = GestureOutput{};
    return result;
}

} // namespace almere
