#include "unsynced_disk.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace almere::powerloss {
namespace {

// Disks write whole 512-byte sectors; anything smaller is never split by a power cut.
constexpr int64_t kSectorBytes = 512;

// The model must never silently diverge from the real files: a failure here is a harness bug.
[[noreturn]] void die(const char* what, const std::string& path) {
    std::fprintf(stderr, "powercut disk: %s %s: %s\n", what, path.c_str(), std::strerror(errno));
    std::abort();
}

int64_t sizeOf(const std::string& path) {
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) die("cannot stat", path);
    return info.st_size;
}

std::string readRange(const std::string& path, int64_t offset, int64_t amount) {
    std::string bytes(static_cast<size_t>(std::max<int64_t>(amount, 0)), '\0');
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) die("cannot open", path);
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pread(fd, &bytes[done], bytes.size() - done, offset + int64_t(done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break; // end of file: the rest was never there
        done += size_t(n);
    }
    ::close(fd);
    bytes.resize(done);
    return bytes;
}

void writeRange(const std::string& path, int64_t offset, const std::string& bytes) {
    if (bytes.empty()) return;
    const int fd = ::open(path.c_str(), O_WRONLY);
    if (fd < 0) die("cannot open", path);
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n =
            ::pwrite(fd, bytes.data() + done, bytes.size() - done, offset + int64_t(done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) die("cannot write", path);
        done += size_t(n);
    }
    ::close(fd);
}

void truncateTo(const std::string& path, int64_t size) {
    if (::truncate(path.c_str(), size) != 0) die("cannot truncate", path);
}

void removeFile(const std::string& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) die("cannot delete", path);
}

} // namespace

void UnsyncedDisk::reset(uint64_t seed) {
    // Power stayed on: pending deletions simply happened.
    for (const DirectoryChange& change : directoryChanges_)
        if (change.deletion) removeFile(change.grave);
    random_.seed(seed);
    files_.clear();
    byPath_.clear();
    directoryChanges_.clear();
}

UnsyncedDisk::FileId UnsyncedDisk::opened(const std::string& path, bool created) {
    if (auto known = byPath_.find(path); known != byPath_.end()) return known->second;
    const FileId id = nextId_++;
    files_[id].realPath = path;
    byPath_[path] = id;
    if (created) directoryChanges_.push_back({false, path, "", id});
    return id;
}

void UnsyncedDisk::beforeWrite(FileId id, int64_t offset, const void* data, size_t amount) {
    auto found = files_.find(id);
    if (found == files_.end()) return; // deleted for good: nothing of it can come back
    File& file = found->second;
    Change change;
    change.offset = offset;
    change.sizeBefore = sizeOf(file.realPath);
    change.before = readRange(file.realPath, offset,
                              std::min<int64_t>(int64_t(amount), change.sizeBefore - offset));
    change.after.assign(static_cast<const char*>(data), amount);
    file.unsynced.push_back(std::move(change));
}

void UnsyncedDisk::beforeTruncate(FileId id, int64_t size) {
    auto found = files_.find(id);
    if (found == files_.end()) return;
    File& file = found->second;
    Change change;
    change.truncation = true;
    change.offset = size;
    change.sizeBefore = sizeOf(file.realPath);
    change.before = readRange(file.realPath, size, change.sizeBefore - size);
    file.unsynced.push_back(std::move(change));
}

void UnsyncedDisk::synced(FileId id) {
    if (auto found = files_.find(id); found != files_.end()) found->second.unsynced.clear();
}

void UnsyncedDisk::directorySynced() {
    for (const DirectoryChange& change : directoryChanges_) {
        if (!change.deletion) continue;
        removeFile(change.grave);
        files_.erase(change.file);
    }
    directoryChanges_.clear();
}

std::string UnsyncedDisk::graveFor(const std::string& path) {
    if (byPath_.count(path) == 0) return "";
    return path + ".powercut-grave-" + std::to_string(++graves_);
}

void UnsyncedDisk::deleted(const std::string& path, const std::string& grave) {
    const FileId id = byPath_.at(path);
    byPath_.erase(path);
    files_.at(id).realPath = grave;
    directoryChanges_.push_back({true, path, grave, id});
}

void UnsyncedDisk::undoUnsynced(File& file) {
    for (auto change = file.unsynced.rbegin(); change != file.unsynced.rend(); ++change) {
        if (change->truncation) {
            truncateTo(file.realPath, change->sizeBefore);
            writeRange(file.realPath, change->offset, change->before);
        } else {
            writeRange(file.realPath, change->offset, change->before);
            truncateTo(file.realPath, change->sizeBefore);
        }
    }
}

void UnsyncedDisk::redoSurvivors(File& file, double keep, double tearShare, CutCounts& counts) {
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    for (const Change& change : file.unsynced) {
        if (change.truncation) {
            if (chance(random_) < keep)
                truncateTo(file.realPath, change.offset);
            else
                ++counts.truncationsLost;
            continue;
        }
        const int64_t end = change.offset + int64_t(change.after.size());
        for (int64_t from = change.offset; from < end;) {
            const int64_t to = std::min(end, (from / kSectorBytes + 1) * kSectorBytes);
            std::string piece =
                change.after.substr(size_t(from - change.offset), size_t(to - from));
            if (chance(random_) < keep) {
                writeRange(file.realPath, from, piece);
                ++counts.sectorsKept;
            } else if (chance(random_) < tearShare) {
                for (char& byte : piece)
                    byte = char(random_());
                writeRange(file.realPath, from, piece);
                ++counts.sectorsTorn;
            } else {
                ++counts.sectorsLost;
            }
            from = to;
        }
    }
    file.unsynced.clear();
}

void UnsyncedDisk::cut(CutCounts& counts) {
    ++counts.cuts;
    // How much of the unsynced work reached the disk differs from cut to cut: nothing, all of
    // it, or a random share with some sectors torn.
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    const double pick = chance(random_);
    double keep = 0.0, tearShare = 0.0;
    if (pick >= 0.3 && pick < 0.4) keep = 1.0;
    if (pick >= 0.4) {
        keep = std::uniform_real_distribution<double>(0.05, 0.95)(random_);
        tearShare = 0.25;
    }

    // Back to the synced contents first, so that the directory can be rolled back file by file.
    for (auto& entry : files_)
        undoUnsynced(entry.second);

    const size_t pending = directoryChanges_.size();
    const size_t durable = keep == 0.0 ? 0
                           : keep == 1.0
                               ? pending
                               : std::uniform_int_distribution<size_t>(0, pending)(random_);
    for (size_t i = pending; i-- > durable;) {
        const DirectoryChange& change = directoryChanges_[i];
        if (change.deletion) {
            if (::rename(change.grave.c_str(), change.path.c_str()) != 0)
                die("cannot bring back", change.path);
            files_.at(change.file).realPath = change.path;
            byPath_[change.path] = change.file;
            ++counts.filesBack;
        } else {
            removeFile(change.path);
            files_.erase(change.file);
            byPath_.erase(change.path);
            ++counts.filesVanished;
        }
    }
    for (size_t i = 0; i < durable; ++i) {
        const DirectoryChange& change = directoryChanges_[i];
        if (!change.deletion) continue;
        removeFile(change.grave);
        files_.erase(change.file);
    }
    directoryChanges_.clear();

    for (auto& entry : files_)
        redoSurvivors(entry.second, keep, tearShare, counts);
}

} // namespace almere::powerloss
