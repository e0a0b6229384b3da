#!/usr/bin/env bash
# Issue 12: almere-bake --buildings on a small layer made for the test (20 footprints around
# Almere Centrum in WGS84, a bbox around the Centrum wijk, a bow tie and one without a height):
# the report counts them, the Centrum alone is covered, the buildings file lands beside the
# .glb, and the .glb's credits name the layer's source and licence. A layer without a licence
# fails the bake, naming the file and the field.
# Arguments from CMake: almere-bake, the source tree.
set -uo pipefail
BAKE=$1
SRC=$2
LAYER=$SRC/tests/bake/buildings_small.geojson
fail() { echo "FAILED: $*" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

"$BAKE" "$SRC/assets/city" "$OUT/city.glb" --buildings "$LAYER" 2>"$OUT/report" ||
  fail "the bake failed: $(cat "$OUT/report")"
cat "$OUT/report"
grep -q "22 features read, 20 kept, 2 skipped" "$OUT/report" || fail "wrong counts"
grep -q "skipped 1: ring crosses itself" "$OUT/report" || fail "the bow tie is not reported"
grep -q "features\[21\] (id no-height).properties: no height" "$OUT/report" ||
  fail "the missing height is not reported with its feature"
grep -q "covers 1 of 71 wijken; 20 buildings placed" "$OUT/report" || fail "wrong coverage"
[ "$(head -c 4 "$OUT/city.buildings.bin")" = ALMB ] || fail "no buildings file beside the .glb"
grep -aq "3DBAG test extract (made for the bake test) (CC BY 4.0)" "$OUT/city.glb" ||
  fail "the credits do not name the layer"

sed 's/"licence":"CC BY 4.0"/"licentie":"CC BY 4.0"/' "$LAYER" >"$OUT/no_licence.geojson"
if "$BAKE" "$SRC/assets/city" "$OUT/again.glb" --buildings "$OUT/no_licence.geojson" \
  2>"$OUT/error"; then
  fail "a layer without a licence was baked"
fi
grep -q "no_licence.geojson: metadata.licence: is missing" "$OUT/error" ||
  fail "unexpected error: $(cat "$OUT/error")"
[ ! -e "$OUT/again.glb" ] || fail "a failed bake left a .glb"
echo "bake with a building layer: ok"
