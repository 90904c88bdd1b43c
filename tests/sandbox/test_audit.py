"""POST /v1/audit on the session's sandbox over HTTP: a kiosk's chain is taken link by link, in
order; the same entry again is a 200 replay, another entry at a taken place a 409; problems are
problem+json naming the field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.devices import enrolled_kiosk

from kiosk.audit import AuditEntry, AuditLog
from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.models.audit import entry_hash


@pytest.fixture
def http(sandbox: PortalEndpoint, kiosk_id: str) -> Iterator[httpx.Client]:
    headers = {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token}
    with httpx.Client(base_url=f"{sandbox.url}/v1", headers=headers, timeout=15) as client:
        yield client


@pytest.fixture
def entries(tmp_path: Path) -> list[AuditEntry]:
    with AuditLog(tmp_path / "audit.sqlite3") as log:
        log.append("sign_in", staff_user="jlopez", role="clerk")
        log.append("service", staff_user="jlopez", service="amparos")
        log.append("printed", staff_user="jlopez", document_kind="CAP")
        return log.entries()


def body(entry: AuditEntry, **changes: Any) -> dict[str, Any]:
    return {**entry.upload().model_dump(mode="json"), **changes}


def post(http: httpx.Client, content: dict[str, Any], key: str | None = None) -> httpx.Response:
    return http.post("/audit", json=content, headers={"Idempotency-Key": key or content["hash"]})


def test_a_chain_is_taken_in_order_and_a_replay_answers_200(
    http: httpx.Client, entries: list[AuditEntry]
) -> None:
    first, second, third = entries
    answer = post(http, body(first))
    assert answer.status_code == 201
    assert answer.json() == {"seq": 1, "hash": first.hash}
    again = post(http, body(first))
    assert again.status_code == 200 and again.json() == answer.json()
    assert (answer.headers["Idempotent-Replayed"], again.headers["Idempotent-Replayed"]) == (
        "false", "true",
    )  # fmt: skip
    skipped = post(http, body(third))
    assert skipped.status_code == 409
    assert skipped.headers["content-type"].startswith("application/problem+json")
    assert skipped.json()["code"] == "audit_out_of_order"
    assert "2" in skipped.json()["detail"] and skipped.json()["field"] == "seq"
    assert post(http, body(second)).status_code == 201
    assert post(http, body(third)).status_code == 201
    assert post(http, body(second)).status_code == 200  # an old one again: still a replay


def test_another_entry_at_a_taken_seq_is_a_conflict(
    http: httpx.Client, entries: list[AuditEntry]
) -> None:
    first = entries[0]
    assert post(http, body(first)).status_code == 201
    fields: dict[str, str] = {"staff_user": "otro.usuario", "role": "clerk"}
    forged = entry_hash(1, first.at_text, "sign_in", fields, first.prev)
    answer = post(http, body(first, fields=fields, hash=forged))
    assert answer.status_code == 409
    assert (answer.json()["code"], answer.json()["field"]) == ("audit_conflict", "seq")


def test_a_next_seq_with_the_wrong_prev_is_out_of_order(
    http: httpx.Client, entries: list[AuditEntry]
) -> None:
    first, second = entries[:2]
    assert post(http, body(first)).status_code == 201
    wrong = "a" * 64
    forged = entry_hash(2, second.at_text, second.kind.value, dict(second.fields), wrong)
    answer = post(http, body(second, prev=wrong, hash=forged))
    assert answer.status_code == 409
    assert (answer.json()["code"], answer.json()["field"]) == ("audit_out_of_order", "prev")


def test_chains_are_per_kiosk(
    http: httpx.Client, sandbox: PortalEndpoint, entries: list[AuditEntry]
) -> None:
    assert post(http, body(entries[0])).status_code == 201
    other = enrolled_kiosk(sandbox)
    headers = {"X-Kiosk-Id": other, "X-Kiosk-Token": sandbox.device_token}
    with httpx.Client(base_url=f"{sandbox.url}/v1", headers=headers, timeout=15) as client:
        assert post(client, body(entries[0])).status_code == 201  # its own seq 1


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        ({"hash": "b" * 64}, 422, "audit_hash_invalid", "hash"),  # key follows the hash
        ({"fields": {"staff_user": "jlopez", "dpi": "2456789050101"}}, 422, "invalid_input",
         "fields.dpi"),
        ({"fields": {"staff_user": "jlopez", "document_code": "CAP-2026-ABCD-EFGH"}}, 422,
         "audit_fields_not_allowed", "fields"),  # not in a sign_in entry
        ({"fields": {"staff_user": "Ana Pérez"}}, 422, "invalid_input", "fields.staff_user"),
        ({"kind": "visitor"}, 422, "invalid_input", "kind"),
        ({"at": "2026-03-02T09:30:15-06:00"}, 422, "invalid_input", "at"),
        ({"seq": 0}, 422, "invalid_input", "seq"),
        ({"prev": "nothex"}, 422, "invalid_input", "prev"),
    ],
)  # fmt: skip
def test_bad_entries_are_refused_naming_the_field(
    http: httpx.Client,
    entries: list[AuditEntry],
    change: dict[str, Any],
    status: int,
    code: str,
    field: str,
) -> None:
    answer = post(http, body(entries[0], **change))
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert (answer.json()["code"], answer.json().get("field")) == (code, field)


def test_the_idempotency_key_is_the_entry_hash(
    http: httpx.Client, entries: list[AuditEntry]
) -> None:
    answer = post(http, body(entries[0]), key="another-key-123")
    assert answer.status_code == 422
    assert (answer.json()["code"], answer.json()["field"]) == ("audit_key_mismatch", "hash")
    missing = http.post("/audit", json=body(entries[0]))
    assert missing.status_code == 400
    assert missing.json()["code"] == "idempotency_key_required"


def test_only_an_enrolled_kiosk_may_send(
    sandbox: PortalEndpoint, entries: list[AuditEntry]
) -> None:
    headers = {"X-Kiosk-Id": "GT-NOT-ENROLLED", "X-Kiosk-Token": "wrong"}
    with httpx.Client(base_url=f"{sandbox.url}/v1", headers=headers, timeout=15) as client:
        answer = post(client, body(entries[0]))
    assert answer.status_code == 401
    assert answer.json()["code"] == "device_unauthorized"
