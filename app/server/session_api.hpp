#pragma once
// The Burgerberaad API (issue 9) under /api/sessions. JSON in and out; the facilitator's calls
// need "X-Almere-Facilitator-Key: <key>" (ALMERE_FACILITATOR_KEY or <data>/facilitator-key; not
// the admin token). No names and no addresses are kept: a participant is a random id. Bodies
// are JSON of at most 4 KiB (control: 64 KiB), uncompressed (request_rules): 413 above, 415
// for other encodings. Unknown codes are 404; a missing facilitator key 401, a wrong one 403.
//
// Agendas
//   GET  /api/agendas/{id}                  anyone       the agenda file (assets/sessions/<id>.json)
//                                                        as the server read and checked it
// Live state
//   POST /api/sessions                      facilitator  {"agenda": "<id>"} -> 201 state
//   GET  /api/sessions/{code}[?since=V]     anyone       200 state; with since=V it waits (up to
//        25 s) until the version is past V: live state by long polling, which passes any proxy
//        that passes HTTP (the fallback when an event stream fails)
//   GET  /api/sessions/{code}/events        anyone       text/event-stream (Cache-Control
//        no-store, X-Accel-Buffering no): the state at once, then one event per version
//        ("id: V\nevent: state\ndata: <state JSON on one line>\n\n"), ": ping" every 15 s;
//        503 above --max-streams (2,000) open streams; ended when the server stops or the
//        session is deleted
// Participants
//   POST /api/sessions/{code}/participants  anyone       201 {"participant": "<uuid>"}
//   POST /api/sessions/{code}/answers       participant  {"participant", "round", "answer"}
//        201 stored, 200 replaced (the round is still open), 400 bad answer (core/session_answer;
//        statements: the agenda's and the approved proposals), 403 unknown participant, 409 the
//        round is not open, 503 not stored (Retry-After). Written with group commit.
//   POST /api/sessions/{code}/statements    participant  {"participant", "round", "text"}
//        -> 201 {"id": "p3", "status": "pending"}: a proposal for the open statements round,
//        shown and votable once approved. 400 text not 1..200 characters after trimming, not
//        UTF-8 or with control characters / line breaks (core parseProposedStatement); 403
//        unknown participant; 409 the round is not open or not a statements round; 429 five
//        of this participant's proposals already wait in this round
// Facilitator
//   POST /api/sessions/{code}/control       facilitator  {"action": ..., "view": "<text>",
//        "follow": bool} -> 200 state. "view" (optional on every action) must pass
//        core/session_view decodeSessionView, else 400; "follow" must be a boolean. Actions:
//          "open" (with "round"), "close", "show_results", "hide_results" (a closed round),
//          "end";
//          "view": changes only view and/or follow (at least one of them);
//          "approve_statement" | "reject_statement" with "statement": "p3" (404 unknown);
//          "paper" with "round" and "counts": [{"answer": {canonical answer}, "count": 0..10000}]:
//            the round's paper ballots, replacing those sent before (each answer checked as an
//            online one; allowed after "end" too).
//        After "end" every action but "paper" is 409.
//   GET  /api/sessions/{code}/statements    facilitator  {"statements": [{"id", "round", "text",
//        "status": "pending" | "approved" | "rejected"}]}
//   GET  /api/sessions/{code}/results[?round=n]  facilitator (any round), or anyone once shown
//        (the current round) {"round", "kind", "counts": [{"answer", "count"}], "paper":
//        [{"answer", "count"}]}
// For the participation team, with "Authorization: Bearer <admin token>":
//   GET  /api/sessions/{code}/export.json   {"session": state, "answers": [{"round", "round_id",
//        "kind", "participant", "answer", "view", "answered_at"}], "rounds": [{"round",
//        "round_id", "kind", "paper": [{"answer", "count"}]}], "proposals": [{"id", "round",
//        "participant", "text", "status", "proposed_at"}]}
//   GET  /api/sessions/{code}/export.csv    the answers, spreadsheet-safe, with a last column
//        "count" (1 for online answers); then the paper counts as rows with participant
//        "paper", an empty view and time, and their count
//   GET  /api/sessions/{code}/export.geojson  a FeatureCollection: a Point [lon, lat] per place
//        answer with "round", "round_id", "participant", "view", "answered_at"
//   GET  /api/sessions/{code}/report.html   a printable, self-contained page (session_report)
//   DELETE /api/sessions/{code}             the session, its participants, answers, proposals
//        and paper counts
// state: {"code", "agenda", "state": "lobby"|"open"|"closed"|"ended", "round", "results_shown",
//         "view", "follow", "version", "participants", "answers" (in the current round),
//         "rounds", "statements": [{"id", "text"}] (the current round's approved proposals),
//         "pending_statements" (the current round's proposals awaiting moderation)}
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
    // `agendaFiles`: each agenda's file as read (id -> JSON text), served as it is.
    SessionApi(SessionStore& store, std::map<std::string, Agenda> agendas,
               std::map<std::string, std::string> agendaFiles, std::string facilitatorKey,
               std::string adminToken);
    ~SessionApi(); // stops the timer thread; call answerAll() first, while the server runs

    // Answers every waiting poll now with the state as it is, and ends every event stream
    // (when the server stops).
    void answerAll();

    // Tells everyone following a session of a change made elsewhere (the participant's pages).
    void refresh(const std::string& code);

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
    const std::map<std::string, std::string> agendaFiles_;
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
