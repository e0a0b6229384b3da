#!/usr/bin/env bash
# Sets everything up and runs the product:
#  - with a display: the kiosk app in a window (pass --fullscreen for kiosk mode);
#  - without one: the web viewer, served on http://127.0.0.1:8080.
# Extra arguments go to the app (native) or are ignored (web). Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${ALMERE_PORT:-8080}

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  scripts/setup.sh native
  scripts/build.sh native
  exec build/native/bin/almere2050 "$@"
fi

scripts/setup.sh
scripts/build.sh all
echo
echo "No display found: serving the web viewer. Open http://127.0.0.1:$PORT/ in a browser."
exec build/native/bin/almere-server --port "$PORT" --web build/web/bin
