#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests and golden images (ctest, native,
# headless on Mesa llvmpipe), the browser and server API tests (node --test on 127.0.0.1) and
# a bounded fuzz run of the content pack's parsers, the .glb loader and the server's request
# parsing (tests/fuzz/run.sh).
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

echo "== fuzzing the content pack, the .glb loader and the server's parsing (libFuzzer, bounded) =="
tests/fuzz/run.sh 2>&1 | tee build/test-logs/fuzz.log
fuzz_rc=${PIPESTATUS[0]}

# One closing line for all runners: "N passed, N failed, N skipped" (the fuzz run counts as
# one test). A skipped test proves nothing, so it is never counted as passed: ctest's own
# summary does count its skips (SKIP_RETURN_CODE 77) as passed, hence the per-test lines (a
# plain "Not Run", a missing executable, is a failure).
read -r n_pass n_fail n_skip < <(grep -E '^ *[0-9]+/[0-9]+ +Test +#[0-9]+: ' build/test-logs/ctest.log |
  awk '/\*\*\*(Skipped|Not Run \(Disabled\))/ { s++; next } / Passed / { p++; next } { f++ }
       END { print p + 0, f + 0, s + 0 }')
node_count() { sed -n "s/^ℹ $1 \([0-9]*\)$/\1/p" build/test-logs/web.log | awk '{ n += $1 } END { print n + 0 }'; }
w_pass=$(node_count pass)
w_fail=$(( $(node_count fail) + $(node_count cancelled) ))
w_skip=$(( $(node_count skipped) + $(node_count todo) ))
f_pass=$(( fuzz_rc == 0 ? 1 : 0 ))
pass=$(( n_pass + w_pass + f_pass ))
fail=$(( n_fail + w_fail + 1 - f_pass ))
skip=$(( n_skip + w_skip ))
if [ "$native_rc" -ne 0 ] || [ "$web_rc" -ne 0 ]; then
  [ "$fail" -gt 0 ] || fail=1
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
