// The only translation unit that includes Boost.Beast (see http_server.hpp for the rules).
#include "server/http_server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <deque>
#include <netinet/tcp.h>
#include <optional>
#include <unordered_map>

namespace almere::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Headers = std::vector<std::pair<std::string, std::string>>;

// A refused request's unread body is drained for at most this long and this much after the
// answer, so that closing does not reset the connection before the client has read the answer.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr size_t kLingerBytes = 256 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string lowerCase(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

class Session;
class StreamChannel;

struct HttpServer::Impl {
    Impl(HttpLimits l, Admitter a, ErrorPage e, Headers h)
        : limits(l), admit(std::move(a)), errorPage(std::move(e)), defaults(std::move(h)),
          handlers(static_cast<size_t>(std::max(1, l.handlerThreads))) {}

    void accept();
    void beginStop();
    void forget(Session* session);
    HttpResponse errorResponse(int status) const {
        HttpResponse res;
        res.status = status;
        errorPage(status, res);
        res.closeConnection = true;
        return res;
    }

    HttpLimits limits;
    Admitter admit;
    ErrorPage errorPage;
    Headers defaults;
    net::io_context io{1};
    tcp::acceptor acceptor{io};
    net::thread_pool handlers;
    net::steady_timer graceTimer{io};
    net::steady_timer acceptPause{io};
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
    // Touched on the I/O thread only.
    std::unordered_map<Session*, std::weak_ptr<Session>> live;
    size_t openStreams = 0;
    bool stopping = false;
};

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, HttpServer::Impl& server)
        : stream_(std::move(socket)), server_(server) {}

    void start() {
        beast::error_code ec;
        stream_.socket().set_option(tcp::no_delay(true), ec); // small answers go out at once
        const auto peer = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ = peer.address().to_string();
        readHeader();
    }

    // Between requests, or while a head or body arrives: nothing would be lost by closing now.
    bool interruptible() const { return state_ == State::reading; }
    bool streaming() const { return state_ == State::streaming; }

    // The stream's side, on the I/O thread (StreamChannel posts here).
    void beginStream(HttpResponse head);
    void refuseStream(HttpResponse res);
    void streamWrite(std::string data);
    void endStream();

    void close() {
        if (closed_) return;
        closed_ = true;
        releaseStream();
        const auto keep = std::move(keepSelf_); // let go of at the end, not halfway
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.close();
        server_.forget(this);
    }

  private:
    enum class State { reading, handling, writing, lingering, streaming };

    void readHeader() {
        if (server_.stopping) return close();
        state_ = State::reading;
        parser_.emplace();
        parser_->header_limit(static_cast<uint32_t>(server_.limits.maxHeaderBytes));
        parser_->body_limit(boost::none); // the admission sets it, once the route is known
        stream_.expires_after(server_.limits.headerTimeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, size_t) { self->onHeader(ec); });
    }

    void onHeader(beast::error_code ec) {
        if (ec == http::error::header_limit) return refuse(431);
        if (ec.category() == make_error_code(http::error::bad_method).category() &&
            ec != http::error::end_of_stream && ec != http::error::partial_message)
            return refuse(400); // malformed or ambiguous framing
        if (ec) return close(); // closed by the client, timed out or stopped
        const auto& head = parser_->get();
        request_ = HttpRequest();
        request_.method = std::string(head.method_string());
        splitTarget(std::string_view(head.target().data(), head.target().size()), request_.path,
                    request_.query);
        for (const auto& field : head) {
            if (request_.headers.size() >= server_.limits.maxHeaderFields) return refuse(431);
            request_.headers.emplace_back(lowerCase(field.name_string()),
                                          std::string(field.value()));
        }
        request_.remoteAddress = remote_;
        keepAlive_ = head.keep_alive();

        HttpResponse refusal;
        admission_ = server_.admit(request_, refusal);
        if (!admission_.admitted()) {
            if (!parser_->is_done()) refusal.closeConnection = true; // its body is not read
            return send(std::move(refusal));
        }
        if (parser_->is_done()) return dispatch();
        parser_->body_limit(admission_.maxBodyBytes);
        if (beast::iequals(head[http::field::expect], "100-continue")) {
            stream_.expires_after(server_.limits.writeTimeout);
            net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                             [self = shared_from_this()](beast::error_code ec, size_t) {
                                 if (ec) return self->close();
                                 self->readBody();
                             });
            return;
        }
        readBody();
    }

    void readBody() {
        stream_.expires_after(server_.limits.bodyTimeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, size_t) {
                             if (ec == http::error::body_limit) return self->refuse(413);
                             if (ec) return self->close();
                             self->dispatch();
                         });
    }

    // Errors found here close the connection: what follows in it cannot be trusted.
    void refuse(int status) { send(server_.errorResponse(status)); }

    void dispatch() {
        state_ = State::handling;
        request_.body = std::move(parser_->get().body());
        if (admission_.streamHandler) return startStream();
        if (admission_.asyncHandler) {
            try {
                admission_.asyncHandler(request_, [self = shared_from_this()](HttpResponse res) {
                    net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable {
                        self->send(std::move(res));
                    });
                });
            } catch (const std::exception&) {
                send(server_.errorResponse(500));
            }
            return;
        }
        net::post(server_.handlers, [self = shared_from_this()] {
            HttpResponse res;
            try {
                self->admission_.handler(self->request_, res);
            } catch (const std::exception&) {
                res = self->server_.errorResponse(500);
            }
            net::post(self->stream_.get_executor(),
                      [self, res = std::move(res)]() mutable { self->send(std::move(res)); });
        });
    }

    void send(HttpResponse res) {
        if (closed_) return;
        state_ = State::writing;
        response_ = {};
        response_.version(11);
        response_.result(static_cast<unsigned>(res.status));
        for (const auto& [name, value] : server_.defaults)
            response_.set(name, value);
        for (const auto& [name, value] : res.headers)
            response_.set(name, value);
        response_.body() = std::move(res.body);
        closeAfterWrite_ = res.closeConnection || !keepAlive_ || server_.stopping;
        lingerAfterWrite_ = res.closeConnection;
        response_.keep_alive(!closeAfterWrite_);
        response_.prepare_payload();
        stream_.expires_after(server_.limits.writeTimeout);
        http::async_write(stream_, response_,
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->close();
                              if (!self->closeAfterWrite_) return self->readHeader();
                              if (self->lingerAfterWrite_) return self->linger();
                              self->close();
                          });
    }

    void linger() {
        state_ = State::lingering;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(kLingerTime);
        drain();
    }

    void drain() {
        stream_.async_read_some(net::buffer(drainBuffer_),
                                [self = shared_from_this()](beast::error_code ec, size_t n) {
                                    self->drained_ += n;
                                    if (ec || self->drained_ > kLingerBytes) return self->close();
                                    self->drain();
                                });
    }

    void startStream();
    void releaseStream();
    void watchClient();
    void writeNext();

    beast::tcp_stream stream_;
    HttpServer::Impl& server_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    HttpRequest request_;
    Admission admission_;
    http::response<http::string_body> response_;
    std::array<char, 4096> drainBuffer_{};
    std::string remote_;
    State state_ = State::reading;
    size_t drained_ = 0;
    bool keepAlive_ = true;
    bool closeAfterWrite_ = false;
    bool lingerAfterWrite_ = false;
    bool closed_ = false;
    // While streaming: the handle given out, what waits to be written, and whether the end is
    // asked for. keepSelf_ holds the session while its handler has not begun the stream yet.
    std::shared_ptr<StreamChannel> channel_;
    std::shared_ptr<Session> keepSelf_;
    std::deque<std::string> queue_;
    std::string writing_;
    size_t queuedBytes_ = 0;
    bool writeBusy_ = false;
    bool endAsked_ = false;
};

// The handle a StreamHandler keeps; posts everything onto the session's I/O thread.
class StreamChannel : public HttpStream {
  public:
    StreamChannel(std::weak_ptr<Session> session, net::any_io_executor io)
        : session_(std::move(session)), io_(std::move(io)) {}

    void begin(HttpResponse head) override {
        post([head = std::move(head)](Session& s) mutable { s.beginStream(std::move(head)); });
    }
    void refuse(HttpResponse res) override {
        post([res = std::move(res)](Session& s) mutable { s.refuseStream(std::move(res)); });
    }
    bool write(std::string data) override {
        if (ended_) return false;
        post([data = std::move(data)](Session& s) mutable { s.streamWrite(std::move(data)); });
        return true;
    }
    void end() override {
        post([](Session& s) { s.endStream(); });
    }
    bool ended() const override { return ended_; }

    std::atomic<bool> ended_{false};

  private:
    template <class Action> void post(Action action) {
        auto session = session_.lock();
        if (!session) return;
        net::post(io_, [session, action = std::move(action)]() mutable { action(*session); });
    }

    std::weak_ptr<Session> session_;
    net::any_io_executor io_;
};

// One piece of a chunked body (Transfer-Encoding: chunked).
static std::string chunkOf(const std::string& data) {
    char size[24];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    return size + data + "\r\n";
}

void Session::startStream() {
    if (server_.stopping || server_.openStreams >= server_.limits.maxStreams)
        return send(server_.errorResponse(503));
    ++server_.openStreams;
    state_ = State::streaming;
    channel_ = std::make_shared<StreamChannel>(weak_from_this(), stream_.get_executor());
    keepSelf_ = shared_from_this();
    net::post(server_.handlers, [self = shared_from_this(), channel = channel_] {
        try {
            self->admission_.streamHandler(self->request_, channel);
        } catch (const std::exception&) {
            channel->refuse(self->server_.errorResponse(500));
        }
    });
}

void Session::releaseStream() {
    if (!channel_) return;
    channel_->ended_ = true;
    channel_.reset();
    --server_.openStreams;
}

void Session::beginStream(HttpResponse head) {
    if (closed_ || !channel_ || !keepSelf_) return;
    keepSelf_.reset();
    const auto reason =
        http::obsolete_reason(http::int_to_status(static_cast<unsigned>(head.status)));
    std::string raw = "HTTP/1.1 " + std::to_string(head.status) + " " +
                      std::string(reason.data(), reason.size()) + "\r\n";
    Headers fields = server_.defaults;
    for (const auto& [name, value] : head.headers) {
        const auto same = [&](const auto& f) { return beast::iequals(f.first, name); };
        fields.erase(std::remove_if(fields.begin(), fields.end(), same), fields.end());
        fields.emplace_back(name, value);
    }
    for (const auto& [name, value] : fields)
        raw += name + ": " + value + "\r\n";
    raw += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    if (!head.body.empty()) raw += chunkOf(head.body);
    stream_.expires_never(); // a stream is idle for long; its writes have their own timeout
#ifdef TCP_USER_TIMEOUT
    // A phone that vanished without closing (out of range) leaves its pings unacknowledged:
    // the kernel then drops the connection after the write timeout instead of ~15 minutes of
    // retransmissions, and the stream's place is free again.
    beast::error_code ignored;
    stream_.socket().set_option(net::detail::socket_option::integer<IPPROTO_TCP, TCP_USER_TIMEOUT>(
                                    static_cast<int>(server_.limits.writeTimeout.count())),
                                ignored);
#endif
    watchClient();
    queuedBytes_ += raw.size();
    queue_.push_back(std::move(raw));
    writeNext();
    if (server_.stopping) endStream();
}

void Session::refuseStream(HttpResponse res) {
    if (closed_ || !channel_ || !keepSelf_) return;
    keepSelf_.reset();
    releaseStream();
    res.closeConnection = true;
    send(std::move(res));
}

// The client sends nothing more on a stream; its side closing (or failing) ends the stream.
void Session::watchClient() {
    stream_.async_read_some(net::buffer(drainBuffer_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                                if (ec) return self->close();
                                self->watchClient();
                            });
}

void Session::streamWrite(std::string data) {
    if (closed_ || !channel_ || keepSelf_ || endAsked_ || data.empty()) return;
    std::string chunk = chunkOf(data);
    queuedBytes_ += chunk.size();
    if (queuedBytes_ > server_.limits.maxStreamQueueBytes) return close(); // far behind
    queue_.push_back(std::move(chunk));
    if (!writeBusy_) writeNext();
}

void Session::endStream() {
    if (closed_ || endAsked_) return;
    if (!channel_ || keepSelf_) return close(); // not begun: nothing to finish
    endAsked_ = true;
    channel_->ended_ = true;
    queue_.push_back("0\r\n\r\n");
    if (!writeBusy_) writeNext();
}

void Session::writeNext() {
    if (closed_) return;
    if (queue_.empty()) {
        writeBusy_ = false;
        if (endAsked_) close();
        return;
    }
    writeBusy_ = true;
    writing_ = std::move(queue_.front());
    queue_.pop_front();
    stream_.expires_after(server_.limits.writeTimeout); // the write's timer; the read has none
    net::async_write(stream_, net::buffer(writing_),
                     [self = shared_from_this()](beast::error_code ec, size_t n) {
                         if (ec) return self->close();
                         self->queuedBytes_ -= std::min(self->queuedBytes_, n);
                         self->writeNext();
                     });
}

void HttpServer::Impl::accept() {
    acceptor.async_accept(io, [this](beast::error_code ec, tcp::socket socket) {
        if (stopping) return;
        if (ec) {
            // Out of file descriptors, say: pause instead of spinning, then accept again.
            acceptPause.expires_after(std::chrono::milliseconds(50));
            acceptPause.async_wait([this](beast::error_code) { accept(); });
            return;
        }
        if (live.size() >= limits.maxConnections) {
            beast::error_code ignored;
            socket.close(ignored);
        } else {
            auto session = std::make_shared<Session>(std::move(socket), *this);
            live.emplace(session.get(), session);
            session->start();
        }
        accept();
    });
}

void HttpServer::Impl::forget(Session* session) {
    live.erase(session);
    if (stopping && live.empty()) {
        graceTimer.cancel();
        work.reset();
    }
}

void HttpServer::Impl::beginStop() {
    if (stopping) return;
    stopping = true;
    beast::error_code ec;
    acceptor.close(ec);
    acceptPause.cancel();
    std::vector<std::shared_ptr<Session>> idle, streams;
    for (auto& [raw, weak] : live)
        if (auto session = weak.lock(); session && session->interruptible())
            idle.push_back(session);
        else if (session && session->streaming())
            streams.push_back(session);
    for (auto& session : idle)
        session->close();
    for (auto& session : streams)
        session->endStream(); // the last chunk, then closed
    if (live.empty()) {
        work.reset();
        return;
    }
    graceTimer.expires_after(limits.stopGrace);
    graceTimer.async_wait([this](beast::error_code waitError) {
        if (waitError) return;
        std::vector<std::shared_ptr<Session>> rest;
        for (auto& [raw, weak] : live)
            if (auto session = weak.lock()) rest.push_back(session);
        for (auto& session : rest)
            session->close();
        live.clear();
        work.reset();
    });
}

HttpServer::HttpServer(HttpLimits limits, Admitter admit, ErrorPage errorPage,
                       std::vector<std::pair<std::string, std::string>> defaultHeaders)
    : impl_(std::make_unique<Impl>(limits, std::move(admit), std::move(errorPage),
                                   std::move(defaultHeaders))) {}

HttpServer::~HttpServer() {
    impl_->handlers.join();
}

int HttpServer::listen(const std::string& address, int port, std::string& error) {
    beast::error_code ec;
    const auto ip = net::ip::make_address(address, ec);
    if (ec) return error = address + ": not an IP address", 0;
    const tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
    auto& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return error = ec.message(), 0;
    return acceptor.local_endpoint().port();
}

void HttpServer::run() {
    impl_->work.emplace(impl_->io.get_executor());
    impl_->accept();
    impl_->io.run();
    impl_->handlers.join(); // answers to closed connections: their work (a commit) is done
}

void HttpServer::stop() {
    net::post(impl_->io, [impl = impl_.get()] { impl->beginStop(); });
}

} // namespace almere::server
