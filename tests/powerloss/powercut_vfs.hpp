#pragma once
// A power cut for SQLite, for tests (issue 8). PowerCutVfs wraps SQLite's "unix" VFS and makes
// itself the default, so product code (ReactionStore, Outbox) runs on it unchanged.
//
// While armed on a folder it watches that folder's databases, rollback journals and WALs: every
// write, truncation and fsync is counted, and at the chosen call the power goes off. From then
// on every I/O call fails (the program keeps running but cannot reach the disk any more) and the
// files are rewritten into what a disk could hold after the cut (see unsynced_disk.hpp). fsync
// itself is not passed to the real disk: durability is what this layer simulates, and skipping
// it keeps a thousand cuts quick. The -shm file is shared memory, not storage: reboot() deletes
// it, as a restart after a power cut would find it gone or stale.
//
// Thread-safe: one lock around every file call, so the cut happens between two calls of any
// thread and never in the middle of one.
#include "unsynced_disk.hpp"

#include <cstdint>
#include <string>

namespace almere::powerloss {

class PowerCutVfs {
  public:
    // Registers the VFS as SQLite's default (once per process).
    static PowerCutVfs& install();

    // Watches `folder` (which must exist): the power goes off at the `cutAtCall`-th write,
    // truncation, fsync or delete there (1 = the first), or never by itself for 0. `seed` drives
    // what survives the cut.
    void arm(const std::string& folder, uint64_t seed, uint64_t cutAtCall);
    // The power goes off now (for a run that ended before its chosen call).
    void cutNow();
    bool isCut() const;
    // Writes, truncations, fsyncs and deletes counted since arm().
    uint64_t callsSoFar() const;
    // Power back on. Deletes the -shm files and stops watching; from here SQLite reaches the
    // real files directly. Returns how many files in the folder are still open: anything but 0
    // means a connection outlived the "machine" and the reboot is not a real one.
    int reboot();
    CutCounts counts() const;

  private:
    PowerCutVfs() = default;
};

} // namespace almere::powerloss
