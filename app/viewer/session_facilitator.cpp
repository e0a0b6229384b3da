// The facilitator's mode of a Burgerberaad session (issue 9): starts (or resumes) a session on
// the server, shows how to join, leads through the agenda's rounds, and, while "Volg mij" is on,
// sends its own view (plans, camera, wijk) for the participants' phones to follow. The same code
// on both targets; only the SessionLink differs.
#include "core/city_source.hpp"
#include "core/session_live.hpp"
#include "core/session_paper.hpp"
#include "platform/files.hpp"
#include "platform/host.hpp"
#include "platform/session_link.hpp"
#include "ui/session_screens.hpp"
#include "viewer/session_mode.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace almere {

std::unique_ptr<SessionMode> makeParticipantMode(const SessionOptions& options);

namespace {

using nlohmann::json;

// At most 4 views a second: a drag on the facilitator's screen moves the phones along without
// flooding the server (each view is one version for every participant).
constexpr double kViewInterval = 0.25;

bool isAgendaId(const std::string& id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// A JSON string literal: request bodies are written by hand, so the web build carries no JSON
// writer for them.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", c);
            out += escape;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string withoutTrailingSlash(std::string url) {
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

// The server's {"error": "..."} as one readable line.
std::string refusal(const platform::SessionReply& reply) {
    if (reply.status == 0) return "";
    json body = json::parse(reply.body, nullptr, false);
    std::string why = body.is_object() && body.contains("error") && body["error"].is_string()
                          ? body["error"].get<std::string>()
                          : reply.body.substr(0, 200);
    return reply.tag + ": " + std::to_string(reply.status) + " " + why;
}

class FacilitatorMode final : public SessionMode {
  public:
    FacilitatorMode(const SessionOptions& options, ImFont* codeFont)
        : joinBase_(withoutTrailingSlash(options.joinBase.empty() ? options.serverUrl
                                                                  : options.joinBase)),
          codeFont_(codeFont) {
        if (!options.demoJson.empty()) {
            if (!options.agenda.empty()) loadAgenda(options.agenda);
            loadDemo(options.demoJson);
            return;
        }
        link_ = platform::openSessionLink({options.serverUrl, options.facilitatorKey});
        if (!options.agenda.empty()) loadAgenda(options.agenda);
        if (!options.code.empty())
            link_->watch(options.code);
        else
            link_->request("create", "POST", "/api/sessions",
                           "{\"agenda\":" + quoted(options.agenda) + "}");
    }

    std::string error() const override { return fatal_; }

    bool update(const ViewAccess& view, double now) override {
        bool changed = std::exchange(redraw_, false);
        if (link_) {
            for (platform::SessionReply& reply : link_->takeReplies())
                changed = onReply(reply) || changed;
            std::string text;
            if (link_->takeState(text)) changed = adopt(text) || changed;
            if (link_->connected() != connected_) {
                connected_ = link_->connected();
                changed = true;
            }
        }
        if (pendingView_) {
            applyView(view, *pendingView_);
            pendingView_.reset();
            changed = true;
        }
        // "Volg mij": the facilitator's own moves go to the phones, when they changed.
        if (link_ && live_ && live_->follow && live_->state != "ended" &&
            now - lastViewSent_ >= kViewInterval) {
            const std::string text = encodeSessionView(currentView(view));
            if (text != live_->view && text != viewSent_) {
                control("{\"action\":\"view\",\"view\":" + quoted(text) + "}");
                viewSent_ = text;
                lastViewSent_ = now;
            }
        }
        return changed;
    }

    ui::OverlayActions draw(const ui::OverlayState& s, const ui::Fonts& fonts,
                            const ViewAccess& view) override {
        ui::FacilitatorScreen f;
        f.agenda = agenda_ ? &*agenda_ : nullptr;
        f.live = live_ ? &*live_ : nullptr;
        f.results = results_ ? &*results_ : nullptr;
        f.proposals = &proposals_;
        f.paper = paper_ ? &*paper_ : nullptr;
        f.paperOpen = paperOpen();
        f.qr = &qr_;
        f.joinUrl = joinUrl_;
        f.codeFont = codeFont_;
        f.connected = !link_ || connected_ || !live_;
        f.error = error_;
        f.language = view.language;
        ui::OverlayActions actions;
        const ui::FacilitatorInput in = ui::drawFacilitator(s, fonts, f, actions);
        act(in, view);
        return actions;
    }

  private:
    void act(const ui::FacilitatorInput& in, const ViewAccess& view) {
        if (!live_ || (!link_ && demoLocked_)) return;
        if (in.goToRound >= 0 && agenda_ && size_t(in.goToRound) < agenda_->rounds.size()) {
            // The round's own view, here at once and on the phones with the round.
            const SessionView target = sessionViewOf(agenda_->rounds[size_t(in.goToRound)].view);
            pendingView_ = target;
            const std::string text = encodeSessionView(target);
            control("{\"action\":\"open\",\"round\":" + std::to_string(in.goToRound) +
                    ",\"view\":" + quoted(text) + "}");
            viewSent_ = text;
        }
        if (in.open)
            control("{\"action\":\"open\",\"round\":" + std::to_string(live_->round) + "}");
        if (in.close) control("{\"action\":\"close\"}");
        if (in.showResults) control("{\"action\":\"show_results\"}");
        if (in.hideResults) control("{\"action\":\"hide_results\"}");
        if (in.toggleFollow)
            control(
                "{\"action\":\"view\",\"view\":" + quoted(encodeSessionView(currentView(view))) +
                ",\"follow\":" + (live_->follow ? "false" : "true") + "}");
        if (!in.approve.empty())
            control("{\"action\":\"approve_statement\",\"statement\":" + quoted(in.approve) + "}");
        if (!in.reject.empty())
            control("{\"action\":\"reject_statement\",\"statement\":" + quoted(in.reject) + "}");
        if (in.paperToggle) {
            paperOpen_ = !paperOpen();
            redraw_ = true;
        }
        if (paper_ && in.paperSlot >= 0) {
            stepPaper(*paper_, size_t(in.paperSlot), in.paperDelta);
            redraw_ = true;
        }
        if (paper_ && in.paperSave && agenda_ && size_t(paper_->round) < agenda_->rounds.size()) {
            auto body = paperControl(*paper_, agenda_->rounds[size_t(paper_->round)].question);
            if (body)
                control(body.value(), "paper");
            else
                error_ = body.error();
        }
    }

    void control(const std::string& body, const char* tag = "control") {
        if (link_ && live_)
            link_->request(tag, "POST", "/api/sessions/" + live_->code + "/control", body);
    }

    // The paper counts shown: the server's (from the results), unless the facilitator is
    // changing them and has not saved yet.
    void syncPaper() {
        const bool hasRound =
            agenda_ && live_ && live_->round >= 0 && size_t(live_->round) < agenda_->rounds.size();
        if (!hasRound) {
            paper_.reset();
        } else if (!paper_ || paper_->round != live_->round || (!paper_->changed && !paperSaved_)) {
            if (paper_ && paper_->round != live_->round) paperOpen_.reset();
            paper_ = paperDraftFor(agenda_->rounds[size_t(live_->round)].question, live_->round,
                                   results_ ? &*results_ : nullptr);
        }
    }

    // `fresh`: results asked before now would be out of date (paper counts just stored).
    void fetchResults(bool fresh = false) {
        if (!link_ || !live_ || live_->round < 0) return;
        if (resultsInFlight_) {
            refetch_ = refetch_ || fresh;
            return;
        }
        resultsInFlight_ = true;
        refetch_ = false;
        link_->request("results", "GET", "/api/sessions/" + live_->code + "/results", "");
    }

    bool onReply(const platform::SessionReply& reply) {
        const bool ok = reply.status == 200 || reply.status == 201;
        if (!ok) {
            // What the facilitator did and was refused is shown; a background fetch that failed
            // (results, proposals) is tried again with the next state.
            if (reply.tag == "agenda") agendaAsked_.clear(); // asked again with the next state
            if (reply.tag == "results" || reply.tag == "statements") {
                resultsInFlight_ = resultsInFlight_ && reply.tag != "results";
                std::fprintf(stderr, "almere2050: session: %s\n", refusal(reply).c_str());
                return false;
            }
            error_ = refusal(reply);
            if (reply.tag == "create") fatal_ = error_;
            return true;
        }
        if (reply.tag == "create" || reply.tag == "control") {
            error_.clear();
            if (adopt(reply.body) && reply.tag == "create") link_->watch(live_->code);
            if (reply.tag == "control") fetchProposals();
        } else if (reply.tag == "paper") {
            // Stored: what the server now holds is shown (and charted) from its results.
            // Until those results arrive, the draft shows what was sent, not older results.
            error_.clear();
            if (paper_) paper_->changed = false;
            paperSaved_ = true;
            fetchResults(true);
            adopt(reply.body);
        } else if (reply.tag == "results") {
            resultsInFlight_ = false;
            auto parsed = parseSessionResults(reply.body);
            if (parsed) results_ = parsed.take();
            if (refetch_)
                fetchResults(); // asked before the paper counts were stored: ask again
            else
                paperSaved_ = false;
            syncPaper();
        } else if (reply.tag == "statements") {
            auto parsed = parseSessionStatements(reply.body);
            if (parsed) proposals_ = parsed.take();
        } else if (reply.tag == "agenda") {
            auto parsed = parseAgenda({"/api/agendas/" + agendaAsked_, reply.body});
            if (!parsed) error_ = parsed.error();
            if (parsed) agenda_ = parsed.take();
        }
        return true;
    }

    // A state from the server (or the demo); false when it is not newer than the one shown.
    bool adopt(const std::string& text, const char* member = nullptr) {
        auto parsed = parseSessionState(text, member);
        if (!parsed) {
            std::fprintf(stderr, "almere2050: ignoring a session state: %s\n",
                         parsed.error().c_str());
            return false;
        }
        SessionLiveState next = parsed.take();
        if (live_ && live_->code == next.code && next.version < live_->version) return false;
        const bool first = !live_;
        const bool roundChanged = !live_ || live_->round != next.round;
        const bool pendingChanged = !live_ || live_->pendingStatements != next.pendingStatements;
        if ((!agenda_ || agenda_->id != next.agenda) && next.agenda != agendaAsked_)
            loadAgenda(next.agenda);
        if (joinUrl_.empty() || !live_ || live_->code != next.code) {
            joinUrl_ = joinBase_ + "/s/" + next.code;
            qr_ = ui::encodeQr(joinUrl_);
        }
        // Resuming a session: show what the participants are shown.
        if (first && !next.view.empty()) {
            SessionView view;
            if (decodeSessionView(next.view, view)) pendingView_ = view;
            viewSent_ = next.view;
        }
        live_ = std::move(next);
        if (roundChanged) {
            results_.reset();
            proposals_.clear();
        }
        // Closed or shown: the results change with each version. Open: fetched once, for the
        // paper counts already stored (a reload, or a round opened again).
        if (live_->resultsShown || live_->state == "closed" || !results_) fetchResults();
        syncPaper();
        if (pendingChanged || roundChanged) fetchProposals();
        return true;
    }

    void fetchProposals() {
        if (link_ && live_ && live_->round >= 0)
            link_->request("statements", "GET", "/api/sessions/" + live_->code + "/statements", "");
    }

    // From the server that runs the session, so the screen shows exactly its rounds (and the
    // browser does not download agendas with the viewer); from the assets for a demo.
    void loadAgenda(const std::string& id) {
        if (!isAgendaId(id)) return;
        agendaAsked_ = id;
        if (link_) return link_->request("agenda", "GET", "/api/agendas/" + id, "");
        std::string text;
        const std::string name = "assets/sessions/" + id + ".json";
        if (!platform::readFile(platform::assetRoot() + "/sessions/" + id + ".json", text)) {
            error_ = name + ": cannot read the file";
            return;
        }
        auto parsed = parseAgenda({name, text});
        if (!parsed) {
            error_ = parsed.error();
            return;
        }
        agenda_ = parsed.take();
    }

    // {"state": {...}, "results": {...}, "statements": {...}}: results and proposals optional.
    void loadDemo(const std::string& text) {
        demoLocked_ = true;
        if (!adopt(text, "state")) fatal_ = "--session-demo: no usable \"state\"";
        if (auto r = parseSessionResults(text, "results")) results_ = r.take();
        if (auto p = parseSessionStatements(text, "statements")) proposals_ = p.take();
        syncPaper();
    }

    std::unique_ptr<platform::SessionLink> link_;
    std::string joinBase_, joinUrl_;
    ImFont* codeFont_ = nullptr;
    ui::QrModules qr_;
    std::optional<Agenda> agenda_;
    std::string agendaAsked_; // the agenda last asked for (not asked again for every state)
    std::optional<SessionLiveState> live_;
    std::optional<SessionResults> results_;
    std::vector<SessionStatement> proposals_;
    std::optional<PaperDraft> paper_; // the current round's paper counts (rating, choice)
    std::optional<SessionView> pendingView_;
    std::string viewSent_;
    double lastViewSent_ = -1e9;
    bool resultsInFlight_ = false;
    bool refetch_ = false;          // the results in flight predate stored paper counts
    bool paperSaved_ = false;       // paper counts stored, their results not yet here
    std::optional<bool> paperOpen_; // the facilitator's choice for this round, if any

    // Unfolded by the facilitator, or, until they choose, when the round has paper counts.
    bool paperOpen() const { return paperOpen_.value_or(results_ && results_->paperTotal > 0); }
    bool connected_ = false;
    bool redraw_ = true;
    bool demoLocked_ = false;
    std::string error_; // the last refusal, shown on screen
    std::string fatal_; // the session cannot start
};

// Capitals and digits only: the join code, large enough to read from the back of the room.
const ImWchar kCodeRanges[] = {0x0030, 0x0039, 0x0041, 0x005A, 0};

ImFont* addCodeFont(const std::vector<uint8_t>& bold, float pixelRatio) {
    if (bold.size() < 12) return nullptr;
    void* owned = IM_ALLOC(bold.size());
    std::copy(bold.begin(), bold.end(), static_cast<uint8_t*>(owned));
    ImFontConfig config;
    config.OversampleH = 1;
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(
        owned, int(bold.size()), 110.0f * (pixelRatio > 0.5f ? pixelRatio : 1.0f), &config,
        kCodeRanges);
}

} // namespace

std::unique_ptr<SessionMode> makeSessionMode(const SessionOptions& options,
                                             const std::vector<uint8_t>& boldFont,
                                             float pixelRatio) {
    if (options.role == "facilitator")
        return std::make_unique<FacilitatorMode>(options, addCodeFont(boldFont, pixelRatio));
    if (options.role == "participant") return makeParticipantMode(options);
    return nullptr;
}

} // namespace almere
