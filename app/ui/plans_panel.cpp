#include "ui/plans_panel.hpp"

#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <string>

namespace almere::ui {
namespace {

std::string key(const std::string& a, const std::string& id, const char* b) {
    return a + "." + id + "." + b;
}

// The names of schematic lines, under the words they belong to.
void routeNames(const Strings& t, const std::vector<RouteDef>& routes) {
    for (const RouteDef& route : routes)
        ImGui::TextDisabled("%s", t(("route." + route.id + ".name").c_str()));
}

} // namespace

void drawPlansPanel(const OverlayState& s, const Fonts& fonts, float top, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const PlanCatalog& catalog = *s.plans;
    const PlanState& state = *s.planState;
    const float width = std::min(420.0f, maxPanelWidth(s));
    ImGui::SetNextWindowPos(ImVec2(s.viewport.x - kMargin, top), ImGuiCond_Always, ImVec2(1, 0));
    if (!s.plansOpen) {
        // Folded (small screens): one button that opens the panel, so the map stays visible.
        ImGui::Begin("##plans", nullptr, kPanel);
        if (button(t("plans_title"))) actions.togglePlansPanel = true;
        endPanel(actions);
        return;
    }
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::Begin("##plans", nullptr, kPanel & ~ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted(t("plans_title"));
    ImGui::PopFont();
    const float inner = width - 2 * ImGui::GetStyle().WindowPadding.x;
    for (size_t i = 0; i < catalog.plans.size(); ++i) {
        const PlanDef& plan = catalog.plans[i];
        ImGui::PushID(int(i));
        if (toggleButton(t(key("plan", plan.id, "title").c_str()), plan.color, state.enabled(i),
                         inner))
            actions.togglePlan = int(i);
        target(actions, "toggle:" + plan.id);
        ImGui::PopID();
    }

    if (!catalog.themes.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted(t("themes"));
    }
    // Themes side by side, up to three in a row: the panel must fit a 720 px high screen.
    const size_t perRow = std::min<size_t>(3, std::max<size_t>(1, catalog.themes.size()));
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float themeWidth = (inner - float(perRow - 1) * spacing) / float(perRow);
    for (size_t i = 0; i < catalog.themes.size(); ++i) {
        ImGui::PushID(50 + int(i));
        const ThemeDef& theme = catalog.themes[i];
        if (i % perRow != 0) ImGui::SameLine();
        if (toggleButton(t(key("theme", theme.id, "title").c_str()), theme.items.front().color,
                         state.themeEnabled(i), themeWidth))
            actions.toggleTheme = int(i);
        ImGui::PopID();
    }

    ImGui::Spacing();
    ImGui::TextUnformatted(t("timeline"));
    // One step per phase of the timeline (built from the vision); the chosen one is filled. Buttons
    // as wide as their words ("Komende jaren" needs more than "2040"), wrapping on narrow screens.
    const int phases = int(catalog.phases.size());
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 12));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6, 6));
    for (int i = 0; i < phases; ++i) {
        const bool current = state.phase() == i;
        const std::string label = t(key("phase", catalog.phases[size_t(i)].id, "label").c_str());
        if (i > 0) sameLineIfFits(s, label.c_str());
        ImGui::PushID(100 + i);
        const Theme& theme = currentTheme();
        ImGui::PushStyleColor(ImGuiCol_Button, toColor(current ? theme.button : theme.choice));
        ImGui::PushStyleColor(ImGuiCol_Text, toColor(current ? theme.buttonText : theme.text));
        if (ImGui::Button(label.c_str(), ImVec2(0, touchTarget()))) actions.setPhase = i;
        target(actions, "phase:" + catalog.phases[size_t(i)].id);
        ImGui::PopStyleColor(2);
        ImGui::PopID();
    }
    ImGui::PopStyleVar(2);
    // The track under the steps can be dragged through time, between the phases too.
    float time = float(state.time());
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 14));
    ImGui::PushStyleVar(ImGuiStyleVar_GrabMinSize, 44.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_GrabRounding, 8.0f);
    ImGui::SetNextItemWidth(-1);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, toColor(currentTheme().choice));
    ImGui::PushStyleColor(ImGuiCol_SliderGrab, ImGui::GetStyle().Colors[ImGuiCol_Button]);
    ImGui::PushStyleColor(ImGuiCol_SliderGrabActive,
                          ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
    if (ImGui::SliderFloat("##time", &time, 0.0f, float(phases - 1), "", ImGuiSliderFlags_NoInput))
        actions.dragTime = time;
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar(3);
    const PhaseDef& phase = catalog.phases[size_t(state.phase())];
    ImGui::PushTextWrapPos(0.0f); // wrap at the panel edge
    ImGui::TextUnformatted(t(key("phase", phase.id, "text").c_str()));
    ImGui::TextDisabled("%s: %s", t("source"), t(key("phase", phase.id, "source").c_str()));
    ImGui::PopTextWrapPos();
    // One row of smaller actions: the panel must fit a 720 px high kiosk screen.
    const float third = (inner - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
    if (toggleButton(t("compare"), Rgb(0, 92, 158), state.compare(), third))
        actions.toggleCompare = true;
    ImGui::PushStyleColor(ImGuiCol_Text, toColor(currentTheme().buttonText));
    ImGui::SameLine();
    if (ImGui::Button(t("goals"), ImVec2(third, touchTarget()))) actions.toggleGoals = true;
    ImGui::SameLine();
    if (ImGui::Button(t("plans_hide"), ImVec2(third, touchTarget())))
        actions.togglePlansPanel = true;
    ImGui::PopStyleColor();
    endPanel(actions);
}

void drawThemeLegend(const OverlayState& s, float top, OverlayActions& actions) {
    const Strings& t = *s.strings;
    beginLeftCard(s, "##themes", top, 440.0f);
    ImGui::PushTextWrapPos(0.0f);
    for (size_t i = 0; i < s.plans->themes.size(); ++i) {
        if (!s.planState->themeEnabled(i)) continue;
        const ThemeDef& theme = s.plans->themes[i];
        ImGui::TextUnformatted(t(key("theme", theme.id, "title").c_str()));
        for (const ThemeItem& item : theme.items) {
            // A colour swatch, then the item's words.
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const float h = ImGui::GetTextLineHeight();
            ImGui::GetWindowDrawList()->AddRectFilled(
                p, ImVec2(p.x + h, p.y + h), ImGui::GetColorU32(toColor(item.color)), 3.0f);
            ImGui::Indent(h + 8);
            ImGui::TextUnformatted(t(("theme." + theme.id + "." + item.id + ".text").c_str()));
            routeNames(t, item.routes);
            ImGui::Unindent(h + 8);
        }
        ImGui::TextDisabled("%s", t(key("theme", theme.id, "note").c_str()));
        ImGui::TextDisabled("%s: %s", t("source"), t(key("theme", theme.id, "source").c_str()));
    }
    ImGui::PopTextWrapPos();
    endPanel(actions);
}

void drawGoals(const OverlayState& s, const Fonts& fonts, OverlayActions& actions) {
    const Strings& t = *s.strings;
    beginCentredPanel(s, fonts, "##goals", 620.0f, t("goals_title"));
    ImGui::PushTextWrapPos(0.0f); // wrap at the panel edge
    for (const GoalDef& goal : s.plans->goals) {
        ImGui::TextUnformatted(t(key("goal", goal.id, "text").c_str()));
        ImGui::TextDisabled("%s: Ontwerp Omgevingsvisie Almere 2050, %s", t("source"),
                            t(key("goal", goal.id, "source").c_str()));
        ImGui::Spacing();
    }
    ImGui::PopTextWrapPos();
    if (button(t("close"))) actions.toggleGoals = true;
    endPanel(actions);
}

void drawCompareDivider(const OverlayState& s, const Fonts& fonts, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const PlanState& state = *s.planState;
    const float x = float(state.divider()) * float(s.viewport.x);
    const float grip = touchTarget();
    // An invisible, full-height strip around the line takes the drag (and keeps it from the map).
    ImGui::SetNextWindowPos(ImVec2(x - grip * 0.5f, 0));
    ImGui::SetNextWindowSize(ImVec2(grip, float(s.viewport.y)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##divider", nullptr,
                 (kPanel & ~ImGuiWindowFlags_AlwaysAutoResize) | ImGuiWindowFlags_NoBackground |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::InvisibleButton("##drag", ImVec2(grip, float(s.viewport.y)));
    if (ImGui::IsItemActive() && ImGui::GetIO().MouseDelta.x != 0.0f)
        actions.divider = (x + ImGui::GetIO().MouseDelta.x) / float(s.viewport.x);
    endPanel(actions);
    ImGui::PopStyleVar();

    ImDrawList* list = ImGui::GetBackgroundDrawList();
    const float cy = float(s.viewport.y) * 0.5f;
    list->AddLine(ImVec2(x, 0), ImVec2(x, float(s.viewport.y)), IM_COL32(255, 255, 255, 255), 4.0f);
    list->AddCircleFilled(ImVec2(x, cy), grip * 0.5f, IM_COL32(0, 92, 158, 255));
    list->AddTriangleFilled(ImVec2(x - 6, cy - 8), ImVec2(x - 6, cy + 8), ImVec2(x - 16, cy),
                            IM_COL32(255, 255, 255, 255));
    list->AddTriangleFilled(ImVec2(x + 6, cy - 8), ImVec2(x + 16, cy), ImVec2(x + 6, cy + 8),
                            IM_COL32(255, 255, 255, 255));
    // What each side shows, at the foot of the line.
    const char* left = t("compare_now");
    const std::string right =
        t(key("phase", s.plans->phases[size_t(state.phase())].id, "label").c_str());
    ImFont* font = fonts.title;
    const float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
    const ImVec2 lw = font->CalcTextSizeA(size, FLT_MAX, 0, left);
    const float y = float(s.viewport.y) - 150.0f;
    auto tag = [&](ImVec2 p, const char* text, ImVec2 extent) {
        list->AddRectFilled(ImVec2(p.x - 8, p.y - 4),
                            ImVec2(p.x + extent.x + 8, p.y + extent.y + 4),
                            IM_COL32(0, 92, 158, 230), 6.0f);
        list->AddText(font, size, p, IM_COL32(255, 255, 255, 255), text);
    };
    tag(ImVec2(x - lw.x - 30, y), left, lw);
    tag(ImVec2(x + 30, y), right.c_str(), font->CalcTextSizeA(size, FLT_MAX, 0, right.c_str()));
}

void drawPlanCard(const OverlayState& s, const Fonts& fonts, float top, OverlayActions& actions) {
    const Strings& t = *s.strings;
    const PlanDef& plan = s.plans->plans[size_t(s.planCard)];
    beginLeftCard(s, "##plancard", top, 540.0f); // wide enough to fit 720 px screens
    const ImVec2 corner = ImGui::GetWindowPos();
    ImGui::GetWindowDrawList()->AddRectFilled(
        corner, ImVec2(corner.x + 8, corner.y + ImGui::GetWindowHeight()),
        ImGui::GetColorU32(toColor(plan.color)), 10.0f, ImDrawFlags_RoundCornersLeft);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted(t(key("plan", plan.id, "title").c_str()));
    ImGui::PopFont();
    auto buttons = [&] {
        if (s.feedback && button(t("feedback.give_plan"))) {
            actions.feedback.startKind = "plan";
            actions.feedback.startId = plan.id;
        }
        if (s.feedback) sameLineIfFits(s, t("close"));
        if (button(t("close"))) actions.closePlanCard = true;
    };
    // On a phone the card is taller than the screen: its buttons come first, in reach.
    const bool buttonsFirst = s.viewport.x < 760;
    ImGui::PushTextWrapPos(0.0f); // wrap at the panel edge
    ImGui::TextUnformatted(t(key("plan", plan.id, "what").c_str()));
    if (buttonsFirst) buttons();
    routeNames(t, plan.routes);
    if (!plan.places.empty()) {
        std::string names;
        for (const Place& place : plan.places)
            names += (names.empty() ? "" : ", ") + place.name;
        ImGui::TextDisabled("%s: %s. %s", t("on_map"), names.c_str(), t("places_note"));
    }
    ImGui::Spacing();
    ImGui::TextUnformatted(t(key("plan", plan.id, "quote").c_str()));
    ImGui::TextDisabled("%s: %s", t("source"), t(key("plan", plan.id, "source").c_str()));
    std::string ambitions;
    for (const std::string& ambition : plan.ambitions)
        ambitions +=
            (ambitions.empty() ? "" : "; ") + std::string(t(("ambition." + ambition).c_str()));
    ImGui::Spacing();
    ImGui::Text("%s: %s.", t("serves"), ambitions.c_str());
    if (const RatingCount* c = s.summary ? s.summary->find("plan", plan.id) : nullptr)
        ratingLine(t, *c);
    ImGui::TextDisabled("%s", t("plans_schematic"));
    // The disclaimer and, in one paragraph with it, what the Ontwerp Omgevingsvisie is: said
    // where a resident meets the name ("Ontwerp" reads as "design", "concept" as a draft).
    ImGui::TextDisabled("%s %s", t("disclaimer"), t("vision_explained"));
    ImGui::PopTextWrapPos();
    if (!buttonsFirst) buttons();
    endPanel(actions);
}

} // namespace almere::ui
