#pragma once
// The future developments of the vision (assets/plans/plans.json): which plans there are, the
// document's sequence of phases, the areas and schematic massing of each plan, and which of
// the six ambitions each serves. Texts live per language in assets/lang (plan.<id>.*).
#include "core/city_source.hpp"
#include "core/result.hpp"

#include <string>
#include <vector>

namespace almere {

struct PhaseDef {
    std::string id;
    int year = 0;        // 0 where the document gives no year
    glm::ivec2 lines{0}; // first and last line in the source text
};

// A named spot on the map (a metro stop, a forest, a future centre): a marker with a label.
struct Place {
    std::string name; // a proper name, the same in every language
    glm::dvec2 at{0}; // local metres
};

// A schematic line on the map (e.g. the IJmeerlijn metro) with its stops.
struct RouteDef {
    std::string id;
    std::vector<glm::dvec2> points; // local metres
    std::vector<Place> stops;
    glm::ivec2 lines{0};
};

// Land a plan leaves open, e.g. the nature of Pampus's Ecozone: the plan builds nothing there
// and shows it green. Schematic where the vision names a place but draws no outline.
struct OpenArea {
    std::string id;
    Polygon polygon; // local metres, one ring
    glm::ivec2 lines{0};
};

struct PlanDef {
    std::string id;
    Rgb color{0};
    std::vector<std::string> areaWijken; // CBS wijk codes: their real outlines
    std::vector<Polygon> schematicArea;  // hand-drawn parts, local metres
    MassingStyle style;
    std::vector<double> growth; // share of the plan's blocks per phase, 0..1
    std::vector<std::string> ambitions;
    glm::ivec2 lines{0};
    std::vector<RouteDef> routes;
    std::vector<Place> places; // named parts of the plan, drawn where the plan is on
    std::vector<OpenArea> open;
};

// A city-wide goal of the vision; its words are in the language files (goal.<id>.*).
struct GoalDef {
    std::string id;
    glm::ivec2 lines{0};
};

// A theme layer ties named places of the vision to the map (texts: theme.<id>.*,
// theme.<id>.<item>.*).
struct ThemeItem {
    std::string id;
    Rgb color{0};
    std::vector<std::string> wijken; // CBS wijk codes: their real outlines
    std::vector<Polygon> schematic;  // hand-drawn parts
    std::vector<RouteDef> routes;    // schematic lines (ecological links, rail)
    std::vector<Place> places;       // named spots (hubs, nature frameworks)
    glm::ivec2 lines{0};
};

struct ThemeDef {
    std::string id;
    std::vector<ThemeItem> items;
};

struct PlanCatalog {
    std::vector<std::string> ambitions;
    std::vector<ThemeDef> themes;
    std::vector<GoalDef> goals;
    std::vector<PhaseDef> phases;
    std::vector<PlanDef> plans;
};

// Validates everything; errors name the file and field. `wijkCodes` are the codes a plan
// area may refer to.
Result<PlanCatalog> parsePlanCatalog(const SourceFile& file,
                                     const std::vector<std::string>& wijkCodes);

// The share of a plan's blocks standing at `time`, a position on the phase axis
// (0 = first phase, phases - 1 = last); linear between phases.
double growthAt(const PlanDef& plan, double time);

} // namespace almere
