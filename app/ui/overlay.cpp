#include "ui/overlay.hpp"

#include "core/label_layout.hpp"
#include "ui/feedback_panel.hpp"
#include "ui/plans_panel.hpp"
#include "ui/theme.hpp"
#include "ui/view_panels.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <imgui.h>

namespace almere::ui {
namespace {

void haloText(ImDrawList* list, ImFont* font, ImVec2 pos, const char* text, ImU32 color) {
    const float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
    const Theme& theme = currentTheme();
    const ImU32 halo =
        ImGui::GetColorU32(toColor(theme.labelHalo, theme.panelAlpha < 1 ? 210.0f / 255 : 1));
    const float h = theme.haloWidth;
    const ImVec2 around[] = {ImVec2(-h, 0),  ImVec2(h, 0), ImVec2(0, -h), ImVec2(0, h),
                             ImVec2(-h, -h), ImVec2(h, h), ImVec2(-h, h), ImVec2(h, -h)};
    // High contrast: a solid halo all round (the diagonals too).
    for (int i = 0; i < (theme.panelAlpha < 1 ? 4 : 8); ++i)
        list->AddText(font, size, ImVec2(pos.x + around[i].x, pos.y + around[i].y), halo, text);
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
    // With a building layer, some buildings are measured: the note must stay true.
    const bool real = s.city && showsRealBuildings(*s.city);
    textWrapped(t(real ? "credits_schematic_layer" : "credits_schematic"), width - 32);
    if (button(t("close"))) actions.closeCredits = true;
    endPanel(actions);
}

// Every interface language, named in its own words; a translation nobody checked says so in
// its own language too, since the resident choosing it may read no other.
void drawLanguages(const OverlayState& s, const Fonts& fonts, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const float width = beginCentredPanel(s, fonts, "##languages", 620.0f, t("language_choice"));
    for (const LanguageChoice& l : *s.languages) {
        const bool current = l.code == s.language;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.00f, 0.22f, 0.40f, 1));
        if (button(l.name.c_str())) actions.chooseLanguage = l.code;
        if (current) ImGui::PopStyleColor();
        target(actions, "language." + l.code);
        if (l.uncheckedNote.empty()) continue;
        const float used = ImGui::GetItemRectSize().x + ImGui::GetStyle().ItemSpacing.x;
        ImGui::SameLine();
        textWrapped(l.uncheckedNote.c_str(), std::max(120.0f, width - 32 - used));
    }
    ImGui::Spacing();
    if (button(t("close"))) actions.closeLanguages = true;
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

void applyStyle(bool highContrast, float scale) {
    setCurrentTheme(highContrast);
    const Theme& theme = currentTheme();
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight();
    style.WindowRounding = 10;
    style.FrameRounding = 8;
    style.WindowPadding = ImVec2(16, 14);
    style.FramePadding = ImVec2(18, 12);
    style.ItemSpacing = ImVec2(10, 10);
    style.WindowBorderSize = theme.borderSize;
    style.FrameBorderSize = theme.borderSize;
    style.Colors[ImGuiCol_WindowBg] = toColor(theme.panel, theme.panelAlpha);
    style.Colors[ImGuiCol_Border] = toColor(theme.border);
    style.Colors[ImGuiCol_Button] = toColor(theme.button);
    style.Colors[ImGuiCol_ButtonHovered] = toColor(theme.buttonHovered);
    style.Colors[ImGuiCol_ButtonActive] = toColor(theme.buttonActive);
    style.Colors[ImGuiCol_Text] = toColor(theme.text);
    style.Colors[ImGuiCol_TextDisabled] = toColor(theme.textDisabled);
    style.Colors[ImGuiCol_NavHighlight] = toColor(theme.focusRing);
    if (scale != 1.0f) style.ScaleAllSizes(scale);
}

// On phones the title's buttons fold into "Menu", all but "Geef je mening": six buttons in
// rows would cover the map's names (and more so with the reading help's larger text).
static bool compactTitle(const OverlayState& s) {
    return s.viewport.x < 760;
}

// On a wide screen the title's buttons wrap before the plans panel's place at the top right
// (open: 420 px; folded: its button), rather than running under it: with larger text, and in
// the browser at 1280 px, where "Deel deze weergave" makes the row longer.
static float titleWidth(const OverlayState& s) {
    if (compactTitle(s)) return maxPanelWidth(s);
    return std::max(300.0f, maxPanelWidth(s) - (s.plansOpen ? 420.0f : 260.0f) - kMargin);
}

static void drawTitleButtons(const OverlayState& s, OverlayActions& actions);
static OverlayActions drawMapPanels(const OverlayState& s, const Fonts& fonts, glm::vec4 title,
                                    bool compact, OverlayActions& actions);

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
    // While a reaction is being given, its steps are the only panel (the steps on the map keep
    // the title, and the map, in view).
    if (s.feedback && s.feedback->open() && !s.feedback->onMap()) {
        drawFeedback(s, fonts, actions);
        return actions;
    }

    ImGui::SetNextWindowPos(ImVec2(kMargin, kMargin));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(titleWidth(s), FLT_MAX));
    ImGui::Begin("##title", nullptr, kPanel);
    const bool compact = compactTitle(s);
    // Embedded in a page that has its own title (?embed=1), the title and subtitle step aside.
    if (!s.embed) {
        ImGui::PushFont(fonts.title);
        ImGui::TextUnformatted(t("title"));
        ImGui::PopFont();
        if (!compact) panelText(s, t("subtitle"));
    }
    if (compact) {
        if (button(t(s.menuOpen ? "close" : "menu"))) actions.toggleMenu = true;
        target(actions, "menu");
    }
    if (!compact || s.menuOpen) drawTitleButtons(s, actions);
    if (s.feedback && !s.feedback->open()) {
        // The way in to the point of it all: in a colour of its own, always on screen.
        sameLineIfFits(s, t("feedback.give"), titleWidth(s));
        const Theme& theme = currentTheme();
        ImGui::PushStyleColor(ImGuiCol_Button, toColor(theme.accent));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, toColor(theme.accentHovered));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, toColor(theme.accentActive));
        if (button(t("feedback.give"))) actions.feedback.start = true;
        target(actions, "feedback.give");
        ImGui::PopStyleColor(3);
    }
    if (s.summary && s.summary->total > 0) {
        const char* label = t("reactions.layer");
        const float w = ImGui::CalcTextSize(label).x + 2 * 52.0f;
        sameLineIfFits(s, label, titleWidth(s));
        if (toggleButton(label, Rgb(200, 30, 40), s.showReactions, w))
            actions.toggleReactions = true;
        target(actions, "reactions.layer");
    }
    endPanel(actions);
    const glm::vec4 title = actions.panels.back();
    if (s.embed) drawAttributionLine(s, actions);
    if (s.readingOpen) drawReadingPanel(s, fonts, title.y + title.w + kMargin, actions);
    if (s.shareQr) drawSharePanel(s, fonts, actions);
    // The open menu has the phone's screen to itself.
    if (compact && s.menuOpen && !(s.feedback && s.feedback->open())) return actions;
    if (s.feedback && s.feedback->open()) {
        drawFeedback(s, fonts, actions);
        return actions;
    }
    return drawMapPanels(s, fonts, title, compact, actions);
}

// The title panel's buttons but "Geef je mening" and the reaction counts.
static void drawTitleButtons(const OverlayState& s, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const bool compact = compactTitle(s);
    if (compact) ImGui::SameLine();
    if (button(t("reset_view"))) actions.resetView = true;
    if (!s.embed) {
        sameLineIfFits(s, t("credits"), titleWidth(s));
        if (button(t("credits"))) actions.openCredits = true;
    }
    sameLineIfFits(s, t("reading.button"), titleWidth(s));
    if (button(t("reading.button"))) actions.toggleReadingPanel = true;
    target(actions, "reading.button");
    if (s.canShare) {
        sameLineIfFits(s, t("share.button"), titleWidth(s));
        if (button(t("share.button"))) actions.share = true;
        target(actions, "share.button");
    }
    if (s.languages && s.languages->size() > 1) {
        sameLineIfFits(s, t("language_choice"), titleWidth(s));
        if (button(t("language_choice"))) actions.openLanguages = true;
        target(actions, "language_choice");
    }
}

// The map's panels below the title: plans, the hint, a plan card, a selection, goals, credits.
static OverlayActions drawMapPanels(const OverlayState& s, const Fonts& fonts, glm::vec4 title,
                                    bool compact, OverlayActions& actions) {
    const Strings& t = *s.strings;
    if (s.plans && s.planState && s.planState->compare()) drawCompareDivider(s, fonts, actions);
    const bool narrow = s.viewport.x < 760;
    const bool card = s.plans && s.planCard >= 0 && size_t(s.planCard) < s.plans->plans.size();
    // On narrow screens (phones) an open plan card stands in for the plans panel.
    if (s.plans && s.planState && !(narrow && card))
        drawPlansPanel(s, fonts, narrow ? title.y + title.w + kMargin : kMargin, actions);

    const bool selection =
        s.city && s.selectedWijk >= 0 && size_t(s.selectedWijk) < s.city->wijken.size();
    // A plan card or the selected wijk takes the hint's place.
    if (!(card || selection || (compact && s.reading.largeText))) {
        ImGui::SetNextWindowPos(ImVec2(kMargin, s.viewport.y - kMargin), ImGuiCond_Always,
                                ImVec2(0, 1));
        ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(maxPanelWidth(s), FLT_MAX));
        ImGui::SetNextWindowBgAlpha(0.8f);
        ImGui::Begin("##note", nullptr, kTextPanel);
        panelText(s, t(s.city && showsRealBuildings(*s.city) ? "schematic_buildings_layer"
                                                             : "schematic_buildings"));
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
    if (s.languagesOpen && s.languages) drawLanguages(s, fonts, actions);
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
                 ImGui::GetColorU32(
                     toColor(place ? currentTheme().placeLabel : currentTheme().wijkLabel)));
    }
    if (s.showReactions && s.summary) drawReactionCounts(s, city, list, fonts);
    drawFeedbackPin(s);
    return drawn;
}

} // namespace almere::ui
