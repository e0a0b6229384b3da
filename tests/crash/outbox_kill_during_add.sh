#!/usr/bin/env bash
# A kiosk loses power while residents keep submitting: kill -9 `outbox_tool add` (the app's
# submit path) mid-stream, three times into the same outbox. Every reaction that was
# acknowledged must be in the file, and the file must pass PRAGMA integrity_check.
source "$(dirname "$0")/crash_helpers.bash"

KIOSK="$WORK/kiosk"
: >"$WORK/acked.txt"
for delay in 1 0.6 1.3; do
  "$OUTBOX_TOOL" add "$KIOSK" 5000 >>"$WORK/acked.txt" &
  pid=$!
  STARTED+=("$pid")
  sleep "$delay"
  kill -0 "$pid" 2>/dev/null || fail "add finished before the kill: the test would prove nothing"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
done

acked_ids "$WORK/acked.txt" >"$WORK/acked.ids"
acked=$(wc -l <"$WORK/acked.ids")
[ "$acked" -gt 0 ] || fail "nothing was acknowledged before the kills"
check=$("$OUTBOX_TOOL" check "$KIOSK")
echo "$check" | grep -qx "integrity ok" || fail "outbox check: $check"
sql "$KIOSK/outbox.sqlite" "SELECT id FROM outbox" | sort >"$WORK/stored.ids"
missing=$(comm -23 "$WORK/acked.ids" "$WORK/stored.ids" | wc -l)
[ "$missing" -eq 0 ] || fail "$missing acknowledged reactions are missing from the outbox"
stored=$(wc -l <"$WORK/stored.ids")
# At most one reaction per kill may be stored but not yet acknowledged on screen.
[ "$stored" -le $((acked + 3)) ] || fail "$stored stored but only $acked acknowledged"
echo "ok: $acked acknowledged, $stored stored, none lost; $check"
