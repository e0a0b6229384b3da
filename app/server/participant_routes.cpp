#include "server/participant_routes.hpp"

#include "core/city_gltf.hpp"
#include "core/city_source.hpp"
#include "core/geo.hpp"
#include "core/label_point.hpp"
#include "core/session_answer.hpp"
#include "platform/city_files.hpp"
#include "platform/files.hpp"
#include "server/compression.hpp"
#include "server/request_rules.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace almere::server {
namespace {

using json = nlohmann::ordered_json;

constexpr size_t kMaxFormBytes = 4096;
constexpr const char* kCookie = "almere_p";
constexpr int kCookieSeconds = 12 * 60 * 60;

WijkPlace placeOf(const std::string& code, const std::string& name, const std::string& stadsdeel,
                  glm::dvec2 label) {
    const LonLat ll = localToWgs84(label);
    return {code, name, stadsdeel, ll.lon, ll.lat};
}

// By stadsdeel, then name: how a resident looks for a wijk in a list.
void sortPlaces(std::vector<WijkPlace>& places) {
    std::sort(places.begin(), places.end(), [](const WijkPlace& a, const WijkPlace& b) {
        return std::tie(a.stadsdeel, a.name) < std::tie(b.stadsdeel, b.name);
    });
}

// "/s/ABC347/answer" -> code "ABC347", rest "answer"; "/s/ABC347" -> rest "".
void splitPagePath(const std::string& path, std::string& code, std::string& rest) {
    const std::string tail = path.substr(3);
    const size_t slash = tail.find('/');
    code = tail.substr(0, slash);
    rest = slash == std::string::npos ? "" : tail.substr(slash + 1);
}

// The participant id from "Cookie: a=b; almere_p=<id>"; "" when absent or not an id we made.
std::string participantCookie(const HttpRequest& req) {
    const std::string cookies = req.header("cookie");
    const std::string key = std::string(kCookie) + "=";
    for (size_t at = 0; at < cookies.size();) {
        while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';'))
            ++at;
        const size_t end = std::min(cookies.find(';', at), cookies.size());
        if (cookies.compare(at, key.size(), key) == 0) {
            const std::string id = cookies.substr(at + key.size(), end - at - key.size());
            const bool plain =
                !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
                });
            return plain ? id : "";
        }
        at = end;
    }
    return "";
}

void setParticipantCookie(HttpResponse& res, const std::string& code, const std::string& id) {
    res.setHeader("Set-Cookie", std::string(kCookie) + "=" + id + "; Path=/s/" + code +
                                    "; Max-Age=" + std::to_string(kCookieSeconds) +
                                    "; HttpOnly; SameSite=Strict");
}

bool wantsJson(const HttpRequest& req) {
    return req.header("accept").find("application/json") != std::string::npos;
}

void sendHtml(HttpResponse& res, int status, std::string html) {
    res.status = status;
    res.setContent(std::move(html), "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-store"); // a participant's own answer is in it
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "no-referrer");
}

void sendJsonBody(HttpResponse& res, int status, const json& body) {
    res.status = status;
    res.setContent(body.dump(-1, ' ', false, json::error_handler_t::replace),
                   "application/json; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
}

// Six letters or digits: worth a look-up (the session page says clearly when there is none).
bool looksLikeJoinCode(const std::string& code) {
    return code.size() == 6 && std::all_of(code.begin(), code.end(), [](char c) {
               return std::isupper(static_cast<unsigned char>(c)) ||
                      std::isdigit(static_cast<unsigned char>(c));
           });
}

std::string langQuery(PageLang lang) {
    return lang == PageLang::en ? "?lang=en" : "";
}

// A form posted from another site would answer in the participant's name: browsers send
// Origin with every POST, so one that names another host is refused.
bool sameOrigin(const HttpRequest& head) {
    const std::string origin = head.header("origin");
    if (origin.empty()) return true;
    const size_t scheme = origin.find("://");
    return scheme != std::string::npos && origin.substr(scheme + 3) == head.header("host");
}

} // namespace

std::vector<WijkPlace> loadWijkPlaces(const std::string& assets, std::string& error) {
    std::vector<WijkPlace> places;
    std::vector<uint8_t> glb;
    if (platform::readFile(assets + "/almere.glb", glb)) {
        auto city = loadCity(glb, assets + "/almere.glb");
        if (city) {
            for (const WijkInfo& w : city.value().wijken)
                places.push_back(placeOf(w.code, w.name, w.stadsdeel, w.label));
            sortPlaces(places);
            return places;
        }
        error = city.error();
    }
    auto source = platform::readCitySource(assets + "/city");
    if (!source) {
        if (error.empty()) error = source.error();
        return places;
    }
    for (const WijkSource& w : source.value().wijken) {
        // The largest part holds the label, as in the baker.
        const Polygon* largest = nullptr;
        for (const Polygon& p : w.parts)
            if (!largest || p.outer.size() > largest->outer.size()) largest = &p;
        if (largest) places.push_back(placeOf(w.code, w.name, w.stadsdeel, labelPoint(*largest)));
    }
    sortPlaces(places);
    error.clear();
    return places;
}

bool loadPageWords(const std::string& assets, ParticipantContent& content, std::string& error) {
    for (auto [code, words] : {std::pair{"nl", &content.nl}, std::pair{"en", &content.en}}) {
        SourceFile file{assets + "/lang/" + code + ".json", ""};
        if (!platform::readFile(file.name, file.text)) {
            error = file.name + ": cannot read the file";
            return false;
        }
        auto parsed = Strings::parse(file);
        if (!parsed) {
            error = parsed.error();
            return false;
        }
        *words = parsed.take();
    }
    return true;
}

ParticipantRoutes::ParticipantRoutes(SessionStore& store, std::map<std::string, Agenda> agendas,
                                     ParticipantContent content,
                                     std::function<void(const std::string&)> changed)
    : store_(store), agendas_(std::move(agendas)), content_(std::move(content)),
      changed_(std::move(changed)) {}

bool ParticipantRoutes::handles(const std::string& path) {
    return path == "/s" || path.rfind("/s/", 0) == 0;
}

Admission ParticipantRoutes::admit(const HttpRequest& head, HttpResponse& refusal) const {
    Admission admission = route(head, refusal);
    if (admission.handler)
        admission.handler = [handler = std::move(admission.handler)](const HttpRequest& req,
                                                                     HttpResponse& res) {
            handler(req, res);
            gzipIfAccepted(req, res);
        };
    return admission;
}

Admission ParticipantRoutes::route(const HttpRequest& head, HttpResponse& refusal) const {
    const PageLang lang = pageLangFrom(head.queryValue("lang"));
    const bool get = head.method == "GET", post = head.method == "POST";
    const auto refuse = [&](int status, std::string html) {
        sendHtml(refusal, status, std::move(html));
        return Admission{};
    };
    if (head.path == "/s" || head.path == "/s/") {
        if (!get) {
            refusal.status = 405;
            refusal.setHeader("Allow", "GET");
            refusal.setContent("method not allowed\n", "text/plain; charset=utf-8");
            return Admission{};
        }
        if (!framingAllowed(head, refusal)) return Admission{};
        return {[lang](const HttpRequest& req, HttpResponse& res) {
                    const std::string typed = req.queryValue("code");
                    if (typed.empty()) return sendHtml(res, 200, renderJoinPage(lang, "", false));
                    const std::string code = normaliseJoinCode(typed);
                    if (!looksLikeJoinCode(code))
                        return sendHtml(res, 400, renderJoinPage(lang, typed, true));
                    res.status = 303;
                    res.setHeader("Location", "/s/" + code + langQuery(lang));
                },
                nullptr, 0};
    }
    std::string code, rest;
    splitPagePath(head.path, code, rest);
    if (!isJoinCode(code)) {
        const std::string upper = normaliseJoinCode(code);
        if (get && rest.empty() && upper != code && isJoinCode(upper)) { // typed in lower case
            refusal.status = 303;
            refusal.setHeader("Location", "/s/" + upper + langQuery(lang));
            return Admission{};
        }
        return refuse(404, renderGonePage(lang, 404));
    }
    if (get && (rest.empty() || rest == "sheet")) {
        if (!framingAllowed(head, refusal)) return Admission{};
        const bool sheetOnly = rest == "sheet";
        return {[this, code, sheetOnly](const HttpRequest& req, HttpResponse& res) {
                    page(req, res, code, sheetOnly);
                },
                nullptr, 0};
    }
    if (post && (rest == "answer" || rest == "statement")) {
        if (!framingAllowed(head, refusal)) return Admission{};
        if (head.contentLength() > kMaxFormBytes) {
            refusal.status = 413;
            refusal.setContent("Wat je stuurde is te groot (meer dan 4 KiB).\n",
                               "text/plain; charset=utf-8");
            return Admission{};
        }
        const std::string type = head.header("content-type");
        if (type.rfind("application/x-www-form-urlencoded", 0) != 0) {
            refusal.status = 415;
            refusal.setContent("expected an HTML form (application/x-www-form-urlencoded)\n",
                               "text/plain; charset=utf-8");
            return Admission{};
        }
        if (!sameOrigin(head)) {
            refusal.status = 403;
            refusal.setContent("forms are only taken from this site\n",
                               "text/plain; charset=utf-8");
            return Admission{};
        }
        const bool isAnswer = rest == "answer";
        return {[this, code, isAnswer](const HttpRequest& req, HttpResponse& res) {
                    if (isAnswer)
                        answer(req, res, code);
                    else
                        statement(req, res, code);
                },
                nullptr, kMaxFormBytes};
    }
    if (rest.empty() || rest == "sheet" || rest == "answer" || rest == "statement") {
        refusal.status = 405;
        refusal.setHeader("Allow", rest == "answer" || rest == "statement" ? "POST" : "GET");
        refusal.setContent("method not allowed\n", "text/plain; charset=utf-8");
        return Admission{};
    }
    return refuse(404, renderGonePage(lang, 404));
}

SheetModel ParticipantRoutes::model(const SessionState& state, PageLang lang,
                                    const std::string& participant) const {
    SheetModel m;
    m.agenda = &agendas_.at(state.agenda);
    m.state = state;
    m.lang = lang;
    m.places = &content_.places;
    m.words = lang == PageLang::en ? &content_.en : &content_.nl;
    if (state.round < 0) return m;
    for (const auto& [id, text] : state.statements)
        m.proposals.push_back({id, text});
    if (!participant.empty())
        m.storedAnswer = store_.answerOf(state.code, participant, state.round);
    if (state.state == "closed" && state.resultsShown)
        m.tally = store_.tally(state.code, state.round);
    return m;
}

void ParticipantRoutes::sendPage(const HttpRequest& req, HttpResponse& res, int status,
                                 const SheetModel& m, const std::string& field) const {
    if (!wantsJson(req))
        return sendHtml(res, status, renderParticipantPage(m, content_.withScript));
    sendJsonBody(res, status, {{"error", m.error}, {"field", field}, {"sheet", renderSheet(m)}});
}

void ParticipantRoutes::page(const HttpRequest& req, HttpResponse& res, const std::string& code,
                             bool sheetOnly) const {
    const PageLang lang = pageLangFrom(req.queryValue("lang"));
    auto state = store_.find(code);
    if (!state || !agendas_.count(state->agenda))
        return sendHtml(res, 404, renderGonePage(lang, 404));
    if (state->state == "ended") return sendHtml(res, 410, renderGonePage(lang, 410));
    std::string participant = participantCookie(req);
    if (participant.empty() && !sheetOnly) {
        // The first visit joins: a random id in a cookie, no name, no address.
        if (auto id = store_.join(code)) {
            participant = *id;
            setParticipantCookie(res, code, participant);
            if (changed_) changed_(code);
            if (auto now = store_.find(code)) state = now;
        }
    }
    const SheetModel m = model(*state, lang, participant);
    if (sheetOnly) return sendHtml(res, 200, renderSheet(m));
    sendHtml(res, 200, renderParticipantPage(m, content_.withScript));
}

// A form posted to a session: its fields, the session (404 unknown, 410 ended: answered here,
// false) and the sheet as this participant sees it, with what they typed.
bool ParticipantRoutes::startVisit(const HttpRequest& req, HttpResponse& res,
                                   const std::string& code, Visit& visit) const {
    visit.form = parseFormBody(req.body);
    visit.lang = pageLangFrom(formValue(visit.form, "lang"));
    visit.state = store_.find(code);
    if (!visit.state || !agendas_.count(visit.state->agenda)) {
        sendHtml(res, 404, renderGonePage(visit.lang, 404));
        return false;
    }
    if (visit.state->state == "ended") {
        sendHtml(res, 410, renderGonePage(visit.lang, 410));
        return false;
    }
    visit.participant = participantCookie(req);
    visit.model = model(*visit.state, visit.lang, visit.participant);
    visit.model.typed = visit.form;
    return true;
}

void ParticipantRoutes::answer(const HttpRequest& req, HttpResponse& res,
                               const std::string& code) const {
    Visit visit;
    if (!startVisit(req, res, code, visit)) return;
    const FormFields& form = visit.form;
    const PageLang lang = visit.lang;
    const std::optional<SessionState>& state = visit.state;
    std::string& participant = visit.participant;
    SheetModel& m = visit.model;
    // A form made for another round (the page was not refreshed) must not answer this one.
    if (state->state != "open" || formValue(form, "round") != std::to_string(state->round)) {
        m.error = lang == PageLang::en ? "The question is closed. Your answer was not saved."
                                       : "De vraag is gesloten. Je antwoord is niet opgeslagen.";
        m.errorField = "";
        m.typed.clear();
        return sendPage(req, res, 409, m, "");
    }
    const AgendaQuestion& question = m.agenda->rounds[size_t(state->round)].question;
    auto parsed =
        answerFromForm(form, question, openStatementIds(question, m.proposals), content_.places);
    if (!parsed) {
        std::tie(m.error, m.errorField) = explainAnswerError(parsed.error(), question, lang);
        return sendPage(req, res, 400, m, m.errorField);
    }
    bool joined = false;
    AnswerOutcome outcome = AnswerOutcome::unknownParticipant;
    if (!participant.empty())
        outcome = store_.answer(code, participant, state->round, parsed.value());
    if (outcome == AnswerOutcome::unknownParticipant) {
        // No cookie (blocked, or expired) or one from a deleted session: join now.
        if (auto id = store_.join(code)) {
            participant = *id;
            joined = true;
            outcome = store_.answer(code, participant, state->round, parsed.value());
        }
    }
    if (joined) setParticipantCookie(res, code, participant);
    switch (outcome) {
    case AnswerOutcome::stored:
    case AnswerOutcome::replaced:
        break;
    case AnswerOutcome::roundNotOpen:
        m.error = lang == PageLang::en ? "The question is closed. Your answer was not saved."
                                       : "De vraag is gesloten. Je antwoord is niet opgeslagen.";
        m.typed.clear();
        if (auto now = store_.find(code)) m.state = *now;
        return sendPage(req, res, 409, m, "");
    case AnswerOutcome::unknownParticipant:
    case AnswerOutcome::failed:
        res.setHeader("Retry-After", "2");
        m.error = lang == PageLang::en ? "Your answer could not be saved. Please try again."
                                       : "Je antwoord kon niet worden opgeslagen. Probeer het "
                                         "nog een keer.";
        return sendPage(req, res, 503, m, "");
    }
    if (changed_) changed_(code);
    if (!wantsJson(req)) {
        res.status = 303;
        res.setHeader("Location", "/s/" + code + langQuery(lang) + "#antwoord");
        return;
    }
    auto now = store_.find(code);
    SheetModel after = model(now ? *now : *state, lang, participant);
    const bool replaced = outcome == AnswerOutcome::replaced;
    sendJsonBody(res, replaced ? 200 : 201,
                 {{"status", replaced ? "replaced" : "stored"},
                  {"round", state->round},
                  {"answer", json::parse(parsed.value(), nullptr, false)},
                  {"sheet", renderSheet(after)}});
}

void ParticipantRoutes::statement(const HttpRequest& req, HttpResponse& res,
                                  const std::string& code) const {
    Visit visit;
    if (!startVisit(req, res, code, visit)) return;
    const FormFields& form = visit.form;
    const PageLang lang = visit.lang;
    const std::optional<SessionState>& state = visit.state;
    std::string& participant = visit.participant;
    SheetModel& m = visit.model;
    const bool en = lang == PageLang::en;
    const int round = state->round;
    if (state->state != "open" || formValue(form, "round") != std::to_string(round) ||
        m.agenda->rounds[size_t(round)].question.kind != QuestionKind::statements) {
        m.error = en ? "The question is closed. Your statement was not sent."
                     : "De vraag is gesloten. Je stelling is niet verstuurd.";
        return sendPage(req, res, 409, m, "text");
    }
    const auto text = parseProposedStatement(formValue(form, "text"));
    if (!text) {
        m.error = en ? "Write a statement of 1 to 200 characters."
                     : "Schrijf een stelling van 1 tot 200 tekens.";
        return sendPage(req, res, 400, m, "text");
    }
    std::string id;
    ProposalOutcome outcome = ProposalOutcome::unknownParticipant;
    if (!participant.empty()) outcome = store_.propose(code, participant, round, text.value(), id);
    if (outcome == ProposalOutcome::unknownParticipant) {
        if (auto joined = store_.join(code)) {
            participant = *joined;
            setParticipantCookie(res, code, participant);
            outcome = store_.propose(code, participant, round, text.value(), id);
        }
    }
    switch (outcome) {
    case ProposalOutcome::stored:
        break;
    case ProposalOutcome::roundNotOpen:
        m.error = en ? "The question is closed. Your statement was not sent."
                     : "De vraag is gesloten. Je stelling is niet verstuurd.";
        return sendPage(req, res, 409, m, "text");
    case ProposalOutcome::tooMany:
        res.setHeader("Retry-After", "60");
        m.error = en ? "You have 5 statements waiting already. Wait until the facilitator has "
                       "looked at them."
                     : "Je hebt al 5 stellingen die wachten. Wacht tot de gespreksleider ze "
                       "heeft bekeken.";
        return sendPage(req, res, 429, m, "text");
    case ProposalOutcome::unknownParticipant:
    case ProposalOutcome::failed:
        res.setHeader("Retry-After", "2");
        m.error = en ? "Your statement could not be sent. Please try again."
                     : "Je stelling kon niet worden verstuurd. Probeer het nog een keer.";
        return sendPage(req, res, 503, m, "text");
    }
    if (changed_) changed_(code);
    m.typed.clear();
    m.proposalMessage = en ? "Thank you. The facilitator reads your statement first; then "
                             "everyone can vote on it."
                           : "Dank je. De gespreksleider leest je stelling eerst. Daarna kan "
                             "iedereen erover stemmen.";
    if (!wantsJson(req)) return sendHtml(res, 201, renderParticipantPage(m, content_.withScript));
    sendJsonBody(res, 201, {{"status", "pending"}, {"id", id}, {"sheet", renderSheet(m)}});
}

} // namespace almere::server
