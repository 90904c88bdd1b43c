"""`kiosk sandbox`: run the sandbox portal, or act as its bank (`pay`, `boleta`), enroll the
kiosks that may use it (`enroll`, `devices`, `revoke-device`), or print its OpenAPI document. The
kiosk reaches this module by name only (it never imports the sandbox)."""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import shutil
import socket
import sqlite3
import sys
import threading
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import h11
import platformdirs
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from kiosk import formats
from kiosk.portal.models import BANK_NAMES, CRIMINAL_RECORD_FEE, Bank
from kiosk.sandbox import devices, payments, revocation
from kiosk.sandbox.app import DATABASE_FILE, create_app, open_database
from kiosk.sandbox.keyring import Keyring
from kiosk.sandbox.passwords import matches_no_account
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.state import SandboxOptions
from kiosk.sandbox.store import Database, make_private_dir

log = logging.getLogger("kiosk.sandbox")

DEFAULT_SEED = 2026
#: the largest request head (request line and headers) the sandbox reads; more is a 400
MAX_HEADER_BYTES = 16 * 1024


class _BoundedHeadConnection(h11.Connection):
    """h11 applies its buffer limit only while a head is incomplete: a 64 KiB head that arrives
    in one read went through. A parsed head over the limit is refused too."""

    def next_event(self) -> h11.Event | type[h11.NEED_DATA] | type[h11.PAUSED]:
        event = super().next_event()
        if isinstance(event, h11.Request):
            size = len(event.target) + sum(len(k) + len(v) + 4 for k, v in event.headers)
            if size > MAX_HEADER_BYTES:
                raise h11.RemoteProtocolError("request head too large", error_status_hint=431)
        return event


class BoundedHeadProtocol(H11Protocol):
    """uvicorn's h11 protocol, whose connection refuses heads over ``MAX_HEADER_BYTES`` with a
    400 however they arrive (slowly: h11's own limit; at once: the connection above)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn = _BoundedHeadConnection(h11.SERVER, MAX_HEADER_BYTES)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("oj-kiosk-sandbox", appauthor=False))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk sandbox",
        description="Portal de pruebas (sandbox): la API v1 del portal con datos realistas.",
    )
    parser.add_argument("--data", type=Path, default=None, help="carpeta de datos (SQLite, llaves)")
    actions = (
        "{serve,pay,boleta,revoke-document,revoke-key,backdate,enroll,devices,revoke-device,"
        "issue-pin,openapi}"
    )
    sub = parser.add_subparsers(dest="action", metavar=actions)

    serve = sub.add_parser("serve", help="servir la API (acción por defecto)")
    _serve_options(serve)
    _serve_options(parser)  # `kiosk sandbox --port 8000` works without saying `serve`

    pay = sub.add_parser("pay", help="simular el pago en línea de una orden de pago")
    pay.add_argument("reference", help="referencia de la orden (12 dígitos)")

    boleta = sub.add_parser(
        "boleta", help="crear una boleta nueva sin usar, como pagada en el banco"
    )
    boleta.add_argument("--bank", choices=[b.value for b in Bank], required=True)
    boleta.add_argument("--amount", default=str(CRIMINAL_RECORD_FEE), help="monto, p. ej. 30.00")

    revoke = sub.add_parser(
        "revoke-document", help="anular un documento (lo ven la lista de confianza y el portal)"
    )
    revoke.add_argument("code", help="código de verificación, p. ej. CAP-2026-ABCD-EFGH")
    sub.add_parser(
        "revoke-key", help="anular la llave emisora activa y crear otra (se sigue emitiendo)"
    )
    backdate = sub.add_parser(
        "backdate", help="mover hacia atrás la fecha de emisión de un documento (p. ej. vencido)"
    )
    backdate.add_argument("code", help="código de verificación del documento")
    backdate.add_argument("--days", type=int, required=True, help="días hacia atrás (1 a 3650)")

    enroll = sub.add_parser(
        "enroll", help="dar de alta un quiosco con un token nuevo (otra vez: reemplaza su token)"
    )
    enroll.add_argument("kiosk_id", metavar="ID-QUIOSCO", help="p. ej. GT-GUA-0001")
    enroll.add_argument(
        "--token-file",
        type=Path,
        help="escribir el token en este archivo (permisos 0600) en vez de mostrarlo",
    )
    sub.add_parser("devices", help="listar los quioscos dados de alta (sin sus tokens)")
    revoke_device = sub.add_parser(
        "revoke-device", help="dar de baja un quiosco: su token deja de servir al instante"
    )
    revoke_device.add_argument("kiosk_id", metavar="ID-QUIOSCO")

    issue_pin = sub.add_parser(
        "issue-pin", help="dar un PIN temporal de Pensión Alimenticia a un DPI (lo desbloquea)"
    )
    issue_pin.add_argument("dpi", metavar="DPI", help="el DPI de una parte de un caso")

    sub.add_parser("openapi", help="imprimir el documento OpenAPI (el contrato)")
    return parser


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="permitir un --host que no sea de loopback (el portal queda expuesto en la red)",
    )
    parser.add_argument("--port", type=int, default=8000, help="0 elige un puerto libre")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--persons", type=int, default=5000, help=argparse.SUPPRESS)
    parser.add_argument("--reset", action="store_true", help="borrar los datos y sembrar de nuevo")
    parser.add_argument(
        "--device-id",
        default=os.environ.get("KIOSK_SANDBOX_DEVICE_ID", SandboxOptions.device_id),
        help="quiosco que se da de alta al iniciar, con --device-token",
    )
    parser.add_argument(
        "--device-token",
        default=os.environ.get("KIOSK_SANDBOX_DEVICE_TOKEN", SandboxOptions.device_token),
        help="token del quiosco de --device-id",
    )
    parser.add_argument("--login-limit", type=int, default=SandboxOptions.login_limit)
    parser.add_argument("--boleta-limit", type=int, default=SandboxOptions.boleta_limit)
    parser.add_argument("--identity-limit", type=int, default=SandboxOptions.identity_limit)
    parser.add_argument("--lookup-limit", type=int, default=SandboxOptions.lookup_limit)
    parser.add_argument(
        "--purge-seconds", type=float, default=SandboxOptions.purge_seconds, help=argparse.SUPPRESS
    )
    parser.add_argument("--ready-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--exit-with-stdin", action="store_true", help=argparse.SUPPRESS)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    data_dir: Path = (args.data or default_data_dir()).expanduser()
    if args.action == "openapi":
        return _print_openapi()
    if args.action == "pay":
        return _pay(data_dir, args.reference)
    if args.action == "boleta":
        return _boleta(data_dir, args.bank, args.amount)
    if args.action == "revoke-document":
        return _revoke_document(data_dir, args.code)
    if args.action == "revoke-key":
        return _revoke_key(data_dir)
    if args.action == "backdate":
        return _backdate(data_dir, args.code, args.days)
    if args.action == "enroll":
        return _enroll(data_dir, args.kiosk_id, args.token_file)
    if args.action == "devices":
        return _list_devices(data_dir)
    if args.action == "revoke-device":
        return _revoke_device(data_dir, args.kiosk_id)
    if args.action == "issue-pin":
        return _issue_pin(data_dir, args.dpi)
    return _serve(args, data_dir)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve to anything


def _serve(args: argparse.Namespace, data_dir: Path) -> int:
    remote = not _is_loopback(args.host)
    if remote and not args.allow_remote:
        print(
            f"--host {args.host} no es una dirección de loopback: el portal de pruebas quedaría "
            "expuesto en la red. Si de verdad lo quiere, agregue --allow-remote.",
            file=sys.stderr,
        )
        return 2
    if remote and args.device_token == devices.DEMO_DEVICE_TOKEN:
        # the documented token would let anyone on the network in as the demo device
        print(
            "Con --allow-remote hace falta un --device-token propio: el token de pruebas "
            f"«{devices.DEMO_DEVICE_TOKEN}» es público.",
            file=sys.stderr,
        )
        return 2
    if remote:
        print(
            f"Aviso: el portal de pruebas escucha en {args.host}, fuera de este equipo. Cualquiera "
            "que lo alcance y tenga el token de un quiosco dado de alta puede usarlo.",
            file=sys.stderr,
        )
    # The address first: a port in use or an address not of this machine is said at once,
    # before any seeding. IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say
    # they are TCP. Without it every answer on a kept-alive connection waited ~40 ms for a
    # delayed ACK (Nagle).
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        sock.close()
        print(f"No se pudo abrir {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        if args.reset and data_dir.exists():
            shutil.rmtree(data_dir)
        make_private_dir(data_dir)
        db, info = open_database(data_dir, args.seed, persons=args.persons)
        with db.transaction() as conn:
            # the demo device (or, embedded, the kiosk's own id with its token of this start)
            devices.enroll(conn, args.device_id, args.device_token)
    except devices.DeviceIdInvalid:
        sock.close()
        print(f"--device-id no válido: {args.device_id}", file=sys.stderr)
        return 2
    except (OSError, sqlite3.Error) as exc:
        sock.close()
        print(f"No se pudo preparar la carpeta de datos {data_dir}: {exc}", file=sys.stderr)
        return 1
    if not info.created and info.seed != args.seed:
        log.warning(
            "data dir keeps seed %s (asked %s); use --reset to reseed", info.seed, args.seed
        )
    host, port = sock.getsockname()[:2]
    options = SandboxOptions(
        device_id=args.device_id,
        device_token=args.device_token,
        login_limit=args.login_limit,
        boleta_limit=args.boleta_limit,
        identity_limit=args.identity_limit,
        lookup_limit=args.lookup_limit,
        public_url=f"http://{host}:{port}",
        purge_seconds=args.purge_seconds,
    )
    app = create_app(db, data_dir, options)
    matches_no_account("")  # the stand-in hash is made now, not in the first log-in
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        http=BoundedHeadProtocol,  # h11 always (httptools, if installed, has limits of its own)
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
    )
    server = uvicorn.Server(config)
    if args.exit_with_stdin:
        # The embedded launcher holds our stdin: when the kiosk dies, even by SIGKILL, the pipe
        # closes and we stop. No orphan sandbox is ever left behind.
        threading.Thread(target=_exit_on_eof, args=(server,), daemon=True).start()
    if args.ready_file:
        ready = {"url": f"http://{host}:{port}", "port": port, "pid": os.getpid(),
                 "root_key": str(app.state.sandbox.keyring.root_public_pem_path)}  # fmt: skip
        tmp = args.ready_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(ready), encoding="utf-8")
        tmp.replace(args.ready_file)
    log.info("sandbox portal at http://%s:%s (data: %s)", host, port, data_dir)
    server.run(sockets=[sock])
    return 0


def _exit_on_eof(server: uvicorn.Server) -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    server.should_exit = True


def _print_openapi() -> int:
    print(json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=True))
    return 0


def openapi_document() -> dict[str, object]:
    """The contract, built from the app without a database (routes and models only)."""
    from fastapi import FastAPI

    from kiosk.sandbox.app import build_routes

    app = FastAPI()
    build_routes(app)
    return app.openapi()


def _pay(data_dir: Path, reference: str) -> int:
    db = _existing_db(data_dir)
    try:
        with db.transaction() as conn:
            payments.pay_order(conn, reference.strip())
    except ApiProblem as problem:
        print(problem.detail, file=sys.stderr)
        return 1
    print(f"Orden {reference} pagada.")
    return 0


def _boleta(data_dir: Path, bank: str, amount_text: str) -> int:
    try:
        amount = Decimal(amount_text).quantize(Decimal("0.01"))
    except InvalidOperation:
        print(f"Monto no válido: {amount_text}", file=sys.stderr)
        return 2
    db = _existing_db(data_dir)
    with db.transaction() as conn:
        number, day = payments.create_test_boleta(conn, Bank(bank), amount, None)
    paid = f"pagada el {formats.day(day)}, {formats.money(amount)}"
    print(f"{BANK_NAMES[Bank(bank)]}: boleta {number}, {paid}")
    return 0


def _revoke_document(data_dir: Path, code: str) -> int:
    db = _existing_db(data_dir)
    keyring = Keyring(db, data_dir)
    try:
        with db.transaction() as conn:
            done = revocation.revoke_document(conn, keyring, code)
    except ApiProblem as problem:
        print(problem.detail, file=sys.stderr)
        return 1
    print(
        f"Documento {done.revoked} anulado desde el {formats.day_and_clock(done.revoked_at)}. "
        f"Lista de confianza: versión {done.trust_list_version}."
    )
    return 0


def _revoke_key(data_dir: Path) -> int:
    db = _existing_db(data_dir)
    done = revocation.revoke_issuer_key(Keyring(db, data_dir))
    print(
        f"Llave emisora {done.revoked} anulada: los documentos que firmó ya no son válidos. "
        f"Nueva llave activa: {done.active_kid}. "
        f"Lista de confianza: versión {done.trust_list_version}."
    )
    return 0


def _backdate(data_dir: Path, code: str, days: int) -> int:
    if not 1 <= days <= 3650:
        print("--days va de 1 a 3650.", file=sys.stderr)
        return 2
    db = _existing_db(data_dir)
    keyring = Keyring(db, data_dir)
    try:
        with db.transaction() as conn:
            found = revocation.backdate_document(conn, keyring, code, days)
    except ApiProblem as problem:
        print(problem.detail, file=sys.stderr)
        return 1
    row = db.one("SELECT issued_at, expires_at FROM documents WHERE code = ?", (found,))
    assert row is not None
    print(
        f"Documento {found}: emitido el {row['issued_at'][:10]}, vence el "
        f"{row['expires_at'][:10]}; sello firmado de nuevo."
    )
    return 0


def _enroll(data_dir: Path, kiosk_id: str, token_file: Path | None) -> int:
    db = Database(data_dir / DATABASE_FILE)  # a kiosk may be enrolled before the first start
    try:
        with db.transaction() as conn:
            token = devices.enroll(conn, kiosk_id)
    except devices.DeviceIdInvalid:
        print(
            f"Identificador de quiosco no válido: {kiosk_id!r} (3 a 64 letras, dígitos, '.', "
            "'_' o '-'; empieza con letra o dígito).",
            file=sys.stderr,
        )
        return 2
    if token_file is None:
        print(f"Quiosco {kiosk_id} dado de alta. Su token (se muestra solo esta vez):")
        print(token)
        return 0
    try:
        _write_private(token_file, token + "\n")
    except OSError as exc:
        # the enrollment stands, but nobody has its token: undo it
        with db.transaction() as conn:
            devices.revoke(conn, kiosk_id)
        print(f"No se pudo escribir {token_file}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Quiosco {kiosk_id} dado de alta; su token está en {token_file}.")
    return 0


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        os.fchmod(out.fileno(), 0o600)  # an existing file keeps its mode through os.open
        out.write(text)


def _list_devices(data_dir: Path) -> int:
    db = _existing_db(data_dir)
    found = devices.list_devices(db.connection())
    if not found:
        print("No hay quioscos dados de alta.")
        return 0
    for device in found:
        state = (
            f"dado de baja el {formats.day_and_clock(device.revoked_at)}"
            if device.revoked_at
            else "activo"
        )
        print(f"{device.kiosk_id}\talta el {formats.day_and_clock(device.enrolled_at)}\t{state}")
    return 0


def _revoke_device(data_dir: Path, kiosk_id: str) -> int:
    db = _existing_db(data_dir)
    with db.transaction() as conn:
        done = devices.revoke(conn, kiosk_id)
    if not done:
        print(f"El quiosco {kiosk_id} no está dado de alta.", file=sys.stderr)
        return 1
    print(f"Quiosco {kiosk_id} dado de baja: su token ya no sirve.")
    return 0


def _issue_pin(data_dir: Path, dpi_text: str) -> int:
    from kiosk.identity import IdentityError, mask_dpi, validate_dpi
    from kiosk.sandbox.alimony_access import issue_pin

    try:
        dpi = validate_dpi(dpi_text)
    except IdentityError as exc:
        print(f"DPI no válido: {exc}", file=sys.stderr)
        return 2
    db = _existing_db(data_dir)
    try:
        with db.transaction() as conn:
            pin = issue_pin(conn, dpi)
    except LookupError:
        print(f"Ningún caso de pensión alimenticia tiene el DPI {mask_dpi(dpi)}.", file=sys.stderr)
        return 1
    print(f"PIN temporal para el DPI {mask_dpi(dpi)} (se muestra solo esta vez; al usarlo se pide "
          "uno nuevo):")  # fmt: skip
    print(pin)
    return 0


def _existing_db(data_dir: Path) -> Database:
    if not (data_dir / DATABASE_FILE).exists():
        print(f"No hay datos del sandbox en {data_dir}; inícielo una vez primero.", file=sys.stderr)
        raise SystemExit(1)
    return Database(data_dir / DATABASE_FILE)
