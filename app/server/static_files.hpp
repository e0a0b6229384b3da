#pragma once
// Serves the web viewer's files. Large files are sent pre-compressed (`name.gz`, made at build
// time) when the browser accepts gzip: compressing them on every request would cost more time
// than the download saves.
#include "server/http_message.hpp"

#include <string>

namespace almere::server {

// Answers a GET for a file under `root` ("/" is index.html).
void serveStaticFile(const HttpRequest& req, HttpResponse& res, const std::string& root);

// Content type for a file name; text types carry a charset.
std::string contentTypeFor(const std::string& path);

// True for request paths that stay inside the web root (no "..", no backslashes, no NUL).
bool isSafeRequestPath(const std::string& path);

} // namespace almere::server
