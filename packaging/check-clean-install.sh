#!/usr/bin/env bash
# The package in a brand-new Debian 12 system, then that system booted under systemd.
#
#   sudo packaging/check-clean-install.sh [dist/oj-kiosk_<version>_amd64.deb]
#
# 1. mmdebstrap builds a minimal bookworm tree from Debian's archive and apt installs the .deb into
#    it without Recommends, so every dependency comes from the package's Depends (the tests'
#    dpkg --root tree borrows this machine's installed packages instead).
# 2. Inside that tree, before anything else is added, the unit's own command (cage -d -s -- the
#    kiosk) runs as the oj-kiosk user on wlroots' headless backend until the kiosk has painted its
#    home screen and quits.
# 3. systemd-sysv and dbus are added and the tree boots in a container (systemd-nspawn): the real
#    oj-kiosk.service starts (READY=1 once home is painted); the kiosk's GUI is frozen (SIGSTOP) and
#    systemd's watchdog must restart it; `systemctl stop` must end it in order. A container has no
#    screen, GPU or virtual terminals, so a drop-in gives cage the headless backend and a runtime
#    folder of its own instead of a logind session on tty1; everything else is the unit as shipped
#    (its user, notify and watchdog settings, ExecStop, hardening, folders).
#
# Needs root, network access to deb.debian.org, mmdebstrap and systemd-nspawn
# (apt-get install mmdebstrap systemd-container) and about 1.5 GB in /tmp (or TMPDIR). Takes two or
# three minutes, most of it downloading. Exit 0: installed, ran, booted, restarted, stopped.
set -euo pipefail

say() { printf '>> %s\n' "$*"; }
fail() { printf 'FALLA: %s\n' "$*" >&2; exit 1; }

# Step 2, run by mmdebstrap as a hook on the tree ($1) right after the package's install.
unit_command() {
  local tree=$1 exec_start
  grep -q '^oj-kiosk:' "$tree/etc/passwd" || fail "no se creó el usuario oj-kiosk"
  [ -L "$tree/etc/systemd/system/graphical.target.wants/oj-kiosk.service" ] ||
    fail "la unidad no quedó habilitada"
  exec_start=$(sed -n 's/^ExecStart=//p' "$tree/usr/lib/systemd/system/oj-kiosk.service")
  say "ExecStart: $exec_start"
  mkdir -p "$tree/run/oj-kiosk-check"
  chroot "$tree" chown oj-kiosk:oj-kiosk /run/oj-kiosk-check
  chmod 0700 "$tree/run/oj-kiosk-check"
  # Config and data where the package put them; cage's own runtime folder. mmdebstrap may have
  # mounted /proc, /sys and /dev for its hooks already.
  cat >"$tree/run/check.sh" <<EOF
set -e
mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sys /sys
mountpoint -q /dev || mount --rbind /dev /dev
mount -t tmpfs tmp /tmp
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
  local started=$SECONDS log status
  log=$(mktemp)
  timeout 300 unshare --mount --pid --fork chroot "$tree" sh /run/check.sh >"$log" 2>&1 || true
  status=$(cat "$tree/run/oj-kiosk-check/status" 2>/dev/null || echo "kiosk: sin resultado")
  say "orden de la unidad: $status ($((SECONDS - started)) s)"
  if [ "$status" != "kiosk: 0" ] || ! grep -q "embedded sandbox ready" "$log"; then
    tail -n 40 "$log" >&2
    fail "el quiosco no arrancó bajo cage en el sistema nuevo"
  fi
  rm -rf "$log" "$tree/run/check.sh" "$tree/run/oj-kiosk-check" "$tree/var/lib/oj-kiosk/sandbox"
}

if [ "${1:-}" = "--unit-command" ]; then
  unit_command "$2"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "ejecute como administrador (root)"
for tool in mmdebstrap systemd-nspawn; do
  command -v "$tool" >/dev/null || fail "falta $tool: apt-get install mmdebstrap systemd-container"
done
deb=$(realpath "${1:-$(ls -t dist/oj-kiosk_*_amd64.deb | head -n 1)}")
self=$(realpath "$0")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d "${TMPDIR:-/tmp}/oj-kiosk-clean.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$work/root

say "Debian 12 nuevo en $tree, con $(basename "$deb") instalado por apt"
started=$SECONDS
mmdebstrap --quiet --variant=apt \
  --customize-hook="copy-in '$deb' /tmp" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install --yes \
    --no-install-recommends -o Dpkg::Use-Pty=false /tmp/$(basename "$deb") >/dev/null" \
  --customize-hook="'$self' --unit-command \"\$1\"" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install --yes \
    --no-install-recommends -o Dpkg::Use-Pty=false systemd-sysv dbus libpam-systemd >/dev/null" \
  bookworm "$tree" "$mirror"
say "árbol, instalación y orden de la unidad: $((SECONDS - started)) s, $(du -sh "$tree" | cut -f1)"

# Step 3: boot it. The drop-in (see the header), and a check that runs inside once the system is
# up, writes what it saw to /results and powers the container off.
mkdir -p "$tree/etc/systemd/system/oj-kiosk.service.d" "$work/results"
cat >"$tree/etc/systemd/system/oj-kiosk.service.d/container.conf" <<'EOF'
[Service]
Environment=WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1
Environment=OJ_SANDBOX_VOLUME=0.02
PAMName=
Environment=XDG_RUNTIME_DIR=/run/oj-kiosk
RuntimeDirectory=oj-kiosk
RuntimeDirectoryMode=0700
StandardInput=null
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
EOF
cat >"$tree/usr/local/sbin/oj-check" <<'EOF'
#!/bin/sh
show() { systemctl show oj-kiosk -p SubState -p Result -p NRestarts -p StatusText; }
wait_state() {  # wait_state PROPERTY VALUE SECONDS
  i=0
  until [ "$(systemctl show -p "$1" --value oj-kiosk)" = "$2" ] || [ "$i" -ge "$(($3 * 2))" ]; do
    sleep 0.5; i=$((i + 1))
  done
}
exec >/results/report.txt 2>&1
wait_state SubState running 180
echo "== started"; show
kiosk=$(pgrep -u oj-kiosk -f '^/opt/oj-kiosk/venv/bin/python /opt/oj-kiosk/venv/bin/kiosk$')
echo "== frozen: SIGSTOP to the kiosk ($kiosk)"
kill -STOP "$kiosk"
wait_state NRestarts 1 90
wait_state SubState running 180
echo "== after the watchdog"; show
echo "== stopped"; systemctl stop oj-kiosk; show
echo "== journal"
journalctl -u oj-kiosk --no-pager -o short-monotonic | grep -v -e "Basic output test" -e '"portal call"'
systemctl poweroff
EOF
chmod 0755 "$tree/usr/local/sbin/oj-check"
cat >"$tree/etc/systemd/system/oj-check.service" <<'EOF'
[Unit]
Description=Comprobación de oj-kiosk en el arranque
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/oj-check
[Install]
WantedBy=graphical.target
EOF
ln -s /etc/systemd/system/oj-check.service "$tree/etc/systemd/system/graphical.target.wants/"
say "arranque del sistema nuevo con systemd (contenedor)"
started=$SECONDS
# /dev/tty1 for the unit's ConditionPathExists=; the drop-in keeps the unit's hands off it.
timeout 600 systemd-nspawn --quiet --directory="$tree" --boot --register=no --keep-unit \
  --bind=/dev/tty1 --bind="$work/results:/results" --console=pipe >"$work/console.log" 2>&1 || true
report=$work/results/report.txt
[ -s "$report" ] || { tail -n 40 "$work/console.log" >&2; fail "el sistema no arrancó o no informó"; }
say "arranque, vigilancia y parada: $((SECONDS - started)) s"

section() { sed -n "/^== $1/,/^== /p" "$report"; }
problems=""
section started | grep -q "StatusText=.*pantalla de inicio lista" ||
  problems="$problems el servicio no avisó READY=1 con la pantalla de inicio;"
grep -q "Watchdog timeout" "$report" ||
  problems="$problems systemd no detectó la interfaz congelada;"
section "after the watchdog" | grep -q "^NRestarts=1$" && section "after the watchdog" |
  grep -q "^SubState=running$" || problems="$problems el quiosco no volvió tras el watchdog;"
section stopped | grep -q "^Result=success$" && section stopped | grep -q "^SubState=dead$" ||
  problems="$problems la parada no fue limpia;"
if [ -n "$problems" ]; then
  cat "$report" >&2
  fail "$problems"
fi
grep -E "Watchdog timeout|Scheduled restart|Deactivated successfully|Started oj-kiosk" "$report" |
  sed 's/^/   /'
say "BIEN: instalado por apt en un Debian 12 nuevo; la orden de la unidad mostró el inicio; bajo"
say "systemd arrancó (READY=1), volvió tras congelarse (watchdog) y se detuvo en orden"
