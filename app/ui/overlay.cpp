#include "ui/overlay.hpp"

#include "core/label_layout.hpp"
#include "ui/feedback_panel.hpp"
#include "ui/plans_panel.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <imgui.h>

namespace almere::ui {
namespace {

void haloText(ImDrawList* list, ImFont* font, ImVec2 pos, const char* text, ImU32 color) {
    const float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
    const ImU32 halo = IM_COL32(255, 255, 255, 210);
    for (ImVec2 d : {ImVec2(-1.5f, 0), ImVec2(1.5f, 0), ImVec2(0, -1.5f), ImVec2(0, 1.5f)})
        list->AddText(font, size, ImVec2(pos.x + d.x, pos.y + d.y), halo, text);
    list->AddText(font, size, pos, color, text);
}

ImVec2 textSize(ImFont* font, const char* text) {
    const float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text);
}

void drawSelection(const OverlayState& s, const Fonts& fonts, OverlayActions& actions) {
    const WijkInfo& w = s.city->wijken[size_t(s.selectedWijk)];
    const Strings& t = *s.strings;
    // Bottom left, where the hint was: the plans panel keeps the right.
    ImGui::SetNextWindowPos(ImVec2(kMargin, s.viewport.y - kMargin), ImGuiCond_Always,
                            ImVec2(0, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0),
                                        ImVec2(std::min(560.0f, maxPanelWidth(s)), FLT_MAX));
    ImGui::Begin("##selection", nullptr, kPanel);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted(w.name.c_str());
    ImGui::PopFont();
    ImGui::Text("%s: %s", t("stadsdeel"), w.stadsdeel.c_str());
    ImGui::Text("%s: %s", t("kind_of_place"), t(("style." + w.style).c_str()));
    ImGui::TextDisabled("%s", w.code.c_str());
    if (const RatingCount* c = s.summary ? s.summary->find("place", w.code) : nullptr)
        ratingLine(t, *c);
    if (s.feedback && button(t("feedback.give_place"))) actions.feedback.startAtSelection = true;
    if (s.feedback) ImGui::SameLine();
    if (button(t("close"))) actions.clearSelection = true;
    endPanel(actions);
}

void drawCredits(const OverlayState& s, const Fonts& fonts, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const float width = beginCentredPanel(s, fonts, "##credits", 620.0f, t("credits_title"));
    textWrapped(t("credits_intro"), width - 32);
    // Indented paragraphs: ImGui's bullets do not wrap with their text.
    ImGui::Indent(20);
    for (const std::string& line : s.city->attribution)
        textWrapped(line.c_str(), width - 52);
    ImGui::Unindent(20);
    ImGui::Spacing();
    textWrapped(t("credits_schematic"), width - 32);
    if (button(t("close"))) actions.closeCredits = true;
    endPanel(actions);
}

// Others' reactions per wijk: a red disc with the count above the wijk's label point.
void drawReactionCounts(const OverlayState& s, const CityModel& city, ImDrawList* list,
                        const Fonts& fonts) {
    for (const RatingCount& c : s.summary->places) {
        const int w = city.findWijk(c.id);
        if (w < 0 || c.count <= 0) continue;
        const glm::dvec2 p = city.wijken[size_t(w)].label;
        const auto at = s.camera->projectMapPoint(p, layer::kLandTop, s.viewport);
        if (!at) continue;
        const std::string text = std::to_string(c.count);
        const ImVec2 size = textSize(fonts.wijkLabel, text.c_str());
        const float r = std::max(14.0f, size.x * 0.5f + 7.0f);
        const ImVec2 centre(float(at->x), float(at->y) - 26.0f);
        list->AddCircleFilled(centre, r, IM_COL32(200, 30, 40, 235), 24);
        list->AddCircle(centre, r, IM_COL32(255, 255, 255, 255), 24, 2.0f);
        list->AddText(fonts.wijkLabel, fonts.wijkLabel->FontSize * ImGui::GetIO().FontGlobalScale,
                      ImVec2(centre.x - size.x * 0.5f, centre.y - size.y * 0.5f),
                      IM_COL32(255, 255, 255, 255), text.c_str());
    }
}

} // namespace

void applyStyle() {
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 10;
    style.FrameRounding = 8;
    style.WindowPadding = ImVec2(16, 14);
    style.FramePadding = ImVec2(18, 12);
    style.ItemSpacing = ImVec2(10, 10);
    style.WindowBorderSize = 0;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 0.93f);
    style.Colors[ImGuiCol_Button] = ImVec4(0.00f, 0.36f, 0.62f, 1);
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.05f, 0.45f, 0.75f, 1);
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.00f, 0.28f, 0.50f, 1);
    style.Colors[ImGuiCol_Text] = ImVec4(0.08f, 0.12f, 0.16f, 1);
    // The keyboard's focus ring: the text colour, drawn just outside the control, so it stands
    // out from the white panel (16:1) and from the blue and orange buttons (WCAG 2.4.7, 1.4.11).
    style.Colors[ImGuiCol_NavHighlight] = ImVec4(0.08f, 0.12f, 0.16f, 1);
}

OverlayActions drawOverlay(const OverlayState& s, const Fonts& fonts) {
    OverlayActions actions;
    const Strings& t = *s.strings;
    if (!s.error.empty()) {
        const float width = beginCentredPanel(s, fonts, "##error", 640.0f, t("load_error_title"));
        textWrapped(t("load_error_help"), width - 32);
        textWrapped(s.error.c_str(), width - 32);
        endPanel(actions);
        return actions;
    }
    // While a reaction is being given, its steps are the only panel (the pin step keeps the
    // title, and the map, in view).
    if (s.feedback && s.feedback->open() && s.feedback->step() != FeedbackStep::Pin) {
        drawFeedback(s, fonts, actions);
        return actions;
    }

    ImGui::SetNextWindowPos(ImVec2(kMargin, kMargin));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(maxPanelWidth(s), FLT_MAX));
    ImGui::Begin("##title", nullptr, kPanel);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted(t("title"));
    ImGui::PopFont();
    panelText(s, t("subtitle"));
    if (button(t("reset_view"))) actions.resetView = true;
    sameLineIfFits(s, t("credits"));
    if (button(t("credits"))) actions.openCredits = true;
    sameLineIfFits(s, t("other_language"));
    if (button(t("other_language"))) actions.toggleLanguage = true;
    if (s.feedback && !s.feedback->open()) {
        // The way in to the point of it all: in a colour of its own, always on screen.
        sameLineIfFits(s, t("feedback.give"));
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.80f, 0.30f, 0.05f, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.88f, 0.38f, 0.10f, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.65f, 0.24f, 0.04f, 1));
        if (button(t("feedback.give"))) actions.feedback.start = true;
        target(actions, "feedback.give");
        ImGui::PopStyleColor(3);
    }
    if (s.summary && s.summary->total > 0) {
        const char* label = t("reactions.layer");
        const float w = ImGui::CalcTextSize(label).x + 2 * 52.0f;
        sameLineIfFits(s, label);
        if (toggleButton(label, Rgb(200, 30, 40), s.showReactions, w))
            actions.toggleReactions = true;
        target(actions, "reactions.layer");
    }
    endPanel(actions);
    const glm::vec4 title = actions.panels.back();
    if (s.feedback && s.feedback->open()) {
        drawFeedback(s, fonts, actions);
        return actions;
    }

    if (s.plans && s.planState && s.planState->compare()) drawCompareDivider(s, fonts, actions);
    const bool narrow = s.viewport.x < 760;
    const bool card = s.plans && s.planCard >= 0 && size_t(s.planCard) < s.plans->plans.size();
    // On narrow screens (phones) an open plan card stands in for the plans panel.
    if (s.plans && s.planState && !(narrow && card))
        drawPlansPanel(s, fonts, narrow ? title.y + title.w + kMargin : kMargin, actions);

    const bool selection =
        s.city && s.selectedWijk >= 0 && size_t(s.selectedWijk) < s.city->wijken.size();
    // A plan card or the selected wijk takes the hint's place.
    if (!(card || selection)) {
        ImGui::SetNextWindowPos(ImVec2(kMargin, s.viewport.y - kMargin), ImGuiCond_Always,
                                ImVec2(0, 1));
        ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(maxPanelWidth(s), FLT_MAX));
        ImGui::SetNextWindowBgAlpha(0.8f);
        ImGui::Begin("##note", nullptr, kTextPanel);
        panelText(s, t("schematic_buildings"));
        panelText(s, t("help"), true);
        if (s.keyboardUser) {
            // Wrapped narrower than the panel may be: the plans panel stays uncovered.
            ImGui::PushTextWrapPos(std::min(480.0f, maxPanelWidth(s) - 32.0f));
            ImGui::TextDisabled("%s", t("help_keys"));
            ImGui::PopTextWrapPos();
        }
        endPanel(actions);
    }
    bool anyTheme = false;
    for (size_t i = 0; s.plans && s.planState && i < s.plans->themes.size(); ++i)
        anyTheme = anyTheme || s.planState->themeEnabled(i);
    if (card)
        drawPlanCard(s, fonts, narrow ? -1.0f : title.y + title.w + kMargin, actions);
    else if (anyTheme && !selection)
        drawThemeLegend(s, narrow ? -1.0f : title.y + title.w + kMargin, actions);
    else if (selection)
        drawSelection(s, fonts, actions);
    if (s.plans && s.goalsOpen) drawGoals(s, fonts, actions);
    if (s.city && s.creditsOpen) drawCredits(s, fonts, actions);
    return actions;
}

ImFont* stadsdeelFont(const Fonts& fonts, glm::ivec2 viewport) {
    // Phones: six names must fit side by side across some 340 px.
    return viewport.x < 500 ? fonts.wijkLabel : fonts.placeLabel;
}

std::vector<std::pair<std::string, glm::vec4>> drawMapLabels(const OverlayState& s,
                                                             const Fonts& fonts) {
    std::vector<std::pair<std::string, glm::vec4>> drawn;
    if (!s.city || !s.camera || !s.error.empty()) return drawn;
    const CityModel& city = *s.city;
    // Wijk names appear once the view is close enough for them to be read against their area.
    const bool showWijken = s.camera->pose().distance < 11000;
    std::vector<LabelCandidate> candidates;
    std::vector<std::pair<const std::string*, ImFont*>> texts;
    // minX: only labels right of this screen x (the compare divider) are considered.
    auto consider = [&](const std::string& name, glm::dvec2 eastNorth, ImFont* font, int priority,
                        float minX = -FLT_MAX) {
        const auto screen = s.camera->projectMapPoint(eastNorth, layer::kLandTop, s.viewport);
        if (!screen || screen->x <= minX) return;
        const ImVec2 size = textSize(font, name.c_str());
        candidates.push_back(
            {glm::vec2(*screen), glm::vec2(size.x, size.y), priority, int(texts.size())});
        texts.push_back({&name, font});
    };
    ImFont* placeFont = stadsdeelFont(fonts, s.viewport);
    for (const PlaceLabel& p : city.stadsdelen)
        consider(p.name, p.label, placeFont, 100);
    const size_t stadsdelen = texts.size();
    // Named spots of the switched-on plans and themes (when comparing, only on the later side).
    const float divider = s.planState && s.planState->compare()
                              ? float(s.planState->divider()) * float(s.viewport.x)
                              : -1.0f;
    auto marks = [&](const std::vector<RouteDef>& routes, const std::vector<Place>& places) {
        auto mark = [&](const Place& p) { consider(p.name, p.at, fonts.wijkLabel, 150, divider); };
        for (const RouteDef& route : routes)
            std::for_each(route.stops.begin(), route.stops.end(), mark);
        std::for_each(places.begin(), places.end(), mark);
    };
    for (size_t i = 0; s.plans && s.planState && i < s.plans->plans.size(); ++i)
        if (s.planState->presence(i) > 0.5)
            marks(s.plans->plans[i].routes, s.plans->plans[i].places);
    for (size_t i = 0; s.plans && s.planState && i < s.plans->themes.size(); ++i)
        if (s.planState->themeEnabled(i))
            for (const ThemeItem& item : s.plans->themes[i].items)
                marks(item.routes, item.places);
    if (showWijken)
        for (size_t i = 0; i < city.wijken.size(); ++i)
            consider(city.wijken[i].name, city.wijken[i].label, fonts.wijkLabel,
                     int(i) == s.selectedWijk ? 200 : 10);
    ImDrawList* list = ImGui::GetBackgroundDrawList();
    for (int id : layoutLabels(candidates, glm::vec2(s.viewport), 6.0f)) {
        const LabelCandidate& c =
            *std::find_if(candidates.begin(), candidates.end(),
                          [id](const LabelCandidate& l) { return l.id == id; });
        const bool place = size_t(id) < stadsdelen;
        if (place)
            drawn.push_back({"stadsdeel:" + *texts[size_t(id)].first,
                             glm::vec4(c.anchor.x - c.size.x * 0.5f, c.anchor.y - c.size.y * 0.5f,
                                       c.size.x, c.size.y)});
        haloText(list, texts[size_t(id)].second,
                 ImVec2(c.anchor.x - c.size.x * 0.5f, c.anchor.y - c.size.y * 0.5f),
                 texts[size_t(id)].first->c_str(),
                 place ? IM_COL32(20, 40, 70, 255) : IM_COL32(40, 48, 56, 255));
    }
    if (s.showReactions && s.summary) drawReactionCounts(s, city, list, fonts);
    drawFeedbackPin(s);
    return drawn;
}

} // namespace almere::ui
