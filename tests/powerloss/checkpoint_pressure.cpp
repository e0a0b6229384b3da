#include "checkpoint_pressure.hpp"

#include <sqlite3.h>

#include <atomic>

namespace almere::powerloss {
namespace {

std::atomic<int> pagesBetweenCheckpoints{0};

// Runs as each statement starts. Setting the interval in the auto-extension itself would not
// last: sqlite3_open_v2 sets the default after it has run the extensions.
int onStatement(unsigned, void*, void* statement, void*) {
    const int pages = pagesBetweenCheckpoints;
    if (pages > 0)
        sqlite3_wal_autocheckpoint(sqlite3_db_handle(static_cast<sqlite3_stmt*>(statement)), pages);
    return 0;
}

int onOpen(sqlite3* db, const char**, const sqlite3_api_routines*) {
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, onStatement, nullptr);
    return SQLITE_OK;
}

} // namespace

void checkpointEvery(int pages) {
    static const bool registered = [] {
        // SQLite declares the entry point without arguments and calls it with these three.
        sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(onOpen));
        return true;
    }();
    (void)registered;
    pagesBetweenCheckpoints = pages;
}

} // namespace almere::powerloss
