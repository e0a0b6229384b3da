// The browser has no staff panel: its reactions go straight to the server (viewer/kiosk_staff).
#include "viewer/kiosk_staff.hpp"

namespace almere {

std::unique_ptr<KioskStaff> makeKioskStaff(const StaffOptions&, platform::FeedbackSink*) {
    return nullptr;
}

} // namespace almere
