"""`kiosk audit`: the technician's tools for the clerk's audit log.

    kiosk audit verify [--log PATH] [--config PATH]

``verify`` walks the hash chain from its first entry and names the first one that was changed,
removed or damaged. Exit status: 0 intact, 1 broken, 2 for usage or configuration errors and a
log that does not exist (nothing is created). It reads the file only: any user who can read it can
check it, and the portal's copy says what the entry was.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.audit.log import Broken, default_log_path, verify
from kiosk.config import ConfigError, load_settings
from kiosk.i18n import tr

EXIT_INTACT, EXIT_BROKEN, EXIT_USAGE = 0, 1, 2

MESSAGES: dict[str, str] = {
    "intact": "La bitácora está íntegra: {count} entradas.",
    "broken.hash": ("La entrada {seq} fue alterada: su contenido no corresponde a su hash."),
    "broken.prev": ("La entrada {seq} fue alterada: no está enlazada con la entrada anterior."),
    "broken.gap": ("La entrada {seq} fue alterada: falta en la bitácora (fue borrada)."),
    "broken.unreadable": (
        "La entrada {seq} fue alterada: no se puede leer como una entrada de la bitácora."
    ),
    "unreadable": "El archivo {path} no se puede leer como una bitácora.",
    "missing": "No existe la bitácora {path}.",
    "config": "Configuración no válida: {key}: {problem}",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk audit", description="Herramientas de la bitácora de ventanilla."
    )
    sub = parser.add_subparsers(dest="action", required=True, metavar="{verify}")
    check = sub.add_parser("verify", help="comprobar que ninguna entrada fue alterada")
    check.add_argument("--log", metavar="PATH", help="archivo de la bitácora (o audit.path)")
    check.add_argument("--config", metavar="PATH", help="archivo TOML (o KIOSK_CONFIG)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.log:
        path = Path(args.log)
    else:
        try:
            settings = load_settings(args.config)
        except ConfigError as exc:
            print(tr(MESSAGES["config"], key=exc.key, problem=exc.problem), file=sys.stderr)
            return EXIT_USAGE
        path = settings.audit.path or default_log_path()
    return _verify(path)


def _verify(path: Path) -> int:
    try:
        result = verify(path)
    except FileNotFoundError:
        print(tr(MESSAGES["missing"], path=str(path)), file=sys.stderr)
        return EXIT_USAGE
    if result.ok:
        print(tr(MESSAGES["intact"], count=result.checked))
        return EXIT_INTACT
    if result.broken_seq is None:
        print(tr(MESSAGES["unreadable"], path=str(path)))
        return EXIT_BROKEN
    reason = result.reason or Broken.UNREADABLE
    print(tr(MESSAGES[f"broken.{reason.value}"], seq=result.broken_seq, count=result.checked))
    return EXIT_BROKEN
