#pragma once
// Text placed in HTML that the server writes (the participant's pages, the session report):
// element content and attribute values alike, with & < > " ' escaped.
#include <string>
#include <string_view>

namespace almere {

std::string htmlEscape(std::string_view text);

} // namespace almere
