#include "server/staff_routes.hpp"

#include "platform/files.hpp"
#include "server/json_response.hpp"
#include "server/request_rules.hpp"
#include "server/secrets.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>

namespace almere::server {
namespace {

using json = nlohmann::ordered_json;

constexpr size_t kMaxSignInBytes = 1024;
const std::vector<std::string> kChannels = {"kiosk", "web", "session"};
const std::vector<std::string> kStatuses = {"new", "approved", "hidden"};
const std::vector<std::string> kQueueParameters = {"status",  "plan", "phase", "wijk",
                                                   "channel", "from", "to"};

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool isId(const std::string& s) {
    return !s.empty() && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool isWijkCode(const std::string& s) {
    return s.size() == 8 && s.rfind("WK", 0) == 0 &&
           std::all_of(s.begin() + 2, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2026-12-06" -> unix seconds at 00:00 UTC that day; nullopt for anything else or no such day.
std::optional<int64_t> dayStart(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    std::tm day{};
    day.tm_year = std::stoi(text.substr(0, 4)) - 1900;
    day.tm_mon = std::stoi(text.substr(5, 2)) - 1;
    day.tm_mday = std::stoi(text.substr(8, 2));
    const int year = day.tm_year, month = day.tm_mon, mday = day.tm_mday;
    const time_t t = timegm(&day);
    // timegm normalises 31 February to 3 March: such a date was not a day.
    if (day.tm_year != year || day.tm_mon != month || day.tm_mday != mday) return std::nullopt;
    return int64_t(t);
}

int secondsLeft(const StaffAuth::Session& session) {
    const auto left = session.expires - StaffAuth::Clock::now();
    return int(
        std::max<long long>(0, std::chrono::duration_cast<std::chrono::seconds>(left).count()));
}

void refuse(HttpResponse& res, int status, const std::string& message) {
    sendError(res, status, message);
    res.setHeader("Cache-Control", "no-store");
}

json queueEntry(const StoredReaction& s) {
    const Reaction& r = s.reaction;
    return {{"id", r.id},
            {"subject", {{"kind", r.subjectKind}, {"id", r.subjectId}}},
            {"wijk", r.subjectKind == "place" ? r.subjectId : r.wijk},
            {"rating", r.rating},
            {"comment", r.comment},
            {"lang", r.lang},
            {"channel", r.channel},
            {"plan_state", r.planState},
            {"created_at", r.createdAt},
            {"moderation", s.moderation}};
}

// POST /api/staff/signin, its body read.
void signIn(const HttpRequest& req, HttpResponse& res, StaffAuth& auth, const std::string& token) {
    if (const int wait = auth.takeSignIn(clientAddress(req, auth.options()))) {
        res.setHeader("Retry-After", std::to_string(wait));
        return sendError(res, 429,
                         "too many sign-in attempts, wait " + std::to_string(wait) + " s");
    }
    // A sign-in forced from another site would put the staff's browser in a session of its own.
    if (!isSameOrigin(req, cameOverHttps(req, auth.options())))
        return sendError(res, 403, "sign in on the staff page itself");
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("token") || !body["token"].is_string())
        return sendError(res, 400, "token: expected a string");
    if (!constantTimeEquals(body["token"].get<std::string>(), token))
        return sendError(res, 403, "token: wrong admin token");
    const auto session = auth.create();
    if (!session) return sendError(res, 503, "no session could be made");
    res.setHeader("Set-Cookie", auth.cookieFor(*session, req));
    sendJson(res, 200, {{"csrf", session->csrf}, {"expires_in", secondsLeft(*session)}});
}

// GET /api/staff/me: the page's CSRF token and what it may filter by.
void describeSession(const HttpRequest& req, HttpResponse& res, StaffAuth& auth,
                     const StaffChoices& choices) {
    const auto session = auth.fromRequest(req);
    if (!session) return sendError(res, 401, "not signed in");
    json wijken = json::array();
    for (const WijkPlace& w : choices.wijken)
        wijken.push_back({{"code", w.code}, {"name", w.name}});
    sendJson(res, 200,
             {{"csrf", session->csrf},
              {"expires_in", secondsLeft(*session)},
              {"choices",
               {{"plans", choices.plans},
                {"phases", choices.phases},
                {"wijken", wijken},
                {"channels", kChannels},
                {"statuses", kStatuses},
                {"names", choices.names}}}});
}

} // namespace

HttpHandler withNoStore(HttpHandler handler) {
    return [handler = std::move(handler)](const HttpRequest& req, HttpResponse& res) {
        handler(req, res);
        res.setHeader("Cache-Control", "no-store");
    };
}

std::string framePolicyFor(const std::string& path, const std::string& sitePolicy) {
    return path == "/staff" || path.rfind("/staff/", 0) == 0 ? "frame-ancestors 'none'"
                                                             : sitePolicy;
}

std::vector<std::string> loadPhaseIds(const std::string& assets) {
    std::string text;
    std::vector<std::string> ids;
    // The baked pack beside the server, or the content pack's sources (--assets assets).
    if (!platform::readFile(assets + "/plans.json", text) &&
        !platform::readFile(assets + "/plans/plans.json", text))
        return ids;
    const json plans = json::parse(text, nullptr, false);
    if (!plans.is_object() || !plans.contains("phases") || !plans["phases"].is_array()) return ids;
    for (const json& phase : plans["phases"])
        if (phase.is_object() && phase.contains("id") && phase["id"].is_string())
            ids.push_back(phase["id"].get<std::string>());
    return ids;
}

StaffRoutes::StaffRoutes(StaffAuth& auth, ReactionStore& store, StaffChoices choices,
                         const std::string& adminToken)
    : auth_(auth), store_(store), choices_(std::move(choices)), adminToken_(adminToken) {}

Admission StaffRoutes::admit(const HttpRequest& head, HttpResponse& refusal) const {
    const auto only = [&](const char* method, size_t maxBody) {
        if (head.method != method) {
            refusal.setHeader("Allow", method);
            refuse(refusal, 405, "method not allowed");
            return false;
        }
        return framingAllowed(head, refusal) &&
               (!maxBody || jsonBodyAllowed(head, maxBody, refusal));
    };
    StaffAuth& auth = auth_;
    if (head.path == "/api/staff/signin") {
        if (!only("POST", kMaxSignInBytes)) return Admission{};
        const std::string& token = adminToken_;
        return Admission{withNoStore([&auth, &token](const HttpRequest& req, HttpResponse& res) {
                             signIn(req, res, auth, token);
                         }),
                         nullptr, kMaxSignInBytes};
    }
    if (head.path == "/api/staff/me") {
        if (!only("GET", 0)) return Admission{};
        const StaffChoices& choices = choices_;
        return Admission{withNoStore([&auth, &choices](const HttpRequest& req, HttpResponse& res) {
            describeSession(req, res, auth, choices);
        })};
    }
    if (head.path == "/api/staff/signout") {
        if (!only("POST", 0)) return Admission{};
        // The same checks as any change: a cross-site page cannot sign the staff out either.
        if (!auth.admits(head, refusal, adminToken_)) {
            refusal.setHeader("Cache-Control", "no-store");
            return Admission{};
        }
        return Admission{withNoStore([&auth](const HttpRequest& req, HttpResponse& res) {
            auth.remove(cookieValue(req.header("cookie"), kStaffCookie));
            res.setHeader("Set-Cookie", auth.expiredCookie(req));
            sendJson(res, 200, {{"signed_out", true}});
        })};
    }
    refuse(refusal, 404, "not found");
    return Admission{};
}

void StaffRoutes::answerQueue(const HttpRequest& req, HttpResponse& res) const {
    for (const auto& [name, value] : req.query)
        if (!contains(kQueueParameters, name))
            return sendError(res, 400,
                             name + ": unknown parameter (expected status, plan, phase, "
                                    "wijk, channel, from or to)");
    QueueFilter filter;
    if (req.query.count("status")) filter.status = req.queryValue("status");
    filter.plan = req.queryValue("plan");
    filter.phase = req.queryValue("phase");
    filter.wijk = req.queryValue("wijk");
    filter.channel = req.queryValue("channel");
    if (!contains(kStatuses, filter.status))
        return sendError(res, 400, "status: expected new, approved or hidden");
    if (!filter.plan.empty() && !contains(choices_.plans, filter.plan))
        return sendError(res, 400, "plan: no plan with this id");
    if (!filter.phase.empty() &&
        !(choices_.phases.empty() ? isId(filter.phase) : contains(choices_.phases, filter.phase)))
        return sendError(res, 400, "phase: no phase with this id");
    const bool knownWijk =
        choices_.wijken.empty()
            ? isWijkCode(filter.wijk)
            : std::any_of(choices_.wijken.begin(), choices_.wijken.end(),
                          [&](const WijkPlace& w) { return w.code == filter.wijk; });
    if (!filter.wijk.empty() && !knownWijk)
        return sendError(res, 400, "wijk: expected a wijk code of Almere (WK0034..)");
    if (!filter.channel.empty() && !contains(kChannels, filter.channel))
        return sendError(res, 400, "channel: expected kiosk, web or session");
    for (const char* name : {"from", "to"}) {
        const std::string text = req.queryValue(name);
        if (text.empty()) continue;
        const auto start = dayStart(text);
        if (!start) return sendError(res, 400, std::string(name) + ": expected a date YYYY-MM-DD");
        if (name[0] == 'f')
            filter.from = *start;
        else
            filter.until = *start + 24 * 3600; // the whole day `to` is included
    }
    if (filter.from && filter.until && *filter.from >= *filter.until)
        return sendError(res, 400, "to: before from");
    bool truncated = false;
    json list = json::array();
    for (const StoredReaction& s : store_.queue(filter, kMaxQueue + 1)) {
        if (list.size() == size_t(kMaxQueue)) {
            truncated = true;
            break;
        }
        list.push_back(queueEntry(s));
    }
    sendJson(res, 200, {{"reactions", list}, {"truncated", truncated}});
}

} // namespace almere::server
