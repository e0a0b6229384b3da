// almere-server: the feedback API (and, with --web, the web viewer) on 127.0.0.1.
#include "core/city_source.hpp"
#include "core/reaction.hpp"
#include "platform/files.hpp"
#include "server/admin_token.hpp"
#include "server/api.hpp"
#include "server/rate_limit.hpp"
#include "server/reaction_store.hpp"
#include "server/static_files.hpp"

#include <httplib.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

// Each keep-alive connection holds a worker while it is open; kiosks, browsers and the load
// generator keep theirs open, so there are more workers than cores.
constexpr size_t kWorkerThreads = 64;

// httplib 0.11 listens with a backlog of 5 (compiled into Debian's library): kiosks and
// browsers connecting in a burst would see dropped SYNs and a one-second retry. Linux lets
// listen() be called again on a listening socket to lengthen its queue.
class Server : public httplib::Server {
  public:
    void lengthenListenQueue(int backlog) { ::listen(svr_sock_, backlog); }
};

struct Options {
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::string web; // "" = API only
    std::string data = "data";
    std::string assets; // "" = assets/ next to the executable
    int rateLimit = 30; // accepted reactions per minute per client; 0 = off
};

void usage() {
    std::printf(
        "almere-server [--bind 127.0.0.1] [--port 8080] [--web DIR] [--data DIR]\n"
        "              [--assets DIR] [--rate-limit N]\n"
        "  Takes residents' reactions (POST /api/reactions) and answers summaries and, with the\n"
        "  admin token, exports; serves the web viewer's files from --web DIR when given.\n"
        "  --data DIR        reactions.sqlite and admin-token live here (default ./data)\n"
        "  --assets DIR      the content pack, for feedback/form.json (default: next to the\n"
        "                    executable)\n"
        "  --rate-limit N    accepted reactions per minute per client (default 30, 0 = off)\n"
        "  --port 0          any free port (printed)\n"
        "  The admin token is ALMERE_ADMIN_TOKEN, or else DIR/admin-token (created when missing).\n"
        "  Runs until SIGINT/SIGTERM.\n");
}

bool parseCount(const char* text, int max, int& out) {
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(text, &end, 10);
    if (errno || end == text || *end || value < 0 || value > max) return false;
    out = static_cast<int>(value);
    return true;
}

// 0: options parsed; otherwise the exit code.
int parseOptions(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (hasValue && arg == "--bind")
            o.bind = argv[++i];
        else if (hasValue && arg == "--port" && parseCount(argv[i + 1], 65535, o.port))
            ++i;
        else if (hasValue && arg == "--web")
            o.web = argv[++i];
        else if (hasValue && arg == "--data")
            o.data = argv[++i];
        else if (hasValue && arg == "--assets")
            o.assets = argv[++i];
        else if (hasValue && arg == "--rate-limit" && parseCount(argv[i + 1], 1000000, o.rateLimit))
            ++i;
        else {
            usage();
            return arg == "--help" ? 1 : 2;
        }
    }
    return 0;
}

std::string executableDir() {
    char path[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return ".";
    const std::string exe(path, static_cast<size_t>(n));
    const size_t slash = exe.rfind('/');
    return slash == std::string::npos ? "." : exe.substr(0, slash);
}

// mkdir -p; new folders are private to the server's user (comments are residents' words).
bool makeDirectories(const std::string& dir) {
    for (size_t at = dir.find('/', 1);; at = dir.find('/', at + 1)) {
        const std::string part = dir.substr(0, at);
        if (mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return false;
        if (at == std::string::npos) break;
    }
    struct stat st {};
    return stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool loadRules(const std::string& assets, almere::ReactionRules& rules) {
    almere::SourceFile form{assets + "/feedback/form.json", ""};
    if (!almere::platform::readFile(form.name, form.text)) {
        std::fprintf(stderr, "almere-server: cannot read %s (see --assets)\n", form.name.c_str());
        return false;
    }
    auto parsed = almere::parseReactionRules(form);
    if (!parsed) {
        std::fprintf(stderr, "almere-server: %s\n", parsed.error().c_str());
        return false;
    }
    rules = parsed.take();
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    if (const int code = parseOptions(argc, argv, options)) return code == 1 ? 0 : code;
    if (options.assets.empty()) options.assets = executableDir() + "/assets";

    // Signals are taken by a dedicated thread (sigwait) so stopping is not done from a handler.
    // Blocked before any thread starts, so that every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    almere::server::ApiConfig api;
    if (!loadRules(options.assets, api.rules)) return 1;
    if (!makeDirectories(options.data)) {
        std::fprintf(stderr, "almere-server: cannot create %s\n", options.data.c_str());
        return 1;
    }
    const almere::server::AdminToken token = almere::server::loadAdminToken(options.data);
    if (!token.error.empty()) {
        std::fprintf(stderr, "almere-server: %s\n", token.error.c_str());
        return 1;
    }
    api.adminToken = token.token;
    const std::string dbPath = options.data + "/reactions.sqlite";
    std::string error;
    auto store = almere::server::ReactionStore::open(dbPath, error);
    if (!store) {
        std::fprintf(stderr, "almere-server: %s\n", error.c_str());
        return 1;
    }
    almere::server::RateLimiter limiter(options.rateLimit);

    Server server;
    server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
    server.set_keep_alive_max_count(10000);
    // An idle connection holds a worker, and delays stopping, for this long.
    server.set_keep_alive_timeout(2);
    server.set_tcp_nodelay(true); // small answers go out at once, not after the peer's ACK
    server.set_default_headers(
        {{"Cache-Control", "no-cache"}, {"X-Content-Type-Options", "nosniff"}});
    almere::server::installRequestLimits(server);
    almere::server::registerApi(server, *store, limiter, std::move(api));
    if (!options.web.empty()) {
        std::string index;
        if (!almere::platform::readFile(options.web + "/index.html", index)) {
            std::fprintf(stderr, "almere-server: %s: no index.html there (build the web viewer)\n",
                         options.web.c_str());
            return 1;
        }
        almere::server::serveStaticFiles(server, options.web);
    }

    std::thread stopper([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        server.stop(); // in-flight requests finish, their reactions are committed
    });
    const int port = options.port == 0
                         ? server.bind_to_any_port(options.bind)
                         : (server.bind_to_port(options.bind, options.port) ? options.port : -1);
    if (port <= 0) {
        std::fprintf(stderr, "almere-server: cannot listen on %s:%d (in use?)\n",
                     options.bind.c_str(), options.port);
        pthread_kill(stopper.native_handle(), SIGTERM);
        stopper.join();
        return 1;
    }
    server.lengthenListenQueue(SOMAXCONN);
    std::printf("almere-server: reactions in %s\n", dbPath.c_str());
    std::printf("almere-server: admin token from %s\n", token.source.c_str());
    std::printf("almere-server: listening on http://%s:%d/ (%s)\n", options.bind.c_str(), port,
                options.web.empty() ? "API only" : "API and web viewer");
    std::fflush(stdout);
    const bool listened = server.listen_after_bind();
    if (!listened) pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    store->close();
    std::printf("almere-server: stopped\n");
    return listened ? 0 : 1;
}
