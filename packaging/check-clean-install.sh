#!/usr/bin/env bash
# The package in a brand-new Debian 12 system: mmdebstrap builds a minimal bookworm tree from
# Debian's archive and apt installs the .deb into it, so every dependency comes from the package's
# Depends (the tests' dpkg --root tree borrows this machine's installed packages instead). Then,
# inside that tree, the unit's own command (cage -d -s -- the kiosk) runs as the oj-kiosk user on
# wlroots' headless backend until the kiosk has painted its home screen and quits.
#
#   sudo packaging/check-clean-install.sh [dist/oj-kiosk_<version>_amd64.deb]
#
# Needs root, network access to deb.debian.org, mmdebstrap (apt-get install mmdebstrap) and about
# 1.5 GB in /tmp (or TMPDIR); takes a few minutes, most of it downloading. Exit 0: installed and ran.
set -euo pipefail

deb=$(realpath "${1:-$(ls -t dist/oj-kiosk_*_amd64.deb | head -n 1)}")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d "${TMPDIR:-/tmp}/oj-kiosk-clean.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$work/root

say() { printf '>> %s\n' "$*"; }

command -v mmdebstrap >/dev/null || { echo "Falta mmdebstrap: apt-get install mmdebstrap" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "Ejecute como administrador (root)." >&2; exit 1; }

say "Debian 12 nuevo en $tree, con $(basename "$deb") instalado por apt"
started=$SECONDS
# apt inside the new tree, as a technician runs it, but without Recommends: the Depends alone must
# be enough.
mmdebstrap --quiet --variant=apt \
  --customize-hook="copy-in '$deb' /tmp" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install --yes \
    --no-install-recommends -o Dpkg::Use-Pty=false /tmp/$(basename "$deb")" \
  bookworm "$tree" "$mirror"
say "árbol e instalación: $((SECONDS - started)) s, $(du -sh "$tree" | cut -f1)"

# What the postinst must have made.
grep -q '^oj-kiosk:' "$tree/etc/passwd" || { echo "FALLA: no se creó el usuario oj-kiosk" >&2; exit 1; }
[ -L "$tree/etc/systemd/system/graphical.target.wants/oj-kiosk.service" ] ||
  { echo "FALLA: la unidad no quedó habilitada" >&2; exit 1; }
exec_start=$(sed -n 's/^ExecStart=//p' "$tree/usr/lib/systemd/system/oj-kiosk.service")
say "ExecStart: $exec_start"

# Run it inside the tree: its own /proc, /dev, /tmp; the unit's user and environment, config and
# data in the tree's /etc and /var as installed. The kiosk quits once its home screen is painted.
mkdir -p "$tree/run/oj-kiosk-check"
chroot "$tree" chown oj-kiosk:oj-kiosk /run/oj-kiosk-check
chmod 0700 "$tree/run/oj-kiosk-check"
cat >"$tree/run/check.sh" <<EOF
set -e
mount -t proc proc /proc
mount -t tmpfs tmp /tmp
mount --rbind /dev /dev
mount -t sysfs sys /sys
cd /
exec env -i PATH=/usr/bin:/bin HOME=/var/lib/oj-kiosk \\
  KIOSK_CONFIG=/etc/oj-kiosk/kiosk.toml XDG_DATA_HOME=/var/lib XDG_CACHE_HOME=/var/cache \\
  KIOSK_PORTAL__SANDBOX_DATA_DIR=/var/lib/oj-kiosk/sandbox OJ_SANDBOX_VOLUME=0.02 \\
  XDG_RUNTIME_DIR=/run/oj-kiosk-check QT_QPA_PLATFORM=wayland XDG_SESSION_TYPE=wayland \\
  QT_WAYLAND_DISABLE_WINDOWDECORATION=1 \\
  WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \\
  setpriv --reuid=oj-kiosk --regid=oj-kiosk --init-groups \\
  ${exec_start% -- *} -- sh -c '${exec_start##* -- } --quit-after-start; echo "kiosk: \$?" >/run/oj-kiosk-check/status'
EOF
# /var/lib and /var/cache are the kiosk user's through the unit's StateDirectory= and CacheDirectory=
# under systemd; the postinst made /var/lib/oj-kiosk and /var/cache/oj-kiosk, which is all it uses.
started=$SECONDS
if ! timeout 300 unshare --mount --pid --fork chroot "$tree" sh /run/check.sh \
  >"$work/kiosk.log" 2>&1; then
  tail -n 40 "$work/kiosk.log" >&2
fi
status=$(cat "$tree/run/oj-kiosk-check/status" 2>/dev/null || echo "kiosk: sin resultado")
say "$status ($((SECONDS - started)) s)"
if [ "$status" != "kiosk: 0" ] || ! grep -q "embedded sandbox ready" "$work/kiosk.log"; then
  echo "FALLA: el quiosco no arrancó bajo cage en el sistema nuevo:" >&2
  tail -n 40 "$work/kiosk.log" >&2
  exit 1
fi
say "BIEN: instalado por apt en un Debian 12 nuevo; la orden de la unidad mostró el inicio"
