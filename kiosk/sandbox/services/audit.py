"""The portal's copy of each kiosk's audit chain (``POST /v1/audit``).

Rows are keyed by kiosk id and seq: every kiosk has a chain of its own. An entry is taken only
as its chain's next link (seq one past the last, prev the last hash, its hash right for its
content). The same entry again answers 200 with no second row, whenever it comes (not only
within the day an Idempotency-Key record lives): the chain itself is the record. Another entry at
a taken seq is a conflict: the kiosk's log was rewritten, which someone must look at.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from kiosk.portal.models import audit as api
from kiosk.sandbox.guards import IDEMPOTENCY_KEY, RateLimiter
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_entries (
    kiosk_id    TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    fields      TEXT NOT NULL,
    prev        TEXT NOT NULL,
    hash        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, seq)
) WITHOUT ROWID
"""

router = APIRouter(tags=["bitácora"])
#: a desk appends a few entries a minute; a backlog of a day's work after an outage flushes in
#: a few minutes at this pace (the sender stops at a 429 and tries again later)
_uploads = RateLimiter(600, 60.0)


@router.post(
    "/audit",
    status_code=201,
    response_model=api.AuditReceipt,
    responses={200: {"model": api.AuditReceipt, "description": "the same entry again"}},
)
def post_audit(
    body: api.AuditEntryUpload, request: Request, state: State, kiosk: KioskId
) -> Response:
    """Take the next entry of this kiosk's chain."""
    _uploads.check(kiosk)
    given = body.fields.present()
    try:
        api.check_fields(body.kind, given)
    except ValueError:
        detail = "La entrada lleva un dato que su tipo no admite, o le falta uno que necesita."
        raise ApiProblem(422, "audit_fields_not_allowed", detail, field="fields") from None
    idempotency(request, body)
    fields = json.dumps(given, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    receipt = api.AuditReceipt(seq=body.seq, hash=body.hash)
    with state.db.transaction() as conn:
        held = conn.execute(
            "SELECT at, kind, fields, prev, hash FROM audit_entries WHERE kiosk_id = ? AND seq = ?",
            (kiosk, body.seq),
        ).fetchone()
        if held is not None:
            if tuple(held) == (body.at, body.kind.value, fields, body.prev, body.hash):
                return _answer(200, receipt)
            detail = f"La entrada {body.seq} de este quiosco ya existe con otro contenido."
            raise ApiProblem(409, "audit_conflict", detail, field="seq")
        last = conn.execute(
            "SELECT seq, hash FROM audit_entries WHERE kiosk_id = ? ORDER BY seq DESC LIMIT 1",
            (kiosk,),
        ).fetchone()
        expected, prev = (last[0] + 1, last[1]) if last else (1, api.GENESIS)
        if body.seq != expected or body.prev != prev:
            detail = f"Se esperaba la entrada {expected} de la bitácora de este quiosco."
            field = "seq" if body.seq != expected else "prev"
            raise ApiProblem(409, "audit_out_of_order", detail, field=field)
        conn.execute(
            "INSERT INTO audit_entries(kiosk_id, seq, at, kind, fields, prev, hash, received_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (kiosk, body.seq, body.at, body.kind.value, fields, body.prev, body.hash,
             now().isoformat()),
        )  # fmt: skip
    return _answer(201, receipt)


def idempotency(request: Request, body: api.AuditEntryUpload) -> None:
    """An entry's Idempotency-Key is its hash, and the hash is right for its content.

    Not ``state.idempotency``: that one keeps a refusal as the key's answer for a day, and an
    entry refused as out of order must be taken once the entries before it arrive. The chain is
    the record of what was taken, for good."""
    key = request.headers.get("Idempotency-Key", "")
    if not IDEMPOTENCY_KEY.match(key):
        raise ApiProblem(
            400,
            "idempotency_key_required",
            "Falta la cabecera Idempotency-Key (8 a 100 caracteres: letras, números, - o _).",
        )
    if key != body.hash:
        detail = "La Idempotency-Key de una entrada de la bitácora es su hash."
        raise ApiProblem(422, "audit_key_mismatch", detail, field="hash")
    if body.expected_hash() != body.hash:
        detail = "El hash no corresponde al contenido de la entrada."
        raise ApiProblem(422, "audit_hash_invalid", detail, field="hash")


def _answer(status: int, receipt: api.AuditReceipt) -> JSONResponse:
    replayed = "true" if status == 200 else "false"
    content = json.loads(receipt.model_dump_json())
    return JSONResponse(content, status, headers={"Idempotent-Replayed": replayed})


SERVICE = SandboxService(name="bitacora", router=router, schema=SCHEMA, tables=())
