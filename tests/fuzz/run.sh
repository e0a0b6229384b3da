#!/usr/bin/env bash
# Builds the libFuzzer target for the server's request parsing (fuzz_reaction.cpp) with
# Debian's clang and runs it for a bounded time: ALMERE_FUZZ_SECONDS (default 30).
# Seeds are tests/fuzz/corpus/; what the fuzzer finds goes to build/fuzz/ (git-ignored), so the
# source tree is never written to. Exits non-zero on any crash or sanitizer report.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/build/fuzz
SECONDS_TO_RUN=${ALMERE_FUZZ_SECONDS:-30}
CXX=${ALMERE_FUZZ_CXX:-clang++}
mkdir -p "$OUT/corpus"

SOURCES=(tests/fuzz/fuzz_reaction.cpp app/core/reaction.cpp app/core/utf8.cpp app/core/json_reader.cpp
  app/server/request_checks.cpp app/server/exports.cpp)
BIN=$OUT/fuzz_reaction
if [ ! -x "$BIN" ] || [ -n "$(find "${SOURCES[@]}" app/core/*.hpp app/server/*.hpp -newer "$BIN")" ]; then
  echo "fuzz: building $BIN"
  "$CXX" -std=c++17 -O1 -g -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Wall -Wextra -Werror -Iapp -isystem .deps/include -DALMERE_SOURCE_DIR="\"$ROOT\"" \
    "${SOURCES[@]}" -o "$BIN.tmp"
  mv "$BIN.tmp" "$BIN"
fi

echo "fuzz: running fuzz_reaction for ${SECONDS_TO_RUN}s"
# The first corpus folder receives new inputs; the seeds are only read.
"$BIN" -max_total_time="$SECONDS_TO_RUN" -max_len=9000 -timeout=10 -rss_limit_mb=2048 \
  -dict=tests/fuzz/reaction.dict -artifact_prefix="$OUT/" -print_final_stats=1 \
  "$OUT/corpus" tests/fuzz/corpus 2>"$OUT/fuzz.log" || {
  rc=$?
  tail -n 60 "$OUT/fuzz.log"
  echo "fuzz: FAILED (exit $rc); the input that failed is in $OUT/ (crash-*, leak-*, timeout-*)"
  exit 1
}
grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$OUT/fuzz.log" || true
echo "fuzz: ok"
