"""`kiosk sandbox`: run the sandbox portal, or act as its bank (`pay`, `boleta`), or print its
OpenAPI document. The kiosk reaches this module by name only (it never imports the sandbox)."""

from __future__ import annotations

import argparse
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

import platformdirs
import uvicorn

from kiosk import formats
from kiosk.portal.models import BANK_NAMES, CRIMINAL_RECORD_FEE, Bank
from kiosk.sandbox import payments, revocation
from kiosk.sandbox.app import DATABASE_FILE, create_app, open_database
from kiosk.sandbox.keyring import Keyring
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.state import SandboxOptions
from kiosk.sandbox.store import Database

log = logging.getLogger("kiosk.sandbox")

DEFAULT_SEED = 2026


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("oj-kiosk-sandbox", appauthor=False))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk sandbox",
        description="Portal de pruebas (sandbox): la API v1 del portal con datos realistas.",
    )
    parser.add_argument("--data", type=Path, default=None, help="carpeta de datos (SQLite, llaves)")
    actions = "{serve,pay,boleta,revoke-document,revoke-key,backdate,openapi}"
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

    sub.add_parser("openapi", help="imprimir el documento OpenAPI (el contrato)")
    return parser


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 elige un puerto libre")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--persons", type=int, default=5000, help=argparse.SUPPRESS)
    parser.add_argument("--reset", action="store_true", help="borrar los datos y sembrar de nuevo")
    parser.add_argument(
        "--device-token",
        default=os.environ.get("KIOSK_SANDBOX_DEVICE_TOKEN", SandboxOptions.device_token),
        help="token de dispositivo que deben presentar los quioscos",
    )
    parser.add_argument("--login-limit", type=int, default=SandboxOptions.login_limit)
    parser.add_argument("--boleta-limit", type=int, default=SandboxOptions.boleta_limit)
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
    return _serve(args, data_dir)


def _serve(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        if args.reset and data_dir.exists():
            shutil.rmtree(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        db, info = open_database(data_dir, args.seed, persons=args.persons)
    except (OSError, sqlite3.Error) as exc:
        print(f"No se pudo preparar la carpeta de datos {data_dir}: {exc}", file=sys.stderr)
        return 1
    if not info.created and info.seed != args.seed:
        log.warning(
            "data dir keeps seed %s (asked %s); use --reset to reseed", info.seed, args.seed
        )
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP. Without
    # it every answer on a kept-alive connection waited ~40 ms for a delayed ACK (Nagle).
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"No se pudo abrir {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    host, port = sock.getsockname()[:2]
    options = SandboxOptions(
        device_token=args.device_token,
        login_limit=args.login_limit,
        boleta_limit=args.boleta_limit,
        public_url=f"http://{host}:{port}",
    )
    app = create_app(db, data_dir, options)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
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


def _existing_db(data_dir: Path) -> Database:
    if not (data_dir / DATABASE_FILE).exists():
        print(f"No hay datos del sandbox en {data_dir}; inícielo una vez primero.", file=sys.stderr)
        raise SystemExit(1)
    return Database(data_dir / DATABASE_FILE)
