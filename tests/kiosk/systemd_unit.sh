#!/usr/bin/env bash
# Issue 11: the kiosk's systemd unit (scripts/kiosk/almere-kiosk.service) passes
# `systemd-analyze verify` without a single warning, and says what an appliance needs.
# verify checks that ExecStart's program exists, so it runs against a temporary root holding
# Debian's own units, stand-ins for /usr/bin/cage and /opt/almere2050/bin/almere2050, and the
# unit. A copy with a broken line must draw a warning, or this test could not fail.
# Argument from CMake: the source tree.
set -uo pipefail
SRC=$1
UNIT=$SRC/scripts/kiosk/almere-kiosk.service
fail() { echo "FAILED: $*" >&2; exit 1; }
command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (Debian: systemd)"
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT/usr/lib/systemd" "$ROOT/usr/bin" "$ROOT/opt/almere2050/bin" \
  "$ROOT/etc/systemd/system"
cp -r /usr/lib/systemd/system "$ROOT/usr/lib/systemd/"
for program in "$ROOT/usr/bin/cage" "$ROOT/opt/almere2050/bin/almere2050"; do
  printf '#!/bin/sh\nexit 0\n' >"$program"
  chmod +x "$program"
done

verify() { # UNIT_FILE -> the verifier's output, and its status as the function's
  cp "$1" "$ROOT/etc/systemd/system/almere-kiosk.service"
  systemd-analyze verify --man=no --root="$ROOT" "$ROOT/etc/systemd/system/almere-kiosk.service" 2>&1
}

out=$(verify "$UNIT")
rc=$?
[ $rc -eq 0 ] && [ -z "$out" ] || fail "systemd-analyze verify (status $rc): $out"
echo "systemd-analyze verify: no warnings"

# The negative control: a misspelt restart policy and an unknown key are reported.
sed -e 's/^Restart=always/Restart=sometimes/' -e 's/^UMask=/Frobnicate=yes\nUMask=/' "$UNIT" \
  >"$ROOT/broken.service"
out=$(verify "$ROOT/broken.service")
grep -q 'restart specifier' <<<"$out" && grep -q "Unknown key 'Frobnicate'" <<<"$out" ||
  fail "verify did not catch a broken copy of the unit: $out"

# What the appliance needs (issue 11), each a line of the unit.
expect() { grep -Eq "$1" "$UNIT" || fail "the unit lacks: $2 (/$1/)"; }
expect '^Restart=always$' "restart whenever it stops"
expect '^StartLimitIntervalSec=0$' "no limit on restarts"
expect '^User=almere-kiosk$' "a dedicated user"
expect '^ExecStart=/usr/bin/cage .* -- /opt/almere2050/bin/almere2050 ' "started inside cage"
expect '^ExecStart=.* --fullscreen .*--attract ' "fullscreen with the attract screen"
expect '^StateDirectory=almere-kiosk$' "the outbox on persistent storage"
expect '^ExecStart=.* --data \$\{STATE_DIRECTORY\} ' "the outbox passed as --data"
expect '^WantedBy=graphical.target$' "started at boot"
expect '^TTYPath=/dev/tty1$' "its own console"
expect '^ReadWritePaths=-/media/almere-kiosk$' "the USB stick's folder writable under ProtectSystem=strict"
# The USB stick is mounted where the unit may write and the staff panel looks (/media/*/*).
RULE=$SRC/scripts/kiosk/99-almere-usb.rules
grep -q 'systemd-mount --no-block --collect --owner=almere-kiosk .* /media/almere-kiosk/%k"$' "$RULE" ||
  fail "the udev rule does not mount USB sticks below /media/almere-kiosk for the kiosk's user"
if grep -Eq '^(PrivateDevices|DevicePolicy|DeviceAllow|ProtectClock|ProtectKernelLogs|MemoryDenyWriteExecute|ProtectHome)=' "$UNIT"; then
  fail "a hardening setting that cuts the kiosk off its GPU, its shader compiler or its Wayland socket"
fi
echo "passed: the unit verifies and has what a kiosk appliance needs"
