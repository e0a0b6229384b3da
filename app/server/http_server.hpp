#pragma once
// The server's event-driven HTTP/1.1 layer (Boost.Beast on Boost.Asio). One I/O thread holds
// every connection, so an open connection costs memory, not a thread: slow, idle and long-lived
// clients cannot starve the others. Handlers that may block (SQLite, files) run on a small pool.
//
// For each request:
//   1. the head is read within `headerTimeout`, at most `maxHeaderBytes` and `maxHeaderFields`
//      (431 above; 400 for a head that cannot be framed unambiguously, e.g. two different
//      Content-Lengths or a Content-Length beside Transfer-Encoding);
//   2. the `Admitter` routes and authorises it from the head alone and says how large a body
//      it takes; a refusal is answered at once and a body left unread closes the connection;
//   3. the body, if any, is read within `bodyTimeout` and `maxBodyBytes`;
//   4. the handler runs (on the pool, or an asynchronous one on the I/O thread) and its answer
//      is written; the connection then serves the next request (pipelined requests are
//      answered in order).
// stop() closes the listener and idle connections at once, ends open streams, lets requests in
// progress finish for up to `stopGrace`, then closes the rest.
//
// Streams (Server-Sent Events): a `streamHandler` keeps the connection open and writes to it
// later, from any thread, through an HttpStream. Writes are posted onto the I/O thread and sent
// in order as chunks; the stream ends when its owner closes it, when the client goes away (its
// half of the connection closes), when a write stalls for `writeTimeout` or queues more than
// `maxStreamQueueBytes`, and when the server stops. At most `maxStreams` are open at once; one
// more is answered 503 without calling its handler.
#include "server/http_message.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace almere::server {

struct HttpLimits {
    size_t maxHeaderBytes = 16 * 1024;
    size_t maxHeaderFields = 100;
    std::chrono::milliseconds headerTimeout{10000}; // also how long an idle connection is kept
    std::chrono::milliseconds bodyTimeout{10000};
    std::chrono::milliseconds writeTimeout{30000};
    std::chrono::milliseconds stopGrace{3000};
    size_t maxConnections = 8000; // more are closed as soon as they are accepted
    size_t maxStreams = 2000;
    size_t maxStreamQueueBytes = 1024 * 1024; // a client this far behind is let go
    int handlerThreads = 32;
};

// Runs on the handler pool; may block (SQLite, files).
using HttpHandler = std::function<void(const HttpRequest&, HttpResponse&)>;
// Sends the answer; call it exactly once, from any thread.
using HttpReply = std::function<void(HttpResponse)>;
// Runs on the I/O thread and must not block: for answers that are completed elsewhere (a
// reaction's group commit) without holding a thread while they wait.
using AsyncHttpHandler = std::function<void(const HttpRequest&, HttpReply)>;

// A long-lived answer (text/event-stream). Every member is safe from any thread.
class HttpStream {
  public:
    virtual ~HttpStream() = default;
    // Sends the head (status 200, `head`'s headers) and `head.body` as the first bytes; call
    // once, first. Until then the connection waits without a timeout.
    virtual void begin(HttpResponse head) = 0;
    // Instead of begin(): an ordinary answer, after which the connection is closed.
    virtual void refuse(HttpResponse res) = 0;
    // Queues bytes after those written before; false once the stream has ended.
    virtual bool write(std::string data) = 0;
    // Ends the stream: what is queued is sent, then the connection is closed.
    virtual void end() = 0;
    virtual bool ended() const = 0;
};
// Runs on the handler pool (it may look things up); must call begin() or refuse() once.
using StreamHandler = std::function<void(const HttpRequest&, std::shared_ptr<HttpStream>)>;

// The answer to a request head: a handler (of either kind) and the largest body it takes, or
// none, in which case the `refusal` filled in by the Admitter is sent without reading any body.
struct Admission {
    HttpHandler handler;
    AsyncHttpHandler asyncHandler;
    size_t maxBodyBytes = 0;
    StreamHandler streamHandler; // GET only: no body

    bool admitted() const { return handler || asyncHandler || streamHandler; }
};
using Admitter = std::function<Admission(const HttpRequest& head, HttpResponse& refusal)>;

// Fills in an answer for an error found by the HTTP layer itself (400, 413, 431, 500, 503).
using ErrorPage = std::function<void(int status, HttpResponse&)>;

class HttpServer {
  public:
    // `defaultHeaders` are added to every answer unless the answer sets them itself.
    HttpServer(HttpLimits limits, Admitter admit, ErrorPage errorPage,
               std::vector<std::pair<std::string, std::string>> defaultHeaders);
    ~HttpServer();

    // Binds and listens; the port bound (useful with port 0), or 0 with `error` set.
    int listen(const std::string& address, int port, std::string& error);

    // Serves until stop(); returns once every connection is closed and every handler is done.
    void run();

    // Safe from any thread, also before run() and more than once.
    void stop();

    struct Impl; // in http_server.cpp, with Beast

  private:
    std::unique_ptr<Impl> impl_;
};

} // namespace almere::server
