"""Emails are one whatever their case: an account made as ``Ana.X@...`` logs in with that text
and with the kiosk's lower case, and ``ana.x@...`` cannot be a second account. A database from
before keeps working, even one that already holds two emails that differ only in case."""

from __future__ import annotations

import logging
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from support.people import person_without_account

from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models import AccountCreate, SessionCreate
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.store import Database, schema_sql

PASSWORD = "el lago de atitlán al atardecer"


async def test_an_email_is_the_same_account_whatever_its_case(
    client: PortalClient, sandbox_dir: Path
) -> None:
    typed = f"Ana.X{uuid.uuid4().hex[:6]}@Ejemplo.GT"
    person = person_without_account(sandbox_dir)
    made = await client.create_account(
        AccountCreate(dpi=person.dpi, birth_date=person.birth_date, email=typed, password=PASSWORD),
        idempotency_key=new_idempotency_key(),
    )
    assert made.email.lower() == typed.lower()
    for login in (typed, typed.lower(), typed.upper()):  # as typed, as the kiosk sends it...
        session = await client.log_in(SessionCreate(login=login, password=PASSWORD))
        assert session.account.id == made.id
    other = person_without_account(sandbox_dir)
    with pytest.raises(PortalRejected) as err:
        await client.create_account(
            AccountCreate(
                dpi=other.dpi, birth_date=other.birth_date, email=typed.lower(), password=PASSWORD
            ),
            idempotency_key=new_idempotency_key(),
        )
    assert err.value.code == "email_taken"


def old_database(folder: Path, *emails: str) -> Path:
    """A database as an older sandbox left it: accounts whose emails were compared by case,
    requests without the kiosk that made them."""
    path = folder / DATABASE_FILE
    folder.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executescript(schema_sql())
        conn.execute("ALTER TABLE criminal_record_requests DROP COLUMN kiosk_id")
        for n, email in enumerate(emails):
            conn.execute(
                "INSERT INTO persons(dpi, first_names, last_names, birth_date, sex, department, "
                "municipality) VALUES (?, 'Ana', 'Xol', '1990-01-01', 'F', 1, 1)",
                (f"{n:013d}",),
            )
            conn.execute(
                "INSERT INTO accounts(id, dpi, email, password_hash, created_at) "
                "VALUES (?, ?, ?, 'x$y$z', '2026-01-01T00:00:00-06:00')",
                (f"acc_{n}", f"{n:013d}", email),
            )
    return path


def test_an_old_database_with_emails_that_differ_only_in_case_still_opens(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = old_database(tmp_path / "data", "Ana@x.gt", "ana@x.gt")
    with caplog.at_level(logging.WARNING):
        db = Database(path)
    assert "email case" in caplog.text
    conn = db.connection()
    assert conn.execute("SELECT count(*) FROM accounts").fetchone()[0] == 2
    columns = {row[1] for row in conn.execute("PRAGMA table_info(criminal_record_requests)")}
    assert "kiosk_id" in columns  # added to the old table


def test_an_old_database_without_clashes_gets_the_unique_index(tmp_path: Path) -> None:
    db = Database(old_database(tmp_path / "data", "Ana@x.gt"))
    conn = db.connection()
    conn.execute(
        "INSERT INTO persons(dpi, first_names, last_names, birth_date, sex, department, "
        "municipality) VALUES ('0000000000009', 'Ana', 'Pop', '1991-01-01', 'F', 1, 1)"
    )
    with pytest.raises(sqlite3.IntegrityError, match="email"):
        conn.execute(
            "INSERT INTO accounts(id, dpi, email, password_hash, created_at) "
            "VALUES ('acc_9', '0000000000009', 'ANA@X.GT', 'x', 'now')"
        )
