#pragma once
// The Dear ImGui layer over the map: title and buttons, the tapped wijk, credits, map labels,
// and the error screen. It reads state and returns what the resident asked for; it owns nothing.
#include "core/camera.hpp"
#include "core/city_model.hpp"
#include "core/plan_state.hpp"
#include "core/strings.hpp"
#include "ui/fonts.hpp"

#include <string>
#include <vector>

namespace almere::ui {

struct OverlayState {
    const Strings* strings = nullptr;
    const CityModel* city = nullptr; // null while loading or after a load error
    const OrbitCamera* camera = nullptr;
    glm::ivec2 viewport{0}; // logical pixels (ImGui's coordinates)
    int selectedWijk = -1;
    bool creditsOpen = false;
    std::string error;                  // shown instead of the map's panels when not empty
    const PlanCatalog* plans = nullptr; // null when there are no plans to show
    const PlanState* planState = nullptr;
    int planCard = -1;     // plan whose card is open
    bool plansOpen = true; // false: the plans panel is folded into one button
    bool goalsOpen = false;
};

struct OverlayActions {
    bool resetView = false;
    bool toggleLanguage = false;
    bool openCredits = false;
    bool closeCredits = false;
    bool clearSelection = false;
    int togglePlan = -1;
    int toggleTheme = -1;
    int setPhase = -1;
    float dragTime = -1; // timeline dragged to this position on the phase axis
    bool closePlanCard = false;
    bool togglePlansPanel = false;
    bool toggleCompare = false;
    bool toggleGoals = false;
    float divider = -1; // new divider position (fraction of the width) while it is dragged
    // Screen rectangles (x, y, w, h) of the panels drawn: touches there belong to the UI,
    // not to the map.
    std::vector<glm::vec4> panels;
};

void applyStyle();

// Must be called between ImGui::NewFrame() and ImGui::Render().
OverlayActions drawOverlay(const OverlayState& state, const Fonts& fonts);

// Stadsdelen always; wijk names once zoomed in, never overlapping. Behind the panels.
void drawMapLabels(const OverlayState& state, const Fonts& fonts);

} // namespace almere::ui
