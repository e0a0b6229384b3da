// almere-server: the feedback API (and, with --web, the web viewer) on 127.0.0.1.
#include "core/city_source.hpp"
#include "core/reaction.hpp"
#include "core/session_agenda.hpp"
#include "platform/files.hpp"
#include "server/api.hpp"
#include "server/http_server.hpp"
#include "server/participant_routes.hpp"
#include "server/reaction_store.hpp"
#include "server/results_routes.hpp"
#include "server/secrets.hpp"
#include "server/session_api.hpp"
#include "server/session_store.hpp"
#include "server/staff_auth.hpp"
#include "server/staff_routes.hpp"
#include "server/static_files.hpp"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

struct Options {
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::string web; // "" = API only
    std::string data = "data";
    std::string assets;     // "" = assets/ next to the executable
    int rateLimit = 30;     // accepted reactions per minute per installation; 0 = off
    int addressLimit = 600; // accepted reactions per minute per address; 0 = off
    int maxStreams = 2000;  // open event streams (live session state); more get 503
    std::string frameAncestors = "'self'"; // who may show the viewer in an iframe (?embed=1)
    int staffSeconds = 480 * 60;           // how long a staff sign-in lasts
    bool https = false;                    // the browser reaches the server over https
    std::string trustedProxy;              // whose X-Forwarded-Proto is believed
};

void usage() {
    std::printf(
        "almere-server [--bind 127.0.0.1] [--port 8080] [--web DIR] [--data DIR]\n"
        "              [--assets DIR] [--rate-limit N] [--address-limit N] [--max-streams N]\n"
        "              [--staff-session-minutes N] [--https] [--trusted-proxy ADDR]\n"
        "  Takes residents' reactions (POST /api/reactions) and answers summaries and, with the\n"
        "  admin token, exports; serves the web viewer's files from --web DIR when given.\n"
        "  --data DIR        reactions.sqlite, admin-token and kiosk-key live here (default\n"
        "                    ./data; made private to the server's user: folder 0700, files 0600)\n"
        "  --assets DIR      the content pack, for feedback/form.json (default: next to the\n"
        "                    executable)\n"
        "  --rate-limit N    accepted reactions per minute per kiosk or browser installation\n"
        "                    (X-Almere-Installation; else per address) (default 30, 0 = off)\n"
        "  --address-limit N accepted reactions per minute per address (default 600, 0 = off)\n"
        "  --max-streams N   open session event streams at once (default 2000; more get 503)\n"
        "  --port 0          any free port (printed)\n"
        "  --frame-ancestors \"'self' https://almere.nl https://*.almere.nl\"\n"
        "                    sites that may show the viewer in an iframe (?embed=1), sent as\n"
        "                    Content-Security-Policy: frame-ancestors (default 'self' only)\n"
        "  --staff-session-minutes N  how long a sign-in on the staff page (/staff/, with --web)\n"
        "                    lasts (default 480; --staff-session-seconds N for tests). Sessions\n"
        "                    are kept in memory: a restart signs the staff out\n"
        "  --https           the browser reaches this server over https (TLS in front of it):\n"
        "                    the staff cookie is sent with Secure\n"
        "  --trusted-proxy ADDR  the address of a reverse proxy whose X-Forwarded-Proto: https\n"
        "                    makes the staff cookie Secure (other senders' header is ignored)\n"
        "  The admin token is ALMERE_ADMIN_TOKEN, or else DIR/admin-token; the kiosk key, which\n"
        "  lifts the rate limit for kiosks, ALMERE_KIOSK_KEY or DIR/kiosk-key (made when "
        "missing).\n"
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
        else if (hasValue && arg == "--frame-ancestors")
            o.frameAncestors = argv[++i];
        else if (hasValue && arg == "--data")
            o.data = argv[++i];
        else if (hasValue && arg == "--assets")
            o.assets = argv[++i];
        else if (hasValue && arg == "--rate-limit" && parseCount(argv[i + 1], 1000000, o.rateLimit))
            ++i;
        else if (hasValue && arg == "--address-limit" &&
                 parseCount(argv[i + 1], 1000000, o.addressLimit))
            ++i;
        else if (hasValue && arg == "--staff-session-minutes" &&
                 parseCount(argv[i + 1], 7 * 24 * 60, o.staffSeconds) && o.staffSeconds > 0) {
            o.staffSeconds *= 60;
            ++i;
        } else if (hasValue && arg == "--staff-session-seconds" &&
                   parseCount(argv[i + 1], 7 * 24 * 3600, o.staffSeconds) && o.staffSeconds > 0)
            ++i;
        else if (arg == "--https")
            o.https = true;
        else if (hasValue && arg == "--trusted-proxy")
            o.trustedProxy = argv[++i];
        else if (hasValue && arg == "--max-streams" &&
                 parseCount(argv[i + 1], 100000, o.maxStreams))
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

void syncFolder(const std::string& folder) {
    const int fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

// mkdir -p; the data folder and what is in it are private to the server's user whoever made
// the folder (comments are residents' words): 0700 and 0600, also for files made earlier.
// A new folder's name is synced into its parent, so a power cut just after the first start
// cannot take the folder, and the reactions in it, away.
bool makePrivateDataFolder(const std::string& dir) {
    for (size_t at = dir.find('/', 1);; at = dir.find('/', at + 1)) {
        const std::string part = dir.substr(0, at);
        if (mkdir(part.c_str(), 0700) == 0) {
            const size_t slash = part.rfind('/');
            syncFolder(slash == std::string::npos ? "." : slash == 0 ? "/" : part.substr(0, slash));
        } else if (errno != EEXIST) {
            return false;
        }
        if (at == std::string::npos) break;
    }
    struct stat st {};
    if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || chmod(dir.c_str(), 0700) != 0)
        return false;
    for (const char* name : {"reactions.sqlite", "reactions.sqlite-wal", "reactions.sqlite-shm",
                             "sessions.sqlite", "sessions.sqlite-wal", "sessions.sqlite-shm",
                             "admin-token", "kiosk-key", "facilitator-key"}) {
        const std::string file = dir + "/" + name;
        if (chmod(file.c_str(), 0600) != 0 && errno != ENOENT) return false;
    }
    return true;
}

// Every open connection is a file descriptor: take all the system allows.
void raiseOpenFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
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

// Every agenda in <assets>/sessions/*.json, by id (the file name); a broken one stops the start.
bool loadAgendas(const std::string& assets, std::map<std::string, almere::Agenda>& out,
                 std::map<std::string, std::string>& files) {
    std::error_code ec;
    const std::filesystem::path folder = std::filesystem::path(assets) / "sessions";
    if (!std::filesystem::is_directory(folder, ec)) return true; // no sessions offered
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        if (entry.path().extension() != ".json") continue;
        almere::SourceFile file{entry.path().string(), ""};
        if (!almere::platform::readFile(file.name, file.text)) {
            std::fprintf(stderr, "almere-server: cannot read %s\n", file.name.c_str());
            return false;
        }
        auto agenda = almere::parseAgenda(file);
        if (!agenda) {
            std::fprintf(stderr, "almere-server: %s\n", agenda.error().c_str());
            return false;
        }
        const std::string id = agenda.value().id;
        out.emplace(id, agenda.take());
        files.emplace(id, std::move(file.text));
    }
    return true;
}

bool loadSecrets(const std::string& data, almere::server::ApiConfig& api) {
    const almere::server::Secret token = almere::server::loadAdminToken(data);
    const almere::server::Secret kioskKey = almere::server::loadKioskKey(data);
    for (const auto* secret : {&token, &kioskKey})
        if (!secret->error.empty()) {
            std::fprintf(stderr, "almere-server: %s\n", secret->error.c_str());
            return false;
        }
    api.adminToken = token.token;
    api.kioskKey = kioskKey.token;
    std::printf("almere-server: admin token from %s\n", token.source.c_str());
    std::printf("almere-server: kiosk key from %s\n", kioskKey.source.c_str());
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    if (const int code = parseOptions(argc, argv, options)) return code == 1 ? 0 : code;
    if (options.assets.empty()) options.assets = executableDir() + "/assets";
    umask(077); // whatever the server creates is its user's alone

    // Signals are taken by a dedicated thread (sigwait) so stopping is not done from a handler.
    // Blocked before any thread starts, so that every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    raiseOpenFileLimit();

    almere::server::ApiConfig api;
    if (!loadRules(options.assets, api.rules)) return 1;
    if (!makePrivateDataFolder(options.data)) {
        std::fprintf(stderr, "almere-server: cannot create %s or make it private (%s)\n",
                     options.data.c_str(), std::strerror(errno));
        return 1;
    }
    if (!loadSecrets(options.data, api)) return 1;
    const std::string dbPath = options.data + "/reactions.sqlite";
    std::string error;
    auto store = almere::server::ReactionStore::open(dbPath, error);
    if (!store) {
        std::fprintf(stderr, "almere-server: %s\n", error.c_str());
        return 1;
    }
    if (!options.web.empty()) {
        std::string index;
        if (!almere::platform::readFile(options.web + "/index.html", index)) {
            std::fprintf(stderr, "almere-server: %s: no index.html there (build the web viewer)\n",
                         options.web.c_str());
            return 1;
        }
        api.webRoot = options.web;
        api.framePolicy = almere::server::frameAncestorsPolicy(options.frameAncestors);
        if (api.framePolicy.empty()) {
            std::fprintf(stderr,
                         "almere-server: --frame-ancestors: expected words such as 'self' or "
                         "https://almere.nl, got \"%s\"\n",
                         options.frameAncestors.c_str());
            return 2;
        }
    }
    std::map<std::string, almere::Agenda> agendas;
    std::map<std::string, std::string> agendaFiles;
    if (!loadAgendas(options.assets, agendas, agendaFiles)) return 1;
    const almere::server::Secret facilitatorKey =
        almere::server::loadSecret(options.data, "facilitator-key", "ALMERE_FACILITATOR_KEY");
    if (!facilitatorKey.error.empty()) {
        std::fprintf(stderr, "almere-server: %s\n", facilitatorKey.error.c_str());
        return 1;
    }
    std::printf("almere-server: facilitator key from %s\n", facilitatorKey.source.c_str());
    auto sessionStore =
        almere::server::SessionStore::open(options.data + "/sessions.sqlite", error);
    if (!sessionStore) {
        std::fprintf(stderr, "almere-server: %s\n", error.c_str());
        return 1;
    }
    const std::map<std::string, almere::Agenda> pageAgendas = agendas;
    almere::server::SessionApi sessions(*sessionStore, std::move(agendas), std::move(agendaFiles),
                                        facilitatorKey.token, api.adminToken);
    // The participants' own pages (/s/CODE): HTML that works without JavaScript or WebGL.
    almere::server::ParticipantContent pageContent;
    pageContent.withScript = !options.web.empty();
    pageContent.places = almere::server::loadWijkPlaces(options.assets, error);
    if (pageContent.places.empty())
        std::fprintf(stderr, "almere-server: /s pages offer no wijk list (%s)\n", error.c_str());
    if (!almere::server::loadPageWords(options.assets, pageContent, error))
        std::fprintf(stderr, "almere-server: /s pages use their own words (%s)\n", error.c_str());
    // A join, an answer or a proposal on a page: everyone following the session hears of it.
    const auto publishLatest = [&sessions](const std::string& code) { sessions.refresh(code); };
    const almere::server::ParticipantRoutes pages(*sessionStore, pageAgendas,
                                                  std::move(pageContent), publishLatest);
    // The staff's results (/staff/resultaten): words, wijk map and population table, if any.
    std::string resultsWarning;
    if (!almere::server::loadResultsContent(options.assets, api.rules, api.results, resultsWarning,
                                            error)) {
        std::fprintf(stderr, "almere-server: %s\n", error.c_str());
        return 1;
    }
    if (!resultsWarning.empty())
        std::fprintf(stderr, "almere-server: %s\n", resultsWarning.c_str());
    almere::server::RateLimits limits{almere::server::RateLimiter(options.rateLimit),
                                      almere::server::RateLimiter(options.addressLimit)};
    // The staff page's sign-in and moderation queue (server/staff_routes.hpp).
    almere::server::StaffAuthOptions staffOptions;
    staffOptions.lifetime = std::chrono::seconds(options.staffSeconds);
    staffOptions.https = options.https;
    staffOptions.trustedProxy = options.trustedProxy;
    almere::server::StaffAuth staffAuth(staffOptions);
    const std::string adminToken = api.adminToken;
    almere::server::StaffChoices staffChoices{
        api.rules.plans, almere::server::loadPhaseIds(options.assets),
        almere::server::loadWijkPlaces(options.assets, error), api.results.words};
    const almere::server::StaffRoutes staff(staffAuth, *store, std::move(staffChoices), adminToken);
    const almere::server::Api routes(*store, limits, std::move(api), &sessions, &staff);
    almere::server::HttpLimits httpLimits;
    httpLimits.maxStreams = static_cast<size_t>(options.maxStreams);
    almere::server::HttpServer server(
        httpLimits,
        [&routes, &pages](const almere::server::HttpRequest& head,
                          almere::server::HttpResponse& refusal) {
            if (almere::server::ParticipantRoutes::handles(head.path))
                return pages.admit(head, refusal);
            return routes.admit(head, refusal);
        },
        almere::server::Api::errorPage,
        {{"Cache-Control", "no-cache"}, {"X-Content-Type-Options", "nosniff"}});
    const int port = server.listen(options.bind, options.port, error);
    if (port <= 0) {
        std::fprintf(stderr, "almere-server: cannot listen on %s:%d (%s)\n", options.bind.c_str(),
                     options.port, error.c_str());
        return 1;
    }
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        sessions.answerAll(); // participants waiting for news are answered, then let go
        server.stop();        // requests in progress finish: their reactions are committed
    });
    std::printf("almere-server: reactions in %s\n", dbPath.c_str());
    std::printf("almere-server: listening on http://%s:%d/ (%s)\n", options.bind.c_str(), port,
                options.web.empty() ? "API only" : "API and web viewer");
    std::fflush(stdout);
    server.run();
    stopper.join();
    sessions.answerAll(); // a poll that came in while stopping (its connection is closed)
    store->close();
    std::printf("almere-server: stopped\n");
    return 0;
}
