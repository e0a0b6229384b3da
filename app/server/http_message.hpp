#pragma once
// A request and a response as the API sees them, free of the HTTP library: the routes, the
// static files and their tests never include Boost.Beast (which is slow to compile and kept to
// http_server.cpp).
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace almere::server {

struct HttpRequest {
    std::string method;                                       // "GET", "POST", ...
    std::string path;                                         // percent-decoded, no query
    std::map<std::string, std::string> query;                 // percent-decoded
    std::vector<std::pair<std::string, std::string>> headers; // names in lower case
    std::string body;                                         // empty until admitted and read
    std::string remoteAddress;                                // used for rate limits only

    // The first value of a header (name in any case); "" when absent.
    std::string header(std::string_view name) const;
    bool hasHeader(std::string_view name) const;
    std::string queryValue(const std::string& name) const;
    uint64_t contentLength() const; // 0 when absent
};

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // Close the connection after this answer: set when a request body is left unread, since
    // its bytes would otherwise be taken for the next request.
    bool closeConnection = false;

    void setHeader(std::string name, std::string value); // replaces a header of that name
    void removeHeader(std::string_view name);
    void setContent(std::string content, std::string contentType);
};

// "%41+b" -> "A b" in queries (plus means space), "A+b" in paths. Invalid escapes stay as sent.
std::string percentDecoded(std::string_view text, bool plusIsSpace);

// Splits a request target into its decoded path and query parameters.
void splitTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string>& query);

} // namespace almere::server
