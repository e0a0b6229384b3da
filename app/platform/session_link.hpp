#pragma once
// The viewer's line to a Burgerberaad session on the server (issue 9). One implementation per
// target, one interface:
//  - native (session_link_native.cpp, cpp-httplib): a background thread keeps the state current
//    by long polling GET /api/sessions/CODE?since=V, reconnecting with backoff; a second thread
//    sends the queued requests one by one;
//  - browser (session_link_web.cpp): EventSource on /api/sessions/CODE/events, falling back to
//    the long poll when the browser's EventSource fails; fetch() for the requests. The
//    JavaScript only bridges; when to fall back and how long to wait is decided in C++.
// Everything is polled from the frame loop: no callbacks into the app from other threads.
#include <memory>
#include <string>
#include <vector>

namespace almere::platform {

struct SessionLinkConfig {
    std::string serverUrl;      // e.g. "http://127.0.0.1:8080"; "" = the page's own origin (web)
    std::string facilitatorKey; // sent as X-Almere-Facilitator-Key with every request; "" = none
};

struct SessionReply {
    std::string tag; // what the caller named the request
    int status = 0;  // HTTP status; 0 = no answer (network down, server away)
    std::string body;
};

class SessionLink {
  public:
    virtual ~SessionLink() = default;

    // Starts (or switches) keeping the state of session `code` current.
    virtual void watch(const std::string& code) = 0;
    // The newest state body received since the last call, if a newer one came.
    virtual bool takeState(std::string& json) = 0;
    // Queues a request; `path` starts with "/api/". Requests go out in order, one at a time.
    virtual void request(const std::string& tag, const std::string& method, const std::string& path,
                         const std::string& body) = 0;
    // Answers to requests, in the order they came.
    virtual std::vector<SessionReply> takeReplies() = 0;
    // True while the live state arrives (for "verbinding weg" on the facilitator's screen).
    virtual bool connected() const = 0;
};

// "" when the URL is usable ("http(s)://host[:port]", no path), else why not.
std::string checkSessionServer(const std::string& url);

std::unique_ptr<SessionLink> openSessionLink(const SessionLinkConfig& config);

} // namespace almere::platform
