#include "core/staff_access.hpp"

#include <algorithm>

namespace almere {

StaffAccess::StaffAccess(std::string pin) : pin_(isUsablePin(pin) ? std::move(pin) : "") {}

bool StaffAccess::isUsablePin(const std::string& pin) {
    return pin.size() >= 4 && pin.size() <= 8 &&
           std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool StaffAccess::inCorner(double x, double y, double width) {
    return x >= width - kCornerPx && x <= width && y >= 0 && y <= kCornerPx;
}

void StaffAccess::pointerDown(double x, double y, double width, double now) {
    pressing_ = enabled() && !open() && inCorner(x, y, width);
    pressStart_ = now;
}

void StaffAccess::pointerMoved(double x, double y, double width) {
    if (pressing_ && !inCorner(x, y, width)) pressing_ = false;
}

void StaffAccess::pointerUp() {
    pressing_ = false; // let go before kHoldSeconds: a resident's tap, nothing happens
}

double StaffAccess::pressLeft(double now) const {
    return pressing_ ? std::max(0.0, pressStart_ + kHoldSeconds - now) : -1;
}

bool StaffAccess::update(double now) {
    if (pressing_ && now - pressStart_ >= kHoldSeconds) {
        pressing_ = false;
        screen_ = StaffScreen::Pin;
        typed_.clear();
        lastTouch_ = now;
        return true;
    }
    if (open() && now - lastTouch_ > kIdleSeconds) {
        close();
        return true;
    }
    return false;
}

void StaffAccess::digit(char d, double now) {
    lastTouch_ = now;
    if (screen_ != StaffScreen::Pin || lockedFor(now) > 0 || d < '0' || d > '9') return;
    if (typed_.size() < 8) typed_ += d;
}

void StaffAccess::erase(double now) {
    lastTouch_ = now;
    if (!typed_.empty()) typed_.pop_back();
}

bool StaffAccess::confirm(double now) {
    lastTouch_ = now;
    if (screen_ != StaffScreen::Pin || lockedFor(now) > 0 || typed_.empty()) return false;
    // Every character compared, whatever the first mismatch: the time taken says nothing.
    unsigned difference = typed_.size() == pin_.size() ? 0u : 1u;
    for (size_t i = 0; i < typed_.size(); ++i)
        difference |= unsigned(typed_[i] ^ pin_[i % pin_.size()]);
    typed_.clear();
    if (difference == 0) {
        wrong_ = 0;
        screen_ = StaffScreen::Status;
        return true;
    }
    if (++wrong_ >= kTries) {
        wrong_ = 0;
        lockedUntil_ = now + kLockSeconds;
    }
    return false;
}

double StaffAccess::lockedFor(double now) const {
    return std::max(0.0, lockedUntil_ - now);
}

void StaffAccess::close() {
    screen_ = StaffScreen::Closed;
    typed_.clear();
    pressing_ = false;
}

} // namespace almere
