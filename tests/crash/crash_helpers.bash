# Shared by tests/crash/outbox_*.sh (sourced, not a test itself).
# Arguments from CMake: OUTBOX_TOOL SERVER SQLITE3. Every process started here is killed and
# the work folder removed on exit, whatever happens.
set -euo pipefail

OUTBOX_TOOL=$1
SERVER=$2
SQLITE3=${3:-}
SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ ! -x "$SQLITE3" ]; then
  echo "SKIP: the sqlite3 command-line tool is missing (scripts/setup.sh installs it)"
  exit 77
fi

WORK=$(mktemp -d)
STARTED=()
cleanup() {
  for pid in "${STARTED[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# One value from a database, waiting for a writer's lock rather than failing on it.
sql() { "$SQLITE3" -cmd ".timeout 5000" "$1" "$2"; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server PORT DATA_DIR: the real almere-server, no rate limit; sets SERVER_PID, SERVER_URL.
start_server() {
  local log="$WORK/server-$1-$RANDOM.log"
  "$SERVER" --port "$1" --data "$2" --rate-limit 0 --assets "$SOURCE_DIR/assets" >"$log" 2>&1 &
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
  for _ in $(seq 100); do
    grep -q "listening on" "$log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server did not start: $(cat "$log")"
    sleep 0.1
  done
  SERVER_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1)
  [ -n "$SERVER_URL" ] || fail "the server did not say where it listens: $(cat "$log")"
}

# The ids a run of `outbox_tool add` acknowledged (whole lines only), sorted.
acked_ids() { grep -E '^acked [0-9a-f-]{36}$' "$1" | cut -d' ' -f2 | sort; }

# add_offline DIR N: stores N reactions without a server; prints the acknowledged ids' file.
add_offline() {
  "$OUTBOX_TOOL" add "$1" "$2" >"$WORK/acked-offline.txt"
  acked_ids "$WORK/acked-offline.txt" >"$WORK/acked-offline.ids"
  [ "$(wc -l <"$WORK/acked-offline.ids")" -eq "$2" ] || fail "add did not acknowledge $2 reactions"
}

# The server holds every id in IDS_FILE exactly once, and nothing else.
expect_server_holds_exactly() {
  local db=$1 ids=$2 want
  want=$(wc -l <"$ids")
  local rows distinct
  rows=$(sql "$db" "SELECT count(*) FROM reactions")
  distinct=$(sql "$db" "SELECT count(DISTINCT id) FROM reactions")
  [ "$rows" -eq "$want" ] || fail "the server holds $rows rows, expected $want"
  [ "$distinct" -eq "$want" ] || fail "the server holds $distinct distinct ids, expected $want"
  sql "$db" "SELECT id FROM reactions" | sort >"$WORK/server.ids"
  cmp -s "$ids" "$WORK/server.ids" || fail "the server's ids differ from the acknowledged ones"
}

expect_outbox() {
  local dir=$1 want=$2 got
  got=$("$OUTBOX_TOOL" check "$dir")
  echo "$got" | grep -qx "integrity ok" || fail "outbox check: $got"
  echo "$got" | grep -qx "$want" || fail "outbox: expected '$want', got: $got"
}
