#!/usr/bin/env bash
# Makes sure the Debian packages the kiosk and its tests need are installed.
# As root it installs what is missing; otherwise it prints the exact apt-get command and fails.
# Fast when everything is present (one dpkg-query), so `make run` / `make test` stay quick.
set -euo pipefail

PYTHON=${PYTHON:-python3}

packages=(
  # Qt's xcb platform plugin and QtMultimedia
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 libpulse0
  # QR decoding with pyzbar
  libzbar0
  # a virtual screen for tests, screenshots and headless `make run`
  xvfb xauth
  # printing: our own cupsd with a cups-pdf queue in tests
  cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils
  # fonts with every Spanish glyph
  fonts-dejavu-core
  # a real browser for the fleet page's tests (tests/browser: headless, driven by Selenium)
  chromium chromium-driver
  # `make package` and tests/packaging: the kiosk unit's compositor (systemd-analyze verify checks
  # it exists; the package depends on it), systemd-analyze and systemd-sysusers, and a venv made
  # with Debian's own python3.11; the unit's command runs under cage there (test_deb_cage), which
  # needs Xwayland to start, the Wayland client libraries the package depends on, and its ExecStop
  # pkill/pgrep (procps)
  cage xwayland libwayland-client0 libwayland-cursor0 libwayland-egl1 procps systemd python3-venv
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Este equipo no usa paquetes Debian; instale a mano el equivalente de: ${packages[*]}" >&2
  echo "(This is not a Debian/Ubuntu machine; install the equivalents of the packages above.)" >&2
  exit 1
fi

# Debian's own python3 needs python3-venv to make virtual environments.
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

missing=()
while read -r name status; do
  [ "$status" = "installed" ] || missing+=("$name")
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)
# dpkg-query prints nothing for packages it has never heard of
for p in "${packages[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || {
    [[ " ${missing[*]-} " == *" $p "* ]] || missing+=("$p")
  }
done

[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo ">> Instalando paquetes del sistema: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Faltan paquetes del sistema. Ejecute como administrador:" >&2
  echo "  sudo sh -c '$cmd'" >&2
  exit 1
fi
