#!/usr/bin/env bash
# What the ground shadows under blocks cost (issue 12's depth cue), native, headless (SDL
# offscreen, Mesa llvmpipe), 1920x1080: the viewer's --bench orbit with and without
# --hide shadows, interleaved (A B B A ...) so both see the same machine load, in two views:
#   start  the start view (native_bench.sh's case): shadows are drawn within 1 km only, so none
#          are here and the two must agree (a control for the machine's noise)
#   close  a close-up orbit 400 m from the centre's edge, where every visible block has one
#   bench/ground_shadow_bench.sh [--frames N] [--rounds R]     (default 200 frames, 3 rounds)
# Prints the median frame time of each run, the median of the runs, and the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
FRAMES=200
ROUNDS=3
VIEWER=build/native/bin/almere2050
while [ $# -gt 0 ]; do
  case "$1" in
    --frames) FRAMES=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) echo "ground_shadow_bench.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[ -x "$VIEWER" ] || { echo "no $VIEWER; run scripts/build.sh native" >&2; exit 2; }
export SDL_VIDEODRIVER=offscreen

median_ms() { # viewer args... -> the run's median frame ms
  "$VIEWER" --size 1920x1080 "$@" --bench "$FRAMES" 2>/dev/null | grep '^{' | tail -1 |
    sed -n 's/.*"median_ms": *\([0-9.]*\).*/\1/p'
}
middle() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "ground shadows, 1920x1080, $FRAMES frames x $ROUNDS rounds; load $(cut -d' ' -f1-3 /proc/loadavg)"
for view in start close; do
  camera=()
  [ "$view" = close ] && camera=(--camera 150,350,400,30,40)
  on="" off=""
  for round in $(seq "$ROUNDS"); do
    # A B, then B A: on a shared machine whose load drifts, a fixed order would favour one.
    if [ $((round % 2)) = 1 ]; then
      on="$on $(median_ms "${camera[@]}")"
      off="$off $(median_ms "${camera[@]}" --hide shadows)"
    else
      off="$off $(median_ms "${camera[@]}" --hide shadows)"
      on="$on $(median_ms "${camera[@]}")"
    fi
  done
  printf '%-6s shadows on: %-24s median %s ms | off: %-24s median %s ms\n' "$view" "$on" \
    "$(middle <<<"$on")" "$off" "$(middle <<<"$off")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
