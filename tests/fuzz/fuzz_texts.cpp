// libFuzzer target for the small JSON documents and texts the viewer reads: interface texts
// (assets/lang/*.json), massing styles (assets/city/character.json, also stored in the .glb),
// the reaction form (assets/feedback/form.json), the server's summary of reactions, the
// view-state text a reaction or a shared link carries (PlanState::decode), and Burgerberaad
// agendas (assets/sessions/*.json). Every input goes to
// all of them. Besides "no crash, no sanitizer report" it checks:
//  - a refusal names the file;
//  - accepted styles place and build a bounded number of blocks, counted by the mesh builder;
//  - an accepted view state survives encode -> decode unchanged;
//  - an accepted agenda holds 1 to 30 rounds, and each question kind survives its id.
// Built and run by tests/fuzz/run.sh.
#include "core/district_layout.hpp"
#include "core/feedback_summary.hpp"
#include "core/plan_state.hpp"
#include "core/plans.hpp"
#include "core/reaction.hpp"
#include "core/session_agenda.hpp"
#include "core/strings.hpp"
#include "fuzz_common.hpp"

using namespace almere;
using almere::fuzz::require;

namespace {

PlanCatalog catalog;

template <class T> void requireNamesFile(const Result<T>& result, const std::string& file) {
    if (!result) require(result.error().rfind(file + ": ", 0) == 0, "a refusal without the file");
}

void placeWithStyles(const std::map<std::string, MassingStyle>& styles) {
    const Polygon square{{{0, 0}, {2000, 0}, {2000, 2000}, {0, 2000}}, {}};
    for (const auto& [name, style] : styles) {
        const auto placed = layOutDistrict(name, {square}, style, [&](glm::dvec2 p) {
                                return p.x > p.y * 0.1;
                            }).buildings;
        require(placed.size() <= 40000 * 32, "more buildings than the block cap allows");
        MeshData mesh;
        BuildingEnds ends;
        addBuildings(mesh, ends, placed, 3, style.color, 0);
        require(ends.size() == placed.size(), "a block without its index end");
        require((ends.empty() ? 0 : ends.back()) == mesh.indices.size(), "ends miss indices");
    }
}

void checkAgenda(const Agenda& agenda) {
    require(!agenda.rounds.empty() && agenda.rounds.size() <= 30, "an agenda's round count");
    for (const AgendaRound& round : agenda.rounds) {
        QuestionKind back = QuestionKind::comment;
        require(questionKindFromId(questionKindId(round.question.kind), back) &&
                    back == round.question.kind,
                "a question kind changes in a round trip");
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const fuzz::RealCity files;
    auto city = parseCitySource(files.wijken, files.stadsdelen, files.water, files.character);
    require(bool(city), "the real content pack does not parse");
    std::vector<std::string> codes;
    for (const WijkSource& w : city.value().wijken)
        codes.push_back(w.code);
    auto plans = parsePlanCatalog(fuzz::realFile("assets/plans/plans.json"), codes);
    require(bool(plans), "the real plans do not parse");
    catalog = plans.take();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);

    const auto strings = Strings::parse({"lang.json", text});
    requireNamesFile(strings, "lang.json");
    if (strings) (void)strings.value()("title");

    const auto styles = parseStyles({"character.json", text});
    requireNamesFile(styles, "character.json");
    if (styles) placeWithStyles(styles.value());

    requireNamesFile(parseReactionRules({"form.json", text}), "form.json");

    // Named as the shipped agenda, so that its seed passes the id check and the fuzzer
    // explores the rounds behind it.
    const auto agenda = parseAgenda({"sessions/omgevingsvisie.json", text});
    requireNamesFile(agenda, "sessions/omgevingsvisie.json");
    if (agenda) checkAgenda(agenda.value());

    const auto summary = parseFeedbackSummary(text);
    if (summary) (void)summary.value().find("plan", "pampus");

    PlanState state(&catalog);
    if (state.decode(text)) {
        const std::string encoded = state.encode();
        PlanState again(&catalog);
        require(again.decode(encoded), "an encoded view state is refused");
        require(again.encode() == encoded, "a view state changes in a round trip");
    }
    return 0;
}
