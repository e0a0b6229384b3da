#pragma once
// The kiosk's outbox for staff (issue 4, issue 11): every reaction with its state (pending,
// delivered, refused) and the reason, so that reactions the server refused, or that never got
// through (an evening without network), reach the participation team on a USB stick.
//
//   almere2050 --data DIR --export-outbox FILE.json   the JSON only ("-" = standard output)
//   almere2050 --data DIR --export-outbox FOLDER      CSV and JSON into an existing folder
//   the kiosk staff panel's "Exporteren naar USB-stick" (viewer/kiosk_staff)
//
// The rows are read through SQLite in one read transaction on the WAL database, never by
// copying the file: a copy of outbox.sqlite without its -wal misses acknowledged reactions,
// and one SELECT sees each row once even while the sync thread marks rows delivered.
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace almere::platform {

// The JSON text of every row of the outbox in `dataDir`, or "" with `error` set.
std::string outboxAsJson(const std::string& dataDir, std::string& error);

// FILE: writes outboxAsJson there ("-" = standard output). An existing folder: as
// exportOutboxToFolder. Returns "" when done, else why not.
std::string exportOutbox(const std::string& dataDir, const std::string& fileOrFolder);

struct FolderExport {
    std::string csvPath, jsonPath;
    size_t reactions = 0;
};

// Writes almere2050-kiosk-<id>-<YYYYMMDD-HHMMSS>.csv and .json (the same rows in both) into
// `folder`: each to a temporary name, flushed to the stick (fsync), then renamed, so a stick
// pulled half-way holds no half file under the real name. `nowMs` dates the names (local time).
Result<FolderExport> exportOutboxToFolder(const std::string& dataDir, const std::string& folder,
                                          int64_t nowMs);

// Where a USB stick may be: the folders mounted under /media/*/* and /run/media/*/* (Debian's
// desktop automount), plus `extra` (--export-dir) when it is a folder. Sorted, each once.
std::vector<std::string> exportFolders(const std::string& extra);

} // namespace almere::platform
