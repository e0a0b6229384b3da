#!/usr/bin/env bash
# A kiosk is unplugged twice while it syncs an evening's reactions: kill -9 the real sync
# (outbox_tool sync = openFeedbackSink) mid-way, twice, then let it finish. The server must hold
# each of the 300 reactions exactly once, and the outbox must show all of them delivered.
source "$(dirname "$0")/crash_helpers.bash"

KIOSK="$WORK/kiosk"
add_offline "$KIOSK" 300
start_server 0 "$WORK/server"
SERVER_DB="$WORK/server/reactions.sqlite"

for kill_at in 40 170; do
  "$OUTBOX_TOOL" sync "$KIOSK" "$SERVER_URL" --max-seconds 120 >"$WORK/sync.log" 2>&1 &
  pid=$!
  STARTED+=("$pid")
  for _ in $(seq 3000); do
    [ "$(sql "$SERVER_DB" "SELECT count(*) FROM reactions")" -ge "$kill_at" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  kill -0 "$pid" 2>/dev/null || fail "the sync finished before the kill at $kill_at"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  held=$(sql "$SERVER_DB" "SELECT count(*) FROM reactions")
  [ "$held" -lt 300 ] || fail "the sync was not interrupted mid-way ($held delivered)"
  echo "killed the sync with $held of 300 on the server"
done

"$OUTBOX_TOOL" sync "$KIOSK" "$SERVER_URL" --max-seconds 120 >"$WORK/sync.log" 2>&1 ||
  fail "the last sync did not finish: $(cat "$WORK/sync.log")"
grep -qx "delivered 300 pending 0" "$WORK/sync.log" || fail "sync said: $(cat "$WORK/sync.log")"
expect_server_holds_exactly "$SERVER_DB" "$WORK/acked-offline.ids"
expect_outbox "$KIOSK" "total 300 delivered 300 pending 0 rejected 0"
echo "ok: 300 reactions, each on the server exactly once, all delivered in the outbox"
