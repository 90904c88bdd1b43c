"""`kiosk audit`: the technician's tools for the clerk's audit log.

    kiosk audit verify [--log PATH] [--config PATH]
    kiosk audit report [--log PATH] [--config PATH] [--date YYYY-MM-DD] --out FILE.pdf

``verify`` walks the hash chain from its first entry and names the first one that was changed,
removed or damaged. Exit status: 0 intact, 1 broken, 2 for usage or configuration errors and a
log that does not exist (nothing is created). It reads the file only: any user who can read it can
check it, and the portal's copy says what the entry was.

``report`` writes the end-of-day report (``kiosk.documents.shift_report``) of one whole day on
Guatemala's clock (today when no ``--date``), every clerk's work at this kiosk. It checks the
chain first: a broken log gives no report (exit 1, the entry named as ``verify`` names it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kiosk.audit.log import Broken, default_log_path, verify
from kiosk.config import ConfigError, Settings, load_settings
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
    "report.written": "Informe del {day} escrito en {path}: {count} entradas de la bitácora.",
    "report.empty": "Sin actividad registrada el {day}.",
    "report.date": "Fecha no válida: {value} (se escribe AAAA-MM-DD, por ejemplo 2026-03-02).",
    "report.unwritable": "No se pudo escribir el informe en {path}.",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk audit", description="Herramientas de la bitácora de ventanilla."
    )
    sub = parser.add_subparsers(dest="action", required=True, metavar="{verify,report}")
    check = sub.add_parser("verify", help="comprobar que ninguna entrada fue alterada")
    check.add_argument("--log", metavar="PATH", help="archivo de la bitácora (o audit.path)")
    check.add_argument("--config", metavar="PATH", help="archivo TOML (o KIOSK_CONFIG)")
    report = sub.add_parser("report", help="informe en PDF de la actividad de un día")
    report.add_argument("--log", metavar="PATH", help="archivo de la bitácora (o audit.path)")
    report.add_argument("--config", metavar="PATH", help="archivo TOML (o KIOSK_CONFIG)")
    report.add_argument("--date", metavar="AAAA-MM-DD", help="el día (hora de Guatemala); hoy")
    report.add_argument("--out", metavar="FILE.pdf", required=True, help="el PDF a escribir")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.log and args.action == "verify":
        return _verify(Path(args.log))
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(tr(MESSAGES["config"], key=exc.key, problem=exc.problem), file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.log) if args.log else settings.audit.path or default_log_path()
    if args.action == "verify":
        return _verify(path)
    return _report(path, settings, args.date, Path(args.out))


def _report(path: Path, settings: Settings, day_text: str | None, out: Path) -> int:
    from kiosk.audit.shift_report import day_entries, read_entries, summarize
    from kiosk.documents.shift_report import render_shift_report
    from kiosk.formats import day, now

    made_at = now()
    try:
        wanted = date.fromisoformat(day_text) if day_text else made_at.date()
    except ValueError:
        print(tr(MESSAGES["report.date"], value=day_text), file=sys.stderr)
        return EXIT_USAGE
    if not path.is_file():
        print(tr(MESSAGES["missing"], path=str(path)), file=sys.stderr)
        return EXIT_USAGE
    checked = _verify(path, quiet_when_intact=True)
    if checked != EXIT_INTACT:
        return checked
    entries = day_entries(read_entries(path), wanted)
    summary = summarize(
        entries,
        kiosk_id=settings.kiosk.id,
        made_at=made_at,
        day=wanted,
        courthouse=settings.kiosk.courthouse,
    )
    try:
        out.write_bytes(render_shift_report(summary))
    except OSError:
        print(tr(MESSAGES["report.unwritable"], path=str(out)), file=sys.stderr)
        return EXIT_USAGE
    if summary.empty:
        print(tr(MESSAGES["report.empty"], day=day(wanted)))
    print(tr(MESSAGES["report.written"], day=day(wanted), path=str(out), count=len(entries)))
    return EXIT_INTACT


def _verify(path: Path, *, quiet_when_intact: bool = False) -> int:
    try:
        result = verify(path)
    except FileNotFoundError:
        print(tr(MESSAGES["missing"], path=str(path)), file=sys.stderr)
        return EXIT_USAGE
    if result.ok:
        if not quiet_when_intact:
            print(tr(MESSAGES["intact"], count=result.checked))
        return EXIT_INTACT
    if result.broken_seq is None:
        print(tr(MESSAGES["unreadable"], path=str(path)))
        return EXIT_BROKEN
    reason = result.reason or Broken.UNREADABLE
    print(tr(MESSAGES[f"broken.{reason.value}"], seq=result.broken_seq, count=result.checked))
    return EXIT_BROKEN
