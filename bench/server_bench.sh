#!/usr/bin/env bash
# Benchmark of almere-server's durable write path: the load generator (server_bench.cpp) posts
# valid reactions over keep-alive connections to 127.0.0.1 and waits for each answer (201 =
# committed with synchronous=FULL). The server runs with --rate-limit 0 --address-limit 0 on a
# temporary data folder, which is removed afterwards.
#   bench/server_bench.sh [--build DIR] [--seconds 10] [--clients "8 32 60"] [--check]
# --build: the CMake build folder with almere-server (default build/native).
# --check: exit 1 when the budget is missed (>= 5,000 reactions/s with p99 <= 20 ms) at every
#          concurrency measured.
# Raw JSON lines go to bench/out/server.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=build/native
SECONDS_EACH=10
CLIENTS="8 32 60"
CHECK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --check) CHECK=1; shift ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "server_bench.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -f "$BUILD/build.ninja" ] || { echo "server_bench.sh: no build in $BUILD; run scripts/build.sh native" >&2; exit 2; }
cmake --build "$BUILD" --target almere-server almere-server-bench >/dev/null
SERVER=$BUILD/bin/almere-server
BENCH=$BUILD/bin/almere-server-bench

DATA=$(mktemp -d)
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$DATA"
}
trap cleanup EXIT

mkdir -p bench/out
JSONL=bench/out/server.jsonl
: >"$JSONL"
"$SERVER" --port 0 --data "$DATA" --rate-limit 0 --address-limit 0 --assets assets >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
  PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$DATA/server.log")
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$DATA/server.log"; echo "server_bench.sh: the server did not start" >&2; exit 1; }

field() { sed -n "s/.*\"$2\":\([^,}]*\).*/\1/p" <<<"$1"; }

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %12s %9s %9s %9s %8s\n' clients accepted/s p50_ms p99_ms max_ms errors
missed=0
for n in $CLIENTS; do
  # The generator exits 1 when a post failed; the errors column shows how many.
  line=$("$BENCH" --port "$PORT" --clients "$n" --seconds "$SECONDS_EACH" | tail -1) || true
  [ -n "$line" ] || { echo "server_bench.sh: $BENCH gave no result" >&2; exit 1; }
  echo "$line" >>"$JSONL"
  rate=$(field "$line" accepted_per_s)
  p99=$(field "$line" p99_ms)
  printf '%-8s %12s %9s %9s %9s %8s\n' "$n" "$rate" "$(field "$line" p50_ms)" "$p99" \
    "$(field "$line" max_ms)" "$(field "$line" errors)"
  awk -v r="${rate:-0}" -v p="${p99:-999}" 'BEGIN { exit !(r >= 5000 && p <= 20) }' || missed=1
done
echo "rows in the database: $(sqlite3 "$DATA/reactions.sqlite" 'SELECT COUNT(*) FROM reactions')," \
  "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$missed" = 1 ]; then
  echo "budget (>= 5000/s, p99 <= 20 ms): missed at some concurrency"
  [ "$CHECK" = 1 ] && exit 1
else
  echo "budget (>= 5000/s, p99 <= 20 ms): met"
fi
exit 0
