#!/usr/bin/env bash
# A scripted kiosk visit (app/viewer/visitor_script.hpp; what it checks is in the .visit file)
# in real time on SDL's offscreen driver: the tour's own frame rate, easing and idle waits. It
# passes when the script runs to its end. Arguments from CMake: VIEWER VISIT [VIEWER ARGS...];
# an argument @PIN@ becomes a staff PIN file (4242) made for the run.
set -uo pipefail
VIEWER=$1
VISIT=$2
shift 2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SDL_VIDEODRIVER=offscreen
export LIBGL_ALWAYS_SOFTWARE=${LIBGL_ALWAYS_SOFTWARE:-1}
printf '4242\n' >"$WORK/pin"
args=()
for a in "$@"; do args+=("${a//@PIN@/$WORK/pin}"); done
timeout 120 "$VIEWER" --size 1280x720 --data "$WORK/data" "${args[@]}" --script "$VISIT"
rc=$?
[ $rc -eq 0 ] || { echo "FAILED: $(basename "$VISIT") stopped with status $rc" >&2; exit 1; }
echo "passed: $(basename "$VISIT")"
