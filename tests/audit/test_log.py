"""The local audit log on real SQLite files: the chain, the allow-lists, two processes appending,
the send queue across a reopen, and tampering found at the right entry."""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import sqlite3
import stat
import time
from contextlib import closing
from datetime import UTC, datetime
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from kiosk.audit import AuditLog, VerifyResult, verify
from kiosk.audit.log import Broken
from kiosk.portal.models.audit import GENESIS, AuditKind, entry_hash

CLERK = "jlopez"
CODE = "CAP-2026-ABCD-EFGH"


def fill(log: AuditLog, count: int) -> None:
    """``count`` entries of every kind in turn, as a shift would write them."""
    shapes = [
        (AuditKind.SIGN_IN, {"role": "clerk"}),
        (AuditKind.SERVICE, {"service": "antecedentes-penales"}),
        (AuditKind.PRINTED, {"document_code": CODE, "document_kind": "CAP"}),
        (AuditKind.VERDICT, {"verdict": "VALID", "document_code": CODE}),
        (AuditKind.REPRINTED, {"document_code": CODE, "reason": "papel_atascado"}),
        (AuditKind.FAILURE, {"code": "printer_offline", "service": "antecedentes-penales"}),
        (AuditKind.SIGN_OUT, {"reason": "idle"}),
    ]
    for index in range(count):
        kind, fields = shapes[index % len(shapes)]
        log.append(kind, staff_user=CLERK, **fields)


def test_entries_chain_from_genesis_with_the_documented_hash(tmp_path: Path) -> None:
    moment = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)
    with AuditLog(tmp_path / "audit.sqlite3", clock=lambda: moment) as log:
        first = log.append("sign_in", staff_user=CLERK, role="clerk")
        second = log.append(AuditKind.SERVICE, staff_user=CLERK, service="amparos")
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev == GENESIS and second.prev == first.hash
    assert first.at == moment and first.at.tzinfo is UTC
    # the documented serialisation, written out by hand: sorted keys, compact, UTF-8
    text = (
        '{"at":"2026-03-02T09:30:15.123456Z","fields":{"role":"clerk","staff_user":"jlopez"},'
        f'"kind":"sign_in","prev":"{GENESIS}","seq":1}}'
    )
    assert first.hash == hashlib.sha256(text.encode()).hexdigest()
    assert verify(tmp_path / "audit.sqlite3").ok


def test_the_file_is_wal_synchronous_full_and_private(tmp_path: Path) -> None:
    path = tmp_path / "private" / "audit.sqlite3"
    with AuditLog(path) as log:
        log.append("sign_in", staff_user=CLERK)
        assert log._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert log._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("kind", "fields", "named"),
    [
        ("service", {"staff_user": CLERK, "service": "amparos", "dpi": "2456789050101"}, "dpi"),
        ("printed", {"staff_user": CLERK, "document_kind": "CAP", "name": "Ana"}, "name"),
        ("sign_in", {"staff_user": CLERK, "email": "ana@example.com"}, "email"),
        ("sign_in", {"staff_user": CLERK, "password": "secreto123"}, "password"),
        ("sign_in", {"staff_user": CLERK, "token": "abc"}, "token"),
        # an allowed field of another kind is still refused
        ("sign_in", {"staff_user": CLERK, "document_code": CODE}, "document_code"),
        # allowed names whose values have the shape of personal data
        ("verdict", {"staff_user": CLERK, "verdict": "VALID", "document_code": "2456789050101"},
         "document_code"),  # a DPI is no document code
        # a download code (a secret that reprints) is no document code
        ("printed", {"staff_user": CLERK, "document_kind": "CAP",
                     "document_code": "ABCD-EFGH-JKMN"}, "document_code"),
        ("sign_in", {"staff_user": "ana@example.com"}, "staff_user"),
        ("sign_in", {"staff_user": "Juan Pérez"}, "staff_user"),
        ("printed", {"staff_user": CLERK, "document_kind": 7}, "document_kind"),
        ("sign_in", {}, "staff_user"),  # required
    ],
)  # fmt: skip
def test_only_allowed_fields_of_their_shape_are_written(
    tmp_path: Path, kind: str, fields: dict[str, object], named: str
) -> None:
    with AuditLog(tmp_path / "audit.sqlite3") as log:
        with pytest.raises(ValueError, match=named) as refused:
            log.append(kind, **fields)  # type: ignore[arg-type]
        for value in fields.values():  # the message names the field, never the value
            if isinstance(value, str) and value not in (CLERK, "amparos", "CAP", "VALID"):
                assert value not in str(refused.value)
        assert log.entries() == []


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    with AuditLog(tmp_path / "audit.sqlite3") as log, pytest.raises(ValueError):
        log.append("visitor_details", staff_user=CLERK)


def _append_many(path: str, clerk: str, count: int, start: Barrier) -> None:
    with AuditLog(Path(path)) as log:
        start.wait(60)  # both open (and the test), then both append at once
        for _ in range(count):
            log.append("service", staff_user=clerk, service="amparos")
            time.sleep(0.003)  # a clerk's pace, not a loop's: the other process gets its turns


def test_two_processes_appending_never_fork_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.sqlite3"
    AuditLog(path).close()
    context = multiprocessing.get_context("spawn")  # a fresh interpreter, as a second program
    start = context.Barrier(3)  # the two workers and this test: none appends before all are up
    workers = [
        context.Process(target=_append_many, args=(str(path), clerk, 150, start))
        for clerk in ("clerk.a", "clerk.b")
    ]
    for worker in workers:
        worker.start()
    start.wait(60)  # a loaded machine may take seconds to start an interpreter
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    with AuditLog(path) as log:
        entries = log.entries()
    assert [e.seq for e in entries] == list(range(1, 301))
    assert all(b.prev == a.hash for a, b in itertools.pairwise(entries))
    users = [e.fields["staff_user"] for e in entries]
    assert users.count("clerk.a") == users.count("clerk.b") == 150
    switches = sum(1 for a, b in itertools.pairwise(users) if a != b)
    assert switches > 10  # they really interleaved: a fork would have been possible
    result = verify(path)
    assert result.ok and result.checked == 300


def test_the_send_queue_is_in_order_idempotent_and_survives_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "audit.sqlite3"
    with AuditLog(path) as log:
        fill(log, 5)
        assert [e.seq for e in log.pending(3)] == [1, 2, 3]
        log.acknowledge(1)
        log.acknowledge(2)
        log.acknowledge(2)  # again: nothing
        log.acknowledge(1)
        with pytest.raises(ValueError, match="before entry 3"):
            log.acknowledge(4)
    with AuditLog(path) as log:  # a restart
        assert log.acknowledged == 2
        assert [e.seq for e in log.pending()] == [3, 4, 5]
        for seq in (3, 4, 5):
            log.acknowledge(seq)
        assert log.pending() == []
        with pytest.raises(ValueError, match="no entry 6"):
            log.acknowledge(6)


# --- tampering ------------------------------------------------------------------------------


def tamper(path: Path, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(sql, params)


@pytest.fixture
def shift(tmp_path: Path) -> Path:
    path = tmp_path / "audit.sqlite3"
    with AuditLog(path) as log:
        fill(log, 7)
    assert verify(path).ok
    return path


def test_changed_fields_are_found_at_their_entry(shift: Path) -> None:
    fields = {"document_code": "CAP-2026-ZZZZ-ZZZZ", "document_kind": "CAP"}
    changed = json.dumps(dict(fields, staff_user=CLERK), sort_keys=True, separators=(",", ":"))
    tamper(shift, "UPDATE audit_entries SET fields = ? WHERE seq = 3", changed)
    assert verify(shift) == VerifyResult(False, 2, 3, Broken.HASH)


def test_a_rewritten_entry_with_a_fresh_hash_is_found_at_the_next_one(shift: Path) -> None:
    with AuditLog(shift) as log:
        row = log.entries(after=3, limit=1)[0]
    fields = dict(row.fields, verdict="INVALID")
    digest = entry_hash(4, row.at_text, row.kind.value, fields, row.prev)
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    tamper(shift, "UPDATE audit_entries SET fields = ?, hash = ? WHERE seq = 4", text, digest)
    result = verify(shift)
    assert (result.ok, result.broken_seq, result.reason) == (False, 5, Broken.PREV)


def test_a_changed_hash_or_prev_is_found_at_its_entry(shift: Path, tmp_path: Path) -> None:
    tamper(shift, "UPDATE audit_entries SET hash = ? WHERE seq = 6", "f" * 64)
    result = verify(shift)
    assert (result.broken_seq, result.reason, result.checked) == (6, Broken.HASH, 5)
    other = tmp_path / "other.sqlite3"
    with AuditLog(other) as log:
        fill(log, 4)
    tamper(other, "UPDATE audit_entries SET prev = ? WHERE seq = 2", "0" * 64)
    assert (verify(other).broken_seq, verify(other).reason) == (2, Broken.HASH)


def test_a_deleted_entry_is_found_where_it_was(shift: Path) -> None:
    tamper(shift, "DELETE FROM audit_entries WHERE seq = 4")
    result = verify(shift)
    assert (result.ok, result.broken_seq, result.reason, result.checked) == (
        False, 4, Broken.GAP, 3,
    )  # fmt: skip


def test_deleting_the_last_sent_entries_is_found_by_the_send_mark(shift: Path) -> None:
    with AuditLog(shift) as log:
        for seq in range(1, 8):
            log.acknowledge(seq)
    tamper(shift, "DELETE FROM audit_entries WHERE seq >= 6")
    result = verify(shift)
    assert (result.broken_seq, result.reason) == (6, Broken.GAP)


def test_an_unreadable_row_or_file(shift: Path, tmp_path: Path) -> None:
    tamper(shift, "UPDATE audit_entries SET fields = ? WHERE seq = 2", "{not json")
    assert (verify(shift).broken_seq, verify(shift).reason) == (2, Broken.UNREADABLE)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is no database" * 100)
    assert verify(junk) == VerifyResult(False, 0, None, Broken.UNREADABLE)
    with pytest.raises(FileNotFoundError):
        verify(tmp_path / "missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()
