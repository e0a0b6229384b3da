#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests and golden images (ctest, native,
# headless on Mesa llvmpipe), the browser and server API tests (node --test on 127.0.0.1) and
# a bounded fuzz run of the server's request parsing (tests/fuzz/run.sh).
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

echo "== browser and server tests (node --test, headless Chromium, 127.0.0.1) =="
node --test --test-reporter=spec tests/web/ tests/server/ 2>&1 | tee build/test-logs/web.log
web_rc=${PIPESTATUS[0]}

echo "== fuzzing the server's request parsing (libFuzzer, bounded) =="
tests/fuzz/run.sh 2>&1 | tee build/test-logs/fuzz.log
fuzz_rc=${PIPESTATUS[0]}

# One closing line for all runners (the fuzz run counts as one test).
n_pass=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2 \1/p' build/test-logs/ctest.log |
  awk '{print $1 - $2}')
n_fail=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of.*/\1/p' build/test-logs/ctest.log)
w_pass=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' build/test-logs/web.log)
w_fail=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' build/test-logs/web.log)
f_pass=$(( fuzz_rc == 0 ? 1 : 0 ))
pass=$(( ${n_pass:-0} + ${w_pass:-0} + f_pass ))
fail=$(( ${n_fail:-0} + ${w_fail:-0} + 1 - f_pass ))
if [ "$native_rc" -ne 0 ] || [ "$web_rc" -ne 0 ]; then
  [ "$fail" -gt 0 ] || fail=1
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
