#!/usr/bin/env bash
# Sets everything up and runs the product:
#  - the feedback server on http://127.0.0.1:8080 (override with ALMERE_PORT), serving the web
#    viewer and the reactions API, with its database in data/server/;
#  - with a display, also the kiosk app in a window (pass --fullscreen for kiosk mode), its
#    outbox in data/kiosk/ and pointed at that server. Closing the app stops the server.
# Extra arguments go to the kiosk app. Safe to re-run; reactions stay in data/ between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${ALMERE_PORT:-8080}
BIND=${ALMERE_BIND:-127.0.0.1} # 0.0.0.0: phones on the room's network can join a session
DATA=${ALMERE_DATA:-$PWD/data}

scripts/setup.sh
scripts/build.sh all
umask 077 # residents' reactions: readable by this user only
mkdir -p "$DATA/server" "$DATA/kiosk"
SERVER=(build/native/bin/almere-server --bind "$BIND" --port "$PORT" --web build/web/bin --data "$DATA/server")

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo
  echo "No display found: open http://127.0.0.1:$PORT/ in a browser."
  exec "${SERVER[@]}"
fi

"${SERVER[@]}" &
server_pid=$!
trap 'kill -TERM "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null' EXIT
# The app reads the server's keys (facilitator-key) at its start: wait until the server listens.
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.2
done
echo "Web viewer and reactions API on http://127.0.0.1:$PORT/"
build/native/bin/almere2050 --server "http://127.0.0.1:$PORT" --data "$DATA/kiosk" "$@"
