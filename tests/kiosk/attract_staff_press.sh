#!/usr/bin/env bash
# Issue 11: a press in the staff corner is not the attract screen's first touch: held 3 s it opens
# the PIN pad at once, with no tap before it (tests/kiosk/attract_staff_press.visit). Runs in real
# time, as attract_first_touch.sh. --idle 3: the start-over (4.5 s untouched) does not close the
# pad during the 3.3 s press. Arguments from CMake: VIEWER.
set -uo pipefail
VIEWER=$1
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SDL_VIDEODRIVER=offscreen
export LIBGL_ALWAYS_SOFTWARE=${LIBGL_ALWAYS_SOFTWARE:-1}
printf '4242\n' >"$WORK/pin"
timeout 120 "$VIEWER" --size 1280x720 --attract --idle 3 --data "$WORK/data" \
  --staff-pin-file "$WORK/pin" --script "$HERE/attract_staff_press.visit"
rc=$?
[ $rc -eq 0 ] || { echo "FAILED: the scripted visit stopped with status $rc" >&2; exit 1; }
echo "passed: the long press in the corner opened the PIN pad from the attract screen"
