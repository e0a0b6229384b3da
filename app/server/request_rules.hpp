#pragma once
// What every API route asks of a request head before its body is read, in one place for the
// reactions API and the sessions API. Each fills in `refusal` and returns false when the request
// may not go on.
#include "server/http_message.hpp"

#include <cstddef>
#include <string>

namespace almere::server {

// How a body must arrive: with a Content-Length, not chunked and not compressed (a small
// compressed body could unpack to any size). Methods without a body must not send one (400).
bool framingAllowed(const HttpRequest& head, HttpResponse& refusal);

// A JSON body of at most `maxBytes` (413), as application/json (415).
bool jsonBodyAllowed(const HttpRequest& head, size_t maxBytes, HttpResponse& refusal);

// "Authorization: Bearer <token>": 401 without it, 403 with a wrong one.
bool isAdmin(const HttpRequest& head, HttpResponse& refusal, const std::string& token);

} // namespace almere::server
