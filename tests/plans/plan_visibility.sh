#!/usr/bin/env bash
# Plans you can see (issue 12): from the start view, switching plans on to 2050 must change a
# large part of the map, and only in the plans' areas.
#   plan_visibility.sh VIEWER PLAN_CHANGE OUT_DIR
# Renders the start view today, then with each plan alone and all three at 2050, and for each a
# --plan-mask render of the same view (black, the plan areas lit). tests/tools/plan_change.cpp
# counts the map pixels (outside the panels) whose colour clearly changed (a channel off by
# more than 40 of 255) and how many of them lie in the plan areas (grown by 6 pixels: blocks
# stand up out of their area, the edge band straddles it). The mask holds the plans' schematic
# lines too; what changes beyond it is labels: the names of a plan's places and stops, set beside
# them, and the start view's district names they replace (about a tenth of Pampus's change).
# Before this test (the plans' blocks in pale style colours, a 35 % tint
# and one-pixel outlines) the numbers were: all three 1.57 %, Pampus 1.03 %, Hart 0.17 %,
# Oosterwold 0.37 %.
set -uo pipefail
VIEWER=$1
PLAN_CHANGE=$2
OUT=$3
mkdir -p "$OUT"
export SDL_VIDEODRIVER=offscreen
export LIBGL_ALWAYS_SOFTWARE=${LIBGL_ALWAYS_SOFTWARE:-1}
SIZE=1280x720
# The panels of the start view at 1280x720 (title, plans, hints): not map.
IGNORE=(--ignore 16,16,726,163 --ignore 843,16,1265,717 --ignore 16,625,630,705)

render() { # OUT.png ARGS...
  local png=$1
  shift
  if ! timeout 120 "$VIEWER" --size $SIZE "$@" --screenshot "$png" >/dev/null || [ ! -s "$png" ]
  then
    echo "FAILED: the viewer did not render $png ($*)" >&2
    exit 1
  fi
}

render "$OUT/today.png"
failed=0
check() { # NAME PLANS MIN_CHANGED
  local name=$1 plans=$2 min=$3
  render "$OUT/$name.png" --plans "plans=$plans;phase=2050"
  render "$OUT/$name-mask.png" --plans "plans=$plans;phase=2050" --plan-mask
  printf '%-11s ' "$name"
  "$PLAN_CHANGE" "$OUT/today.png" "$OUT/$name.png" "$OUT/$name-mask.png" "${IGNORE[@]}" \
    --min-changed "$min" --min-inside 0.85 || failed=1
}
# Each plan alone clearly more than before (see above); all three at least 5 % of the map.
check pampus pampus 0.02
check hart hart 0.004
check oosterwold oosterwold 0.025
check all pampus,hart,oosterwold 0.05
exit $failed
