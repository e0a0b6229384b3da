#pragma once
// What a disk keeps when the power goes off (issue 8's power-cut tests).
//
// The files live on the real file system, which (like the page cache) sees every write at once.
// This model remembers, per file, every write and truncation made since that file's last fsync,
// and every creation and deletion in the folder since its last directory fsync. cut() then
// turns the real files into what a disk could hold after a power cut:
//  - whatever was synced is there, byte for byte;
//  - of what was not synced, each 512-byte sector piece of a write independently made it, did
//    not (the synced bytes are back) or was torn (random bytes), as SQLite's own crash tests
//    (src/test6.c) do. Bytes outside a write's range never change (SQLite's "powersafe
//    overwrite", which the unix VFS assumes);
//  - creations and deletions not yet made durable by a directory fsync are kept up to a random
//    point in their order (journalling file systems commit metadata in order): a never
//    durable file may vanish, a deleted one may come back.
// Not thread-safe: PowerCutVfs calls it under its one lock.
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace almere::powerloss {

// Totals over all cuts, so a run shows that the cuts really threw writes away.
struct CutCounts {
    uint64_t cuts = 0;
    uint64_t sectorsKept = 0;     // unsynced sector pieces that reached the disk anyway
    uint64_t sectorsLost = 0;     // unsynced sector pieces back to their synced bytes
    uint64_t sectorsTorn = 0;     // unsynced sector pieces left as random bytes
    uint64_t truncationsLost = 0; // unsynced truncations undone
    uint64_t filesVanished = 0;   // created, never made durable, gone after the cut
    uint64_t filesBack = 0;       // deleted without a directory fsync, back after the cut
};

class UnsyncedDisk {
  public:
    using FileId = uint64_t;

    // Forgets everything: what the files hold now counts as durable.
    void reset(uint64_t seed);

    // A file is opened at `path`; `created` when it did not exist before.
    FileId opened(const std::string& path, bool created);
    // Called just before the real operation, which must then happen.
    void beforeWrite(FileId file, int64_t offset, const void* data, size_t amount);
    void beforeTruncate(FileId file, int64_t size);
    void synced(FileId file);
    // fsync of the folder: every creation and deletion so far is durable.
    void directorySynced();
    // Where to rename a file that SQLite deletes (so that it can come back after a cut), or ""
    // when the file is not watched (then delete it for real).
    std::string graveFor(const std::string& path);
    void deleted(const std::string& path, const std::string& grave);

    // The power goes off: rewrites the real files into a state a disk could be in afterwards.
    // Afterwards everything counts as durable again.
    void cut(CutCounts& counts);

  private:
    struct Change {
        bool truncation = false;
        int64_t offset = 0;     // a write's offset, or a truncation's new size
        std::string before;     // bytes the write replaced / the truncation removed
        std::string after;      // bytes written
        int64_t sizeBefore = 0; // file size before the change
    };
    struct File {
        std::string realPath; // where the file is now (a grave while deleted)
        std::vector<Change> unsynced;
    };
    struct DirectoryChange {
        bool deletion = false;
        std::string path;
        std::string grave; // deletions: where the file waits
        FileId file = 0;
    };

    void undoUnsynced(File& file);
    void redoSurvivors(File& file, double keep, double tearShare, CutCounts& counts);

    std::mt19937_64 random_;
    FileId nextId_ = 1;
    uint64_t graves_ = 0;
    std::map<FileId, File> files_;
    std::map<std::string, FileId> byPath_;          // files that exist now
    std::vector<DirectoryChange> directoryChanges_; // since the last directory fsync
};

} // namespace almere::powerloss
