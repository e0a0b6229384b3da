// almere-server: serves the web viewer on 127.0.0.1 (the feedback API joins it later).
#include "server/static_files.hpp"

#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

void usage() {
    std::printf("almere-server [--bind 127.0.0.1] [--port 8080] --web DIR\n"
                "  Serves the web viewer's files from DIR until SIGINT/SIGTERM.\n");
}

} // namespace

int main(int argc, char** argv) {
    std::string bind = "127.0.0.1", web;
    int port = 8080;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 < argc && arg == "--bind")
            bind = argv[++i];
        else if (i + 1 < argc && arg == "--port")
            port = std::atoi(argv[++i]);
        else if (i + 1 < argc && arg == "--web")
            web = argv[++i];
        else {
            usage();
            return arg == "--help" ? 0 : 2;
        }
    }
    if (web.empty() || port <= 0 || port > 65535) {
        usage();
        return 2;
    }

    // Signals are taken by a dedicated thread (sigwait) so stopping is not done from a handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    httplib::Server server;
    if (FILE* probe = std::fopen((web + "/index.html").c_str(), "rb")) {
        std::fclose(probe);
    } else {
        std::fprintf(stderr, "almere-server: %s: no index.html there (build the web viewer)\n",
                     web.c_str());
        return 1;
    }
    almere::server::serveStaticFiles(server, web);
    server.set_default_headers(
        {{"Cache-Control", "no-cache"}, {"X-Content-Type-Options", "nosniff"}});

    std::thread stopper([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        server.stop();
    });
    if (!server.bind_to_port(bind.c_str(), port)) {
        std::fprintf(stderr, "almere-server: cannot listen on %s:%d (in use?)\n", bind.c_str(),
                     port);
        pthread_kill(stopper.native_handle(), SIGTERM);
        stopper.join();
        return 1;
    }
    std::printf("almere-server: web viewer on http://%s:%d/\n", bind.c_str(), port);
    std::fflush(stdout);
    server.listen_after_bind();
    stopper.join();
    std::printf("almere-server: stopped\n");
    return 0;
}
