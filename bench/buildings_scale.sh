#!/usr/bin/env bash
# Issue 12, scale: bakes a generated layer of 100,000 footprints inside Almere's wijken (see
# bench/make_building_layer.py) and prints the bake's wall time, peak memory, and the sizes of the
# layer and of the baked tiles (index, tile count, largest tile), then the viewer's median frame
# time at 1920x1080 (SDL offscreen, llvmpipe) from the start view and from a close view over the
# centre, schematic (the plain bake) against real buildings, with the load average.
# Needs scripts/build.sh native and GNU time (/usr/bin/time).
#   bench/buildings_scale.sh            # 100,000 footprints
#   bench/buildings_scale.sh 20000      # fewer
#   FRAMES=0 bench/buildings_scale.sh   # the bake alone
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
TILES=$OUT/city.buildings
TILE_FILES=("$TILES"/*_*.bin)
printf 'buildings tiles     %s MB in %d tiles (%s), largest %s MB, gzip -9 of all %s MB\n' \
  "$(mb "$(cat "${TILE_FILES[@]}" | wc -c)")" "${#TILE_FILES[@]}" "$TILES" \
  "$(mb "$(stat -c %s "${TILE_FILES[@]}" | sort -n | tail -1)")" \
  "$(mb "$(cat "${TILE_FILES[@]}" | gzip -9c | wc -c)")"
printf 'tile index          %d bytes (fetched first on the web)\n' "$(stat -c %s "$TILES/index.bin")"
printf 'machine             %s CPUs (%s), load %s\n' "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(cut -d' ' -f1-3 /proc/loadavg)"

FRAMES=${FRAMES:-120}
VIEWER=${VIEWER:-build/native/bin/almere2050}
[ "$FRAMES" -gt 0 ] && [ -x "$VIEWER" ] || exit 0
# Two asset folders: the viewer's own with the plain bake's city, and the same with the tiles.
for kind in plain real; do
  rm -rf "$OUT/assets_$kind"
  cp -r "$(dirname "$VIEWER")/assets" "$OUT/assets_$kind"
  cp "$OUT/plain.glb" "$OUT/assets_$kind/almere.glb"
  rm -rf "$OUT/assets_$kind/almere.buildings"
done
cp -r "$TILES" "$OUT/assets_real/almere.buildings"
median() { # ASSETS EXTRA... -> median frame ms of an orbit of $FRAMES frames at 1920x1080
  local assets=$1
  shift
  ALMERE_ASSETS=$assets SDL_VIDEODRIVER=offscreen "$VIEWER" --size 1920x1080 "$@" \
    --bench "$FRAMES" 2>/dev/null | grep '^{' | sed 's/.*"median_ms": \([0-9.]*\).*/\1/'
}
CLOSE="--camera 600,300,900,30,35" # over the Centrum, as a resident looks at their street
echo "frame time, median of $FRAMES orbit frames at 1920x1080 (load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '  start view   schematic %s ms, real %s ms\n' "$(median "$OUT/assets_plain")" \
  "$(median "$OUT/assets_real")"
printf '  close view   schematic %s ms, real %s ms\n' "$(median "$OUT/assets_plain" $CLOSE)" \
  "$(median "$OUT/assets_real" $CLOSE)"
echo "  (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
