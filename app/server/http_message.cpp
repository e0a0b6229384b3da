#include "server/http_message.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace almere::server {
namespace {

bool sameName(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

std::string HttpRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (sameName(key, name)) return value;
    return "";
}

bool HttpRequest::hasHeader(std::string_view name) const {
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& h) { return sameName(h.first, name); });
}

std::string HttpRequest::queryValue(const std::string& name) const {
    const auto it = query.find(name);
    return it == query.end() ? "" : it->second;
}

uint64_t HttpRequest::contentLength() const {
    return std::strtoull(header("content-length").c_str(), nullptr, 10);
}

void HttpResponse::setHeader(std::string name, std::string value) {
    removeHeader(name);
    headers.emplace_back(std::move(name), std::move(value));
}

void HttpResponse::removeHeader(std::string_view name) {
    headers.erase(std::remove_if(headers.begin(), headers.end(),
                                 [&](const auto& h) { return sameName(h.first, name); }),
                  headers.end());
}

void HttpResponse::setContent(std::string content, std::string contentType) {
    body = std::move(content);
    setHeader("Content-Type", std::move(contentType));
}

std::string percentDecoded(std::string_view text, bool plusIsSpace) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            const int hi = hexValue(text[i + 1]), lo = hexValue(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += plusIsSpace && c == '+' ? ' ' : c;
    }
    return out;
}

void splitTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string>& query) {
    const size_t mark = target.find('?');
    path = percentDecoded(target.substr(0, mark), false);
    if (mark == std::string_view::npos) return;
    std::string_view rest = target.substr(mark + 1);
    while (!rest.empty()) {
        const size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const size_t eq = pair.find('=');
        const std::string key = percentDecoded(pair.substr(0, eq), true);
        if (!key.empty())
            query.emplace(key, eq == std::string_view::npos
                                   ? std::string()
                                   : percentDecoded(pair.substr(eq + 1), true));
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
}

} // namespace almere::server
