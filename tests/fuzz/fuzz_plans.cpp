// libFuzzer target for the plans a municipality may swap in (assets/plans/plans.json):
// parsePlanCatalog against the real city's wijk codes, then what the viewer builds from an
// accepted catalog (plan and theme layers over the real city, views, the timeline, the view
// state). Besides "no crash, no hang, no sanitizer report" it checks that a refusal names the
// file, that accepted years and line numbers are the file's own, that growth stays within
// 0..1, and that each layer's blocks are counted by the mesh builder. Built and run by
// tests/fuzz/run.sh.
#include "core/plan_layers.hpp"
#include "core/plan_state.hpp"
#include "core/plans.hpp"
#include "fuzz_common.hpp"

using namespace almere;
using almere::fuzz::require;

namespace {

CityModel city;
std::vector<std::string> codes;

void checkLayers(const std::vector<PlanLayer>& layers) {
    for (const PlanLayer& layer : layers) {
        const size_t end = layer.massingEnds.empty() ? 0 : layer.massingEnds.back();
        require(end == layer.massing.indices.size(), "a layer's block ends miss indices");
        for (const MeshData* mesh : {&layer.area, &layer.outline, &layer.massing, &layer.routes})
            for (uint32_t i : mesh->indices)
                require(i < mesh->vertices.size(), "an index past its vertices");
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    city = fuzz::loadRealCity();
    for (const WijkInfo& w : city.wijken)
        codes.push_back(w.code);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const SourceFile file{"plans.json", std::string(reinterpret_cast<const char*>(data), size)};
    auto parsed = parsePlanCatalog(file, codes);
    if (!parsed) {
        require(parsed.error().rfind("plans.json: ", 0) == 0, "a refusal without the file");
        return 0;
    }
    const PlanCatalog& catalog = parsed.value();
    // What is accepted is what the file says: no integer wrapped round into range.
    const nlohmann::json doc = nlohmann::json::parse(file.text, nullptr, false);
    for (size_t i = 0; i < catalog.phases.size(); ++i) {
        const nlohmann::json& phase = doc["phases"][i];
        if (phase.contains("year"))
            require(phase["year"].get<int64_t>() == catalog.phases[i].year, "a year changed");
        require(phase["lines"][0].get<int64_t>() == catalog.phases[i].lines[0] &&
                    phase["lines"][1].get<int64_t>() == catalog.phases[i].lines[1],
                "a line number changed");
    }
    for (const PlanDef& plan : catalog.plans) {
        for (double t : {-1.0, 0.0, 0.5, 1.7, double(catalog.phases.size()), 1e300}) {
            const double g = growthAt(plan, t);
            require(g >= 0 && g <= 1, "growth outside 0..1");
        }
        (void)planView(city, plan);
    }
    checkLayers(buildPlanLayers(city, catalog));
    checkLayers(buildThemeLayers(city, catalog));

    PlanState state(&catalog);
    for (size_t p = 0; p < catalog.plans.size(); p += 2)
        state.toggle(p);
    for (size_t t = 0; t < catalog.themes.size(); t += 2)
        state.toggleTheme(t);
    state.setPhase(int(catalog.phases.size()) - 1);
    state.snap();
    const std::string encoded = state.encode();
    PlanState again(&catalog);
    require(again.decode(encoded), "an encoded view state is refused");
    require(again.encode() == encoded, "a view state changes in a round trip");
    return 0;
}
