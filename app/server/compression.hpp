#pragma once
// gzip for the pages the server writes itself (the participant's pages): a phone on a venue's
// crowded Wi-Fi loads a third of the bytes. Static files are compressed at build time instead.
#include "server/http_message.hpp"

namespace almere::server {

// Compresses res.body with gzip when the request accepts it, the body is at least 1 KiB and
// not compressed yet; sets Content-Encoding and Vary. Leaves the response as it is otherwise.
void gzipIfAccepted(const HttpRequest& req, HttpResponse& res);

} // namespace almere::server
