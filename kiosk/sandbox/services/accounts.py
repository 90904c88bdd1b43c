"""Portal accounts (checked against the RENAP-like registry) and visitor sessions."""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime, timedelta

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from kiosk.identity import IdentityError, check_password, validate_dpi, validate_email
from kiosk.portal.models import Account, AccountCreate, SessionCreate, VisitorSession
from kiosk.sandbox.passwords import hash_password, password_matches
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.registry import find_person, require_person
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State, token_hash, visitor_account
from kiosk.sandbox.store import now

router = APIRouter(tags=["accounts"])


def account_model(row: sqlite3.Row, person: sqlite3.Row) -> Account:
    first_surname = person["last_names"].split(" ")[0]
    return Account(
        id=row["id"],
        email=row["email"],
        display_name=f"{person['first_names']} {first_surname}",
        created_at=datetime.fromisoformat(row["created_at"]),
    )


@router.post("/accounts", status_code=201, response_model=Account)
def create_account(body: AccountCreate, request: Request, state: State, kiosk: KioskId) -> Response:
    def produce(conn: sqlite3.Connection) -> tuple[int, Account]:
        try:
            dpi = validate_dpi(body.dpi)
            email = validate_email(body.email)
        except IdentityError as exc:
            raise ApiProblem(422, f"{exc.field}_invalid", exc.message, field=exc.field) from None
        person = require_person(conn, dpi, body.birth_date)
        if conn.execute("SELECT 1 FROM accounts WHERE dpi = ?", (dpi,)).fetchone():
            raise ApiProblem(
                409,
                "account_exists",
                "Ya existe una cuenta con ese DPI. Ingrese con su contraseña.",
                field="dpi",
            )
        if conn.execute("SELECT 1 FROM accounts WHERE email = ?", (email,)).fetchone():
            raise ApiProblem(
                409, "email_taken", "Ese correo ya está en otra cuenta. Use otro.", field="email"
            )
        try:
            check_password(body.password, dpi=dpi, birth_date=body.birth_date, email=email)
        except IdentityError as exc:
            raise ApiProblem(422, "password_rejected", exc.message, field="password") from None
        account_id = "acc_" + secrets.token_hex(8)
        conn.execute(
            "INSERT INTO accounts(id, dpi, email, password_hash, created_at) VALUES (?,?,?,?,?)",
            (account_id, dpi, email, hash_password(body.password), now().isoformat()),
        )
        row = conn.execute("SELECT * FROM accounts WHERE id = ?", (account_id,)).fetchone()
        return 201, account_model(row, person)

    return state.idempotency.run(request, kiosk, body, produce)


@router.post("/sessions", status_code=201, response_model=VisitorSession)
def log_in(body: SessionCreate, state: State, kiosk: KioskId) -> JSONResponse:
    state.login_limiter.check(kiosk)
    login = body.login.strip()
    column = "email" if "@" in login else "dpi"
    value = login.lower() if column == "email" else "".join(ch for ch in login if ch.isdigit())
    row = state.db.one(f"SELECT * FROM accounts WHERE {column} = ?", (value,))  # noqa: S608
    if row is None or not password_matches(body.password, row["password_hash"]):
        raise ApiProblem(
            401,
            "invalid_credentials",
            "El DPI o correo, o la contraseña, no son correctos.",
            field="password",
        )
    token = secrets.token_urlsafe(32)
    expires = now() + timedelta(minutes=state.options.session_minutes)
    with state.db.transaction() as conn:
        conn.execute(
            "INSERT INTO sessions(token_hash, account_id, kiosk_id, expires_at) VALUES (?,?,?,?)",
            (token_hash(token), row["id"], kiosk, expires.isoformat()),
        )
    person = find_person(state.db.connection(), row["dpi"])
    assert person is not None  # accounts reference persons
    session = VisitorSession(token=token, expires_at=expires, account=account_model(row, person))
    return JSONResponse(session.model_dump(mode="json"), 201)


@router.delete("/sessions/current", status_code=204)
def log_out(request: Request, state: State, _: KioskId) -> Response:
    account = visitor_account(request, state.db)
    if account is None:
        raise ApiProblem(401, "session_invalid", "No hay una sesión abierta.")
    token = request.headers["Authorization"].partition(" ")[2]
    with state.db.transaction() as conn:
        conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash(token),))
    return Response(status_code=204)


SERVICE = SandboxService(name="cuenta", router=router)
