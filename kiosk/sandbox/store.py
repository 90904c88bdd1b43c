"""The sandbox's SQLite database: one file in the data directory, WAL, a connection per thread.

FastAPI runs the sandbox's (sync) endpoints in a thread pool, so each thread gets its own
connection; writes go through ``transaction()`` which takes SQLite's write lock up front
(BEGIN IMMEDIATE) so a check-then-spend (a boleta, an order) can never interleave with another.
Transactions are kept short (no password hashing inside one); a writer that still waits longer
than ``BUSY_TIMEOUT`` gets a 429 with Retry-After, never a 500.

The folder and the files hold the root and issuer private keys: the folder is 0700, the database
(with its -wal and -shm) 0600.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from kiosk import formats
from kiosk.sandbox.problems import ApiProblem

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
# The time zone and the clock the API shows are said once, in kiosk.formats.
GUATEMALA = formats.GUATEMALA
now = formats.now
#: seconds a writer waits for SQLite's write lock before the caller gets a 429
BUSY_TIMEOUT = 5.0
BUSY_RETRY_AFTER = 2
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def schema_sql() -> str:
    schema = resources.files("kiosk.resources") / "sandbox" / "schema.sql"
    return schema.read_text(encoding="utf-8")


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` 0700, or tighten it when it is already the sandbox's own (empty or
    holding its database): a folder of someone else's (``--data /tmp``) is left as it is."""
    folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    ours = not any(folder.iterdir()) or (folder / "portal.sqlite3").exists()
    if ours and folder.stat().st_mode & 0o777 != PRIVATE_DIR:
        folder.chmod(PRIVATE_DIR)


def make_private_file(path: Path) -> None:
    if path.exists() and path.stat().st_mode & 0o777 != PRIVATE_FILE:
        path.chmod(PRIVATE_FILE)


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def busy_problem() -> ApiProblem:
    return ApiProblem(
        429,
        "portal_busy",
        "El portal está muy ocupado en este momento. Intente de nuevo en unos segundos.",
        retry_after=BUSY_RETRY_AFTER,
    )


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        make_private_dir(path.parent)
        if not path.exists():
            # created 0600 before SQLite opens it; SQLite gives -wal and -shm the same mode
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
        # executescript manages its own transaction (it commits first), so it runs on its own.
        self.connection().executescript(schema_sql())
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)",
                (SCHEMA_VERSION,),
            )
            _migrate(conn)
        _unique_email_index(self.connection())
        for suffix in ("", "-wal", "-shm"):
            make_private_file(path.with_name(path.name + suffix))

    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            conn.row_factory = sqlite3.Row
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as exc:
                conn.close()
                if _busy(exc):
                    raise busy_problem() from None
                raise
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise busy_problem() from None
            raise
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and _busy(exc):
                raise busy_problem() from None
            raise

    def one(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Row | None:
        try:
            row: sqlite3.Row | None = self.connection().execute(sql, params).fetchone()
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise busy_problem() from None
            raise
        return row

    def meta(self, key: str) -> str | None:
        row = self.one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row["value"])

    def set_meta(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def close(self) -> None:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _migrate(conn: sqlite3.Connection) -> None:
    """What schema.sql cannot say to a database made before it (CREATE TABLE IF NOT EXISTS
    leaves an old table as it was)."""
    if "kiosk_id" not in _columns(conn, "criminal_record_requests"):
        # the kiosk that made a request: the only one that may read it back
        conn.execute("ALTER TABLE criminal_record_requests ADD COLUMN kiosk_id TEXT")


def _unique_email_index(conn: sqlite3.Connection) -> None:
    """One account per email whatever its case. An old database may already hold two that
    differ only in case: it keeps working (the accounts code compares without case too), and
    the index is left out rather than failing the start."""
    try:
        conn.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS accounts_email_nocase ON accounts(lower(email))"
        )
    except sqlite3.IntegrityError:
        log.warning("accounts differ only in email case; no unique index on lower(email)")
