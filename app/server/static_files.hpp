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

// Sets "Content-Security-Policy: <framePolicy>" on `res` when it is an HTML page (by its
// Content-Type): the viewer and every other page the server answers (the text route's too)
// say which sites may show them in an iframe. On scripts or images the policy has no effect.
void addFramePolicy(HttpResponse& res, const std::string& framePolicy);

// The viewer in another site's iframe (issue 10, ?embed=1): the value of
// "Content-Security-Policy: frame-ancestors ..." for a space-separated allowlist such as
// "'self' https://almere.nl https://*.almere.nl", or "" when the list is not one: each word is
// 'self', 'none', a scheme ("https:") or an origin with an optional "*." host, nothing that could
// end the header or add another directive (no ";", ",", quotes or control characters).
std::string frameAncestorsPolicy(const std::string& allowlist);

// True for request paths that stay inside the web root (no "..", no backslashes, no NUL).
bool isSafeRequestPath(const std::string& path);

} // namespace almere::server
