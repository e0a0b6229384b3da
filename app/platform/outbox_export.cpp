#include "platform/outbox_export.hpp"

#include "platform/outbox.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace almere::platform {

namespace {

using nlohmann::json;

const char* stateName(OutboxState state) {
    switch (state) {
    case OutboxState::Delivered:
        return "delivered";
    case OutboxState::Refused:
        return "refused";
    case OutboxState::Pending:
        break;
    }
    return "pending";
}

json entryJson(const OutboxEntry& entry) {
    json row = {{"id", entry.id},
                {"state", stateName(entry.state)},
                {"created_at_ms", entry.createdAtMs},
                {"attempts", entry.attempts}};
    // The reason a row is not simply delivered: the server's refusal, or the last failure of a
    // row still waiting.
    if (entry.state == OutboxState::Refused) {
        row["reason"] = entry.refusedReason;
        row["refused_at_ms"] = entry.settledAtMs;
    } else if (entry.state == OutboxState::Delivered) {
        row["reason"] = nullptr;
        row["delivered_at_ms"] = entry.settledAtMs;
    } else {
        row["reason"] = entry.lastError.empty() ? json(nullptr) : json(entry.lastError);
    }
    // The reaction as the kiosk sent it; a body that is not JSON (it should always be) is
    // handed over as the text it is rather than dropped.
    json reaction = json::parse(entry.body, nullptr, false);
    row["reaction"] = reaction.is_discarded() ? json(entry.body) : std::move(reaction);
    return row;
}

} // namespace

std::string outboxAsJson(const std::string& dataDir, std::string& error) {
    // Opening would create an empty outbox: a mistyped folder must not export "nothing".
    if (!std::filesystem::exists(Outbox::pathIn(dataDir))) {
        error = "no outbox at " + Outbox::pathIn(dataDir);
        return "";
    }
    auto outbox = Outbox::open(dataDir);
    if (!outbox) {
        error = outbox.error();
        return "";
    }
    auto entries = outbox.value()->all();
    if (!entries) {
        error = entries.error();
        return "";
    }
    json rows = json::array();
    json counts = {{"pending", 0}, {"delivered", 0}, {"refused", 0}};
    for (const OutboxEntry& entry : entries.value()) {
        rows.push_back(entryJson(entry));
        counts[stateName(entry.state)] = counts[stateName(entry.state)].get<int>() + 1;
    }
    const json doc = {{"outbox", Outbox::pathIn(dataDir)}, {"counts", counts}, {"reactions", rows}};
    // Bodies and reasons are valid UTF-8 as written; a damaged byte still must not stop the export.
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string exportOutbox(const std::string& dataDir, const std::string& file) {
    std::string error;
    const std::string text = outboxAsJson(dataDir, error);
    if (!error.empty()) return error;
    if (file == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return std::fflush(stdout) == 0 ? "" : "cannot write to standard output";
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return "cannot write " + file;
    return "";
}

} // namespace almere::platform
