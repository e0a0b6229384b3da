#include "powercut_vfs.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

namespace almere::powerloss {
namespace {

// One open file: our header, then the real unix file right behind it (szOsFile covers both).
struct PowerCutFile {
    sqlite3_file base;
    sqlite3_file* real;
    UnsyncedDisk::FileId id;
    bool watched;
    // The unix VFS fsyncs the folder at the first fsync of a journal or WAL it created.
    bool directorySyncPending;
};

struct State {
    std::mutex lock;
    sqlite3_vfs* unixVfs = nullptr; // the real one, which we wrap
    sqlite3_vfs vfs{};
    std::string folder; // watched, with a trailing '/'; "" while disarmed
    bool off = false;   // the power is cut
    uint64_t calls = 0;
    uint64_t cutAt = 0;
    int watchedOpen = 0; // watched files open now: none may outlive a reboot
    UnsyncedDisk disk;
    CutCounts counts;
};

State& state() {
    static State s;
    return s;
}

PowerCutFile* fileOf(sqlite3_file* file) {
    return reinterpret_cast<PowerCutFile*>(file);
}

bool inWatchedFolder(const State& s, const char* path) {
    return path && !s.folder.empty() && std::string(path).rfind(s.folder, 0) == 0;
}

void cutLocked(State& s) {
    s.off = true;
    s.disk.cut(s.counts);
}

// Counts a call that changes the disk; true when the power is (now) off and the call must fail.
bool powerOffAt(State& s, bool watched) {
    if (s.off) return true;
    if (!watched) return false;
    ++s.calls;
    if (s.cutAt != 0 && s.calls == s.cutAt) cutLocked(s);
    return s.off;
}

int fileClose(sqlite3_file* f) {
    // Closing only releases memory and locks: allowed after the cut, so shutdown completes.
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    PowerCutFile* file = fileOf(f);
    s.watchedOpen -= file->watched;
    return file->real->pMethods->xClose(file->real);
}

int fileRead(sqlite3_file* f, void* data, int amount, sqlite3_int64 offset) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    if (s.off) return SQLITE_IOERR_READ;
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xRead(file->real, data, amount, offset);
}

int fileWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    PowerCutFile* file = fileOf(f);
    if (powerOffAt(s, file->watched)) return SQLITE_IOERR_WRITE;
    if (file->watched) s.disk.beforeWrite(file->id, offset, data, size_t(amount));
    return file->real->pMethods->xWrite(file->real, data, amount, offset);
}

int fileTruncate(sqlite3_file* f, sqlite3_int64 size) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    PowerCutFile* file = fileOf(f);
    if (powerOffAt(s, file->watched)) return SQLITE_IOERR_TRUNCATE;
    if (file->watched) s.disk.beforeTruncate(file->id, size);
    return file->real->pMethods->xTruncate(file->real, size);
}

int fileSync(sqlite3_file* f, int flags) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    PowerCutFile* file = fileOf(f);
    if (powerOffAt(s, file->watched)) return SQLITE_IOERR_FSYNC;
    if (!file->watched) return file->real->pMethods->xSync(file->real, flags);
    s.disk.synced(file->id);
    if (file->directorySyncPending) {
        s.disk.directorySynced();
        file->directorySyncPending = false;
    }
    return SQLITE_OK;
}

int fileSize(sqlite3_file* f, sqlite3_int64* size) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    if (s.off) return SQLITE_IOERR_FSTAT;
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xFileSize(file->real, size);
}

int fileLock(sqlite3_file* f, int level) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    if (s.off) return SQLITE_IOERR_LOCK;
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xLock(file->real, level);
}

int fileUnlock(sqlite3_file* f, int level) {
    // Releasing a lock touches no disk: allowed after the cut.
    std::lock_guard<std::mutex> guard(state().lock);
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xUnlock(file->real, level);
}

int fileCheckReservedLock(sqlite3_file* f, int* reserved) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    if (s.off) return SQLITE_IOERR_CHECKRESERVEDLOCK;
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xCheckReservedLock(file->real, reserved);
}

int fileControl(sqlite3_file* f, int op, void* arg) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    if (s.off) return SQLITE_IOERR;
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xFileControl(file->real, op, arg);
}

int fileSectorSize(sqlite3_file* f) {
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xSectorSize(file->real);
}

int fileDeviceCharacteristics(sqlite3_file* f) {
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xDeviceCharacteristics(file->real);
}

int fileShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** memory) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    if (s.off) return SQLITE_IOERR_SHMMAP;
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xShmMap(file->real, region, size, extend, memory);
}

int fileShmLock(sqlite3_file* f, int offset, int n, int flags) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    // Taking a lock needs the (dead) machine; releasing one lets shutdown finish.
    if (s.off && !(flags & SQLITE_SHM_UNLOCK)) return SQLITE_IOERR_SHMLOCK;
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xShmLock(file->real, offset, n, flags);
}

void fileShmBarrier(sqlite3_file* f) {
    PowerCutFile* file = fileOf(f);
    file->real->pMethods->xShmBarrier(file->real);
}

int fileShmUnmap(sqlite3_file* f, int deleteFlag) {
    std::lock_guard<std::mutex> guard(state().lock);
    PowerCutFile* file = fileOf(f);
    return file->real->pMethods->xShmUnmap(file->real, deleteFlag);
}

// Version 2: shared memory for WAL, but no xFetch, so SQLite never reads through a memory map
// behind this layer's back.
const sqlite3_io_methods kFileMethods = {
    2,
    fileClose,
    fileRead,
    fileWrite,
    fileTruncate,
    fileSync,
    fileSize,
    fileLock,
    fileUnlock,
    fileCheckReservedLock,
    fileControl,
    fileSectorSize,
    fileDeviceCharacteristics,
    fileShmMap,
    fileShmLock,
    fileShmBarrier,
    fileShmUnmap,
    nullptr,
    nullptr,
};

bool isStorage(int flags) {
    return flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL |
                    SQLITE_OPEN_SUPER_JOURNAL);
}

int vfsOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* outFlags) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    PowerCutFile* file = fileOf(f);
    file->base.pMethods = nullptr; // SQLite calls no xClose when the open fails
    if (s.off) return SQLITE_CANTOPEN;
    file->real = reinterpret_cast<sqlite3_file*>(file + 1);
    file->watched = inWatchedFolder(s, name) && isStorage(flags);
    const bool existed = file->watched && ::access(name, F_OK) == 0;
    const int rc = s.unixVfs->xOpen(s.unixVfs, name, file->real, flags, outFlags);
    if (rc != SQLITE_OK) return rc;
    file->base.pMethods = &kFileMethods;
    s.watchedOpen += file->watched;
    file->id = file->watched ? s.disk.opened(name, !existed) : 0;
    file->directorySyncPending =
        file->watched && (flags & SQLITE_OPEN_CREATE) && !(flags & SQLITE_OPEN_MAIN_DB);
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs*, const char* name, int syncDirectory) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    const bool watched = inWatchedFolder(s, name);
    if (powerOffAt(s, watched)) return SQLITE_IOERR_DELETE;
    const std::string grave = watched ? s.disk.graveFor(name) : std::string();
    if (grave.empty()) return s.unixVfs->xDelete(s.unixVfs, name, syncDirectory);
    // Kept under another name, so that the cut can bring it back.
    if (std::rename(name, grave.c_str()) != 0)
        return errno == ENOENT ? SQLITE_IOERR_DELETE_NOENT : SQLITE_IOERR_DELETE;
    s.disk.deleted(name, grave);
    if (syncDirectory) s.disk.directorySynced();
    return SQLITE_OK;
}

int vfsAccess(sqlite3_vfs*, const char* name, int flags, int* result) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    if (s.off) return SQLITE_IOERR_ACCESS;
    return s.unixVfs->xAccess(s.unixVfs, name, flags, result);
}

int vfsFullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return state().unixVfs->xFullPathname(state().unixVfs, name, size, out);
}

void* vfsDlOpen(sqlite3_vfs*, const char* name) {
    return state().unixVfs->xDlOpen(state().unixVfs, name);
}
void vfsDlError(sqlite3_vfs*, int size, char* out) {
    state().unixVfs->xDlError(state().unixVfs, size, out);
}
void (*vfsDlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
    return state().unixVfs->xDlSym(state().unixVfs, handle, symbol);
}
void vfsDlClose(sqlite3_vfs*, void* handle) {
    state().unixVfs->xDlClose(state().unixVfs, handle);
}
int vfsRandomness(sqlite3_vfs*, int size, char* out) {
    return state().unixVfs->xRandomness(state().unixVfs, size, out);
}
// Not under the lock: the busy handler sleeps here while another thread holds a database lock.
int vfsSleep(sqlite3_vfs*, int microseconds) {
    return state().unixVfs->xSleep(state().unixVfs, microseconds);
}
int vfsCurrentTime(sqlite3_vfs*, double* now) {
    return state().unixVfs->xCurrentTime(state().unixVfs, now);
}
int vfsGetLastError(sqlite3_vfs*, int size, char* out) {
    return state().unixVfs->xGetLastError(state().unixVfs, size, out);
}
int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* now) {
    return state().unixVfs->xCurrentTimeInt64(state().unixVfs, now);
}

} // namespace

PowerCutVfs& PowerCutVfs::install() {
    static PowerCutVfs instance = [] {
        State& s = state();
        sqlite3_initialize();
        s.unixVfs = sqlite3_vfs_find("unix");
        if (!s.unixVfs) {
            std::fprintf(stderr, "powercut: SQLite has no unix VFS\n");
            std::abort();
        }
        sqlite3_vfs& v = s.vfs;
        v.iVersion = 2;
        v.szOsFile = int(sizeof(PowerCutFile)) + s.unixVfs->szOsFile;
        v.mxPathname = s.unixVfs->mxPathname;
        v.zName = "powercut";
        v.xOpen = vfsOpen;
        v.xDelete = vfsDelete;
        v.xAccess = vfsAccess;
        v.xFullPathname = vfsFullPathname;
        v.xDlOpen = vfsDlOpen;
        v.xDlError = vfsDlError;
        v.xDlSym = vfsDlSym;
        v.xDlClose = vfsDlClose;
        v.xRandomness = vfsRandomness;
        v.xSleep = vfsSleep;
        v.xCurrentTime = vfsCurrentTime;
        v.xGetLastError = vfsGetLastError;
        v.xCurrentTimeInt64 = vfsCurrentTimeInt64;
        sqlite3_vfs_register(&v, 1);
        return PowerCutVfs();
    }();
    return instance;
}

void PowerCutVfs::arm(const std::string& folder, uint64_t seed, uint64_t cutAtCall) {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    // SQLite names files by their canonical path; compare like with like.
    s.folder = std::filesystem::canonical(folder).string() + "/";
    s.off = false;
    s.calls = 0;
    s.cutAt = cutAtCall;
    s.disk.reset(seed);
}

void PowerCutVfs::cutNow() {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    if (!s.off) cutLocked(s);
}

bool PowerCutVfs::isCut() const {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    return s.off;
}

uint64_t PowerCutVfs::callsSoFar() const {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    return s.calls;
}

int PowerCutVfs::reboot() {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    const int stillOpen = s.watchedOpen;
    if (!s.folder.empty()) {
        std::error_code ignored;
        for (const auto& entry : std::filesystem::directory_iterator(s.folder, ignored)) {
            const std::string name = entry.path().filename().string();
            if (name.size() > 4 && name.compare(name.size() - 4, 4, "-shm") == 0)
                std::filesystem::remove(entry.path(), ignored);
        }
    }
    s.disk.reset(0);
    s.folder.clear();
    s.off = false;
    s.cutAt = 0;
    return stillOpen;
}

CutCounts PowerCutVfs::counts() const {
    State& s = state();
    std::lock_guard<std::mutex> guard(s.lock);
    return s.counts;
}

} // namespace almere::powerloss
