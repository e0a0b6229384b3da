#!/usr/bin/env bash
# Issue 12: a buildings tiles folder only ever shows with the city (.glb) it was baked for.
# - Baking without --buildings removes the <city>.buildings/ an earlier bake left beside the
#   output (the build bakes assets/almere.glb that way).
# - The folder's index carries a fingerprint of its .glb's wijken: the viewer shows real buildings from
#   the folder beside almere.glb only when they match, else schematic ones with a message (a new
#   .glb copied onto a kiosk whose assets folder still holds the old buildings).
# Arguments from CMake: almere-bake, almere2050, the built assets folder, the source tree.
set -uo pipefail
BAKE=$1
VIEWER=$2
ASSETS=$3
SRC=$4
LAYER=$SRC/tests/bake/buildings_small.geojson
fail() { echo "FAILED: $*" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# An assets folder of our own: the built one's files, with the city baked here.
mkdir "$OUT/assets"
for f in "$ASSETS"/*; do ln -s "$f" "$OUT/assets/$(basename "$f")"; done
rm -rf "$OUT/assets/almere.glb" "$OUT/assets/almere.buildings"
CITY=$OUT/assets/almere.glb
BIN=$OUT/assets/almere.buildings

view() { # prints what the viewer said about its buildings
  ALMERE_ASSETS=$OUT/assets SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1 \
    timeout 120 "$VIEWER" --size 320x200 --screenshot "$OUT/shot.png" >"$OUT/view.log" 2>&1 ||
    fail "the viewer failed: $(cat "$OUT/view.log")"
}

"$BAKE" "$SRC/assets/city" "$CITY" --buildings "$LAYER" 2>/dev/null >/dev/null ||
  fail "the bake with the layer failed"
[ -f "$BIN/index.bin" ] || fail "no buildings tiles beside the .glb"
view
grep -q "real where the layer covers" "$OUT/view.log" ||
  fail "the viewer did not show the buildings baked with its .glb: $(cat "$OUT/view.log")"

# A .glb of another city (here: one wijk's corner moved by 10 cm) beside the old tiles.
cp -r "$BIN" "$OUT/kept"
cp -r "$SRC/assets/city" "$OUT/other-city"
sed -i '0,/\([0-9]\)\]/s//\1001]/' "$OUT/other-city/wijken.geojson"
cmp -s "$SRC/assets/city/wijken.geojson" "$OUT/other-city/wijken.geojson" &&
  fail "could not make another city"
"$BAKE" "$OUT/other-city" "$OUT/other.glb" >/dev/null || fail "the other city's bake failed"
cp "$OUT/other.glb" "$CITY"
view
grep -q "almere.buildings: baked with another almere.glb (showing schematic" "$OUT/view.log" ||
  fail "a buildings file of another .glb was not refused: $(cat "$OUT/view.log")"
grep -q "buildings (schematic)" "$OUT/view.log" || fail "not schematic: $(cat "$OUT/view.log")"

# Baking without --buildings takes the old file away.
"$BAKE" "$SRC/assets/city" "$CITY" >"$OUT/bake.log" 2>&1 || fail "the plain bake failed"
[ ! -e "$BIN" ] || fail "a bake without --buildings left the old buildings tiles"

# A folder named with --buildings is the operator's choice: shown, with a note.
cp "$OUT/other.glb" "$CITY"
ALMERE_ASSETS=$OUT/assets SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1 \
  timeout 120 "$VIEWER" --size 320x200 --buildings "$OUT/kept" \
  --screenshot "$OUT/shot.png" >"$OUT/view.log" 2>&1 || fail "the viewer failed"
grep -q "kept: baked with another almere.glb; shown as asked" "$OUT/view.log" ||
  fail "no note on the mismatch: $(cat "$OUT/view.log")"
grep -q "real where the layer covers" "$OUT/view.log" || fail "the named file was not shown"
echo "buildings file pairing: ok"
