#pragma once
// Reading a database back after the reboot without product code: the integrity check and the
// rows themselves (the product's own readers skip what a test needs, e.g. delivered rows).
#include <map>
#include <string>

struct sqlite3;

namespace almere::powerloss {

// "ok", or what PRAGMA integrity_check (or opening) reported.
std::string integrityOf(const std::string& path);
// Runs `sql` (two text columns: id, state); "" or what went wrong.
std::string readRows(const std::string& path, const char* sql,
                     std::map<std::string, std::string>& rows);
// Runs SQL without results on an open connection; "" or the error.
std::string execute(sqlite3* db, const char* sql);

} // namespace almere::powerloss
