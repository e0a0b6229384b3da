// The staff's results (issue 11): counted from a real reaction store that the test fills, so the
// numbers are those of the rows the export lists.
#include "server/staff_map.hpp"
#include "server/staff_pages.hpp"
#include "server/staff_results.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

using namespace almere;
using namespace almere::server;

namespace {

ReactionRules formRules() {
    ReactionRules rules;
    rules.plans = {"pampus", "hart", "oosterwold"};
    rules.ambitions = {"woningen", "klimaat"};
    rules.ageBands = {"tot_18", "18_34", "35_54"};
    rules.stadsdelen = {"haven", "stad", "elders"};
    rules.languages = {"nl"};
    return rules;
}

ResultsContent content() {
    ResultsContent c;
    c.rules = formRules();
    c.words = {{"plan:pampus", "Almere Pampus"}, {"age:35_54", "35 tot 55"}};
    c.map.wijken = {{"WK003401", "Centrum Almere Haven", "Almere Haven", "M0 0L1 0L1 1Z"},
                    {"WK003402", "De Werven", "Almere Haven", "M1 0L2 0L2 1Z"}};
    c.map.width = c.map.height = 10;
    return c;
}

Reaction reaction(const std::string& kind, const std::string& id, int rating,
                  const std::string& planState = "plans=pampus;phase=2050") {
    Reaction r;
    r.id = newReactionId();
    r.subjectKind = kind;
    r.subjectId = id;
    if (kind == "place") r.pin = GeoPoint{5.22, 52.335};
    r.rating = rating;
    r.consent = true;
    r.planState = planState;
    r.lang = "nl";
    r.channel = "kiosk";
    r.createdAt = 1795850000;
    return r;
}

// A fresh store in a temporary folder, removed afterwards.
struct TempStore {
    std::filesystem::path dir;
    std::unique_ptr<ReactionStore> store;
    TempStore() {
        dir = std::filesystem::temp_directory_path() / ("staff-results-" + newReactionId());
        std::filesystem::create_directories(dir);
        std::string error;
        store = ReactionStore::open((dir / "reactions.sqlite").string(), error);
        REQUIRE(store);
    }
    ~TempStore() {
        store.reset();
        std::filesystem::remove_all(dir);
    }
    void add(const Reaction& r, int64_t receivedAt = 1795850100) {
        REQUIRE(store->insert(r, receivedAt) == StoreOutcome::stored);
    }
};

const RatingRow& row(const std::vector<RatingRow>& rows, const std::string& id,
                     const std::string& phase = "") {
    for (const RatingRow& r : rows)
        if (r.id == id && r.phase == phase) return r;
    FAIL("no row " << id << " " << phase);
    return rows.front();
}

} // namespace

TEST_CASE("staff results: counts and means per plan and phase, hidden ones counted too") {
    TempStore t;
    t.add(reaction("plan", "pampus", 5));
    t.add(reaction("plan", "pampus", 4, "plans=pampus;phase=2030"));
    Reaction hidden = reaction("plan", "pampus", 1, "phase=2030;plans=pampus");
    hidden.comment = "weg ermee";
    t.add(hidden);
    REQUIRE(t.store->setModeration(hidden.id, "hidden") == ModerationOutcome::updated);
    t.add(reaction("ambition", "klimaat", 2, "plans="));

    const CampaignResults r = countResults(t.store->allReactions(), content());
    CHECK(r.total == 4);
    CHECK(r.hidden == 1);
    CHECK(r.withComment == 1);
    const RatingRow& pampus = row(r.subjects, "pampus");
    CHECK(pampus.name == "Almere Pampus");
    CHECK(pampus.count == 3); // the hidden comment's rating counts
    CHECK(pampus.ratings == std::array<int64_t, 5>{1, 0, 0, 1, 1});
    CHECK(pampus.mean() == Approx(10.0 / 3));
    CHECK(row(r.subjects, "hart").count == 0);
    CHECK(row(r.subjects, "hart").name == "hart"); // no words: the id, never nothing
    // phase= is found wherever it stands in plan_state; none gives phase "".
    CHECK(row(r.phases, "pampus", "2030").count == 2);
    CHECK(row(r.phases, "pampus", "2030").mean() == Approx(2.5));
    CHECK(row(r.phases, "pampus", "2050").count == 1);
    CHECK(row(r.phases, "klimaat", "").count == 1);
    // Plans before ambitions, phases in order within a plan.
    REQUIRE(r.phases.size() == 3);
    CHECK(r.phases[0].phase == "2030");
    CHECK(r.phases[1].phase == "2050");
    CHECK(r.phases[2].id == "klimaat");
}

TEST_CASE("staff results: the wijk of a place and of a plan or ambition reaction") {
    TempStore t;
    t.add(reaction("place", "WK003401", 4));
    t.add(reaction("place", "WK003401", 2));
    Reaction plan = reaction("plan", "hart", 5);
    plan.wijk = "WK003401";
    t.add(plan);
    Reaction other = reaction("ambition", "woningen", 3);
    other.wijk = "WK003499"; // a code the map does not have: counted in a row of its own
    t.add(other);
    t.add(reaction("place", "", 1));    // a pin outside every wijk
    t.add(reaction("plan", "hart", 1)); // heel Almere

    const CampaignResults r = countResults(t.store->allReactions(), content());
    CHECK(row(r.wijken, "WK003401").count == 3);
    CHECK(row(r.wijken, "WK003401").mean() == Approx(11.0 / 3));
    CHECK(row(r.wijken, "WK003401").name == "Centrum Almere Haven");
    CHECK(row(r.wijken, "WK003402").count == 0); // every wijk of the map has a row
    CHECK(row(r.wijken, "WK003499").count == 1);
    CHECK(r.withoutWijk == 2);
    CHECK(row(r.subjects, "").kind == "place");
    CHECK(row(r.subjects, "").count == 3);
    int64_t subjectTotal = 0;
    for (const RatingRow& s : r.subjects)
        subjectTotal += s.count;
    CHECK(subjectTotal == r.total);
}

TEST_CASE("staff results: background shares and channels, with and without a population") {
    TempStore t;
    for (const char* age : {"35_54", "35_54", "18_34", ""}) {
        Reaction r = reaction("plan", "pampus", 3);
        r.ageBand = age;
        r.homeStadsdeel = "haven";
        r.channel = *age ? "kiosk" : "web";
        t.add(r);
    }
    ResultsContent c = content();
    CampaignResults r = countResults(t.store->allReactions(), c);
    REQUIRE(r.ageBands.size() == 3);
    CHECK(r.ageBands[2].id == "35_54");
    CHECK(r.ageBands[2].name == "35 tot 55");
    CHECK(r.ageBands[2].count == 2);
    CHECK(r.ageBands[2].share == Approx(2.0 / 3)); // of those who answered
    CHECK_FALSE(r.ageBands[2].population);
    CHECK(r.ageNotGiven == 1);
    CHECK(r.stadsdelen[0].count == 4);
    CHECK(r.channels[0].count == 3);
    CHECK(r.channels[1].count == 1);
    CHECK_FALSE(r.population);

    auto table = parsePopulationTable(
        R"({"source": "Testbron", "year": 2024, "age_bands": {"35_54": 0.3},
            "stadsdelen": {"haven": 0.1, "stad": 0.6}})",
        "population.json", formRules());
    REQUIRE(table);
    c.population = table.take();
    r = countResults(t.store->allReactions(), c);
    REQUIRE(r.ageBands[2].population);
    CHECK(*r.ageBands[2].population == Approx(0.3));
    CHECK_FALSE(r.ageBands[0].population); // not in the table: shown as "-", never made up
    CHECK(*r.stadsdelen[0].population == Approx(0.1));
    const auto json = nlohmann::json::parse(resultsJson(r));
    CHECK(json["population"]["source"] == "Testbron");
    CHECK(json["age_bands"][2]["population_share"] == 0.3);
}

TEST_CASE("staff results: a broken population table names the file and field") {
    const auto bad = [](const char* text) {
        auto t = parsePopulationTable(text, "population.json", formRules());
        REQUIRE_FALSE(t);
        return t.error();
    };
    CHECK(bad("[]") == "population.json: not a JSON object");
    CHECK(bad(R"({"year": 2024, "age_bands": {}, "stadsdelen": {}})").find("source:") !=
          std::string::npos);
    CHECK(bad(R"({"source": "x", "year": 2024, "age_bands": {"old": 0.1}, "stadsdelen": {}})") ==
          "population.json: age_bands.old: not an id of feedback/form.json");
    CHECK(bad(R"({"source": "x", "year": 2024, "age_bands": {}, "stadsdelen": {"stad": 60}})") ==
          "population.json: stadsdelen.stad: expected a share from 0 to 1");
}

TEST_CASE("staff results: the CSV tables and the JSON hold the same numbers") {
    TempStore t;
    t.add(reaction("plan", "pampus", 4));
    t.add(reaction("plan", "pampus", 2));
    const CampaignResults r = countResults(t.store->allReactions(), content());
    const std::string subjects = *resultsCsv(r, "subjects");
    CHECK(subjects.rfind("\xEF\xBB\xBFkind,id,name,count,rating_1", 0) == 0);
    CHECK(subjects.find("\"plan\",\"pampus\",\"Almere Pampus\",2,0,1,0,1,0,3.00\r\n") !=
          std::string::npos);
    CHECK(resultsCsv(r, "totals")->find("\"reactions\",2\r\n") != std::string::npos);
    CHECK(resultsCsv(r, "phases")->find("\"pampus\",\"2050\"") != std::string::npos);
    CHECK_FALSE(resultsCsv(r, "../etc/passwd"));
    for (const char* table : kResultTables)
        CHECK(resultsCsv(r, table));
    const auto json = nlohmann::json::parse(resultsJson(r));
    CHECK(json["totals"]["reactions"] == 2);
    CHECK(json["subjects"][0]["ratings"] == nlohmann::json::array({0, 1, 0, 1, 0}));
    CHECK(json["subjects"][0]["mean"] == 3.0);
    CHECK(json["subjects"][1]["mean"].is_null()); // no reactions: no mean, not 0
    CHECK(json["population"].is_null());
}

TEST_CASE("staff results: map classes by count and by mean rating") {
    RatingRow w{"wijk", "WK003401", "", "", 0, {}};
    CHECK(mapClass(w, MapColour::count, 10) == 0);
    CHECK(mapClass(w, MapColour::mean, 10) == 0);
    w.count = 1;
    w.ratings = {1, 0, 0, 0, 0};
    CHECK(mapClass(w, MapColour::count, 10) == 1);
    CHECK(mapClass(w, MapColour::mean, 10) == 1);
    w.count = 10;
    w.ratings = {0, 0, 0, 0, 10};
    CHECK(mapClass(w, MapColour::count, 10) == 5);
    CHECK(mapClass(w, MapColour::mean, 10) == 5);
    w.ratings = {0, 0, 10, 0, 0};
    CHECK(mapClass(w, MapColour::mean, 10) == 3);
    CHECK(mapColourFrom("gemiddelde") == MapColour::mean);
    CHECK(mapColourFrom("iets") == MapColour::count);
}

TEST_CASE("staff results: the wijk map holds the 71 wijken of the content pack, north up") {
    std::string error;
    const WijkMap map = loadWijkMap(ALMERE_SOURCE_DIR "/assets", error);
    INFO(error);
    REQUIRE(map.wijken.size() == 71);
    CHECK(map.width == 640);
    CHECK(map.height > 100);
    CHECK(map.source.find("CBS") != std::string::npos);
    for (const WijkOutline& w : map.wijken) {
        CHECK(w.path.rfind("M", 0) == 0);
        CHECK(w.path.back() == 'Z');
    }
    // Almere Haven lies south of Almere Buiten: larger y on the page.
    const auto firstY = [&](const std::string& code) {
        for (const WijkOutline& w : map.wijken)
            if (w.code == code) return std::stod(w.path.substr(w.path.find(' ') + 1));
        return -1.0;
    };
    CHECK(firstY("WK003401") > firstY("WK003444"));
}

TEST_CASE("staff results: the pages escape names and mark wijken without reactions") {
    TempStore t;
    t.add(reaction("place", "WK003401", 5));
    ResultsContent c = content();
    c.map.wijken[0].name = "<script>x</script>";
    const CampaignResults r = countResults(t.store->allReactions(), c);
    const std::string html = resultsPageHtml(r, c.map, MapColour::count);
    CHECK(html.find("<script>x") == std::string::npos);
    CHECK(html.find("&lt;script&gt;x") != std::string::npos);
    CHECK(html.find("De Werven: geen reacties") != std::string::npos);
    CHECK(html.find("data-population=\"no\"") != std::string::npos);
    const std::string report = reportHtml(r, c.map, 1795850000);
    CHECK(report.find("@page { size: A4") != std::string::npos);
    CHECK(report.find("id=\"map-count-t\"") != std::string::npos);
    CHECK(report.find("id=\"map-mean-t\"") != std::string::npos);
}
