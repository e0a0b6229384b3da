#!/usr/bin/env bash
# The server is away when the evening starts: the sync keeps every reaction and backs off; when
# the server comes up on that address, the waiting sync delivers everything without a restart.
source "$(dirname "$0")/crash_helpers.bash"

KIOSK="$WORK/kiosk"
add_offline "$KIOSK" 20
PORT=$(free_port)
URL="http://127.0.0.1:$PORT"

status=0
"$OUTBOX_TOOL" sync "$KIOSK" "$URL" --max-seconds 3 >"$WORK/sync-down.log" 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "with no server, sync should time out (2), got $status"
grep -qx "delivered 0 pending 20" "$WORK/sync-down.log" || fail "$(cat "$WORK/sync-down.log")"
attempts=$(sql "$KIOSK/outbox.sqlite" "SELECT sum(attempts) FROM outbox")
# 3 s of backoff from 1 s doubling, with jitter: a few attempts, not hundreds.
[ "$attempts" -ge 2 ] && [ "$attempts" -le 6 ] || fail "$attempts attempts in 3 s: no backoff?"
sql "$KIOSK/outbox.sqlite" "SELECT count(*) FROM outbox WHERE last_error IS NOT NULL" |
  grep -qx "[1-9][0-9]*" || fail "no failed attempt was recorded"

"$OUTBOX_TOOL" sync "$KIOSK" "$URL" --max-seconds 60 >"$WORK/sync-up.log" 2>&1 &
sync_pid=$!
STARTED+=("$sync_pid")
sleep 2 # the sync is backing off now
start_server "$PORT" "$WORK/server"
up_at=$SECONDS
wait "$sync_pid" || fail "the sync did not finish once the server was up: $(cat "$WORK/sync-up.log")"
took=$((SECONDS - up_at))
[ "$took" -le 10 ] || fail "delivery took $took s after the server came up"
grep -qx "delivered 20 pending 0" "$WORK/sync-up.log" || fail "$(cat "$WORK/sync-up.log")"
expect_server_holds_exactly "$WORK/server/reactions.sqlite" "$WORK/acked-offline.ids"
expect_outbox "$KIOSK" "total 20 delivered 20 pending 0 rejected 0"
echo "ok: backed off $attempts times while the server was down, then delivered 20 in ${took} s"
