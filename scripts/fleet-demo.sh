#!/bin/sh
# A fleet to look at: one sandbox portal and N kiosk processes, each with an id and a token of its
# own (enrolled with `kiosk sandbox enroll`), all sending heartbeats to it. Open the printed
# address (the fleet page) in a browser; Ctrl+C stops them all.
#
#   scripts/fleet-demo.sh [N] [PORT]        # N kiosks (3), the sandbox on 127.0.0.1:PORT (8765)
#
# To see the alerts: stop one kiosk (kill its pid, printed below): «Fuera de línea» after 5 min.
# A kiosk's printer is its CUPS default destination unless KIOSK_PRINTER__QUEUE is set.
# Kiosks run offscreen unless QT_QPA_PLATFORM says otherwise (e.g. xcb, with a display).
set -eu

N=${1:-3}
PORT=${2:-8765}
HERE=$(cd "$(dirname "$0")/.." && pwd)
KIOSK=${KIOSK_BIN:-$HERE/.venv/bin/kiosk}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/oj-fleet-demo.XXXXXX")
URL="http://127.0.0.1:$PORT"
PIDS=""

stop() {
    for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT TERM

"$KIOSK" sandbox --data "$WORK/sandbox" --port "$PORT" &
PIDS="$PIDS $!"
tries=0
until "$HERE/.venv/bin/python" -c "import httpx,sys; httpx.get('$URL/v1/health', timeout=1)" \
        2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 180 ]; then echo "El portal de pruebas no arrancó." >&2; exit 1; fi
    sleep 1
done

i=1
while [ "$i" -le "$N" ]; do
    id=$(printf "GT-DEMO-%04d" "$i")
    "$KIOSK" sandbox --data "$WORK/sandbox" enroll "$id" --token-file "$WORK/$id.token" >/dev/null
    KIOSK_KIOSK__ID="$id" \
    KIOSK_KIOSK__TOKEN="$(cat "$WORK/$id.token")" \
    KIOSK_KIOSK__LOCATION="Quiosco de demostración $i" \
    KIOSK_TRUST__ROOT_KEY="$WORK/sandbox/root.pub.pem" \
    KIOSK_TRUST__CACHE_DIR="$WORK/$id-trust" \
    KIOSK_HEARTBEAT__INTERVAL_SECONDS="${KIOSK_HEARTBEAT__INTERVAL_SECONDS:-10}" \
    QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" \
        "$KIOSK" --portal "$URL" --windowed &
    PIDS="$PIDS $!"
    echo "Quiosco $id: proceso $!"
    i=$((i + 1))
done

echo "Página de la flota: $URL/fleet  (datos: $URL/fleet.json). Ctrl+C para terminar."
wait
