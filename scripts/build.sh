#!/usr/bin/env bash
# Builds the native programs (kiosk app, baker, server, tests) and/or the web viewer.
#   scripts/build.sh [native|web|all]   (default all; run scripts/setup.sh first)
# Outputs: build/native/bin/{almere2050,almere-bake,almere-server,assets/}, build/web/bin/ (the site).
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=${1:-all}
JOBS=$(nproc)

build_native() {
  [ -f build/native/build.ninja ] ||
    cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$JOBS"
}

build_web() {
  export NODE_PATH=/usr/share/nodejs # Debian's emcc needs Debian's acorn (see TOOLCHAIN.md)
  [ -f build/web/build.ninja ] ||
    emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
      -DALMERE_HOST_BAKER="$PWD/build/native/bin/almere-bake" >/dev/null
  cmake --build build/web -j"$JOBS"
}

case "$WHAT" in
  native) build_native ;;
  web) build_native; build_web ;;   # the web build bakes its city with the native baker
  all) build_native; build_web ;;
  *) echo "usage: scripts/build.sh [native|web|all]" >&2; exit 2 ;;
esac
