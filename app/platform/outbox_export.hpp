#pragma once
// The kiosk's outbox as JSON for staff (`almere2050 --data DIR --export-outbox FILE.json`): every
// reaction with its state (pending, delivered, refused) and the reason, so that reactions the
// server refused, or that never got through, can be handed to the participation team.
#include <string>

namespace almere::platform {

// The JSON text of every row of the outbox in `dataDir`, or "" with `error` set.
std::string outboxAsJson(const std::string& dataDir, std::string& error);

// Writes outboxAsJson to `file` ("-" = standard output). Returns "" when done, else why not.
std::string exportOutbox(const std::string& dataDir, const std::string& file);

} // namespace almere::platform
