#!/usr/bin/env bash
# Issue 12, scale: bakes a generated layer of 100,000 footprints inside Almere's wijken (see
# bench/make_building_layer.py) and prints the bake's wall time, peak memory, and the sizes of the
# layer and of the baked buildings file. Frame time with the buildings drawn comes with the
# renderer's slice. Needs scripts/build.sh native and GNU time (/usr/bin/time).
#   bench/buildings_scale.sh            # 100,000 footprints
#   bench/buildings_scale.sh 20000      # fewer
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
OUT=bench/out/buildings
BAKE=build/native/bin/almere-bake
[ -x "$BAKE" ] || { echo "build first: scripts/build.sh native" >&2; exit 1; }
mkdir -p "$OUT"
LAYER=$OUT/layer_$COUNT.geojson
[ -s "$LAYER" ] || python3 bench/make_building_layer.py assets/city "$COUNT" "$LAYER"
baseline() { /usr/bin/time -f "%e %M" "$BAKE" assets/city "$OUT/plain.glb" 2>&1 >/dev/null | tail -1; }
read -r BASE_S BASE_KB < <(baseline)
/usr/bin/time -f "%e %M" -o "$OUT/time" "$BAKE" assets/city "$OUT/city.glb" \
  --buildings "$LAYER" >"$OUT/bake.out" 2>"$OUT/bake.err"
read -r BAKE_S BAKE_KB <"$OUT/time"
sed 's/^/  /' "$OUT/bake.err"
mb() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1e6 }'; }
printf 'footprints          %d (layer %s MB GeoJSON)\n' "$COUNT" "$(mb "$(stat -c %s "$LAYER")")"
printf 'bake time           %s s (without the layer: %s s)\n' "$BAKE_S" "$BASE_S"
printf 'peak memory (RSS)   %d MiB (without the layer: %d MiB)\n' $((BAKE_KB / 1024)) $((BASE_KB / 1024))
BIN=$OUT/city.buildings.bin
printf 'buildings file      %s MB (%s), gzip -9 %s MB\n' "$(mb "$(stat -c %s "$BIN")")" "$BIN" \
  "$(mb "$(gzip -9c "$BIN" | wc -c)")"
printf 'machine             %s CPUs (%s), load %s\n' "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(cut -d' ' -f1-3 /proc/loadavg)"
