#!/usr/bin/env bash
# Issue 12: almere-bake --buildings on a small layer made for the test (20 footprints around
# Almere Centrum in WGS84, a bbox around the Centrum wijk, a bow tie and one without a height):
# the report counts them, the Centrum alone is covered, the tiles land beside the .glb (and go
# with a later bake without the layer), and the .glb's credits name the layer's source and licence. A layer without a licence
# fails the bake, naming the file and the field.
# Arguments from CMake: almere-bake, the source tree.
set -uo pipefail
BAKE=$1
SRC=$2
LAYER=$SRC/tests/bake/buildings_small.geojson
fail() { echo "FAILED: $*" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

"$BAKE" "$SRC/assets/city" "$OUT/city.glb" --buildings "$LAYER" 2>"$OUT/report" >"$OUT/out" ||
  fail "the bake failed: $(cat "$OUT/report")"
cat "$OUT/report"
grep -q "22 features read, 20 kept, 2 skipped" "$OUT/report" || fail "wrong counts"
grep -q "skipped 1: ring crosses itself" "$OUT/report" || fail "the bow tie is not reported"
grep -q "features\[21\] (id no-height).properties: no height" "$OUT/report" ||
  fail "the missing height is not reported with its feature"
grep -q "covers 1 of 71 wijken; 20 buildings placed" "$OUT/report" || fail "wrong coverage"
grep -aq "3DBAG test extract (made for the bake test) (CC BY 4.0)" "$OUT/city.glb" ||
  fail "the credits do not name the layer"
# Tiles beside the .glb: an index and one file per 500 m tile (the Centrum fits in a few).
[ "$(head -c 4 "$OUT/city.buildings/index.bin")" = ALMI ] || fail "no tile index beside the .glb"
TILES=$(find "$OUT/city.buildings" -name '*_*.bin' | wc -l)
[ "$TILES" -ge 1 ] && [ "$TILES" -le 9 ] || fail "$TILES tiles for one wijk"
for t in "$OUT"/city.buildings/*_*.bin; do
  [ "$(head -c 4 "$t")" = ALMB ] || fail "$t is not a buildings file"
done
grep -q "almere-bake: buildings -> $OUT/city.buildings/ ($TILES tiles" "$OUT/out" ||
  fail "the bake does not report its tiles: $(cat "$OUT/out")"
# --tile-size cuts finer (the browser test uses it for more tiles over a small layer).
"$BAKE" "$SRC/assets/city" "$OUT/fine.glb" --buildings "$LAYER" --tile-size 100 >/dev/null 2>&1 ||
  fail "the bake with --tile-size 100 failed"
FINE=$(find "$OUT/fine.buildings" -name '*_*.bin' | wc -l)
[ "$FINE" -gt "$TILES" ] || fail "--tile-size 100 gave $FINE tiles, not more than $TILES"
"$BAKE" "$SRC/assets/city" "$OUT/bad.glb" --buildings "$LAYER" --tile-size 0 2>/dev/null &&
  fail "a tile size of 0 was accepted"
# A later bake without the layer removes the tiles: no real buildings of an old bake linger.
"$BAKE" "$SRC/assets/city" "$OUT/city.glb" >/dev/null 2>&1 || fail "the plain bake failed"
[ ! -e "$OUT/city.buildings" ] || fail "a plain bake left the old tiles in place"

sed 's/"licence":"CC BY 4.0"/"licentie":"CC BY 4.0"/' "$LAYER" >"$OUT/no_licence.geojson"
if "$BAKE" "$SRC/assets/city" "$OUT/again.glb" --buildings "$OUT/no_licence.geojson" \
  2>"$OUT/error"; then
  fail "a layer without a licence was baked"
fi
grep -q "no_licence.geojson: metadata.licence: is missing" "$OUT/error" ||
  fail "unexpected error: $(cat "$OUT/error")"
[ ! -e "$OUT/again.glb" ] || fail "a failed bake left a .glb"
echo "bake with a building layer: ok"
