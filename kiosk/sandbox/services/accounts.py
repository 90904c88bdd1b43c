"""Portal accounts (checked against the RENAP-like registry) and visitor sessions.

Neither route is an oracle: an account is created only by someone who knows the DPI's birth
date (checks limited per kiosk and per DPI), and a log-in for an account that does not exist
answers like a wrong password, in the same time."""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime, timedelta

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from kiosk.identity import (
    IdentityError,
    check_password,
    email_key,
    validate_dpi,
    validate_email,
)
from kiosk.portal.models import Account, AccountCreate, SessionCreate, VisitorSession
from kiosk.sandbox.passwords import hash_password, matches_no_account, password_matches
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
    # What needs no database first, and the ~40 ms hash outside the write transaction.
    try:
        dpi = validate_dpi(body.dpi)
        email = validate_email(body.email)
    except IdentityError as exc:
        raise ApiProblem(422, f"{exc.field}_invalid", exc.message, field=exc.field) from None
    try:
        check_password(body.password, dpi=dpi, birth_date=body.birth_date, email=email)
    except IdentityError as exc:
        raise ApiProblem(422, "password_rejected", exc.message, field="password") from None
    state.identity_limits.admit(kiosk, dpi)
    password_hash = hash_password(body.password)

    def produce(conn: sqlite3.Connection) -> tuple[int, Account]:
        try:
            person = require_person(conn, dpi, body.birth_date)
        except ApiProblem:
            state.identity_limits.failed(dpi)
            raise
        if conn.execute("SELECT 1 FROM accounts WHERE dpi = ?", (dpi,)).fetchone():
            raise ApiProblem(
                409,
                "account_exists",
                "Ya existe una cuenta con ese DPI. Ingrese con su contraseña.",
                field="dpi",
            )
        taken = "SELECT 1 FROM accounts WHERE lower(email) = ?"
        if conn.execute(taken, (email_key(email),)).fetchone():
            raise ApiProblem(
                409, "email_taken", "Ese correo ya está en otra cuenta. Use otro.", field="email"
            )
        account_id = "acc_" + secrets.token_hex(8)
        conn.execute(
            "INSERT INTO accounts(id, dpi, email, password_hash, created_at) VALUES (?,?,?,?,?)",
            (account_id, dpi, email, password_hash, now().isoformat()),
        )
        row = conn.execute("SELECT * FROM accounts WHERE id = ?", (account_id,)).fetchone()
        return 201, account_model(row, person)

    return state.idempotency.run(request, kiosk, body, produce)


@router.post("/sessions", status_code=201, response_model=VisitorSession)
def log_in(body: SessionCreate, state: State, kiosk: KioskId) -> JSONResponse:
    login = body.login.strip()
    if "@" in login:
        column, value = "lower(email)", email_key(login)
    else:
        column, value = "dpi", "".join(ch for ch in login if ch.isdigit())
    state.login_limits.admit(kiosk, value)
    row = state.db.one(f"SELECT * FROM accounts WHERE {column} = ?", (value,))  # noqa: S608
    matches = (
        password_matches(body.password, row["password_hash"])
        if row is not None
        else matches_no_account(body.password)
    )
    if row is None or not matches:
        state.login_limits.failed(value)
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
def log_out(request: Request, state: State, kiosk: KioskId) -> Response:
    account = visitor_account(request, state.db, kiosk)
    if account is None:
        raise ApiProblem(401, "session_invalid", "No hay una sesión abierta.")
    token = request.headers["Authorization"].partition(" ")[2]
    with state.db.transaction() as conn:
        conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash(token),))
    return Response(status_code=204)


SERVICE = SandboxService(name="cuenta", router=router)
