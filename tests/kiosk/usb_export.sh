#!/usr/bin/env bash
# An evening without network (issue 11): 300 reactions wait in the kiosk's outbox, no server
# anywhere. Staff export them to a "USB stick" (a folder) with `almere2050 --export-outbox DIR`,
# the panel's code path. Checked: the CSV parses (header + 300 rows, comments with quotes, commas,
# line breaks and é intact), the JSON holds 300 unique ids, both hold exactly the acknowledged
# ids; imported into a fresh server twice, the first import stores 300 and the second 0.
# Also: rows still in the WAL only (the kiosk running, nothing checkpointed) are in the export,
# where a copy of outbox.sqlite alone misses them.
# Arguments from CMake: OUTBOX_TOOL SERVER SQLITE3 KIOSK_APP.
source "$(dirname "$0")/../crash/crash_helpers.bash"
KIOSK_APP=$4

KIOSK="$WORK/kiosk"
STICK="$WORK/stick"
mkdir -p "$STICK"
"$OUTBOX_TOOL" add-commented "$KIOSK" 300 >"$WORK/acked.txt"
acked_ids "$WORK/acked.txt" >"$WORK/acked.ids"
[ "$(wc -l <"$WORK/acked.ids")" -eq 300 ] || fail "add did not acknowledge 300 reactions"

"$KIOSK_APP" --data "$KIOSK" --export-outbox "$STICK" >"$WORK/export.out" 2>&1 ||
  fail "--export-outbox DIR: $(cat "$WORK/export.out")"
ls "$STICK"/*.part 2>/dev/null && fail "a temporary file was left on the stick"
CSV=$(ls "$STICK"/almere2050-kiosk-*.csv)
JSON=$(ls "$STICK"/almere2050-kiosk-*.json)
[ "$(echo "$CSV" | wc -l)" -eq 1 ] && [ "$(echo "$JSON" | wc -l)" -eq 1 ] ||
  fail "expected one CSV and one JSON file, got: $(ls "$STICK")"

python3 - "$CSV" "$JSON" "$WORK/acked.ids" <<'PY' || fail "the export is not what the team needs"
import csv, io, json, sys
csv_path, json_path, ids_path = sys.argv[1:]
acked = sorted(open(ids_path).read().split())
raw = open(csv_path, 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'CSV without a byte order mark'
rows = list(csv.reader(io.StringIO(raw.decode('utf-8-sig'), newline='')))
header, body = rows[0], rows[1:]
assert header[:3] == ['id', 'state', 'reason'], header
assert len(body) == 300, f'{len(body)} CSV rows'
assert all(len(r) == len(header) for r in body), 'a row with the wrong number of cells'
col = {name: i for i, name in enumerate(header)}
assert sorted(r[col['id']] for r in body) == acked, 'CSV ids differ from the acknowledged ones'
for r in body:
    n = r[col['comment']].split(':')[0].split()[1]
    want = f'Reactie {n}: "meer bomen", minder auto\'s;\nnieuwe regel, caf\u00e9 =1+1'
    assert r[col['comment']] == want, repr(r[col['comment']])
    assert r[col['state']] == 'pending', r
doc = json.load(open(json_path, encoding='utf-8'))
ids = [row['id'] for row in doc['reactions']]
assert len(ids) == 300 and len(set(ids)) == 300, f'{len(ids)} rows, {len(set(ids))} unique'
assert sorted(ids) == acked, 'JSON ids differ from the acknowledged ones'
assert doc['counts'] == {'pending': 300, 'delivered': 0, 'refused': 0}, doc['counts']
assert all(row['reaction']['id'] == row['id'] for row in doc['reactions'])
print('export ok: CSV 300 rows, JSON 300 unique ids')
PY

# The same file imported into a fresh server, twice.
start_server "$(free_port)" "$WORK/server"
TOKEN=$(cat "$WORK/server/admin-token")
import_once() {
  curl -sS --max-time 30 -o "$WORK/import.json" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data-binary @"$JSON" "$SERVER_URL/api/admin/import"
}
status=$(import_once) || fail "the first import did not complete"
[ "$status" = 200 ] || fail "first import: HTTP $status $(cat "$WORK/import.json")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert (d["imported"], d["already_there"], d["refused"]) == (300, 0, 0), d' \
  "$WORK/import.json" || fail "first import: $(cat "$WORK/import.json")"
expect_server_holds_exactly "$WORK/server/reactions.sqlite" "$WORK/acked.ids"
status=$(import_once) || fail "the second import did not complete"
[ "$status" = 200 ] || fail "second import: HTTP $status $(cat "$WORK/import.json")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert (d["imported"], d["already_there"], d["refused"]) == (0, 300, 0), d' \
  "$WORK/import.json" || fail "second import: $(cat "$WORK/import.json")"
expect_server_holds_exactly "$WORK/server/reactions.sqlite" "$WORK/acked.ids"
echo "import ok: 300 stored, then 0 new (300 already there)"

# A file whose reaction was changed after the export: its id is known with other content, a
# conflict the answer reports with the reaction's id; nothing is stored or overwritten.
python3 - "$JSON" "$WORK/changed.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
r = doc['reactions'][7]['reaction']; r['rating'] = 2 if r['rating'] == 1 else 1
# ... and one the API refuses, as a kiosk export holds it (state "refused", rating 9).
bad = json.loads(json.dumps(doc['reactions'][8]))
bad['id'] = bad['reaction']['id'] = '11111111-2222-4333-8444-555555555555'
bad['reaction']['rating'] = 9
doc['reactions'].append(bad)
json.dump(doc, open(sys.argv[2], 'w'))
print(doc['reactions'][7]['id'])
PY
changed_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["reactions"][7]["id"])' "$WORK/changed.json")
curl -sS --max-time 30 -o "$WORK/import.json" -X POST -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data-binary @"$WORK/changed.json" \
  "$SERVER_URL/api/admin/import" || fail "the changed import did not complete"
python3 - "$WORK/import.json" "$changed_id" <<'PY' || fail "changed import: $(cat "$WORK/import.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert (d['imported'], d['already_there'], d['refused']) == (0, 299, 2), d
assert {'id': sys.argv[2], 'reason': 'id: already used for a different reaction'} in d['refusals'], d
bad = [r for r in d['refusals'] if r['id'] == '11111111-2222-4333-8444-555555555555']
assert len(bad) == 1 and bad[0]['reason'].startswith('rating:'), d
PY
expect_server_holds_exactly "$WORK/server/reactions.sqlite" "$WORK/acked.ids"

# The same export from the staff panel itself, as staff's finger does it: a 3 s press in the
# corner, the PIN on the drawn pad, the stick, "Exporteren naar USB-stick" (real ImGui buttons,
# SDL events, from a visitor script: app/viewer/visitor_script.hpp). A wrong PIN exports nothing.
printf '4242\n' >"$WORK/pin"
PIN_TAPS=staff:key:4,staff:key:2,staff:key:4,staff:key:2,staff:key:OK
mkdir -p "$WORK/stick3" "$WORK/stick4"
run_panel() { # STICK CONTROLS: the long press, then a tap on each control in the comma list
  local controls
  IFS=, read -r -a controls <<<"$2"
  { echo 'press-at 0.99 0.02 3.1'; printf 'tap %s\n' "${controls[@]}"; echo screenshot; } \
    >"$WORK/panel.visit"
  SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=${LIBGL_ALWAYS_SOFTWARE:-1} timeout 120 \
    "$KIOSK_APP" --size 1280x720 --data "$KIOSK" --staff-pin-file "$WORK/pin" --export-dir "$1" \
    --script "$WORK/panel.visit" --screenshot "$WORK/panel.png" >"$WORK/panel.log" 2>&1 ||
    fail "the kiosk with its staff panel: $(cat "$WORK/panel.log")"
}
# A wrong PIN: the pad stays (its keys can still be tapped) and nothing is exported.
run_panel "$WORK/stick4" "${PIN_TAPS//staff:key:2/staff:key:1},staff:key:4"
[ -z "$(ls -A "$WORK/stick4")" ] || fail "a wrong PIN exported: $(ls "$WORK/stick4")"
run_panel "$WORK/stick3" "$PIN_TAPS,staff:folder:0,staff:export"
python3 - "$WORK/stick3" "$WORK/acked.ids" <<'PY' || fail "the panel's export is not the evening"
import csv, glob, io, json, sys
folder, ids = sys.argv[1], sorted(open(sys.argv[2]).read().split())
doc = json.load(open(glob.glob(folder + '/*.json')[0]))
assert sorted(r['id'] for r in doc['reactions']) == ids
rows = list(csv.reader(io.StringIO(open(glob.glob(folder + '/*.csv')[0], encoding='utf-8-sig').read(), newline='')))
assert sorted(r[0] for r in rows[1:]) == ids
print('panel export ok: 300 reactions in CSV and JSON')
PY

# The server's own export.json imports into another server as well (its added fields aside).
curl -sS --max-time 30 -o "$WORK/server-export.json" -H "Authorization: Bearer $TOKEN" \
  "$SERVER_URL/api/admin/export.json" || fail "export.json"
FIRST_URL=$SERVER_URL
start_server "$(free_port)" "$WORK/server2"
curl -sS --max-time 30 -o "$WORK/import2.json" -X POST \
  -H "Authorization: Bearer $(cat "$WORK/server2/admin-token")" \
  -H 'Content-Type: application/json' --data-binary @"$WORK/server-export.json" \
  "$SERVER_URL/api/admin/import" || fail "importing export.json did not complete"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert (d["imported"], d["refused"]) == (300, 0), d' \
  "$WORK/import2.json" || fail "importing the server's export.json: $(cat "$WORK/import2.json")"
expect_server_holds_exactly "$WORK/server2/reactions.sqlite" "$WORK/acked.ids"
SERVER_URL=$FIRST_URL

# Without the admin token the import is refused before any body is read.
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data-binary @"$JSON" "$SERVER_URL/api/admin/import")
[ "$status" = 401 ] || fail "an import without the token: HTTP $status, expected 401"
# Larger than an evening could be (8 MiB): refused from the head, this route's own limit.
status=$(head -c 9000000 /dev/zero | tr '\0' ' ' | curl -sS -o /dev/null -w '%{http_code}' \
  -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data-binary @- "$SERVER_URL/api/admin/import")
[ "$status" = 413 ] || fail "a 9 MB import: HTTP $status, expected 413"

# A kiosk still running: its rows sit in the WAL, not yet in outbox.sqlite itself.
LIVE="$WORK/live"
"$OUTBOX_TOOL" hold "$LIVE" 20 >"$WORK/held.txt" &
HOLDER=$!
STARTED+=("$HOLDER")
for _ in $(seq 200); do grep -q '^holding$' "$WORK/held.txt" && break; sleep 0.05; done
grep -q '^holding$' "$WORK/held.txt" || fail "the holding kiosk did not store its reactions"
acked_ids "$WORK/held.txt" >"$WORK/held.ids"
[ -s "$LIVE/outbox.sqlite-wal" ] || fail "expected the rows in a WAL file"
mkdir -p "$WORK/copy"
cp "$LIVE/outbox.sqlite" "$WORK/copy/"
copied=$(sql "$WORK/copy/outbox.sqlite" "SELECT count(*) FROM outbox" 2>/dev/null || echo 0)
[ "$copied" -lt 20 ] || fail "the rows were checkpointed already: the WAL case is not tested"
mkdir -p "$WORK/stick2"
"$KIOSK_APP" --data "$LIVE" --export-outbox "$WORK/stick2" >"$WORK/export2.out" 2>&1 ||
  fail "--export-outbox on a running kiosk: $(cat "$WORK/export2.out")"
python3 - "$WORK/stick2" "$WORK/held.ids" <<'PY' || fail "the export of a running kiosk misses rows"
import glob, json, sys
doc = json.load(open(glob.glob(sys.argv[1] + '/*.json')[0]))
assert sorted(r['id'] for r in doc['reactions']) == sorted(open(sys.argv[2]).read().split())
PY
echo "WAL ok: a copy of the file held $copied of 20 rows, the export all 20"
