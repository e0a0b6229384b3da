#!/usr/bin/env bash
# `almere2050 --data DIR --export-outbox FILE` hands staff every reaction of a kiosk's outbox:
# delivered ones, one the real server refused (kept with its reason, never resent) and one still
# waiting because the server went away (with why it is waiting).
# Arguments from CMake: OUTBOX_TOOL SERVER SQLITE3 KIOSK_APP.
source "$(dirname "$0")/../crash/crash_helpers.bash"
KIOSK_APP=$4

KIOSK="$WORK/kiosk"
add_offline "$KIOSK" 2
cp "$WORK/acked-offline.ids" "$WORK/delivered.ids"
"$OUTBOX_TOOL" add-refusable "$KIOSK" >"$WORK/acked-refusable.txt"
refused_id=$(acked_ids "$WORK/acked-refusable.txt")
[ -n "$refused_id" ] || fail "add-refusable acknowledged nothing"

start_server "$(free_port)" "$WORK/server"
"$OUTBOX_TOOL" sync "$KIOSK" "$SERVER_URL" --max-seconds 20 >"$WORK/sync.log" 2>&1 ||
  fail "sync: $(cat "$WORK/sync.log")"
expect_server_holds_exactly "$WORK/server/reactions.sqlite" "$WORK/delivered.ids"

# The server goes away; the next reaction waits, with the reason of its failed attempt.
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
add_offline "$KIOSK" 1
pending_id=$(cat "$WORK/acked-offline.ids")
status=0
"$OUTBOX_TOOL" sync "$KIOSK" "$SERVER_URL" --max-seconds 2 >"$WORK/sync-down.log" 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "with the server gone, sync should time out (2), got $status"

"$KIOSK_APP" --data "$WORK/no-such-kiosk" --export-outbox "$WORK/none.json" 2>"$WORK/none.err" &&
  fail "--export-outbox of a folder without an outbox should fail"
grep -q "no outbox at" "$WORK/none.err" || fail "unclear error: $(cat "$WORK/none.err")"

# A kiosk key file without a key is refused at start, not sent as an empty header.
printf '  \n' >"$WORK/empty-key"
status=0
"$KIOSK_APP" --kiosk-key-file "$WORK/empty-key" --export-outbox "$WORK/k.json" 2>"$WORK/key.err" ||
  status=$?
[ "$status" -eq 2 ] && grep -q "holds no key" "$WORK/key.err" ||
  fail "an empty --kiosk-key-file: status $status, $(cat "$WORK/key.err")"
printf 'evening-key\n' >"$WORK/key"
"$KIOSK_APP" --kiosk-key-file "$WORK/key" --data "$KIOSK" --export-outbox "$WORK/export.json" ||
  fail "--export-outbox with a kiosk key failed"

python3 - "$WORK/export.json" "$WORK/delivered.ids" "$refused_id" "$pending_id" <<'PY' ||
import json, sys
doc = json.load(open(sys.argv[1]))
delivered = open(sys.argv[2]).read().split()
refused, pending = sys.argv[3], sys.argv[4]
rows = {row["id"]: row for row in doc["reactions"]}
assert doc["counts"] == {"pending": 1, "delivered": 2, "refused": 1}, doc["counts"]
assert len(rows) == 4, rows.keys()
for id in delivered:
    assert rows[id]["state"] == "delivered" and rows[id]["reason"] is None, rows[id]
    assert rows[id]["reaction"]["id"] == id, rows[id]
r = rows[refused]
assert r["state"] == "refused", r
assert r["reason"].startswith("HTTP 400: rating"), r["reason"]
assert r["attempts"] == 1 and r["reaction"]["rating"] == 9, r
p = rows[pending]
assert p["state"] == "pending" and p["reason"].startswith("no answer"), p
print("export ok:", doc["counts"], "refused because:", r["reason"])
PY
  fail "the export is not what staff need: $(cat "$WORK/export.json")"
