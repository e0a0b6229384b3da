// The only translation unit that includes Boost.Beast (see http_server.hpp for the rules).
#include "server/http_server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <cctype>
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

    void close() {
        if (closed_) return;
        closed_ = true;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.close();
        server_.forget(this);
    }

  private:
    enum class State { reading, handling, writing, lingering };

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
};

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
    std::vector<std::shared_ptr<Session>> idle;
    for (auto& [raw, weak] : live)
        if (auto session = weak.lock(); session && session->interruptible())
            idle.push_back(session);
    for (auto& session : idle)
        session->close();
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
