#include "core/view_link.hpp"

namespace almere {
namespace {

bool isLanguageCode(const std::string& s) {
    if (s.size() < 2 || s.size() > 3) return false;
    for (char c : s)
        if (c < 'a' || c > 'z') return false;
    return true;
}

bool parseReading(const std::string& text, ReadingHelp& out) {
    ReadingHelp r;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        if (word == "large" && !r.largeText)
            r.largeText = true;
        else if (word == "contrast" && !r.highContrast)
            r.highContrast = true;
        else
            return false;
        start = end + 1;
    }
    out = r;
    return true;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

std::string encodeViewLink(const ViewLink& link) {
    std::string text = encodeSessionView(link.view);
    auto add = [&](const std::string& part) { text += (text.empty() ? "" : ";") + part; };
    if (!link.language.empty()) add("lang=" + link.language);
    if (link.reading.largeText || link.reading.highContrast)
        add(std::string("read=") + (link.reading.largeText ? "large" : "") +
            (link.reading.largeText && link.reading.highContrast ? "," : "") +
            (link.reading.highContrast ? "contrast" : ""));
    return text;
}

bool decodeViewLink(const std::string& text, ViewLink& out) {
    if (text.size() > kMaxViewLinkChars) return false;
    ViewLink link;
    bool hasLanguage = false, hasReading = false;
    std::string rest;
    size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        size_t end = text.find(';', start);
        if (end == std::string::npos) end = text.size();
        const std::string part = text.substr(start, end - start);
        if (part.empty()) return false;
        if (part.rfind("lang=", 0) == 0) {
            if (hasLanguage || !isLanguageCode(part.substr(5))) return false;
            link.language = part.substr(5);
            hasLanguage = true;
        } else if (part.rfind("read=", 0) == 0) {
            if (hasReading || !parseReading(part.substr(5), link.reading)) return false;
            hasReading = true;
        } else {
            rest += (rest.empty() ? "" : ";") + part;
        }
        start = end + 1;
    }
    if (!decodeSessionView(rest, link.view)) return false;
    out = std::move(link);
    return true;
}

bool viewLinkFromFragment(const std::string& fragment, ViewLink& out) {
    std::string f = fragment;
    if (!f.empty() && f[0] == '#') f.erase(0, 1);
    if (f.rfind("v=", 0) != 0 || f.size() > 3 * kMaxViewLinkChars) return false;
    std::string text;
    for (size_t i = 2; i < f.size(); ++i) {
        if (f[i] != '%') {
            text += f[i];
            continue;
        }
        const int hi = i + 2 < f.size() ? hexValue(f[i + 1]) : -1;
        const int lo = hi >= 0 ? hexValue(f[i + 2]) : -1;
        if (lo < 0) return false;
        text += char(hi * 16 + lo);
        i += 2;
    }
    return decodeViewLink(text, out);
}

std::string viewLinkUrl(const std::string& base, const ViewLink& link) {
    return base.substr(0, base.find('#')) + "#v=" + encodeViewLink(link);
}

} // namespace almere
