#pragma once
// The Burgerberaad API (issue 9) under /api/sessions. JSON in and out; the facilitator's calls
// need "X-Almere-Facilitator-Key: <key>" (ALMERE_FACILITATOR_KEY or <data>/facilitator-key; not
// the admin token). No names and no addresses are kept: a participant is a random id.
//
//   POST /api/sessions                      facilitator  {"agenda": "<id>"} -> 201 state
//   GET  /api/sessions/{code}[?since=V]     anyone       200 state; with since=V it waits (up to
//                                                        25 s) until the version is past V:
//                                                        live state by long polling, which
//                                                        passes any proxy that passes HTTP
//   GET  /api/sessions/{code}/events        anyone       text/event-stream: the state at once, then
//        one event per version ("id: V\nevent: state\ndata: <state JSON>\n\n"), ": ping" every
//        15 s; 503 above --max-streams open streams (clients fall back to the long poll)
//   POST /api/sessions/{code}/participants  anyone       201 {"participant": "<uuid>"}
//   POST /api/sessions/{code}/answers       participant  {"participant", "round", "answer"}
//        201 stored, 200 replaced (the round is still open), 400 bad answer (core/session_answer),
//        403 unknown participant, 409 the round is not open
//   POST /api/sessions/{code}/control       facilitator  {"action": "open" (with "round") |
//        "close" | "show_results" | "hide_results" | "end", "view": "<text>" (optional)}
//   GET  /api/sessions/{code}/results       facilitator, or anyone once shown
//        {"round", "kind", "counts": [{"answer": {...}, "count"}]}
//   For the participation team, with "Authorization: Bearer <admin token>":
//   GET  /api/sessions/{code}/export.json   {"session": state, "answers": [{"round",
//        "round_id", "kind", "participant", "answer", "view", "answered_at"}]}
//   GET  /api/sessions/{code}/export.csv    the same answers, spreadsheet-safe
//   DELETE /api/sessions/{code}             the session, its participants and answers
// state: {"code", "agenda", "state": "lobby"|"open"|"closed"|"ended", "round", "results_shown",
//         "view", "version", "participants", "answers", "rounds"}
#include "core/session_agenda.hpp"
#include "server/http_server.hpp"
#include "server/session_store.hpp"

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace almere::server {

struct SessionRecord; // session_report.hpp

class SessionApi {
  public:
    SessionApi(SessionStore& store, std::map<std::string, Agenda> agendas,
               std::string facilitatorKey, std::string adminToken);
    ~SessionApi(); // stops the timer thread; call answerAll() first, while the server runs

    // Answers every waiting poll now with the state as it is, and ends every event stream
    // (when the server stops).
    void answerAll();

    // Routes a request under /api/sessions from its head.
    Admission admit(const HttpRequest& head, HttpResponse& refusal);

  private:
    struct Waiter {
        int64_t since;
        HttpReply reply;
        std::chrono::steady_clock::time_point deadline;
    };
    struct Listener { // an open event stream
        std::shared_ptr<HttpStream> stream;
        int64_t sent; // the last version it was sent
    };
    void publish(const SessionState& state); // remembers it and answers those waiting for it
    void openEvents(const std::string& code, const std::shared_ptr<HttpStream>& stream);
    void pingListeners();
    size_t roundsOf(const std::string& agenda) const;
    bool knows(const std::string& code);
    void waitFor(const std::string& code, int64_t since, HttpReply& reply);
    void expireWaiters();
    void forget(const std::string& code);
    std::vector<std::string> votableStatements(const std::string& code, int round);
    void submitAnswer(const std::string& code, const std::string& body, HttpReply reply);
    void control(const std::string& code, const nlohmann::json& body, HttpResponse& res);
    void paper(const SessionState& state, const nlohmann::json& body, HttpResponse& res);
    void propose(const std::string& code, const nlohmann::json& body, HttpResponse& res);
    nlohmann::ordered_json answersJson(const SessionState& state) const;
    SessionRecord record(const SessionState& state) const;
    std::string answersCsv(const SessionState& state) const;

    SessionStore& store_;
    const std::map<std::string, Agenda> agendas_;
    const std::string facilitatorKey_;
    const std::string adminToken_;

    std::mutex liveMutex_;
    std::map<std::string, SessionState> latest_; // per code, as last published
    std::map<std::string, std::vector<Waiter>> waiting_;
    std::map<std::string, std::vector<Listener>> listening_;
    std::chrono::steady_clock::time_point nextPing_;
    std::condition_variable stop_;
    bool stopping_ = false;
    std::thread timer_;
};

} // namespace almere::server
