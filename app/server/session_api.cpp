#include "server/session_api.hpp"

#include <cstring>

#include "core/reaction.hpp"
#include "core/session_answer.hpp"
#include "core/session_view.hpp"
#include "server/exports.hpp"
#include "server/json_response.hpp"
#include "server/request_rules.hpp"
#include "server/secrets.hpp"
#include "server/session_report.hpp"

#include <algorithm>
#include <ctime>
#include <future>

namespace almere::server {
namespace {

using json = nlohmann::ordered_json;

constexpr size_t kMaxBody = 4096;
constexpr size_t kMaxControlBody = 64 * 1024; // paper counts for a round of many statements
constexpr int64_t kMaxPaperCount = 10000;
constexpr auto kLongPoll = std::chrono::seconds(25);
constexpr auto kPingEvery = std::chrono::seconds(15); // keeps proxies from closing a quiet stream
constexpr const char* kFacilitatorHeader = "X-Almere-Facilitator-Key";
constexpr const char* kAgendaPrefix = "/api/agendas/";

json stateJson(const SessionState& s, size_t rounds) {
    json statements = json::array();
    for (const auto& [id, text] : s.statements)
        statements.push_back({{"id", id}, {"text", text}});
    return {{"code", s.code},
            {"agenda", s.agenda},
            {"state", s.state},
            {"round", s.round},
            {"results_shown", s.resultsShown},
            {"view", s.view},
            {"follow", s.follow},
            {"version", s.version},
            {"participants", s.participants},
            {"answers", s.answers},
            {"rounds", rounds},
            {"statements", statements},
            {"pending_statements", s.pendingStatements}};
}

json countsJson(const std::map<std::string, int64_t>& counts) {
    json list = json::array();
    for (const auto& [answer, count] : counts)
        list.push_back({{"answer", json::parse(answer)}, {"count", count}});
    return list;
}

// One Server-Sent Event: the state, on one line, with its version as the event id.
std::string stateEvent(const SessionState& s, size_t rounds) {
    return "id: " + std::to_string(s.version) +
           "\nevent: state\ndata: " + stateJson(s, rounds).dump() + "\n\n";
}

// "/api/sessions/ABC347/answers" -> code "ABC347", rest "answers"; false for other paths.
bool splitSessionPath(const std::string& path, std::string& code, std::string& rest) {
    const std::string prefix = "/api/sessions/";
    if (path.rfind(prefix, 0) != 0) return false;
    const std::string tail = path.substr(prefix.size());
    const size_t slash = tail.find('/');
    code = tail.substr(0, slash);
    rest = slash == std::string::npos ? "" : tail.substr(slash + 1);
    return true;
}

nlohmann::json parseBody(const std::string& body) {
    if (body.find('\0') != std::string::npos)
        return nlohmann::json(nlohmann::json::value_t::discarded);
    return nlohmann::json::parse(body, nullptr, false);
}

} // namespace

SessionApi::SessionApi(SessionStore& store, std::map<std::string, Agenda> agendas,
                       std::map<std::string, std::string> agendaFiles, std::string facilitatorKey,
                       std::string adminToken)
    : store_(store), agendas_(std::move(agendas)), agendaFiles_(std::move(agendaFiles)),
      facilitatorKey_(std::move(facilitatorKey)), adminToken_(std::move(adminToken)),
      nextPing_(std::chrono::steady_clock::now() + kPingEvery),
      timer_([this] { expireWaiters(); }) {
    // After each group commit of answers: the new state to everyone following the session.
    store_.onCommitted([this](const std::string& code) { refresh(code); });
}

void SessionApi::refresh(const std::string& code) {
    if (const auto state = store_.find(code)) publish(*state);
}

void SessionApi::answerAll() {
    std::vector<std::pair<HttpReply, SessionState>> due;
    {
        std::lock_guard<std::mutex> lock(liveMutex_);
        for (auto& [code, list] : waiting_)
            for (Waiter& w : list)
                due.emplace_back(std::move(w.reply), latest_[code]);
        waiting_.clear();
        for (auto& [code, list] : listening_)
            for (Listener& l : list)
                l.stream->end();
        listening_.clear();
    }
    for (auto& [reply, state] : due) {
        HttpResponse res;
        sendJson(res, 200, stateJson(state, roundsOf(state.agenda)));
        reply(std::move(res));
    }
}

SessionApi::~SessionApi() {
    store_.stopWriter(); // its last commit publishes through this object
    {
        std::lock_guard<std::mutex> lock(liveMutex_);
        stopping_ = true;
    }
    stop_.notify_all();
    timer_.join();
}

void SessionApi::publish(const SessionState& state) {
    std::vector<HttpReply> ready;
    const size_t rounds = roundsOf(state.agenda);
    const std::string event = stateEvent(state, rounds);
    {
        std::lock_guard<std::mutex> lock(liveMutex_);
        SessionState& known = latest_[state.code];
        if (state.version < known.version) return; // an older look at it, published late
        known = state;
        // Written under the lock, so every stream gets the versions in order.
        if (const auto it = listening_.find(state.code); it != listening_.end()) {
            auto& list = it->second;
            for (Listener& l : list)
                if (l.sent < state.version && l.stream->write(event)) l.sent = state.version;
            list.erase(std::remove_if(list.begin(), list.end(),
                                      [](const Listener& l) { return l.stream->ended(); }),
                       list.end());
        }
        auto& list = waiting_[state.code];
        for (auto it = list.begin(); it != list.end();) {
            if (it->since < state.version) {
                ready.push_back(std::move(it->reply));
                it = list.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (HttpReply& reply : ready) {
        HttpResponse res;
        sendJson(res, 200, stateJson(state, rounds));
        reply(std::move(res));
    }
}

size_t SessionApi::roundsOf(const std::string& agenda) const {
    const auto it = agendas_.find(agenda);
    return it == agendas_.end() ? 0 : it->second.rounds.size();
}

bool SessionApi::knows(const std::string& code) {
    std::lock_guard<std::mutex> lock(liveMutex_);
    return latest_.count(code) > 0;
}

// Answers with the latest state once its version passes `since` (at once if it has).
void SessionApi::waitFor(const std::string& code, int64_t since, HttpReply& reply) {
    SessionState now;
    {
        std::lock_guard<std::mutex> lock(liveMutex_);
        const auto it = latest_.find(code);
        if (it == latest_.end()) { // cannot happen: admit() checked, and nothing is forgotten
            HttpResponse res;
            sendError(res, 404, "no session with this code");
            return reply(std::move(res));
        }
        if (it->second.version <= since) {
            waiting_[code].push_back(
                {since, std::move(reply), std::chrono::steady_clock::now() + kLongPoll});
            return;
        }
        now = it->second;
    }
    const size_t rounds = roundsOf(now.agenda);
    HttpResponse res;
    sendJson(res, 200, stateJson(now, rounds));
    reply(std::move(res));
}

// A new event stream: the state at once, then every newer version (see publish).
void SessionApi::openEvents(const std::string& code, const std::shared_ptr<HttpStream>& stream) {
    if (!knows(code)) { // the first look at this session since the start
        const auto state = store_.find(code);
        if (state) publish(*state);
    }
    std::lock_guard<std::mutex> lock(liveMutex_);
    const auto it = latest_.find(code);
    if (it == latest_.end()) {
        HttpResponse res;
        sendError(res, 404, "no session with this code");
        return stream->refuse(std::move(res));
    }
    HttpResponse head;
    head.setHeader("Content-Type", "text/event-stream; charset=utf-8");
    head.setHeader("Cache-Control", "no-store");
    head.setHeader("X-Accel-Buffering", "no"); // nginx: pass each event on at once
    head.body = stateEvent(it->second, roundsOf(it->second.agenda));
    stream->begin(std::move(head));
    listening_[code].push_back({stream, it->second.version});
}

// Every 15 s a comment line on each stream; ended streams are let go.
void SessionApi::pingListeners() {
    for (auto it = listening_.begin(); it != listening_.end();) {
        auto& list = it->second;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [](const Listener& l) { return !l.stream->write(": ping\n\n"); }),
                   list.end());
        it = list.empty() ? listening_.erase(it) : std::next(it);
    }
}

// Once a second: a poll that waited its full time is answered with the state as it is, and the
// participant's page asks again.
void SessionApi::expireWaiters() {
    std::unique_lock<std::mutex> lock(liveMutex_);
    for (;;) {
        stop_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
        const auto now = std::chrono::steady_clock::now();
        if (now >= nextPing_) {
            pingListeners();
            nextPing_ = now + kPingEvery;
        }
        std::vector<std::pair<HttpReply, SessionState>> due;
        for (auto& [code, list] : waiting_)
            for (auto it = list.begin(); it != list.end();) {
                if (it->deadline <= now) {
                    due.emplace_back(std::move(it->reply), latest_[code]);
                    it = list.erase(it);
                } else {
                    ++it;
                }
            }
        lock.unlock();
        for (auto& [reply, state] : due) {
            HttpResponse res;
            sendJson(res, 200, stateJson(state, roundsOf(state.agenda)));
            reply(std::move(res));
        }
        lock.lock();
        if (stopping_) return;
    }
}

Admission SessionApi::admit(const HttpRequest& head, HttpResponse& refusal) {
    const bool facilitator = !facilitatorKey_.empty() &&
                             constantTimeEquals(head.header(kFacilitatorHeader), facilitatorKey_);
    const auto bodyAllowed = [](const HttpRequest& h, HttpResponse& r) {
        return framingAllowed(h, r) && jsonBodyAllowed(h, kMaxBody, r);
    };
    const auto needFacilitator = [&] {
        if (facilitator) return true;
        sendError(refusal, head.hasHeader(kFacilitatorHeader) ? 403 : 401,
                  "facilitator key required (X-Almere-Facilitator-Key)");
        return false;
    };

    // The agendas are public content: the facilitator's screen reads them from here, so it
    // shows exactly the rounds the server runs (and the browser's first load stays small).
    if (head.path.rfind(kAgendaPrefix, 0) == 0) {
        const auto file = agendaFiles_.find(head.path.substr(std::strlen(kAgendaPrefix)));
        if (head.method != "GET") return sendError(refusal, 405, "method not allowed"), Admission{};
        if (file == agendaFiles_.end())
            return sendError(refusal, 404, "no such agenda"), Admission{};
        const std::string* text = &file->second;
        return {[text](const HttpRequest&, HttpResponse& res) {
                    res.status = 200;
                    res.setHeader("Content-Type", "application/json; charset=utf-8");
                    res.body = *text;
                },
                nullptr, 0};
    }
    if (head.path == "/api/sessions") {
        if (head.method != "POST")
            return sendError(refusal, 405, "method not allowed"), Admission{};
        if (!needFacilitator() || !bodyAllowed(head, refusal)) return Admission{};
        return {[this](const HttpRequest& req, HttpResponse& res) {
                    const auto body = parseBody(req.body);
                    if (!body.is_object() || !body.contains("agenda") ||
                        !body["agenda"].is_string() ||
                        !agendas_.count(body["agenda"].get<std::string>()))
                        return sendError(res, 400, "agenda: not an agenda of this server");
                    const auto state = store_.create(body["agenda"].get<std::string>());
                    if (!state) return sendError(res, 503, "the session could not be stored");
                    publish(*state);
                    sendJson(res, 201, stateJson(*state, roundsOf(state->agenda)));
                },
                nullptr, kMaxBody};
    }
    std::string code, rest;
    if (!splitSessionPath(head.path, code, rest) || !isJoinCode(code)) {
        sendError(refusal, 404, "no session with this code");
        return Admission{};
    }
    const bool get = head.method == "GET", post = head.method == "POST";
    if (rest.empty() && get) {
        const HttpHandler read = [this, code](const HttpRequest&, HttpResponse& res) {
            const auto state = store_.find(code);
            if (!state) return sendError(res, 404, "no session with this code");
            publish(*state);
            sendJson(res, 200, stateJson(*state, roundsOf(state->agenda)));
        };
        const std::string since = head.queryValue("since");
        char* end = nullptr;
        const long long sinceVersion = std::strtoll(since.c_str(), &end, 10);
        // A known session's live state waits on the I/O thread without holding any thread;
        // the first look at a session reads the store.
        if (since.empty() || *end || !knows(code)) return {read, nullptr, 0};
        return {nullptr,
                [this, code, sinceVersion](const HttpRequest&, HttpReply reply) {
                    waitFor(code, sinceVersion, reply);
                },
                0};
    }
    if (rest == "events" && get) {
        return {nullptr, nullptr, 0,
                [this, code](const HttpRequest&, std::shared_ptr<HttpStream> stream) {
                    openEvents(code, stream);
                }};
    }
    if (rest == "participants" && post) {
        if (head.contentLength() > 0 || head.hasHeader("transfer-encoding"))
            return sendError(refusal, 400, "no body expected"), Admission{};
        return {[this, code](const HttpRequest&, HttpResponse& res) {
                    const auto id = store_.join(code);
                    if (!id)
                        return sendError(res, 404,
                                         "no open session with this code, or it is full (" +
                                             std::to_string(kMaxParticipants) + " joined)");
                    if (auto state = store_.find(code)) publish(*state);
                    sendJson(res, 201, {{"participant", *id}});
                },
                nullptr, 0};
    }
    if (rest == "answers" && post) {
        if (!bodyAllowed(head, refusal)) return Admission{};
        // A known session's answer is checked on the I/O thread (no I/O: the session's agenda
        // and statements are in memory) and queued for the writer's next group commit; the
        // first answer to a session not seen since the start reads the store on the pool.
        if (knows(code))
            return {nullptr,
                    [this, code](const HttpRequest& req, HttpReply reply) {
                        submitAnswer(code, req.body, std::move(reply));
                    },
                    kMaxBody};
        return {[this, code](const HttpRequest& req, HttpResponse& res) {
                    if (const auto state = store_.find(code)) publish(*state);
                    std::promise<HttpResponse> answered;
                    auto response = answered.get_future();
                    submitAnswer(code, req.body,
                                 [&answered](HttpResponse r) { answered.set_value(std::move(r)); });
                    res = response.get();
                },
                nullptr, kMaxBody};
    }
    if (rest == "control" && post) {
        if (!needFacilitator() || !framingAllowed(head, refusal) ||
            !jsonBodyAllowed(head, kMaxControlBody, refusal))
            return Admission{};
        return {[this, code](const HttpRequest& req, HttpResponse& res) {
                    control(code, parseBody(req.body), res);
                },
                nullptr, kMaxControlBody};
    }
    if (rest == "statements" && post) {
        if (!bodyAllowed(head, refusal)) return Admission{};
        return {[this, code](const HttpRequest& req, HttpResponse& res) {
                    propose(code, parseBody(req.body), res);
                },
                nullptr, kMaxBody};
    }
    if (rest == "statements" && get) {
        if (!needFacilitator()) return Admission{};
        return {
            [this, code](const HttpRequest&, HttpResponse& res) {
                if (!store_.find(code)) return sendError(res, 404, "no session with this code");
                json list = json::array();
                for (const Proposal& p : store_.proposals(code))
                    list.push_back(
                        {{"id", p.id}, {"round", p.round}, {"text", p.text}, {"status", p.status}});
                res.setHeader("Cache-Control", "no-store");
                sendJson(res, 200, {{"statements", list}});
            },
            nullptr, 0};
    }
    if (rest == "results" && get) {
        // The facilitator may ask for any round (?round=n); others see the current one once
        // its results are shown.
        const std::string asked = head.queryValue("round");
        return {[this, code, facilitator, asked](const HttpRequest&, HttpResponse& res) {
                    const auto state = store_.find(code);
                    if (!state) return sendError(res, 404, "no session with this code");
                    if (!facilitator && !state->resultsShown)
                        return sendError(res, 403, "the results are not shown yet");
                    int round = state->round;
                    if (!asked.empty()) {
                        char* end = nullptr;
                        const long n = std::strtol(asked.c_str(), &end, 10);
                        if (!facilitator) return sendError(res, 403, "round: facilitator only");
                        if (*end || n < 0 || n >= long(roundsOf(state->agenda)))
                            return sendError(res, 400, "round: not a round of this session");
                        round = int(n);
                    }
                    if (round < 0) return sendError(res, 409, "no round yet");
                    std::map<std::string, int64_t> paper;
                    for (const PaperCount& p : store_.paper(code, round))
                        paper[p.answer] = p.count;
                    const Agenda& agenda = agendas_.at(state->agenda);
                    sendJson(res, 200,
                             {{"round", round},
                              {"kind", questionKindId(agenda.rounds[size_t(round)].question.kind)},
                              {"counts", countsJson(store_.tally(code, round))},
                              {"paper", countsJson(paper)}});
                },
                nullptr, 0};
    }
    if ((rest == "export.json" || rest == "export.csv" || rest == "export.geojson" ||
         rest == "report.html") &&
        get) {
        if (!isAdmin(head, refusal, adminToken_)) return Admission{};
        return {[this, code, rest](const HttpRequest&, HttpResponse& res) {
                    const auto state = store_.find(code);
                    if (!state) return sendError(res, 404, "no session with this code");
                    if (rest == "export.csv")
                        res.setContent(answersCsv(*state),
                                       "text/csv; charset=utf-8; header=present");
                    else if (rest == "export.json")
                        sendJson(res, 200, answersJson(*state));
                    else if (rest == "export.geojson")
                        res.setContent(sessionPinsGeoJson(record(*state)), "application/geo+json");
                    else
                        res.setContent(sessionReportHtml(record(*state), std::time(nullptr)),
                                       "text/html; charset=utf-8");
                    res.setHeader("Cache-Control", "no-store");
                    if (rest == "report.html") // printable as it is: nothing runs, nothing loads
                        res.setHeader("Content-Security-Policy",
                                      "default-src 'none'; style-src 'unsafe-inline'");
                },
                nullptr, 0};
    }
    if (rest.empty() && head.method == "DELETE") {
        if (!isAdmin(head, refusal, adminToken_)) return Admission{};
        return {[this, code](const HttpRequest&, HttpResponse& res) {
                    if (!store_.find(code)) return sendError(res, 404, "no session with this code");
                    if (!store_.remove(code)) return sendError(res, 503, "could not delete it");
                    forget(code);
                    sendJson(res, 200, {{"deleted", code}});
                },
                nullptr, 0};
    }
    sendError(refusal, 404, "not found");
    return Admission{};
}

// POST .../answers: checked against the round's question, then queued for the writer.
void SessionApi::submitAnswer(const std::string& code, const std::string& text, HttpReply reply) {
    const auto refuse = [&reply](int status, const std::string& message) {
        HttpResponse res;
        if (status == 503) res.setHeader("Retry-After", "2");
        sendError(res, status, message);
        reply(std::move(res));
    };
    const auto body = parseBody(text);
    if (!body.is_object() || !body.contains("participant") || !body["participant"].is_string() ||
        !body.contains("round") || !body["round"].is_number_integer() || !body.contains("answer"))
        return refuse(400, "expected {\"participant\", \"round\", \"answer\"}");
    SessionState state;
    {
        std::lock_guard<std::mutex> lock(liveMutex_);
        const auto it = latest_.find(code);
        if (it == latest_.end()) return refuse(404, "no session with this code");
        state = it->second;
    }
    const int64_t round = body["round"].get<int64_t>();
    if (round < 0 || round >= int64_t(roundsOf(state.agenda)))
        return refuse(400, "round: not a round of this session");
    const AgendaQuestion& question = agendas_.at(state.agenda).rounds[size_t(round)].question;
    // Votable: the agenda's statements and, for the current round, the approved proposals.
    std::vector<std::string> statements;
    for (const AgendaOption& s : question.statements)
        statements.push_back(s.id);
    if (state.round == round)
        for (const auto& [id, statementText] : state.statements)
            statements.push_back(id);
    auto answer = parseSessionAnswer(body["answer"].dump(), question, statements);
    if (!answer) return refuse(400, "answer." + answer.error());
    json given = json::parse(answer.value());
    store_.queueAnswer(
        {code, body["participant"].get<std::string>(), int(round), answer.value(),
         [reply = std::move(reply), round, given = std::move(given)](AnswerOutcome outcome) {
             HttpResponse res;
             switch (outcome) {
             case AnswerOutcome::unknownParticipant:
                 sendError(res, 403, "participant: not in this session");
                 break;
             case AnswerOutcome::roundNotOpen:
                 sendError(res, 409, "round: this round is not open for answers");
                 break;
             case AnswerOutcome::failed:
                 res.setHeader("Retry-After", "2");
                 sendError(res, 503, "the answer could not be stored, try again");
                 break;
             case AnswerOutcome::stored:
             case AnswerOutcome::replaced:
                 const bool replaced = outcome == AnswerOutcome::replaced;
                 sendJson(res, replaced ? 200 : 201,
                          {{"round", round},
                           {"status", replaced ? "replaced" : "stored"},
                           {"answer", given}});
             }
             reply(std::move(res));
         }});
}

// The statements open for votes in a round: the agenda's and the approved proposals.
std::vector<std::string> SessionApi::votableStatements(const std::string& code, int round) {
    std::vector<std::string> ids;
    const auto state = store_.find(code);
    if (!state || round < 0 || size_t(round) >= roundsOf(state->agenda)) return ids;
    for (const AgendaOption& s :
         agendas_.at(state->agenda).rounds[size_t(round)].question.statements)
        ids.push_back(s.id);
    for (std::string& id : store_.approvedIds(code, round))
        ids.push_back(std::move(id));
    return ids;
}

// POST .../control: the facilitator leads the session.
void SessionApi::control(const std::string& code, const nlohmann::json& body, HttpResponse& res) {
    auto state = store_.find(code);
    if (!state) return sendError(res, 404, "no session with this code");
    if (!body.is_object() || !body.contains("action") || !body["action"].is_string())
        return sendError(res, 400,
                         "action: expected open, close, show_results, hide_results, end, view, "
                         "approve_statement, reject_statement or paper");
    const std::string action = body["action"].get<std::string>();
    if (action == "paper") return paper(*state, body, res); // also after the end
    if (state->state == "ended") return sendError(res, 409, "the session has ended");
    if (action == "approve_statement" || action == "reject_statement") {
        if (!body.contains("statement") || !body["statement"].is_string())
            return sendError(res, 400, "statement: expected a proposal id (\"p3\")");
        if (!store_.moderate(code, body["statement"].get<std::string>(),
                             action == "approve_statement"))
            return sendError(res, 404, "statement: no such proposal");
        const auto now = store_.find(code);
        if (!now) return sendError(res, 404, "no session with this code");
        publish(*now);
        return sendJson(res, 200, stateJson(*now, roundsOf(now->agenda)));
    }
    if (action == "open") {
        if (!body.contains("round") || !body["round"].is_number_integer() ||
            body["round"].get<int64_t>() < 0 ||
            body["round"].get<int64_t>() >= int64_t(roundsOf(state->agenda)))
            return sendError(res, 400, "round: not a round of this session");
        state->state = "open";
        state->round = int(body["round"].get<int64_t>());
        state->resultsShown = false;
    } else if (action == "close" && state->state == "open") {
        state->state = "closed";
    } else if (action == "show_results" || action == "hide_results") {
        if (state->state != "closed")
            return sendError(res, 409, "results are shown once a round is closed");
        state->resultsShown = action == "show_results";
    } else if (action == "end") {
        state->state = "ended";
    } else if (action == "view") {
        if (!body.contains("view") && !body.contains("follow"))
            return sendError(res, 400, "view: expected \"view\" and/or \"follow\"");
    } else {
        return sendError(res, 400, "action: not possible now (" + state->state + ")");
    }
    if (body.contains("view")) {
        SessionView view;
        if (!body["view"].is_string() || !decodeSessionView(body["view"].get<std::string>(), view))
            return sendError(res, 400,
                             "view: expected a view text (\"plans=...;phase=...;camera=E,N,D,"
                             "YAW,PITCH;wijk=WK...\", at most 400 characters)");
        state->view = body["view"].get<std::string>();
    }
    if (body.contains("follow")) {
        if (!body["follow"].is_boolean())
            return sendError(res, 400, "follow: expected true or false");
        state->follow = body["follow"].get<bool>();
    }
    if (!store_.update(*state)) return sendError(res, 503, "the change could not be stored");
    const auto now = store_.find(code);
    if (now) publish(*now);
    sendJson(res, 200, stateJson(now ? *now : *state, roundsOf(state->agenda)));
}

// control "paper": the paper ballots of a round, counted by hand, replace those sent before.
void SessionApi::paper(const SessionState& state, const nlohmann::json& body, HttpResponse& res) {
    if (!body.contains("round") || !body["round"].is_number_integer() ||
        body["round"].get<int64_t>() < 0 ||
        body["round"].get<int64_t>() >= int64_t(roundsOf(state.agenda)))
        return sendError(res, 400, "round: not a round of this session");
    const int round = int(body["round"].get<int64_t>());
    if (!body.contains("counts") || !body["counts"].is_array())
        return sendError(res, 400, "counts: expected [{\"answer\": {...}, \"count\": n}]");
    const AgendaQuestion& question = agendas_.at(state.agenda).rounds[size_t(round)].question;
    const std::vector<std::string> statements = votableStatements(state.code, round);
    std::vector<std::pair<std::string, int64_t>> counts;
    for (size_t i = 0; i < body["counts"].size(); ++i) {
        const auto& item = body["counts"][i];
        const std::string at = "counts[" + std::to_string(i) + "]";
        if (!item.is_object() || item.size() != 2 || !item.contains("answer") ||
            !item.contains("count"))
            return sendError(res, 400, at + ": expected {\"answer\", \"count\"}");
        if (!item["count"].is_number_integer() || item["count"].get<int64_t>() < 0 ||
            item["count"].get<int64_t>() > kMaxPaperCount)
            return sendError(res, 400, at + ".count: expected a whole number from 0 to 10000");
        auto answer = parseSessionAnswer(item["answer"].dump(), question, statements);
        if (!answer) return sendError(res, 400, at + ".answer." + answer.error());
        counts.emplace_back(answer.value(), item["count"].get<int64_t>());
    }
    if (!store_.setPaper(state.code, round, counts))
        return sendError(res, 503, "the paper counts could not be stored");
    const auto now = store_.find(state.code);
    if (now) publish(*now);
    sendJson(res, 200, stateJson(now ? *now : state, roundsOf(state.agenda)));
}

// POST .../statements: a participant proposes a statement for the open statements round.
void SessionApi::propose(const std::string& code, const nlohmann::json& body, HttpResponse& res) {
    if (!body.is_object() || !body.contains("participant") || !body["participant"].is_string() ||
        !body.contains("round") || !body["round"].is_number_integer() || !body.contains("text") ||
        !body["text"].is_string())
        return sendError(res, 400, "expected {\"participant\", \"round\", \"text\"}");
    const auto state = store_.find(code);
    if (!state) return sendError(res, 404, "no session with this code");
    const int64_t round = body["round"].get<int64_t>();
    if (round < 0 || round >= int64_t(roundsOf(state->agenda)))
        return sendError(res, 400, "round: not a round of this session");
    if (agendas_.at(state->agenda).rounds[size_t(round)].question.kind != QuestionKind::statements)
        return sendError(res, 409, "round: not a round of statements");
    const auto text = parseProposedStatement(body["text"].get<std::string>());
    if (!text) return sendError(res, 400, text.error());
    std::string id;
    switch (store_.propose(code, body["participant"].get<std::string>(), int(round), text.value(),
                           id)) {
    case ProposalOutcome::unknownParticipant:
        return sendError(res, 403, "participant: not in this session");
    case ProposalOutcome::roundNotOpen:
        return sendError(res, 409, "round: this round is not open");
    case ProposalOutcome::tooMany:
        res.setHeader("Retry-After", "60");
        return sendError(res, 429, "at most 5 proposals may wait for the facilitator");
    case ProposalOutcome::failed:
        res.setHeader("Retry-After", "2");
        return sendError(res, 503, "the proposal could not be stored, try again");
    case ProposalOutcome::stored:
        break;
    }
    if (const auto now = store_.find(code)) publish(*now);
    sendJson(res, 201, {{"id", id}, {"status", "pending"}});
}

// Everything stored about a session, for the GeoJSON pins and the report.
SessionRecord SessionApi::record(const SessionState& state) const {
    SessionRecord r;
    r.state = state;
    r.agenda = agendas_.count(state.agenda) ? &agendas_.at(state.agenda) : nullptr;
    r.answers = store_.answers(state.code);
    r.paper = store_.paper(state.code);
    r.proposals = store_.proposals(state.code);
    return r;
}

// Every answer with its round and the view it was given under.
nlohmann::ordered_json SessionApi::answersJson(const SessionState& state) const {
    const Agenda* agenda = agendas_.count(state.agenda) ? &agendas_.at(state.agenda) : nullptr;
    json list = json::array();
    for (const SessionAnswer& a : store_.answers(state.code)) {
        const bool known = agenda && a.round >= 0 && size_t(a.round) < agenda->rounds.size();
        const AgendaRound* round = known ? &agenda->rounds[size_t(a.round)] : nullptr;
        list.push_back({{"round", a.round},
                        {"round_id", round ? round->id : ""},
                        {"kind", round ? questionKindId(round->question.kind) : ""},
                        {"participant", a.participant},
                        {"answer", json::parse(a.answer, nullptr, false)},
                        {"view", a.view},
                        {"answered_at", a.answeredAt}});
    }
    // Per round of the agenda: its paper ballots, counted by hand (not in "answers").
    json rounds = json::array();
    const std::vector<PaperCount> paper = store_.paper(state.code);
    for (size_t r = 0; agenda && r < agenda->rounds.size(); ++r) {
        json counts = json::array();
        for (const PaperCount& p : paper)
            if (p.round == int(r))
                counts.push_back(
                    {{"answer", json::parse(p.answer, nullptr, false)}, {"count", p.count}});
        rounds.push_back({{"round", r},
                          {"round_id", agenda->rounds[r].id},
                          {"kind", questionKindId(agenda->rounds[r].question.kind)},
                          {"paper", counts}});
    }
    json proposals = json::array();
    for (const Proposal& p : store_.proposals(state.code))
        proposals.push_back({{"id", p.id},
                             {"round", p.round},
                             {"participant", p.participant},
                             {"text", p.text},
                             {"status", p.status},
                             {"proposed_at", p.proposedAt}});
    return {{"session", stateJson(state, roundsOf(state.agenda))},
            {"answers", list},
            {"rounds", rounds},
            {"proposals", proposals}};
}

// One row per online answer (count 1), then one per paper answer of each round: participant
// "paper", no view or time, and how many ballots gave it in "count".
std::string SessionApi::answersCsv(const SessionState& state) const {
    std::string csv = "\xEF\xBB\xBF" // a byte order mark, for Excel
                      "round,round_id,kind,participant,answer,view,answered_at,count\r\n";
    const json all = answersJson(state); // kept: the loop reads into it
    for (const auto& a : all["answers"]) {
        csv += std::to_string(a["round"].get<int>()) + "," +
               csvCell(a["round_id"].get<std::string>()) + "," +
               csvCell(a["kind"].get<std::string>()) + "," +
               csvCell(a["participant"].get<std::string>()) + "," + csvCell(a["answer"].dump()) +
               "," + csvCell(a["view"].get<std::string>()) + "," +
               std::to_string(a["answered_at"].get<int64_t>()) + ",1\r\n";
    }
    for (const auto& r : all["rounds"])
        for (const auto& p : r["paper"])
            csv += std::to_string(r["round"].get<int>()) + "," +
                   csvCell(r["round_id"].get<std::string>()) + "," +
                   csvCell(r["kind"].get<std::string>()) + "," + csvCell("paper") + "," +
                   csvCell(p["answer"].dump()) + "," + csvCell("") + ",," +
                   std::to_string(p["count"].get<int64_t>()) + "\r\n";
    return csv;
}

// A deleted session: nobody waits for it any more, and nothing of it is remembered.
void SessionApi::forget(const std::string& code) {
    std::vector<HttpReply> waiting;
    {
        std::lock_guard<std::mutex> lock(liveMutex_);
        for (Waiter& w : waiting_[code])
            waiting.push_back(std::move(w.reply));
        waiting_.erase(code);
        for (Listener& l : listening_[code])
            l.stream->end();
        listening_.erase(code);
        latest_.erase(code);
    }
    for (HttpReply& reply : waiting) {
        HttpResponse res;
        sendError(res, 404, "no session with this code");
        reply(std::move(res));
    }
}

} // namespace almere::server
