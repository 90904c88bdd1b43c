"""Who may read an alimony account: the PINs the courts issue, the lock on a DPI after wrong
PINs, and the bearer sessions a PIN log-in opens.

A PIN has 4 to 6 digits: no hash protects it from someone holding the database (a million tries
at most), so what protects it is the lock (``PIN_TRIES`` wrong PINs for one DPI, from any kiosk,
lock it ``PIN_LOCK_MINUTES``) and the per-kiosk limit; the hash only keeps it from being read
at a glance. The lock is kept in the database, so it holds across kiosks and restarts and the
operator's ``issue-pin`` lifts it. An unknown DPI is counted and locked like a known one: the
answers never tell which DPIs have an alimony case.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request

from kiosk.portal.models.alimony import (
    PIN_LOCK_MINUTES,
    PIN_MAX,
    PIN_TRIES,
    PIN_WINDOW_MINUTES,
    pin_problem,
)
from kiosk.sandbox.limits import wait_text
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.state import SandboxState, token_hash
from kiosk.sandbox.store import now

#: a person's PIN by their DPI (for the log-in), and by the session's person (for a change)
PIN_OF_DPI = (
    "SELECT p.pk, p.birth_date, n.pin_hash, n.temporary FROM alimony_people p "
    "JOIN alimony_pins n ON n.person_pk = p.pk WHERE p.dpi = ?"
)
PIN_OF_PERSON = (
    "SELECT p.pk, p.birth_date, n.pin_hash, n.temporary FROM alimony_people p "
    "JOIN alimony_pins n ON n.person_pk = p.pk WHERE p.pk = ?"
)
_ITERATIONS = 2000  # see the module's docstring: the lock protects a PIN, not the hash
LOCKED_DETAIL = (
    "Por seguridad, el PIN de este DPI quedó bloqueado después de varios intentos con un PIN "
    "equivocado. Podrá intentar de nuevo en {wait}."
)


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _ITERATIONS)
    return f"pbkdf2${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str | None) -> bool:
    """Constant-time; with ``stored`` None (no such DPI or no PIN) the same work, and False."""
    _, salt, digest = (stored or _STAND_IN).split("$")
    candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), _ITERATIONS)
    return hmac.compare_digest(candidate.hex(), digest) and stored is not None


_STAND_IN = hash_pin(secrets.token_hex(8))


def dpi_key(dpi: str) -> str:
    """How the lock names a DPI (known or not): never the DPI itself."""
    return hashlib.sha256(f"alimony-pin:{dpi}".encode()).hexdigest()


def new_temporary_pin() -> str:
    """A random PIN of PIN_MAX digits that the rules accept (a temporary one is longer than most
    PINs people choose, and is changed at its first use)."""
    while True:
        pin = f"{secrets.randbelow(10**PIN_MAX):0{PIN_MAX}d}"
        if pin_problem(pin) is None:
            return pin


def issue_pin(
    conn: sqlite3.Connection, dpi: str, pin: str | None = None, *, temporary: bool = True
) -> str:
    """Give the person with this DPI a PIN (a new temporary one unless ``pin``): it replaces the
    old one, ends its sessions and lifts a lock. LookupError if no alimony case names the DPI."""
    row = conn.execute("SELECT pk FROM alimony_people WHERE dpi = ?", (dpi,)).fetchone()
    if row is None:
        raise LookupError("no alimony case names this DPI")
    pin = pin or new_temporary_pin()
    conn.execute(
        "INSERT INTO alimony_pins(person_pk, pin_hash, temporary, issued_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(person_pk) DO UPDATE SET pin_hash = excluded.pin_hash, "
        "temporary = excluded.temporary, issued_at = excluded.issued_at",
        (row[0], hash_pin(pin), int(temporary), now().isoformat()),
    )
    conn.execute("DELETE FROM alimony_sessions WHERE person_pk = ?", (row[0],))
    conn.execute("DELETE FROM alimony_pin_guard WHERE dpi_key = ?", (dpi_key(dpi),))
    return pin


# --- the lock ----------------------------------------------------------------------------------


def locked_for(conn: sqlite3.Connection, key: str, moment: datetime) -> int | None:
    """Seconds until the DPI's lock ends, or None when it is not locked."""
    row = conn.execute(
        "SELECT locked_until FROM alimony_pin_guard WHERE dpi_key = ?", (key,)
    ).fetchone()
    if row is None or row[0] is None:
        return None
    left = (datetime.fromisoformat(row[0]) - moment).total_seconds()
    return max(1, int(left + 0.999)) if left > 0 else None


def locked_problem(seconds: int) -> ApiProblem:
    """429 ``pin_locked``: Retry-After, and the detail says how long in minutes."""
    return ApiProblem(
        429, "pin_locked", LOCKED_DETAIL.format(wait=wait_text(seconds)), retry_after=seconds
    )


def refuse_if_locked(conn: sqlite3.Connection, key: str) -> None:
    seconds = locked_for(conn, key, now())
    if seconds is not None:
        raise locked_problem(seconds)


def record_failure(conn: sqlite3.Connection, key: str, moment: datetime) -> int:
    """Count a wrong PIN for the DPI; the tries left before it locks (0: locked now)."""
    row = conn.execute(
        "SELECT failures, counting_until, locked_until FROM alimony_pin_guard WHERE dpi_key = ?",
        (key,),
    ).fetchone()
    failures = 1
    until = moment + timedelta(minutes=PIN_WINDOW_MINUTES)
    if row is not None and datetime.fromisoformat(row[1]) > moment and row[2] is None:
        failures, until = row[0] + 1, datetime.fromisoformat(row[1])
    locked = moment + timedelta(minutes=PIN_LOCK_MINUTES) if failures >= PIN_TRIES else None
    if locked is not None:
        until = max(until, locked)  # the row lives as long as the lock
    conn.execute(
        "INSERT INTO alimony_pin_guard(dpi_key, failures, counting_until, locked_until) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(dpi_key) DO UPDATE SET failures = excluded.failures, "
        "counting_until = excluded.counting_until, locked_until = excluded.locked_until",
        (key, failures, until.isoformat(), locked.isoformat() if locked else None),
    )
    return max(0, PIN_TRIES - failures)


def forget_failures(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM alimony_pin_guard WHERE dpi_key = ?", (key,))


def purge(conn: sqlite3.Connection, moment: datetime) -> None:
    """What has run out: sessions, and counts of wrong PINs (and locks) past their time."""
    stamp = moment.isoformat()
    conn.execute("DELETE FROM alimony_sessions WHERE expires_at <= ?", (stamp,))
    conn.execute("DELETE FROM alimony_pin_guard WHERE counting_until <= ?", (stamp,))


# --- sessions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PinSession:
    token_hash: str
    person_pk: int
    must_change: bool


def open_session(
    conn: sqlite3.Connection, person_pk: int, kiosk: str, *, minutes: int, must_change: bool
) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    expires = now() + timedelta(minutes=minutes)
    conn.execute(
        "INSERT INTO alimony_sessions(token_hash, person_pk, kiosk_id, expires_at, must_change) "
        "VALUES (?, ?, ?, ?, ?)",
        (token_hash(token), person_pk, kiosk, expires.isoformat(), int(must_change)),
    )
    return token, expires


def visitor_account(
    request: Request, state: SandboxState, kiosk: str, *, changing_pin: bool = False
) -> PinSession:
    """The person behind ``Authorization: Bearer`` (a PIN session). 401 when the token is
    missing, bad, expired or another kiosk's (the same answer: it tells nothing of the
    session); 403 ``pin_change_required`` while a temporary PIN has not been changed, except
    for changing it (``changing_pin``) and logging out."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    row = None
    if scheme.lower() == "bearer" and token:
        row = state.db.one(
            "SELECT token_hash, person_pk, kiosk_id, expires_at, must_change "
            "FROM alimony_sessions WHERE token_hash = ?",
            (token_hash(token),),
        )
    if (
        row is None
        or row["kiosk_id"] != kiosk
        or datetime.fromisoformat(row["expires_at"]) <= now()
    ):
        raise ApiProblem(
            401,
            "session_expired",
            "Su sesión de Pensión Alimenticia terminó. Ingrese de nuevo con su DPI y su PIN.",
        )
    if row["must_change"] and not changing_pin:
        raise ApiProblem(
            403,
            "pin_change_required",
            "Antes de ver su cuenta, cambie el PIN temporal por uno suyo.",
            field="new_pin",
        )
    return PinSession(row["token_hash"], row["person_pk"], bool(row["must_change"]))
