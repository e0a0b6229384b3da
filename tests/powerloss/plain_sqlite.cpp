#include "plain_sqlite.hpp"

#include <sqlite3.h>

namespace almere::powerloss {
namespace {

std::string text(sqlite3_stmt* statement, int column) {
    const unsigned char* bytes = sqlite3_column_text(statement, column);
    return bytes ? std::string(reinterpret_cast<const char*>(bytes),
                               size_t(sqlite3_column_bytes(statement, column)))
                 : std::string();
}

// Calls `row` for each result row of `sql`; "" or what went wrong.
template <class OnRow> std::string query(const std::string& path, const char* sql, OnRow row) {
    sqlite3* db = nullptr;
    std::string error;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        error = "open: " + std::string(db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return error;
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
    } else {
        int rc;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
            row(statement);
        if (rc != SQLITE_DONE) error = sqlite3_errmsg(db);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return error;
}

} // namespace

std::string integrityOf(const std::string& path) {
    std::string findings;
    const std::string error = query(path, "PRAGMA integrity_check", [&](sqlite3_stmt* s) {
        findings += (findings.empty() ? "" : "; ") + text(s, 0);
    });
    return error.empty() ? findings : error;
}

std::string readRows(const std::string& path, const char* sql,
                     std::map<std::string, std::string>& rows) {
    return query(path, sql, [&](sqlite3_stmt* s) { rows[text(s, 0)] = text(s, 1); });
}

std::string execute(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return "";
    std::string error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return error;
}

} // namespace almere::powerloss
