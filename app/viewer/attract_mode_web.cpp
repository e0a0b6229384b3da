// The browser has no attract screen (issue 11: kiosks only), and its download none of its code.
#include "viewer/attract_mode.hpp"

namespace almere {

std::unique_ptr<AttractMode> makeAttractMode(const AttractOptions&) {
    return nullptr;
}

} // namespace almere
