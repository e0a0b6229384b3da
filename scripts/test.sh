#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests and golden images (ctest, native,
# headless on Mesa llvmpipe) and the browser tests (headless Chromium on 127.0.0.1).
# Safe to re-run; slow steps are cached in .deps/ and build/.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
scripts/build.sh all || exit 1

export SDL_VIDEODRIVER=offscreen
mkdir -p build/test-logs
echo "== native tests (ctest) =="
ctest --test-dir build/native --output-on-failure -j2 2>&1 | tee build/test-logs/ctest.log
native_rc=${PIPESTATUS[0]}

echo "== browser tests (node --test, headless Chromium) =="
node --test --test-reporter=spec tests/web/ 2>&1 | tee build/test-logs/web.log
web_rc=${PIPESTATUS[0]}

# One closing line for both runners.
n_pass=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2 \1/p' build/test-logs/ctest.log |
  awk '{print $1 - $2}')
n_fail=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of.*/\1/p' build/test-logs/ctest.log)
w_pass=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' build/test-logs/web.log)
w_fail=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' build/test-logs/web.log)
pass=$(( ${n_pass:-0} + ${w_pass:-0} ))
fail=$(( ${n_fail:-0} + ${w_fail:-0} ))
if [ "$native_rc" -ne 0 ] || [ "$web_rc" -ne 0 ]; then
  [ "$fail" -gt 0 ] || fail=1
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
