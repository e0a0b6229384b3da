#pragma once
// This process's resident memory and open file handles, read from Linux's /proc (the kiosk's
// soak benchmark: do they grow over an evening of visitors?).
#include <cstdint>

namespace almere::platform {

struct ProcessStats {
    int64_t residentKiB = -1; // VmRSS; -1 when unknown
    int openFiles = -1;       // entries in /proc/self/fd (this count's own handle excluded)
};

ProcessStats processStats();

} // namespace almere::platform
