#include "platform/process_stats.hpp"

#include <cstdio>
#include <cstring>
#include <dirent.h>

namespace almere::platform {

ProcessStats processStats() {
    ProcessStats stats;
    if (FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f))
            if (std::strncmp(line, "VmRSS:", 6) == 0) {
                long long kib = 0;
                if (std::sscanf(line + 6, "%lld", &kib) == 1) stats.residentKiB = kib;
                break;
            }
        std::fclose(f);
    }
    if (DIR* dir = opendir("/proc/self/fd")) {
        int count = 0;
        while (const dirent* entry = readdir(dir))
            if (entry->d_name[0] != '.') ++count;
        closedir(dir);
        stats.openFiles = count - 1; // the listing's own handle
    }
    return stats;
}

} // namespace almere::platform
