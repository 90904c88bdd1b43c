"""The `kiosk` command: run the kiosk (default), the sandbox portal, and tools for IT staff."""

from __future__ import annotations

import argparse
import gc
import getpass
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kiosk import __version__

if TYPE_CHECKING:  # kiosk.config (pydantic) loads in main(), with the collector paused
    from kiosk.config import ConfigError, Settings

EXIT_CONFIG = 2

SUBCOMMANDS = {
    "run": "abrir el quiosco (acción por defecto)",
    "sandbox": "el portal de pruebas: API, pago de órdenes, boletas (kiosk sandbox -h)",
    "check-config": "validar la configuración y mostrar los valores efectivos",
    "hash-pin": "crear el hash del PIN del personal para staff.pin_hash",
    "print-test": "imprimir una constancia de muestra e informar del resultado (técnicos)",
    "verify": "verificar documentos: imágenes, PDF, textos o códigos (kiosk verify -h)",
    "audit": "bitácora de ventanilla: comprobar que no fue alterada (kiosk audit verify) "
    "e informe de un día (kiosk audit report)",
}
# These parse their own options (their -h is their own).
OWN_PARSERS = frozenset({"sandbox", "verify", "audit"})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Quiosco de servicios electrónicos del Organismo Judicial de Guatemala.",
        epilog="Sin --portal ni portal.url en la configuración, el quiosco inicia su propio "
        "portal de pruebas (sandbox) en loopback.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(SUBCOMMANDS) + "}")
    for name, text in SUBCOMMANDS.items():
        sub.add_parser(name, help=text, add_help=name not in OWN_PARSERS)
    _run_options(parser)
    _run_options(sub.choices["run"])
    _config_options(sub.choices["check-config"])
    test_print = sub.choices["print-test"]
    _config_options(test_print)
    test_print.add_argument("--printer", metavar="COLA", help="cola de CUPS (o printer.queue)")
    test_print.add_argument("--server", metavar="HOST:PUERTO", help="servidor CUPS (CUPS_SERVER)")
    test_print.add_argument(
        "--timeout", type=float, metavar="SEG", help="espera máxima (printer.job_timeout_seconds)"
    )
    return parser


def _config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="PATH", help="archivo TOML (o KIOSK_CONFIG)")
    parser.add_argument("--portal", metavar="URL", help="usar este portal en vez del sandbox")


def _run_options(parser: argparse.ArgumentParser) -> None:
    _config_options(parser)
    parser.add_argument(
        "--windowed", action="store_true", help="ventana normal, no pantalla completa"
    )
    parser.add_argument(
        "--quit-after-start", action="store_true", help="salir al pintar la primera pantalla"
    )
    parser.add_argument(
        "--demo-idle",
        type=demo_idle,
        metavar="SEG:SEG",
        help="solo para pruebas y demostraciones: inactividad y cuenta regresiva más cortas "
        "que las que admite la configuración, p. ej. 5:3 (nunca en un quiosco en servicio)",
    )


def demo_idle(text: str) -> tuple[int, int]:
    """ "5:3" -> (5000, 3000) ms: an idle timer a test or a demo may shorten below what a
    configuration file accepts (10 + 5 s); only on the command line, never in a production
    config."""
    idle, _, countdown = text.partition(":")
    try:
        seconds = (int(idle), int(countdown or "3"))
    except ValueError:
        raise argparse.ArgumentTypeError("escriba dos números de segundos, p. ej. 5:3") from None
    if not all(1 <= value <= 3600 for value in seconds):
        raise argparse.ArgumentTypeError("cada tiempo va de 1 a 3600 segundos")
    return seconds[0] * 1000, seconds[1] * 1000


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["sandbox"]:
        # By name only: the kiosk side never imports the sandbox package.
        sandbox_cli = importlib.import_module("kiosk.sandbox.cli")
        result: int = sandbox_cli.main(args_list[1:])
        return result
    if args_list[:1] == ["verify"]:
        from kiosk.commands import verify  # the seal cryptography loads only for this command

        return verify.main(args_list[1:])
    if args_list[:1] == ["audit"]:
        from kiosk.commands import audit

        return audit.main(args_list[1:])
    args = build_parser().parse_args(args_list)
    command = args.command or "run"
    if command == "hash-pin":
        return _hash_pin()
    if command == "run":
        # Start-up creates some 70 000 long-lived objects (the settings' and the portal's pydantic
        # models, the services, the screens); collecting while importing them only costs time.
        # kiosk.app freezes them and turns the collector back on once the home is painted.
        gc.disable()
    from kiosk.config import ConfigError

    try:
        settings = _settings(args)
    except ConfigError as exc:
        gc.enable()
        return _config_error(exc)
    if command == "check-config":
        print(settings.model_dump_json(indent=2))
        return 0
    if command == "print-test":
        from kiosk.commands import print_test

        queue = args.printer if args.printer is not None else settings.printer.queue
        timeout = args.timeout or float(settings.printer.job_timeout_seconds)
        return print_test.main(queue, args.server, timeout)
    try:
        return _run_window(args, settings, as_program=argv is None)
    except ConfigError as exc:  # found only on use, e.g. a log.file that cannot be opened
        gc.enable()
        return _config_error(exc)


def _config_error(exc: ConfigError) -> int:
    print(f"Configuración no válida: {exc.key}: {exc.problem}", file=sys.stderr)
    return EXIT_CONFIG


def _run_window(args: argparse.Namespace, settings: Settings, *, as_program: bool) -> int:
    from kiosk import app  # Qt is imported only when a window is wanted

    status = app.run(
        settings,
        windowed=args.windowed,
        quit_after_start=args.quit_after_start,
        idle_ms=args.demo_idle,
    )
    if as_program:
        # Everything that matters is already closed: the session wiped, the client and the
        # sandbox child stopped. Tearing down Qt and every module object at interpreter exit only
        # adds a tenth of a second to each restart.
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


def _settings(args: argparse.Namespace) -> Settings:
    from kiosk.config import load_settings

    overrides = {"portal": {"url": args.portal}} if args.portal else None
    return load_settings(args.config, overrides)


def _hash_pin() -> int:
    from kiosk.staff import hash_pin, valid_pin

    if not sys.stdin.isatty():
        pin = sys.stdin.readline().strip()
        again = pin
    else:
        pin = getpass.getpass("PIN del personal (6 a 12 dígitos): ")
        again = getpass.getpass("Repita el PIN: ")
    if pin != again:
        print("Los dos PIN no coinciden.", file=sys.stderr)
        return 1
    if not valid_pin(pin):
        print("El PIN debe tener de 6 a 12 dígitos.", file=sys.stderr)
        return 1
    print(hash_pin(pin))
    return 0
