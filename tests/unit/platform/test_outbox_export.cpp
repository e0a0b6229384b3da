// The staff export of the kiosk's outbox (platform/outbox_export, `almere2050 --export-outbox`):
// every row, whatever its state, with the reason. tests/kiosk/export_outbox.sh runs the option
// itself on an outbox filled by a real sync.
#include "platform/outbox.hpp"
#include "platform/outbox_export.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

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
