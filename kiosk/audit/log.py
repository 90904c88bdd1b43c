"""The local audit log: an append-only hash chain in one SQLite file, and its send queue.

Every entry carries the hash of the one before it (``GENESIS`` for the first) and its own hash over
``kiosk.portal.models.audit.canonical``: changing, removing or reordering a row breaks the chain
at that row, which ``verify`` finds. WAL with ``synchronous=FULL``: an appended entry survives a
power cut. ``BEGIN IMMEDIATE`` makes reading the last link and writing the next one a single step
for every process that appends (the desk app, a command), so the chain never forks.

The send queue is in the same file: ``pending`` is every entry after the acknowledged mark,
``acknowledge`` moves the mark one entry at a time, in order; a restart finds both as they were.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

import platformdirs

from kiosk.portal.models.audit import (
    GENESIS,
    AuditEntryUpload,
    AuditFields,
    AuditKind,
    FieldValue,
    check_fields,
    entry_hash,
)

log = logging.getLogger(__name__)

AT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # the text that is hashed and sent: never re-formatted
BUSY_TIMEOUT = 30.0  # seconds another process may hold the write lock (an append is quick)
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_entries (
    seq    INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    kind   TEXT NOT NULL,
    fields TEXT NOT NULL,  -- sorted-key compact JSON
    prev   TEXT NOT NULL,
    hash   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_sent (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    seq INTEGER NOT NULL  -- every entry up to this one is acknowledged by the portal
);
INSERT OR IGNORE INTO audit_sent(one, seq) VALUES (1, 0);
"""


def default_log_path() -> Path:
    """Where the log lives when ``audit.path`` is empty: the kiosk's own data folder (the
    platform's user data dir, not its cache: nothing may clean it away)."""
    return Path(platformdirs.user_data_dir("oj-kiosk", appauthor=False)) / "audit.sqlite3"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime  # aware, UTC
    kind: AuditKind
    fields: Mapping[str, FieldValue]
    prev: str
    hash: str

    @property
    def at_text(self) -> str:
        return self.at.strftime(AT_FORMAT)

    def upload(self) -> AuditEntryUpload:
        """The entry as ``POST /v1/audit`` takes it."""
        return AuditEntryUpload(
            seq=self.seq,
            at=self.at_text,
            kind=self.kind,
            fields=AuditFields(**self.fields),
            prev=self.prev,
            hash=self.hash,
        )


def _now() -> datetime:
    return datetime.now(UTC)


class AuditLog:
    """One kiosk's chain. ``clock`` answers an aware time (tests give a fixed one)."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = _now) -> None:
        self.path = Path(path)
        self._clock = clock
        self._conn = _open(self.path, create=True)
        self._conn.executescript(SCHEMA)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def append(self, kind: AuditKind | str, **fields: FieldValue) -> AuditEntry:
        """Add the next entry. ValueError for an unknown kind or a field the kind does not allow
        (the message names the field, never its value)."""
        kind = AuditKind(kind)
        checked = check_fields(kind, fields)
        at = self._clock().astimezone(UTC)
        with self._write() as conn:
            last = conn.execute(
                "SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
            at_text = at.strftime(AT_FORMAT)
            digest = entry_hash(seq, at_text, kind.value, checked, prev)
            conn.execute(
                "INSERT INTO audit_entries(seq, at, kind, fields, prev, hash) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (seq, at_text, kind.value, _fields_json(checked), prev, digest),
            )
        log.info("audit entry %s appended", seq, extra={"event": "audit_append"})
        return AuditEntry(seq, _parse_at(at_text), kind, MappingProxyType(checked), prev, digest)

    def entries(self, after: int = 0, limit: int | None = None) -> list[AuditEntry]:
        rows = self._conn.execute(
            "SELECT seq, at, kind, fields, prev, hash FROM audit_entries WHERE seq > ? "
            "ORDER BY seq LIMIT ?",
            (after, -1 if limit is None else limit),
        ).fetchall()
        return [_entry(row) for row in rows]

    # --- the send queue -----------------------------------------------------------------------

    @property
    def acknowledged(self) -> int:
        """The last seq the portal has (every one before it too)."""
        row = self._conn.execute("SELECT seq FROM audit_sent WHERE one = 1").fetchone()
        return int(row[0])

    def pending(self, limit: int = 100) -> list[AuditEntry]:
        """The entries the portal has not acknowledged yet, oldest first."""
        return self.entries(after=self.acknowledged, limit=limit)

    def acknowledge(self, seq: int) -> None:
        """The portal holds entry ``seq``. Again for an acknowledged one: nothing; ValueError for
        one past the next (the portal takes a chain in order: a gap would be a bug)."""
        with self._write() as conn:
            (done,) = conn.execute("SELECT seq FROM audit_sent WHERE one = 1").fetchone()
            if seq <= done:
                return
            if seq != done + 1:
                raise ValueError(f"entry {seq} acknowledged before entry {done + 1}")
            if conn.execute("SELECT 1 FROM audit_entries WHERE seq = ?", (seq,)).fetchone() is None:
                raise ValueError(f"there is no entry {seq} to acknowledge")
            conn.execute("UPDATE audit_sent SET seq = ? WHERE one = 1", (seq,))

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")  # waits (busy timeout) for another process's append
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


# --- verification -------------------------------------------------------------------------------


class Broken(StrEnum):
    HASH = "hash"  # the stored hash is not the hash of the entry's content
    PREV = "prev"  # prev is not the hash of the entry before
    GAP = "gap"  # an entry is missing (deleted)
    UNREADABLE = "unreadable"  # a row (or the file) cannot be read as an entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int  # entries found intact before the first broken one (all of them when ok)
    broken_seq: int | None = None  # None with ok, or when the file itself cannot be read
    reason: Broken | None = None


def verify(path: Path) -> VerifyResult:
    """Walk the chain from its first entry; the first broken one and why. FileNotFoundError when
    there is no file (nothing is created)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    try:
        with closing(_open(path, create=False)) as conn:
            return _walk(conn)
    except sqlite3.DatabaseError:  # not a database, or not an audit log
        return VerifyResult(ok=False, checked=0, reason=Broken.UNREADABLE)


def _walk(conn: sqlite3.Connection) -> VerifyResult:
    expected, prev, checked = 1, GENESIS, 0
    rows = conn.execute("SELECT seq, at, kind, fields, prev, hash FROM audit_entries ORDER BY seq")
    for row in rows:
        if row[0] != expected:
            return VerifyResult(False, checked, expected, Broken.GAP)
        try:
            entry = _entry(row)
        except (ValueError, TypeError):
            return VerifyResult(False, checked, expected, Broken.UNREADABLE)
        if entry_hash(entry.seq, row[1], row[2], entry.fields, row[4]) != entry.hash:
            return VerifyResult(False, checked, expected, Broken.HASH)
        if entry.prev != prev:
            return VerifyResult(False, checked, expected, Broken.PREV)
        expected, prev, checked = expected + 1, entry.hash, checked + 1
    (sent,) = conn.execute("SELECT seq FROM audit_sent WHERE one = 1").fetchone()
    if sent >= expected:  # the portal acknowledged entries that are no longer here
        return VerifyResult(False, checked, expected, Broken.GAP)
    return VerifyResult(True, checked)


# --- storage ------------------------------------------------------------------------------------


def _open(path: Path, *, create: bool) -> sqlite3.Connection:
    if create:
        path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        if not path.exists():  # 0600 before SQLite opens it; -wal and -shm take its mode
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def _fields_json(fields: Mapping[str, FieldValue]) -> str:
    return json.dumps(dict(fields), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _parse_at(text: str) -> datetime:
    return datetime.strptime(text, AT_FORMAT).replace(tzinfo=UTC)


def _entry(row: tuple[object, ...]) -> AuditEntry:
    """A stored row as an entry; ValueError or TypeError when it is not one."""
    seq, at, kind, fields_text, prev, digest = row
    if not (isinstance(seq, int) and isinstance(at, str) and isinstance(fields_text, str)):
        raise TypeError("an audit row holds a number and texts")
    if not (isinstance(kind, str) and isinstance(prev, str) and isinstance(digest, str)):
        raise TypeError("an audit row holds a number and texts")
    fields = json.loads(fields_text)
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise ValueError("the fields of an audit row are a flat object")
    return AuditEntry(seq, _parse_at(at), AuditKind(kind), MappingProxyType(fields), prev, digest)
