#include "server/static_files.hpp"

#include "platform/files.hpp"

#include <algorithm>

namespace almere::server {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool acceptsGzip(const httplib::Request& req) {
    return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

} // namespace

std::string contentTypeFor(const std::string& path) {
    // The "; charset" suffixes also keep cpp-httplib from re-compressing these on the fly: it
    // only compresses exact, parameterless text types, and we send .gz files ourselves.
    if (endsWith(path, ".html")) return "text/html; charset=utf-8";
    if (endsWith(path, ".js")) return "application/javascript; charset=utf-8";
    if (endsWith(path, ".wasm")) return "application/wasm";
    if (endsWith(path, ".json")) return "application/json; charset=utf-8";
    if (endsWith(path, ".css")) return "text/css; charset=utf-8";
    if (endsWith(path, ".png")) return "image/png";
    if (endsWith(path, ".svg")) return "image/svg+xml";
    if (endsWith(path, ".txt") || endsWith(path, ".md")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

bool isSafeRequestPath(const std::string& path) {
    if (path.empty() || path[0] != '/') return false;
    if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return false;
    size_t start = 1;
    while (start <= path.size()) {
        const size_t end = std::min(path.find('/', start), path.size());
        const std::string part = path.substr(start, end - start);
        if (part == ".." || part == ".") return false;
        start = end + 1;
    }
    return true;
}

void serveStaticFiles(httplib::Server& server, const std::string& root) {
    server.Get(R"(/.*)", [root](const httplib::Request& req, httplib::Response& res) {
        std::string path = req.path;
        if (!isSafeRequestPath(path)) {
            res.status = 400;
            res.set_content("Bad path\n", "text/plain; charset=utf-8");
            return;
        }
        if (endsWith(path, "/")) path += "index.html";
        const std::string file = root + path;
        std::string body;
        res.set_header("Vary", "Accept-Encoding");
        if (!endsWith(path, ".html") && acceptsGzip(req) &&
            platform::readFile(file + ".gz", body)) {
            res.set_header("Content-Encoding", "gzip");
        } else if (!platform::readFile(file, body)) {
            res.status = 404;
            res.set_content("Not found\n", "text/plain; charset=utf-8");
            return;
        }
        res.set_content(std::move(body), contentTypeFor(path));
    });
}

} // namespace almere::server
