#pragma once
// The participant's own pages of a Burgerberaad session (issue 9), beside the JSON API:
//
//   GET  /s, /s/                 a form to type the join code
//   GET  /s?code=abc347          303 to /s/ABC347
//   GET  /s/{code}               the participant's page (server/participant_page); joins the
//                                session on the first visit and keeps the random participant
//                                id in the cookie almere_p (Path=/s/{code}, HttpOnly,
//                                SameSite=Strict, 12 h). 404 unknown, 410 ended.
//   GET  /s/{code}/sheet         only the sheet, for the page's script to swap in
//   POST /s/{code}/answer        a plain HTML form (application/x-www-form-urlencoded, at most
//                                4 KiB): checked by core/session_answer, stored, then 303 to
//                                /s/{code}#antwoord. 400 (bad answer) and 409 (the round is not
//                                open) show the page again with the message beside the field.
//                                With "Accept: application/json": {"status": "stored" |
//                                "replaced", "round", "answer", "sheet"} or {"error", "field",
//                                "sheet"} with the same status codes.
//   POST /s/{code}/statement     a participant's proposed statement (form field "text", 1 to
//                                200 characters, and "round"): 201 with "the facilitator reads
//                                it first"; shown and votable only once approved. 400, 409 (not
//                                an open statements round), 429 (5 already waiting).
// "?lang=en" (or the form field lang=en) gives the agenda's English texts.
#include "core/session_agenda.hpp"
#include "core/strings.hpp"
#include "server/http_server.hpp"
#include "server/participant_page.hpp"
#include "server/session_store.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace almere::server {

struct ParticipantContent {
    std::vector<WijkPlace> places; // for place questions without the 3D map
    Strings nl, en;                // assets/lang/{nl,en}.json
    bool withScript = false;       // the web viewer's files (and /session.js) are served
};

// Every wijk with its label point, from the baked city (<assets>/almere.glb) or else from its
// sources (<assets>/city/*.geojson); empty with `error` set when neither can be read.
std::vector<WijkPlace> loadWijkPlaces(const std::string& assets, std::string& error);

// The interface texts, from <assets>/lang; false with `error` set when they cannot be read.
bool loadPageWords(const std::string& assets, ParticipantContent& content, std::string& error);

class ParticipantRoutes {
  public:
    // `changed` is called with a session's code after a join or an answer changed it, so that
    // those following the session live hear of it.
    ParticipantRoutes(SessionStore& store, std::map<std::string, Agenda> agendas,
                      ParticipantContent content, std::function<void(const std::string&)> changed);

    // True for the paths these routes answer: /s and everything under /s/.
    static bool handles(const std::string& path);

    // Routes a request from its head (http_server.hpp); pages go out gzip-compressed where the
    // browser takes that.
    Admission admit(const HttpRequest& head, HttpResponse& refusal) const;

  private:
    Admission route(const HttpRequest& head, HttpResponse& refusal) const;
    struct Visit { // one posted form's session, participant and language
        FormFields form;
        PageLang lang = PageLang::nl;
        std::optional<SessionState> state;
        std::string participant;
        SheetModel model;
    };
    bool startVisit(const HttpRequest& req, HttpResponse& res, const std::string& code,
                    Visit& visit) const;
    void page(const HttpRequest& req, HttpResponse& res, const std::string& code,
              bool sheetOnly) const;
    void answer(const HttpRequest& req, HttpResponse& res, const std::string& code) const;
    void statement(const HttpRequest& req, HttpResponse& res, const std::string& code) const;
    SheetModel model(const SessionState& state, PageLang lang,
                     const std::string& participant) const;
    void sendPage(const HttpRequest& req, HttpResponse& res, int status, const SheetModel& m,
                  const std::string& field) const;

    SessionStore& store_;
    const std::map<std::string, Agenda> agendas_;
    const ParticipantContent content_;
    const std::function<void(const std::string&)> changed_;
};

} // namespace almere::server
