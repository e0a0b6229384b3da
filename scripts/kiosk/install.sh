#!/usr/bin/env bash
# Installs this build as a kiosk appliance on Debian 12 (issue 11). Run as root from the
# repository after scripts/build.sh native; safe to run again (an update keeps the outbox and
# the settings):
#   sudo scripts/kiosk/install.sh
# What it does: cage from apt; a system user almere-kiosk; the programs and the content pack in
# /opt/almere2050; the unit almere-kiosk.service with its PAM file; /etc/almere-kiosk/kiosk.env
# (only if missing); USB sticks mounted for the staff panel's export; the kernel's console blanking off; boot into graphical.target with the
# kiosk enabled. The outbox is /var/lib/almere-kiosk (StateDirectory=), kept across updates.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=scripts/kiosk
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo)" >&2; exit 1; }
[ -x build/native/bin/almere2050 ] || { echo "install.sh: build first: scripts/build.sh native" >&2; exit 1; }

dpkg -s cage >/dev/null 2>&1 || { apt-get update && apt-get install -y cage; }
# The X alternative (xinitrc) needs x11-xserver-utils and xinit; install them only if used.

if ! id almere-kiosk >/dev/null 2>&1; then
  useradd --system --create-home --home-dir /var/lib/almere-kiosk-home --shell /usr/sbin/nologin \
    --groups video,render,input almere-kiosk
fi

install -d /opt/almere2050/bin
# The programs and their assets side by side (the viewer finds assets/ next to itself).
cp -a build/native/bin/almere2050 build/native/bin/almere-server /opt/almere2050/bin/
rm -rf /opt/almere2050/bin/assets.new
cp -a build/native/bin/assets /opt/almere2050/bin/assets.new
rm -rf /opt/almere2050/bin/assets
mv /opt/almere2050/bin/assets.new /opt/almere2050/bin/assets
install -m 0644 README.md /opt/almere2050/README.md
install -m 0755 "$HERE/xinitrc" /opt/almere2050/xinitrc

install -m 0644 "$HERE/almere-kiosk.service" /etc/systemd/system/almere-kiosk.service
install -m 0644 "$HERE/pam-almere-kiosk" /etc/pam.d/almere-kiosk
install -d -m 0755 /etc/almere-kiosk
[ -f /etc/almere-kiosk/kiosk.env ] || install -m 0640 "$HERE/kiosk.env.example" /etc/almere-kiosk/kiosk.env

# USB sticks for the staff panel's export: mounted for the kiosk's user below /media/almere-kiosk.
install -d -m 0755 /media/almere-kiosk
install -m 0644 "$HERE/99-almere-usb.rules" /etc/udev/rules.d/99-almere-usb.rules
udevadm control --reload 2>/dev/null || true

# The text console before cage starts must not blank either (consoleblank=0 on the kernel's
# command line); cage itself never blanks the screen.
if [ -f /etc/default/grub ] && ! grep -q 'consoleblank=0' /etc/default/grub; then
  sed -i 's/^GRUB_CMDLINE_LINUX_DEFAULT="/&consoleblank=0 /' /etc/default/grub
  command -v update-grub >/dev/null && update-grub
fi

systemctl daemon-reload
systemctl disable getty@tty1.service 2>/dev/null || true
systemctl enable almere-kiosk.service
systemctl set-default graphical.target
echo "Installed. Set the server in /etc/almere-kiosk/kiosk.env, then: systemctl restart almere-kiosk"
echo "(or reboot). Logs: journalctl -u almere-kiosk"
