#include "platform/outbox_export.hpp"

#include "core/csv_cell.hpp"
#include "platform/outbox.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace almere::platform {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

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

// Why a row is not simply delivered: the server's refusal, or the last failure of a row still
// waiting; "" for a delivered row.
std::string reasonOf(const OutboxEntry& entry) {
    if (entry.state == OutboxState::Refused) return entry.refusedReason;
    if (entry.state == OutboxState::Pending) return entry.lastError;
    return "";
}

json entryJson(const OutboxEntry& entry) {
    json row = {{"id", entry.id},
                {"state", stateName(entry.state)},
                {"created_at_ms", entry.createdAtMs},
                {"attempts", entry.attempts}};
    const std::string reason = reasonOf(entry);
    row["reason"] = reason.empty() ? json(nullptr) : json(reason);
    if (entry.state == OutboxState::Refused) row["refused_at_ms"] = entry.settledAtMs;
    if (entry.state == OutboxState::Delivered) row["delivered_at_ms"] = entry.settledAtMs;
    // The reaction as the kiosk sent it; a body that is not JSON (it should always be) is
    // handed over as the text it is rather than dropped.
    json reaction = json::parse(entry.body, nullptr, false);
    row["reaction"] = reaction.is_discarded() ? json(entry.body) : std::move(reaction);
    return row;
}

// Everything the outbox holds, read once: the CSV and the JSON are written from this one copy.
struct Snapshot {
    std::string outboxPath;
    std::string kioskId; // the installation id
    std::vector<OutboxEntry> entries;
};

Result<Snapshot> readSnapshot(const std::string& dataDir) {
    using R = Result<Snapshot>;
    // Opening would create an empty outbox: a mistyped folder must not export "nothing".
    if (!fs::exists(Outbox::pathIn(dataDir)))
        return R::failure("no outbox at " + Outbox::pathIn(dataDir));
    auto outbox = Outbox::open(dataDir);
    if (!outbox) return R::failure(outbox.error());
    auto id = outbox.value()->installationId();
    if (!id) return R::failure(id.error());
    // all() is one SELECT: one read transaction, one consistent view of the WAL database.
    auto entries = outbox.value()->all();
    if (!entries) return R::failure(entries.error());
    return R(Snapshot{Outbox::pathIn(dataDir), id.take(), entries.take()});
}

std::string jsonText(const Snapshot& snapshot, int64_t exportedAtMs) {
    json rows = json::array();
    json counts = {{"pending", 0}, {"delivered", 0}, {"refused", 0}};
    for (const OutboxEntry& entry : snapshot.entries) {
        rows.push_back(entryJson(entry));
        counts[stateName(entry.state)] = counts[stateName(entry.state)].get<int>() + 1;
    }
    json doc = {{"outbox", snapshot.outboxPath},
                {"kiosk", snapshot.kioskId},
                {"counts", counts},
                {"reactions", rows}};
    if (exportedAtMs > 0) doc["exported_at_ms"] = exportedAtMs;
    // Bodies and reasons are valid UTF-8 as written; a damaged byte still must not stop the export.
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string text(const json& reaction, const char* key) {
    if (!reaction.is_object() || !reaction.contains(key)) return "";
    const json& value = reaction[key];
    return value.is_string() ? value.get<std::string>() : value.is_null() ? "" : value.dump();
}

std::string isoTime(int64_t unixSeconds) {
    if (unixSeconds <= 0) return "";
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return out;
}

// UTF-8 with a byte order mark (Excel), CRLF line ends, a header row: like the server's export,
// with the outbox's state and reason in front.
std::string csvText(const Snapshot& snapshot) {
    std::string csv = "\xEF\xBB\xBF"
                      "id,state,reason,stored_at,settled_at,attempts,created_at,subject_kind,"
                      "subject_id,wijk,lon,lat,rating,comment,age_band,home_stadsdeel,plan_state,"
                      "lang,channel\r\n";
    for (const OutboxEntry& entry : snapshot.entries) {
        const json r = json::parse(entry.body, nullptr, false);
        const json subject = r.is_object() && r.contains("subject") ? r["subject"] : json();
        const json pin = r.is_object() && r.contains("pin") ? r["pin"] : json();
        const json created = r.is_object() && r.contains("created_at") ? r["created_at"] : json();
        const std::string cells[] = {csvCell(entry.id),
                                     csvCell(stateName(entry.state)),
                                     csvCell(reasonOf(entry)),
                                     isoTime(entry.createdAtMs / 1000),
                                     isoTime(entry.settledAtMs / 1000),
                                     std::to_string(entry.attempts),
                                     created.is_number_integer() ? isoTime(created.get<int64_t>())
                                                                 : "",
                                     csvCell(text(subject, "kind")),
                                     csvCell(text(subject, "id")),
                                     csvCell(text(r, "wijk")),
                                     text(pin, "lon"),
                                     text(pin, "lat"),
                                     text(r, "rating"),
                                     csvCell(text(r, "comment")),
                                     csvCell(text(r, "age_band")),
                                     csvCell(text(r, "home_stadsdeel")),
                                     csvCell(text(r, "plan_state")),
                                     csvCell(text(r, "lang")),
                                     csvCell(text(r, "channel"))};
        for (size_t i = 0; i < std::size(cells); ++i)
            csv += (i ? "," : "") + cells[i];
        csv += "\r\n";
    }
    return csv;
}

// Writes `content` to path + ".part", fsyncs it, renames it over `path` and fsyncs the folder.
std::string writeDurably(const std::string& path, const std::string& content) {
    const std::string part = path + ".part";
    const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return "cannot write " + part + ": " + std::strerror(errno);
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(part.c_str());
            return "cannot write " + part + ": " + why;
        }
        done += size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(part.c_str());
        return "cannot flush " + part + " to the disk";
    }
    if (std::rename(part.c_str(), path.c_str()) != 0) {
        ::unlink(part.c_str());
        return "cannot rename " + part + ": " + std::strerror(errno);
    }
    const int dir =
        ::open(fs::path(path).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir); // the rename itself on the stick
        ::close(dir);
    }
    return "";
}

std::string fileStem(const std::string& kioskId, int64_t nowMs) {
    const std::time_t t = static_cast<std::time_t>(nowMs / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    char when[32];
    std::strftime(when, sizeof when, "%Y%m%d-%H%M%S", &local);
    return "almere2050-kiosk-" + kioskId.substr(0, 8) + "-" + when;
}

} // namespace

std::string outboxAsJson(const std::string& dataDir, std::string& error) {
    auto snapshot = readSnapshot(dataDir);
    if (!snapshot) {
        error = snapshot.error();
        return "";
    }
    return jsonText(snapshot.value(), 0);
}

Result<FolderExport> exportOutboxToFolder(const std::string& dataDir, const std::string& folder,
                                          int64_t nowMs) {
    using R = Result<FolderExport>;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return R::failure("no folder " + folder);
    auto snapshot = readSnapshot(dataDir);
    if (!snapshot) return R::failure(snapshot.error());
    const std::string stem =
        (fs::path(folder) / fileStem(snapshot.value().kioskId, nowMs)).string();
    FolderExport written{stem + ".csv", stem + ".json", snapshot.value().entries.size()};
    if (std::string error = writeDurably(written.csvPath, csvText(snapshot.value()));
        !error.empty())
        return R::failure(error);
    if (std::string error = writeDurably(written.jsonPath, jsonText(snapshot.value(), nowMs));
        !error.empty())
        return R::failure(error);
    return R(std::move(written));
}

std::string exportOutbox(const std::string& dataDir, const std::string& fileOrFolder) {
    std::error_code ec;
    if (fileOrFolder != "-" && fs::is_directory(fileOrFolder, ec)) {
        const int64_t nowMs = int64_t(std::time(nullptr)) * 1000;
        auto written = exportOutboxToFolder(dataDir, fileOrFolder, nowMs);
        if (!written) return written.error();
        std::printf("%zu reactions\n%s\n%s\n", written.value().reactions,
                    written.value().csvPath.c_str(), written.value().jsonPath.c_str());
        return "";
    }
    std::string error;
    const std::string out = outboxAsJson(dataDir, error);
    if (!error.empty()) return error;
    if (fileOrFolder == "-") {
        std::fwrite(out.data(), 1, out.size(), stdout);
        return std::fflush(stdout) == 0 ? "" : "cannot write to standard output";
    }
    std::ofstream file(fileOrFolder, std::ios::binary | std::ios::trunc);
    file << out;
    file.close();
    if (!file) return "cannot write " + fileOrFolder;
    return "";
}

std::vector<std::string> exportFolders(const std::string& extra) {
    std::vector<std::string> folders;
    std::error_code ec;
    for (const char* root : {"/media", "/run/media"}) {
        // /media/<user>/<label> and /run/media/<user>/<label>
        for (const auto& user : fs::directory_iterator(root, ec)) {
            if (!user.is_directory(ec)) continue;
            std::error_code inner;
            for (const auto& mount : fs::directory_iterator(user.path(), inner))
                if (mount.is_directory(inner)) folders.push_back(mount.path().string());
        }
    }
    if (!extra.empty() && fs::is_directory(extra, ec)) folders.push_back(extra);
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    return folders;
}

} // namespace almere::platform
