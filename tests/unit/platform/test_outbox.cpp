#include "platform/outbox.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <thread>

using almere::platform::Outbox;
using almere::platform::OutboxCounts;

namespace {

std::unique_ptr<Outbox> openIn(const TempDir& dir) {
    auto outbox = Outbox::open(dir.str());
    INFO(outbox.error());
    REQUIRE(outbox);
    return outbox.take();
}

OutboxCounts countsOf(Outbox& outbox) {
    auto counts = outbox.counts();
    REQUIRE(counts);
    return counts.value();
}

std::vector<std::string> dueIds(Outbox& outbox, int64_t nowMs, size_t limit = 100) {
    auto rows = outbox.due(nowMs, limit);
    REQUIRE(rows);
    std::vector<std::string> ids;
    for (const auto& row : rows.value())
        ids.push_back(row.id);
    return ids;
}

// One column of one row, read past the Outbox API (what a facilitator would see in the file).
std::string column(const TempDir& dir, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(Outbox::pathIn(dir.str()).c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0))
        value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

} // namespace

TEST_CASE("outbox: added reactions are due oldest first, duplicates are harmless") {
    TempDir dir;
    auto outbox = openIn(dir);
    CHECK(outbox->add("a", "{\"id\":\"a\"}", 1000) == "");
    CHECK(outbox->add("b", "{\"id\":\"b\"}", 1000) == "");
    CHECK(outbox->add("c", "{\"id\":\"c\"}", 1001) == "");
    CHECK(outbox->add("a", "{\"id\":\"a\",\"changed\":1}", 2000) == "");

    CHECK(dueIds(*outbox, 5000) == std::vector<std::string>{"a", "b", "c"});
    CHECK(dueIds(*outbox, 5000, 2) == std::vector<std::string>{"a", "b"});
    CHECK(dueIds(*outbox, 999).empty());
    auto rows = outbox->due(5000, 1);
    REQUIRE(rows);
    CHECK(rows.value()[0].body == "{\"id\":\"a\"}"); // the first body stays
    CHECK(rows.value()[0].attempts == 0);

    const OutboxCounts counts = countsOf(*outbox);
    CHECK(counts.total == 3);
    CHECK(counts.pending == 3);
    CHECK(counts.delivered == 0);
    CHECK(counts.rejected == 0);
    CHECK(outbox->add("", "{}", 1000) != "");
}

TEST_CASE("outbox: delivered and rejected rows are kept but never due again") {
    TempDir dir;
    auto outbox = openIn(dir);
    for (const char* id : {"a", "b", "c"})
        REQUIRE(outbox->add(id, "{}", 1000) == "");
    CHECK(outbox->markDelivered("a", 2000) == "");
    CHECK(outbox->markRejected("b", "HTTP 400: rating: expected 1..5", 2000) == "");

    CHECK(dueIds(*outbox, 9000) == std::vector<std::string>{"c"});
    const OutboxCounts counts = countsOf(*outbox);
    CHECK(counts.total == 3);
    CHECK(counts.delivered == 1);
    CHECK(counts.rejected == 1);
    CHECK(counts.pending == 1);
    CHECK(column(dir, "SELECT rejected_reason FROM outbox WHERE id = 'b'") ==
          "HTTP 400: rating: expected 1..5");
    CHECK(column(dir, "SELECT delivered_at_ms FROM outbox WHERE id = 'a'") == "2000");

    // A late verdict for a delivered row does not undo the delivery.
    CHECK(outbox->markRejected("a", "late", 3000) == "");
    CHECK(countsOf(*outbox).delivered == 1);
}

TEST_CASE("outbox: a retry waits for its time and counts the attempt") {
    TempDir dir;
    auto outbox = openIn(dir);
    REQUIRE(outbox->add("a", "{}", 1000) == "");
    REQUIRE(outbox->add("b", "{}", 1000) == "");
    CHECK(outbox->scheduleRetry("a", 5000, "no answer: Connection") == "");

    CHECK(dueIds(*outbox, 4999) == std::vector<std::string>{"b"});
    CHECK(dueIds(*outbox, 5000) == std::vector<std::string>{"a", "b"});
    auto next = outbox->nextAttemptAt();
    REQUIRE(next);
    CHECK(next.value() == 1000);
    REQUIRE(outbox->markDelivered("b", 1500) == "");
    next = outbox->nextAttemptAt();
    CHECK(next.value() == 5000);
    CHECK(column(dir, "SELECT attempts || ' ' || last_error FROM outbox WHERE id = 'a'") ==
          "1 no answer: Connection");

    CHECK(outbox->makeAllPendingDue(2000) == "");
    CHECK(dueIds(*outbox, 2000) == std::vector<std::string>{"a"});

    REQUIRE(outbox->markDelivered("a", 2500) == "");
    next = outbox->nextAttemptAt();
    CHECK(next.value() == -1);
}

TEST_CASE("outbox: closing and reopening keeps every row and its state") {
    TempDir dir;
    {
        auto outbox = openIn(dir);
        for (int i = 0; i < 20; ++i)
            REQUIRE(outbox->add("id" + std::to_string(i), "{}", 1000 + i) == "");
        REQUIRE(outbox->markDelivered("id0", 3000) == "");
        REQUIRE(outbox->markRejected("id1", "HTTP 413", 3000) == "");
    }
    auto outbox = openIn(dir);
    const OutboxCounts counts = countsOf(*outbox);
    CHECK(counts.total == 20);
    CHECK(counts.delivered == 1);
    CHECK(counts.rejected == 1);
    CHECK(counts.pending == 18);
    CHECK(dueIds(*outbox, 9000, 1) == std::vector<std::string>{"id2"});
    CHECK(outbox->checkIntegrity() == "");
    CHECK(column(dir, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("outbox: two connections on two threads write side by side") {
    TempDir dir;
    auto writer = openIn(dir);
    auto marker = openIn(dir);
    std::string writerError, markerError;
    std::thread adding([&] {
        for (int i = 0; i < 200 && writerError.empty(); ++i)
            writerError = writer->add("id" + std::to_string(i), "{}", 1000);
    });
    size_t marked = 0;
    while (marked < 200 && markerError.empty()) {
        auto rows = marker->due(1000, 50);
        if (!rows) {
            markerError = rows.error();
            break;
        }
        for (const auto& row : rows.value()) {
            markerError = marker->markDelivered(row.id, 2000);
            marked += markerError.empty();
        }
    }
    adding.join();
    CHECK(writerError == "");
    CHECK(markerError == "");
    CHECK(countsOf(*marker).delivered == 200);
}

TEST_CASE("outbox: the folder and the database are private, also when the folder existed") {
    TempDir dir;
    std::filesystem::permissions(dir.str(), std::filesystem::perms(0755));
    auto outbox = openIn(dir);
    CHECK(outbox->add("a", "{\"id\":\"a\"}", 1000) == "");
    const auto mode = [](const std::string& path) {
        return int(std::filesystem::status(path).permissions() & std::filesystem::perms::mask);
    };
    CHECK(mode(dir.str()) == 0700);
    CHECK(mode(dir.str() + "/outbox.sqlite") == 0600);
    CHECK(mode(dir.str() + "/outbox.sqlite-wal") == 0600);
}

TEST_CASE("outbox: a folder that cannot be created gives a readable error") {
    TempDir dir;
    std::ofstream(dir.path / "a-file") << "not a folder";
    auto outbox = Outbox::open((dir.path / "a-file" / "data").string());
    REQUIRE_FALSE(outbox);
    CHECK_THAT(outbox.error(), Catch::Contains("cannot create the folder"));
    CHECK_FALSE(Outbox::open(""));
}

TEST_CASE("outbox: a file that is not a database gives a readable error") {
    TempDir dir;
    std::ofstream(Outbox::pathIn(dir.str())) << std::string(4096, 'x');
    auto outbox = Outbox::open(dir.str());
    REQUIRE_FALSE(outbox);
    CHECK_THAT(outbox.error(),
               Catch::Contains("outbox.sqlite") && Catch::Contains("not a database"));
}

TEST_CASE("outbox: a file or folder it cannot write gives a readable error, also as root") {
    // chmod stops no one running as root (CI does), so each place the outbox must write is
    // taken by something no user can write through: what a kiosk meets for real when its data
    // folder is damaged or lives on a stick that is not mounted.
    TempDir folderAsFile; // a folder where the database file belongs
    std::filesystem::create_directory(Outbox::pathIn(folderAsFile.str()));
    auto outbox = Outbox::open(folderAsFile.str());
    REQUIRE_FALSE(outbox);
    CHECK_THAT(outbox.error(),
               Catch::Contains("outbox.sqlite") && Catch::Contains("unable to open"));

    TempDir unmounted; // the database is a link into a folder that is not there
    std::filesystem::create_symlink(unmounted.path / "stick" / "outbox.sqlite",
                                    Outbox::pathIn(unmounted.str()));
    auto onStick = Outbox::open(unmounted.str());
    REQUIRE_FALSE(onStick);
    CHECK_THAT(onStick.error(),
               Catch::Contains("outbox.sqlite") && Catch::Contains("unable to open"));

    TempDir walBlocked; // a good outbox whose write-ahead log cannot be made
    openIn(walBlocked).reset();
    std::filesystem::create_directory(Outbox::pathIn(walBlocked.str()) + "-wal");
    auto noWal = Outbox::open(walBlocked.str());
    REQUIRE_FALSE(noWal);
    CHECK_THAT(noWal.error(), Catch::Contains("outbox.sqlite") && Catch::Contains("cannot open"));
}

TEST_CASE("outbox: the installation id is made once and kept") {
    TempDir dir;
    std::string first;
    {
        auto outbox = openIn(dir);
        auto id = outbox->installationId();
        REQUIRE(id);
        first = id.value();
        CHECK(first.size() == 36);
        CHECK(first[14] == '4');
        CHECK(outbox->installationId().value() == first);
    }
    auto reopened = openIn(dir);
    CHECK(reopened->installationId().value() == first);
    TempDir otherDir;
    CHECK(openIn(otherDir)->installationId().value() != first);
}

TEST_CASE("outbox: a file made before the meta table gains it and keeps its rows") {
    TempDir dir;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(Outbox::pathIn(dir.str()).c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db,
                             "CREATE TABLE outbox (seq INTEGER PRIMARY KEY, id TEXT NOT NULL "
                             "UNIQUE, body TEXT NOT NULL, created_at_ms INTEGER NOT NULL, "
                             "attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at_ms INTEGER "
                             "NOT NULL, last_error TEXT, delivered_at_ms INTEGER, rejected_at_ms "
                             "INTEGER, rejected_reason TEXT);"
                             "INSERT INTO outbox (id, body, created_at_ms, next_attempt_at_ms) "
                             "VALUES ('old', '{}', 1, 1);"
                             "PRAGMA user_version = 1;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    auto outbox = openIn(dir);
    CHECK(countsOf(*outbox).pending == 1);
    CHECK(outbox->installationId());
    CHECK(column(dir, "SELECT count(*) FROM meta") == "1");
    CHECK(column(dir, "PRAGMA user_version") == "1"); // older apps can still open it
}

TEST_CASE("outbox: all() lists every row with its state and reason") {
    TempDir dir;
    auto outbox = openIn(dir);
    for (const char* id : {"a", "b", "c"})
        REQUIRE(outbox->add(id, "{}", 1000) == "");
    REQUIRE(outbox->markDelivered("a", 2000) == "");
    REQUIRE(outbox->markRejected("b", "HTTP 400: rating: expected 1..5", 2500) == "");
    REQUIRE(outbox->scheduleRetry("c", 9000, "HTTP 403: <html>") == "");
    auto entries = outbox->all();
    REQUIRE(entries);
    REQUIRE(entries.value().size() == 3);
    const auto& a = entries.value()[0];
    const auto& b = entries.value()[1];
    const auto& c = entries.value()[2];
    CHECK(a.id == "a");
    CHECK(a.state == almere::platform::OutboxState::Delivered);
    CHECK(a.settledAtMs == 2000);
    CHECK(b.state == almere::platform::OutboxState::Refused);
    CHECK(b.refusedReason == "HTTP 400: rating: expected 1..5");
    CHECK(b.settledAtMs == 2500);
    CHECK(c.state == almere::platform::OutboxState::Pending);
    CHECK(c.lastError == "HTTP 403: <html>");
    CHECK(c.attempts == 1);
    CHECK(c.createdAtMs == 1000);
}
