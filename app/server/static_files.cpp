#include "server/static_files.hpp"

#include "platform/files.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace almere::server {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool acceptsGzip(const HttpRequest& req) {
    return req.header("accept-encoding").find("gzip") != std::string::npos;
}

// A query value as it may stand in a URL: unreserved characters as they are, the rest %XX.
std::string percentEncoded(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// "/tekst" typed or linked without its slash: the folder's page, at its own address (so its
// relative links work), with the same query (?lang=pl).
bool redirectToFolder(const HttpRequest& req, HttpResponse& res, const std::string& root) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(root + req.path + "/index.html", error)) return false;
    std::string location = req.path.substr(req.path.rfind('/') + 1) + "/";
    char separator = '?';
    for (const auto& [name, value] : req.query) {
        location += separator + percentEncoded(name) + "=" + percentEncoded(value);
        separator = '&';
    }
    res.status = 301;
    res.setHeader("Location", location);
    res.setContent("Moved to " + location + "\n", "text/plain; charset=utf-8");
    return true;
}

} // namespace

std::string contentTypeFor(const std::string& path) {
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

void addFramePolicy(HttpResponse& res, const std::string& framePolicy) {
    for (const auto& [name, value] : res.headers)
        if (name == "Content-Type" && value.rfind("text/html", 0) == 0)
            return res.setHeader("Content-Security-Policy", framePolicy);
}

std::string frameAncestorsPolicy(const std::string& allowlist) {
    std::string policy, word;
    size_t words = 0;
    for (size_t i = 0; i <= allowlist.size(); ++i) {
        const char c = i < allowlist.size() ? allowlist[i] : ' ';
        if (c != ' ') {
            word += c;
            continue;
        }
        if (word.empty()) continue;
        const bool keyword = word == "'self'" || word == "'none'";
        const bool source = std::all_of(word.begin(), word.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' ||
                   ch == ':' || ch == '/' || ch == '*';
        });
        if (!(keyword || (source && word.size() <= 200))) return "";
        policy += (policy.empty() ? "frame-ancestors " : " ") + word;
        word.clear();
        ++words;
    }
    return words > 0 && words <= 32 ? policy : "";
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

void serveStaticFile(const HttpRequest& req, HttpResponse& res, const std::string& root) {
    std::string path = req.path;
    if (!isSafeRequestPath(path)) {
        res.status = 400;
        res.setContent("Bad path\n", "text/plain; charset=utf-8");
        return;
    }
    if (endsWith(path, "/")) path += "index.html";
    const std::string file = root + path;
    std::string body;
    res.setHeader("Vary", "Accept-Encoding");
    if (acceptsGzip(req) && platform::readFile(file + ".gz", body)) {
        res.setHeader("Content-Encoding", "gzip");
    } else if (!platform::readFile(file, body)) {
        if (!endsWith(path, "/index.html") && redirectToFolder(req, res, root)) return;
        res.status = 404;
        res.setContent("Not found\n", "text/plain; charset=utf-8");
        return;
    }
    res.setContent(std::move(body), contentTypeFor(path));
}

} // namespace almere::server
