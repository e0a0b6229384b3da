#!/usr/bin/env bash
# Issue 11: the first touch on the attract screen ends it and does nothing else: pressed where
# "Geef je mening" is, it opens no reaction; pressed on a wijk, it chooses none. The same touches
# on the ordinary screen do both (tests/kiosk/attract_first_touch.visit), so the positions are
# right. Runs in real time (no --screenshot): the tour's own frame rate, easing, idle waits.
# Arguments from CMake: VIEWER.
set -uo pipefail
VIEWER=$1
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SDL_VIDEODRIVER=offscreen
export LIBGL_ALWAYS_SOFTWARE=${LIBGL_ALWAYS_SOFTWARE:-1}
timeout 120 "$VIEWER" --size 1280x720 --attract --idle 1 --data "$WORK/data" \
  --script "$HERE/attract_first_touch.visit"
rc=$?
[ $rc -eq 0 ] || { echo "FAILED: the scripted visit stopped with status $rc" >&2; exit 1; }
echo "passed: the touch that ended the attract screen pressed nothing"
