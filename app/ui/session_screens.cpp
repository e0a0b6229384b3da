#include "ui/session_screens.hpp"

#include "core/city_model.hpp"
#include "core/geo.hpp"
#include "ui/plans_panel.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace almere::ui {
namespace {

constexpr float kLeftWidth = 600.0f;
constexpr ImU32 kInk = IM_COL32(20, 30, 40, 255);
constexpr ImU32 kMuted = IM_COL32(90, 100, 110, 255);
constexpr ImU32 kTrack = IM_COL32(225, 232, 240, 255);
constexpr ImU32 kAgree = IM_COL32(40, 140, 60, 255);
constexpr ImU32 kDisagree = IM_COL32(200, 50, 40, 255);
constexpr ImU32 kPass = IM_COL32(170, 175, 180, 255);
constexpr ImU32 kBar = IM_COL32(0, 90, 160, 255);
// Rating 1..5: red to green through grey, the colours of the kiosk's faces.
const ImU32 kRatingColors[5] = {IM_COL32(200, 50, 40, 255), IM_COL32(230, 120, 40, 255),
                                IM_COL32(150, 150, 150, 255), IM_COL32(110, 170, 70, 255),
                                IM_COL32(40, 140, 60, 255)};

// A face for rating 1..5: mood -1 (a frown) .. +1 (a wide smile).
void drawFace(ImDrawList* list, ImVec2 c, float r, int rating) {
    const float mood = float(rating - 3) / 2.0f;
    list->AddCircleFilled(c, r, kRatingColors[rating - 1], 32);
    list->AddCircle(c, r, IM_COL32(255, 255, 255, 255), 32, 2.0f);
    const ImU32 ink = IM_COL32(255, 255, 255, 255);
    list->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.25f), r * 0.12f, ink);
    list->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.25f), r * 0.12f, ink);
    ImVec2 mouth[9];
    for (int i = 0; i < 9; ++i) {
        const float u = float(i) / 4.0f - 1.0f; // -1..1
        mouth[i] = ImVec2(c.x + u * r * 0.5f, c.y + r * 0.38f + mood * r * 0.22f * (1 - u * u));
    }
    list->AddPolyline(mouth, 9, ink, 0, r * 0.12f);
}

std::string percent(int64_t part, int64_t whole) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d%%",
                  whole > 0 ? int(std::lround(100.0 * double(part) / double(whole))) : 0);
    return buf;
}

// One horizontal bar with its label above and count and share on it.
void labelledBar(const char* label, int64_t count, int64_t total, int64_t max, float width) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(label);
    ImGui::PopTextWrapPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float h = 34.0f;
    list->AddRectFilled(a, ImVec2(a.x + width, a.y + h), kTrack, 4.0f);
    const float share = max > 0 ? float(count) / float(max) : 0.0f;
    list->AddRectFilled(a, ImVec2(a.x + std::max(4.0f, width * share), a.y + h), kBar, 4.0f);
    char text[64];
    std::snprintf(text, sizeof text, "%lld (%s)", static_cast<long long>(count),
                  percent(count, total).c_str());
    const ImVec2 size = ImGui::CalcTextSize(text);
    const float x = width * share + 10 + size.x < width ? a.x + width * share + 10
                                                        : a.x + width * share - size.x - 10;
    const bool inside = x < a.x + width * share;
    list->AddText(ImVec2(x, a.y + (h - size.y) * 0.5f),
                  inside ? IM_COL32(255, 255, 255, 255) : kInk, text);
    ImGui::Dummy(ImVec2(width, h + 6));
}

void drawRatingChart(const Strings& t, const SessionResults& r, float width) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float chartH = 240.0f, faceR = 30.0f, labelH = 30.0f;
    const float slot = width / 5.0f;
    const int64_t max = std::max<int64_t>(1, *std::max_element(r.ratings.begin(), r.ratings.end()));
    for (int i = 0; i < 5; ++i) {
        const float cx = origin.x + slot * (float(i) + 0.5f);
        const float barW = std::min(90.0f, slot * 0.6f);
        const float h = chartH * float(r.ratings[size_t(i)]) / float(max);
        const float base = origin.y + labelH + chartH;
        list->AddRectFilled(ImVec2(cx - barW * 0.5f, origin.y + labelH),
                            ImVec2(cx + barW * 0.5f, base), kTrack, 4.0f);
        if (h > 0)
            list->AddRectFilled(ImVec2(cx - barW * 0.5f, base - h), ImVec2(cx + barW * 0.5f, base),
                                kRatingColors[i], 4.0f);
        char count[32];
        std::snprintf(count, sizeof count, "%lld", static_cast<long long>(r.ratings[size_t(i)]));
        const ImVec2 cs = ImGui::CalcTextSize(count);
        list->AddText(ImVec2(cx - cs.x * 0.5f, base - h - cs.y - 4), kInk, count);
        drawFace(list, ImVec2(cx, base + 12 + faceR), faceR, i + 1);
        const std::string key = "feedback.rating." + std::to_string(i + 1);
        const char* name = t(key.c_str());
        const ImVec2 ns = ImGui::CalcTextSize(name);
        list->AddText(ImVec2(cx - ns.x * 0.5f, base + 18 + 2 * faceR), kMuted, name);
    }
    ImGui::Dummy(ImVec2(width, labelH + chartH + 2 * faceR + 50));
}

// Agreement with each statement: agree | disagree | pass in one bar, most agreed first.
void drawStatementChart(const Strings& t, const SessionResults& r, const AgendaQuestion& q,
                        const SessionLiveState& live, const std::string& language, float width) {
    const auto textOf = [&](const std::string& id) -> std::string {
        for (const AgendaOption& o : q.statements)
            if (o.id == id) return localText(o.text, language);
        for (const SessionStatement& s : live.statements)
            if (s.id == id) return s.text;
        return id;
    };
    int shown = 0;
    for (const StatementTally& s : byAgreement(r.statements)) {
        if (++shown > 6) break; // what fits on a projected screen
        const int64_t all = s.agree + s.disagree + s.pass;
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextUnformatted(textOf(s.id).c_str());
        ImGui::PopTextWrapPos();
        ImDrawList* list = ImGui::GetWindowDrawList();
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const float h = 30.0f;
        float x = a.x;
        const int64_t parts[3] = {s.agree, s.disagree, s.pass};
        const ImU32 colors[3] = {kAgree, kDisagree, kPass};
        list->AddRectFilled(a, ImVec2(a.x + width, a.y + h), kTrack, 4.0f);
        for (int i = 0; i < 3 && all > 0; ++i) {
            const float w = width * float(parts[i]) / float(all);
            if (w > 0) list->AddRectFilled(ImVec2(x, a.y), ImVec2(x + w, a.y + h), colors[i]);
            x += w;
        }
        char line[160];
        std::snprintf(line, sizeof line, "%s %s, %s %s, %s %s", percent(s.agree, all).c_str(),
                      t("session.agree"), percent(s.disagree, all).c_str(), t("session.disagree"),
                      percent(s.pass, all).c_str(), t("session.pass"));
        ImGui::Dummy(ImVec2(width, h + 2));
        ImGui::TextColored(ImVec4(0.35f, 0.39f, 0.43f, 1), "%s", line);
        ImGui::Dummy(ImVec2(width, 6));
    }
}

// Pins counted per wijk (the wijk the pin falls in), most first.
std::vector<std::pair<int, int64_t>> pinsPerWijk(const CityModel& city, const SessionResults& r) {
    std::vector<std::pair<int, int64_t>> out;
    for (const SessionPinCount& p : r.pins) {
        const int w = wijkAt(city, wgs84ToLocal({p.lon, p.lat}));
        if (w < 0) continue;
        auto it = std::find_if(out.begin(), out.end(), [w](const auto& c) { return c.first == w; });
        if (it == out.end())
            out.push_back({w, p.count});
        else
            it->second += p.count;
    }
    // Most first; a plain insertion sort: a few dozen wijken at most, and a small download.
    for (size_t i = 1; i < out.size(); ++i)
        for (size_t j = i; j > 0 && out[j].second > out[j - 1].second; --j)
            std::swap(out[j], out[j - 1]);
    return out;
}

// A red badge with the count at each wijk's label point, over the map and under the panels.
void drawPinBadges(const OverlayState& s, const Fonts& fonts,
                   const std::vector<std::pair<int, int64_t>>& perWijk) {
    if (!s.camera || !s.city) return;
    ImDrawList* list = ImGui::GetBackgroundDrawList();
    for (const auto& [wijk, count] : perWijk) {
        const auto at = s.camera->projectMapPoint(s.city->wijken[size_t(wijk)].label,
                                                  layer::kLandTop, s.viewport);
        if (!at) continue;
        char text[24];
        std::snprintf(text, sizeof text, "%lld", static_cast<long long>(count));
        const ImVec2 size = fonts.title->CalcTextSizeA(fonts.title->FontSize, FLT_MAX, 0, text);
        const float scale = ImGui::GetIO().FontGlobalScale;
        const float r = std::max(size.x * scale * 0.5f + 12.0f, 24.0f);
        const ImVec2 c(float(at->x), float(at->y));
        list->AddCircleFilled(c, r, IM_COL32(200, 30, 40, 235), 32);
        list->AddCircle(c, r, IM_COL32(255, 255, 255, 255), 32, 3.0f);
        list->AddText(fonts.title, fonts.title->FontSize * scale,
                      ImVec2(c.x - size.x * scale * 0.5f, c.y - size.y * scale * 0.5f),
                      IM_COL32(255, 255, 255, 255), text);
    }
}

// The plans panel stays beside the join code and the results only on a wide screen (a
// 1920 px projector); on a smaller one they take its place.
bool plansBeside(const OverlayState& s) {
    return s.viewport.x >= 1600;
}

// The middle of the screen, between the facilitator's panel and the plans panel.
ImVec2 middleOf(const OverlayState& s) {
    const float left = kMargin + std::min(kLeftWidth, maxPanelWidth(s)) + kMargin;
    const float right = plansBeside(s) ? s.viewport.x - 440.0f : float(s.viewport.x);
    return ImVec2(std::max(left, (left + right) * 0.5f), s.viewport.y * 0.5f);
}

void drawJoinPanel(const OverlayState& s, const Fonts& fonts, const FacilitatorScreen& f,
                   OverlayActions& actions) {
    const Strings& t = *s.strings;
    const ImVec2 mid = middleOf(s);
    ImGui::SetNextWindowPos(mid, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::Begin("##session_join", nullptr, kPanel);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted(t("session.join_title"));
    ImGui::PopFont();
    if (f.qr && f.qr->size > 0) {
        // As large as the screen allows, in whole pixels per module, never under 6.
        const float sideModules = float(f.qr->size + 2 * kQrQuietZone);
        const float room = std::min(460.0f, s.viewport.y - 330.0f);
        const float module = std::max(6.0f, std::floor(room / sideModules));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float side = drawQr(ImGui::GetWindowDrawList(), *f.qr, at, module);
        ImGui::Dummy(ImVec2(side, side));
        target(actions, "session.qr");
    }
    ImGui::TextUnformatted(t("session.join_scan"));
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted(f.joinUrl.c_str());
    ImGui::PopFont();
    if (f.live) {
        ImGui::TextColored(ImVec4(0.35f, 0.39f, 0.43f, 1), "%s", t("session.join_code"));
        if (f.codeFont) ImGui::PushFont(f.codeFont);
        ImGui::TextUnformatted(f.live->code.c_str());
        if (f.codeFont) ImGui::PopFont();
        target(actions, "session.code");
        ImGui::PushFont(fonts.title);
        ImGui::Text("%lld %s", static_cast<long long>(f.live->participants),
                    t("session.participants"));
        ImGui::PopFont();
    }
    endPanel(actions);
}

void drawResultsPanel(const OverlayState& s, const Fonts& fonts, const FacilitatorScreen& f,
                      const AgendaRound& round, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const SessionResults& r = *f.results;
    const float width =
        std::min(760.0f, std::max(360.0f, (middleOf(s).x - kLeftWidth) * 2.0f - 80));
    const ImVec2 mid = middleOf(s);
    ImGui::SetNextWindowPos(
        r.kind == QuestionKind::place ? ImVec2(mid.x, s.viewport.y - kMargin) : mid,
        ImGuiCond_Always, r.kind == QuestionKind::place ? ImVec2(0.5f, 1.0f) : ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::Begin("##session_results", nullptr, kPanel & ~ImGuiWindowFlags_AlwaysAutoResize);
    const float inner = width - 2 * ImGui::GetStyle().WindowPadding.x;
    ImGui::PushFont(fonts.title);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
    ImGui::TextUnformatted(localText(round.question.text, f.language).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    // "Uitslag: 26 antwoorden, waarvan 5 op papier": the chart counts both.
    char paper[64] = "";
    if (r.paperTotal > 0)
        std::snprintf(paper, sizeof paper, ", %s %lld %s", t("session.of_which"),
                      static_cast<long long>(r.paperTotal), t("session.on_paper"));
    ImGui::TextColored(ImVec4(0.35f, 0.39f, 0.43f, 1), "%s: %lld %s%s", t("session.results"),
                       static_cast<long long>(r.total), t("session.answers"), paper);
    ImGui::Dummy(ImVec2(inner, 8));
    if (r.total == 0) {
        ImGui::TextUnformatted(t("session.no_answers"));
    } else if (r.kind == QuestionKind::rating) {
        drawRatingChart(t, r, inner);
    } else if (r.kind == QuestionKind::choice) {
        int64_t max = 0;
        for (const auto& c : r.choices)
            max = std::max(max, c.second);
        for (const AgendaOption& o : round.question.options) {
            int64_t count = 0;
            for (const auto& c : r.choices)
                if (c.first == o.id) count = c.second;
            labelledBar(localText(o.text, f.language).c_str(), count, r.total, max, inner);
        }
    } else if (r.kind == QuestionKind::statements && f.live) {
        drawStatementChart(t, r, round.question, *f.live, f.language, inner);
    } else if (r.kind == QuestionKind::place && s.city) {
        const auto perWijk = pinsPerWijk(*s.city, r);
        ImGui::TextUnformatted(t("session.pins"));
        int shown = 0;
        for (const auto& [wijk, count] : perWijk) {
            if (++shown > 5) break;
            ImGui::Text("%s: %lld", s.city->wijken[size_t(wijk)].name.c_str(),
                        static_cast<long long>(count));
        }
        drawPinBadges(s, fonts, perWijk);
    } else if (r.kind == QuestionKind::comment) {
        // Comments are read by the participation team, not projected unread.
        ImGui::Text("%lld %s", static_cast<long long>(r.total), t("session.comments"));
    }
    target(actions, "session.results");
    endPanel(actions);
}

// One answer of the paper panel: the answer at the left, [-] count [+] at the right, each
// stepper a full touch target.
void paperRow(const Fonts& fonts, const char* label, int rating, int64_t count, size_t slot,
              float inner, FacilitatorInput& in) {
    constexpr float kNumber = 90.0f;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float steppers = 2 * touchTarget() + kNumber + 2 * gap;
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float indent = rating > 0 ? 50.0f : 0.0f;
    const float wrap = std::max(60.0f, inner - steppers - indent - gap);
    const ImVec2 size = ImGui::CalcTextSize(label, nullptr, false, wrap);
    const float rowH = std::max(touchTarget(), size.y);
    if (rating > 0) drawFace(list, ImVec2(at.x + 20, at.y + rowH * 0.5f), 18, rating);
    list->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                  ImVec2(at.x + indent, at.y + (rowH - size.y) * 0.5f), kInk, label, nullptr, wrap);
    ImGui::PushID(int(slot));
    ImGui::PushFont(fonts.title); // - and + large enough to hit at a glance
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    ImGui::SetCursorScreenPos(
        ImVec2(at.x + inner - steppers, at.y + (rowH - touchTarget()) * 0.5f));
    ImGui::BeginDisabled(count <= 0);
    if (ImGui::Button("-", ImVec2(touchTarget(), touchTarget())))
        in.paperSlot = int(slot), in.paperDelta = -1;
    ImGui::EndDisabled();
    ImGui::SameLine();
    const ImVec2 n = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(kNumber, touchTarget()));
    ImGui::SameLine();
    ImGui::BeginDisabled(count >= kMaxPaperCount);
    if (ImGui::Button("+", ImVec2(touchTarget(), touchTarget())))
        in.paperSlot = int(slot), in.paperDelta = 1;
    ImGui::EndDisabled();
    ImGui::PopStyleColor();
    ImGui::PopID();
    char text[24];
    std::snprintf(text, sizeof text, "%lld", static_cast<long long>(count));
    const ImVec2 ts = ImGui::CalcTextSize(text);
    list->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                  ImVec2(n.x + (kNumber - ts.x) * 0.5f, n.y + (touchTarget() - ts.y) * 0.5f), kInk,
                  text);
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(at);
    ImGui::Dummy(ImVec2(inner, rowH));
}

// Paper ballots of a rating or choice round, entered per answer; other kinds are counted by
// hand in the report, and the panel says so.
void drawPaperSection(const OverlayState& s, const Fonts& fonts, const FacilitatorScreen& f,
                      const AgendaRound& round, float inner, FacilitatorInput& in,
                      OverlayActions& actions) {
    const Strings& t = *s.strings;
    ImGui::Dummy(ImVec2(0, 8));
    // Folded until needed: on a 720-pixel screen its rows would push the panel off the bottom.
    if (toggleButton(t("session.paper"), Rgb(0, 92, 158), f.paperOpen, inner))
        in.paperToggle = true;
    target(actions, "session.paper");
    if (!f.paperOpen) return;
    if (!paperByAnswer(round.question.kind) || !f.paper) {
        textWrapped(t("session.paper_by_hand"), inner);
        return;
    }
    textWrapped(t("session.paper_help"), inner);
    const PaperDraft& d = *f.paper;
    for (size_t i = 0; i < d.counts.size(); ++i) {
        if (d.kind == QuestionKind::rating) {
            const std::string key = "feedback.rating." + std::to_string(i + 1);
            paperRow(fonts, t(key.c_str()), int(i) + 1, d.counts[i], i, inner, in);
        } else if (i < round.question.options.size()) {
            paperRow(fonts, localText(round.question.options[i].text, f.language).c_str(), 0,
                     d.counts[i], i, inner, in);
        }
    }
    ImGui::BeginDisabled(!d.changed);
    if (button(t("session.paper_save"))) in.paperSave = true;
    target(actions, "session.paper_save");
    ImGui::EndDisabled();
}

void drawControlPanel(const OverlayState& s, const Fonts& fonts, const FacilitatorScreen& f,
                      FacilitatorInput& in, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const float width = std::min(kLeftWidth, maxPanelWidth(s));
    ImGui::SetNextWindowPos(ImVec2(kMargin, kMargin));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::Begin("##session", nullptr, kPanel & ~ImGuiWindowFlags_AlwaysAutoResize);
    const float inner = width - 2 * ImGui::GetStyle().WindowPadding.x;
    ImGui::PushFont(fonts.title);
    textWrapped(f.agenda ? localText(f.agenda->title, f.language).c_str() : t("session.title"),
                inner);
    ImGui::PopFont();
    if (!f.live) {
        ImGui::TextUnformatted(t("session.starting"));
    } else {
        const SessionLiveState& live = *f.live;
        ImGui::Text("%s %s  \xc2\xb7  %lld %s", t("session.join_code"), live.code.c_str(),
                    static_cast<long long>(live.participants), t("session.participants"));
        ImGui::Dummy(ImVec2(0, 8)); // a gap, not a rule: ImGui::Separator is a download of its own
        const bool hasRound =
            f.agenda && live.round >= 0 && size_t(live.round) < f.agenda->rounds.size();
        if (hasRound) {
            const AgendaRound& round = f.agenda->rounds[size_t(live.round)];
            ImGui::TextColored(ImVec4(0.35f, 0.39f, 0.43f, 1), "%s %d %s %d", t("session.round"),
                               live.round + 1, t("session.of"), int(f.agenda->rounds.size()));
            ImGui::PushFont(fonts.title);
            textWrapped(localText(round.title, f.language).c_str(), inner);
            ImGui::PopFont();
            textWrapped(localText(round.question.text, f.language).c_str(), inner);
            const std::string key = "session.state." + live.state;
            ImGui::Text("%s  \xc2\xb7  %lld %s", t(key.c_str()),
                        static_cast<long long>(live.answers), t("session.answers"));
        } else {
            ImGui::TextUnformatted(live.state == "ended" ? t("session.state.ended")
                                                         : t("session.lobby"));
        }
        const int rounds = f.agenda ? int(f.agenda->rounds.size()) : live.rounds;
        ImGui::BeginDisabled(live.round <= 0);
        if (button(t("session.previous"))) in.goToRound = live.round - 1;
        target(actions, "session.previous");
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(live.round + 1 >= rounds);
        if (button(t("session.next"))) in.goToRound = live.round + 1;
        target(actions, "session.next");
        ImGui::EndDisabled();
        if (hasRound) {
            ImGui::SameLine();
            if (live.state == "open") {
                if (button(t("session.close"))) in.close = true;
                target(actions, "session.close");
            } else {
                if (button(t("session.open"))) in.open = true;
                target(actions, "session.open");
            }
            ImGui::BeginDisabled(live.state != "closed");
            if (live.resultsShown) {
                if (button(t("session.hide_results"))) in.hideResults = true;
            } else if (button(t("session.show_results"))) {
                in.showResults = true;
            }
            target(actions, "session.results_toggle");
            ImGui::EndDisabled();
            ImGui::SameLine();
        }
        const char* follow = t("session.follow");
        if (toggleButton(follow, Rgb(0, 90, 160), live.follow,
                         ImGui::CalcTextSize(follow).x + 2 * 52.0f))
            in.toggleFollow = true;
        target(actions, "session.follow");

        // Participants' proposals for this round, to approve before everyone votes on them.
        int pending = 0;
        for (size_t i = 0; f.proposals && i < f.proposals->size(); ++i) {
            const SessionStatement& p = (*f.proposals)[i];
            if (p.status != "pending" || p.round != live.round) continue;
            if (pending++ == 0) {
                ImGui::Dummy(ImVec2(0, 8));
                ImGui::Text("%s (%lld)", t("session.pending"),
                            static_cast<long long>(live.pendingStatements));
            }
            if (pending > 3) continue; // the rest after these
            ImGui::PushID(p.id.c_str());
            textWrapped(p.text.c_str(), inner);
            if (button(t("session.approve"))) in.approve = p.id;
            ImGui::SameLine();
            if (button(t("session.reject"))) in.reject = p.id;
            ImGui::PopID();
        }
        if (hasRound && live.state != "lobby")
            drawPaperSection(s, fonts, f, f.agenda->rounds[size_t(live.round)], inner, in, actions);
    }
    if (!f.connected || !f.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1));
        textWrapped(!f.error.empty() ? f.error.c_str() : t("session.offline"), inner);
        ImGui::PopStyleColor();
    }
    endPanel(actions);
}

} // namespace

const std::string& localText(const LocalText& text, const std::string& language) {
    return language == "en" ? text.en : text.nl;
}

FacilitatorInput drawFacilitator(const OverlayState& s, const Fonts& fonts,
                                 const FacilitatorScreen& f, OverlayActions& actions) {
    FacilitatorInput in;
    drawControlPanel(s, fonts, f, in, actions);
    const bool lobby = !f.live || f.live->round < 0;
    const bool results = f.live && f.live->resultsShown && f.results && f.agenda &&
                         f.results->round == f.live->round && f.live->round >= 0 &&
                         size_t(f.live->round) < f.agenda->rounds.size();
    // The plans stay at hand: what the facilitator switches on, the participants see.
    if (s.plans && s.planState && s.viewport.x >= 1000 &&
        (plansBeside(s) || !((lobby && !f.joinUrl.empty()) || results)))
        drawPlansPanel(s, fonts, kMargin, actions);
    if (lobby && !f.joinUrl.empty())
        drawJoinPanel(s, fonts, f, actions);
    else if (results)
        drawResultsPanel(s, fonts, f, f.agenda->rounds[size_t(f.live->round)], actions);
    return in;
}

} // namespace almere::ui
