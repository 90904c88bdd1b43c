#!/usr/bin/env bash
# Builds dist/oj-kiosk_<version>_<arch>.deb from this checkout (`make package`).
#
# Layout: the project's own virtual environment under /opt/oj-kiosk/venv, made with Debian's
# python3.11 (the package depends on it) in a staging folder, then fixed to its final path
# (bin/* shebangs, activate scripts, pyvenv.cfg). Qt parts the kiosk never loads are pruned; the
# Python files are byte-compiled at build time (unchecked-hash .pyc files, owned by the package, so
# purge removes them and nothing is written under /opt at run time).
#
#   packaging/build-deb.sh [--out DIR]       (DIR: dist/ by default)
#   KIOSK_DEB_CONSTRAINTS=FILE  pin the dependencies' own dependencies (the Makefile passes the
#                               versions of the tested .venv); without it pip picks them.
set -euo pipefail
umask 022  # the package's files must be readable by the oj-kiosk user whatever the builder's umask

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out="$root/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    *) echo "uso: $0 [--out CARPETA]" >&2; exit 2 ;;
  esac
done

python=$(readlink -f /usr/bin/python3)   # Debian's own (bookworm: /usr/bin/python3.11)
case "$python" in
  /usr/bin/python3.11) ;;
  *) echo "Se necesita el python3.11 de Debian 12 (bookworm) en /usr/bin; hay $python." >&2; exit 1 ;;
esac
for tool in dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "Falta $tool (make system-deps)." >&2; exit 1; }
done

version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/kiosk/__init__.py")
declared=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml")
[ -n "$version" ] && [ "$version" = "$declared" ] || {
  echo "kiosk.__version__ ($version) y pyproject.toml ($declared) no coinciden." >&2; exit 1; }
arch=$(dpkg --print-architecture)
final=/opt/oj-kiosk/venv

work=$(mktemp -d "${TMPDIR:-/tmp}/oj-kiosk-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
stage="$work/root"
venv="$stage$final"
started=$(date +%s)
step() { echo ">> [$(( $(date +%s) - started ))s] $*"; }
# pip, quiet; this machine's pip configuration may name index folders that do not exist.
pip() {
  "$venv/bin/python" -I -m pip --quiet --disable-pip-version-check "$@" \
    2> >(grep -v "^WARNING: Location .* is ignored" >&2)
}

# 1. The wheel, built from a copy of the files git would commit: no stale build/ or egg-info, no
#    .venv, no caches. (Outside git: a plain copy without those folders.)
step "rueda del proyecto (kiosk $version)"
mkdir -p "$work/src" "$work/wheels"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$root" ls-files -z --cached --others --exclude-standard |
    tar -C "$root" --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -C "$work/src" -xf -
else
  tar -C "$root" --exclude=.venv --exclude=build --exclude=dist --exclude='*.egg-info' \
    --exclude=__pycache__ --exclude=.git -cf - . | tar -C "$work/src" -xf -
fi
"$python" -m venv "$venv"
pip install --no-compile --upgrade pip
pip wheel --no-deps -w "$work/wheels" "$work/src" >"$work/wheel.log" 2>&1 || {
  cat "$work/wheel.log" >&2; exit 1; }
wheel=$(ls "$work/wheels"/kiosk-"$version"-*.whl)

# 2. The wheel and its pinned dependencies into the venv; then pip and setuptools go (nothing
#    installs anything at run time).
step "entorno virtual en $final"
constraints=()
[ -n "${KIOSK_DEB_CONSTRAINTS:-}" ] && constraints=(-c "$KIOSK_DEB_CONSTRAINTS")
pip install --no-compile "${constraints[@]}" "$wheel"
pip uninstall -y pip setuptools
rm -f "$venv"/lib/python3.11/site-packages/kiosk-*.dist-info/direct_url.json  # a build path
"$venv/bin/python" -I - <<'PY'
from importlib.resources import files
res = files("kiosk.resources")
needed = ["icons", "fonts", "i18n", "kiosk.example.toml", "sandbox"]
missing = [name for name in needed if not (res / name).exists()]
if missing:
    raise SystemExit(f"la rueda no trae kiosk/resources: {missing}")
PY

# 3. Qt parts the kiosk never loads (it uses QtCore, QtGui, QtWidgets, QtSvg, QtMultimedia,
#    QtCharts and the wayland/xcb/offscreen platforms). tests/packaging runs the pruned venv.
step "poda de Qt"
"$venv/bin/python" -I "$here/prune_qt.py" "$venv"

# 4. The venv knows its staging path only in text files: point them at the final one.
step "rutas finales"
grep -rlIF --null "$venv" "$venv" | xargs -0 -r sed -i "s|$venv|$final|g"
if grep -rlIF "$work" "$venv"; then echo "Quedan rutas de construcción (arriba)." >&2; exit 1; fi

# 5. Byte-code, compiled for the final path; unchecked-hash: valid until the package replaces it.
step "compilación de bytecode"
"$venv/bin/python" -I -m compileall -q -j0 --invalidation-mode unchecked-hash \
  -s "$stage" -p / "$venv/lib" || {
  echo "compileall falló: un archivo .py no compila (arriba)." >&2; exit 1; }

# 6. Configuration (the example with a header), units, a command for technicians, notes.
step "archivos del paquete"
install -D -m 0644 "$here/debian/kiosk.toml.header" "$stage/etc/oj-kiosk/kiosk.toml"
cat "$root/resources/kiosk.example.toml" >> "$stage/etc/oj-kiosk/kiosk.toml"
install -D -m 0644 "$here/systemd/oj-kiosk.service" "$stage/usr/lib/systemd/system/oj-kiosk.service"
install -D -m 0644 "$here/systemd/user/oj-kiosk-desk.service" \
  "$stage/usr/lib/systemd/user/oj-kiosk-desk.service"
install -D -m 0644 "$here/README.md" "$stage/usr/share/doc/oj-kiosk/README.md"
mkdir -p "$stage/usr/bin"
ln -s "$final/bin/kiosk" "$stage/usr/bin/oj-kiosk"

mkdir -p "$stage/DEBIAN"
installed_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@INSTALLED_SIZE@|$installed_kb|" \
  -e "s|@MAINTAINER@|${DEB_MAINTAINER:-Quiosco OJ <kiosk@oj-kiosk.invalid>}|" \
  "$here/debian/control.in" > "$stage/DEBIAN/control"
install -m 0644 "$here/debian/conffiles" "$stage/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"
done

# 7. The archive: root-owned files without fakeroot; zstd level 3 (dpkg >= 1.21.18 reads it).
step "dpkg-deb"
mkdir -p "$out"
deb="$out/oj-kiosk_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zzstd -z3 --threads-max="$(nproc)" --build "$stage" "$deb" >/dev/null
step "listo: $deb ($(du -h "$deb" | cut -f1), instalado ${installed_kb} KiB)"
