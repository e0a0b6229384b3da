// The staff export of the kiosk's outbox (platform/outbox_export, `almere2050 --export-outbox`):
// every row, whatever its state, with the reason. tests/kiosk/export_outbox.sh runs the option
// itself on an outbox filled by a real sync.
#include "platform/outbox.hpp"
#include "platform/outbox_export.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace almere::platform;
using nlohmann::json;

TEST_CASE("outbox export: pending, delivered and refused rows with their reasons") {
    TempDir dir;
    {
        auto outbox = Outbox::open(dir.str());
        REQUIRE(outbox);
        auto& o = *outbox.value();
        REQUIRE(o.add("delivered", R"({"id": "delivered", "rating": 4})", 1000) == "");
        REQUIRE(o.add("refused", R"({"id": "refused", "rating": 9})", 1001) == "");
        REQUIRE(o.add("waiting", R"({"id": "waiting", "comment": "bomen \u00e9"})", 1002) == "");
        REQUIRE(o.add("fresh", "not json \xff", 1003) == "");
        REQUIRE(o.markDelivered("delivered", 2000) == "");
        REQUIRE(o.markRejected("refused", "HTTP 400: rating: expected 1..5", 2001) == "");
        REQUIRE(o.scheduleRetry("waiting", 9000, "HTTP 403: <html>Forbidden</html>") == "");
    }
    const std::string file = (dir.path / "export.json").string();
    REQUIRE(exportOutbox(dir.str(), file) == "");
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const json doc = json::parse(text.str());
    CHECK(doc["counts"] == json({{"pending", 2}, {"delivered", 1}, {"refused", 1}}));
    const json& rows = doc["reactions"];
    REQUIRE(rows.size() == 4);
    CHECK(rows[0]["id"] == "delivered");
    CHECK(rows[0]["state"] == "delivered");
    CHECK(rows[0]["reason"].is_null());
    CHECK(rows[0]["delivered_at_ms"] == 2000);
    CHECK(rows[0]["reaction"]["rating"] == 4);
    CHECK(rows[1]["state"] == "refused");
    CHECK(rows[1]["reason"] == "HTTP 400: rating: expected 1..5");
    CHECK(rows[1]["refused_at_ms"] == 2001);
    CHECK(rows[1]["reaction"]["rating"] == 9);
    CHECK(rows[2]["state"] == "pending");
    CHECK(rows[2]["reason"] == "HTTP 403: <html>Forbidden</html>");
    CHECK(rows[2]["attempts"] == 1);
    CHECK(rows[2]["reaction"]["comment"] == "bomen \u00e9");
    CHECK(rows[3]["state"] == "pending");
    CHECK(rows[3]["reason"].is_null());
    CHECK(rows[3]["reaction"] == "not json \xef\xbf\xbd"); // handed over as text, not dropped
}

TEST_CASE("outbox export: a folder without an outbox is an error, not an empty export") {
    TempDir dir;
    std::string error;
    CHECK(outboxAsJson((dir.path / "typo").string(), error) == "");
    CHECK_THAT(error, Catch::Contains("no outbox at"));
    CHECK(exportOutbox((dir.path / "typo").string(), (dir.path / "x.json").string()) != "");
    CHECK_FALSE(std::filesystem::exists(dir.path / "typo"));
}

namespace {

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("outbox export to a folder: CSV and JSON of the same rows, each once, while the sync "
          "thread delivers") {
    TempDir dir, stick;
    const int rows = 200;
    {
        auto outbox = Outbox::open(dir.str());
        REQUIRE(outbox);
        for (int i = 0; i < rows; ++i) {
            const std::string id = "id-" + std::to_string(i);
            REQUIRE(outbox.value()->add(id, R"({"id": ")" + id + R"(", "rating": 3})", i) == "");
        }
    }
    // Another connection marks rows delivered meanwhile, as the sync thread would.
    std::atomic<bool> done{false};
    std::thread sync([&] {
        auto outbox = Outbox::open(dir.str());
        for (int i = 0; i < rows && !done; ++i)
            outbox.value()->markDelivered("id-" + std::to_string(i), 5000 + i);
    });
    std::vector<FolderExport> exports;
    for (int round = 0; round < 5; ++round) {
        auto written = exportOutboxToFolder(dir.str(), stick.str(), 1796570400000LL + round * 1000);
        REQUIRE(written);
        exports.push_back(written.value());
    }
    done = true;
    sync.join();
    for (const FolderExport& e : exports) {
        CHECK(e.reactions == size_t(rows));
        const json doc = json::parse(readAll(e.jsonPath));
        std::set<std::string> ids;
        for (const json& row : doc["reactions"])
            ids.insert(row["id"].get<std::string>());
        CHECK(ids.size() == size_t(rows));
        CHECK(doc["counts"]["pending"].get<int>() + doc["counts"]["delivered"].get<int>() == rows);
        const std::string csv = readAll(e.csvPath);
        CHECK(std::count(csv.begin(), csv.end(), '\n') == rows + 1);
        CHECK(e.csvPath.find("almere2050-kiosk-") != std::string::npos);
    }
    // Temporary files never stay behind.
    for (const auto& entry : std::filesystem::directory_iterator(stick.path))
        CHECK(entry.path().extension() != ".part");
}

TEST_CASE("outbox staff view: counts, last delivery and the newest refusals first") {
    TempDir dir;
    auto outbox = Outbox::open(dir.str());
    REQUIRE(outbox);
    auto& o = *outbox.value();
    for (const char* id : {"a", "b", "c", "d", "e", "f"})
        REQUIRE(o.add(id, "{}", 1) == "");
    REQUIRE(o.markDelivered("a", 100) == "");
    REQUIRE(o.markDelivered("b", 300) == "");
    REQUIRE(o.markRejected("c", "old reason", 200) == "");
    REQUIRE(o.markRejected("d", "newest reason", 400) == "");
    REQUIRE(o.markRejected("e", "middle reason", 250) == "");
    auto view = o.staffView(2);
    REQUIRE(view);
    CHECK(view.value().counts.pending == 1);
    CHECK(view.value().counts.delivered == 2);
    CHECK(view.value().counts.rejected == 3);
    CHECK(view.value().lastDeliveredMs == 300);
    REQUIRE(view.value().latestRefused.size() == 2);
    CHECK(view.value().latestRefused[0].refusedReason == "newest reason");
    CHECK(view.value().latestRefused[1].refusedReason == "middle reason");
}
