"""The clerk's audit log (issue 14, item 3): one hash-chained entry at a time, sent in order.

Each kiosk keeps its own chain (``kiosk.audit``): entry ``seq`` carries the hash of entry
``seq - 1`` (``GENESIS`` for the first) and its own hash over a canonical serialisation of seq,
at, kind, fields and prev. The portal holds a copy of every kiosk's chain and accepts only its
next link: the same entry again is a replay (200), anything else at that place a conflict (409).

What an entry may say is an allow-list per kind, checked here so the kiosk refuses to write and
the portal refuses to hold anything else: document codes and kinds, service ids, verdicts, the
clerk's user id, reason codes. Never a DPI, name, email, password, token or download code.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import ByValue, Integer

#: the ``prev`` of the first entry of a chain: no entry hashes to it
GENESIS = "0" * 64
HASH_PATTERN = r"^[0-9a-f]{64}$"
#: UTC with microseconds and a Z, exactly as hashed: the text travels, never a re-formatting of it
AT_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$"

Hash = Annotated[str, Field(pattern=HASH_PATTERN, examples=["9f2c" + "0" * 60])]
FieldValue = str  # codes and ids only: no free text, no numbers


class AuditKind(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    SERVICE = "service"  # a service used on behalf of a visitor
    PRINTED = "printed"
    REPRINTED = "reprinted"  # by a supervisor, with a reason
    VERDICT = "verdict"  # a verification's verdict
    FAILURE = "failure"  # something that failed during the clerk's work


_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")  # reason, failure and role codes
#: a document's public verification code (CAP-2026-ABCD-EFGH); a download code (a secret that
#: reprints the document: three groups, no type nor year) does not have this shape
_DOCUMENT_CODE = re.compile(r"^[A-Z]{2,6}-[0-9]{4}(-[0-9A-Z]{4}){1,4}$")

#: every field an entry may carry, and the shape of its value
FIELD_SHAPES: dict[str, re.Pattern[str]] = {
    "staff_user": re.compile(r"^[a-z][a-z0-9._-]{1,39}$"),  # the portal's user id, not a name
    "role": re.compile(r"^(clerk|supervisor)$"),
    "service": re.compile(r"^[a-z][a-z0-9-]{1,63}$"),  # a catalogue id: antecedentes-penales
    "document_code": _DOCUMENT_CODE,
    "document_kind": re.compile(r"^([A-Z]{2,6}|[a-z][a-z0-9_]{1,39})$"),  # CAP, hoja_de_pago
    "verdict": re.compile(r"^[A-Z][A-Z_]{1,29}$"),  # kiosk.seals.reasons.Verdict values
    "reason": _CODE,
    "code": _CODE,
}

_EVERY_ACTION = frozenset({"staff_user"})
#: (allowed fields, required fields) per kind
ALLOWED: dict[AuditKind, tuple[frozenset[str], frozenset[str]]] = {
    AuditKind.SIGN_IN: (frozenset({"staff_user", "role"}), _EVERY_ACTION),
    AuditKind.SIGN_OUT: (frozenset({"staff_user", "reason"}), _EVERY_ACTION),
    AuditKind.SERVICE: (frozenset({"staff_user", "service"}), frozenset({"staff_user", "service"})),
    AuditKind.PRINTED: (
        frozenset({"staff_user", "service", "document_code", "document_kind"}),
        frozenset({"staff_user", "document_kind"}),
    ),
    AuditKind.REPRINTED: (
        frozenset({"staff_user", "document_code", "document_kind", "reason"}),
        frozenset({"staff_user", "document_code", "reason"}),
    ),
    AuditKind.VERDICT: (
        frozenset({"staff_user", "verdict", "document_code", "document_kind", "reason"}),
        frozenset({"staff_user", "verdict"}),
    ),
    AuditKind.FAILURE: (
        frozenset({"staff_user", "service", "code"}),
        frozenset({"staff_user", "code"}),
    ),
}


def check_fields(kind: AuditKind, fields: Mapping[str, object]) -> dict[str, FieldValue]:
    """``fields`` when every one is allowed for ``kind`` and has its shape; ValueError naming the
    field otherwise (never its value: it may be the very personal data refused)."""
    allowed, required = ALLOWED[kind]
    for name in sorted(fields):
        if name not in allowed:
            raise ValueError(f"field {name!r} is not allowed in a {kind.value} entry")
    missing = sorted(required - set(fields))
    if missing:
        raise ValueError(f"a {kind.value} entry needs {', '.join(missing)}")
    checked: dict[str, FieldValue] = {}
    for name, value in fields.items():
        if not isinstance(value, str):
            raise ValueError(f"field {name!r} must be a text")
        if not FIELD_SHAPES[name].match(value):
            raise ValueError(f"field {name!r} does not have the shape of a {name}")
        checked[name] = value
    return checked


def canonical(seq: int, at: str, kind: str, fields: Mapping[str, FieldValue], prev: str) -> bytes:
    """What an entry's hash covers: sorted-key compact JSON (UTF-8) of its five parts."""
    content = {"seq": seq, "at": at, "kind": kind, "fields": dict(fields), "prev": prev}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode()


def entry_hash(seq: int, at: str, kind: str, fields: Mapping[str, FieldValue], prev: str) -> str:
    return hashlib.sha256(canonical(seq, at, kind, fields, prev)).hexdigest()


def _shape(name: str) -> str:
    return FIELD_SHAPES[name].pattern


class AuditFields(ApiModel):
    """Every field an entry may carry, each optional here; which ones a kind allows and needs is
    ``ALLOWED`` (the portal answers ``audit_fields_not_allowed``)."""

    staff_user: str | None = Field(default=None, pattern=_shape("staff_user"))
    role: str | None = Field(default=None, pattern=_shape("role"))
    service: str | None = Field(default=None, pattern=_shape("service"))
    document_code: str | None = Field(default=None, pattern=_shape("document_code"))
    document_kind: str | None = Field(default=None, pattern=_shape("document_kind"))
    verdict: str | None = Field(default=None, pattern=_shape("verdict"))
    reason: str | None = Field(default=None, pattern=_shape("reason"))
    code: str | None = Field(default=None, pattern=_shape("code"))

    def present(self) -> dict[str, FieldValue]:
        """The fields given, as hashed."""
        return self.model_dump(exclude_none=True)


class AuditEntryUpload(ApiModel):
    """One entry of a kiosk's chain, as its log holds it; sent with ``Idempotency-Key: hash``."""

    seq: Integer = Field(ge=1, description="1, 2, ... per kiosk; sent in order")
    at: str = Field(pattern=AT_PATTERN, description="UTC, as hashed", examples=[
        "2026-03-02T15:04:05.123456Z"
    ])  # fmt: skip
    kind: ByValue[AuditKind]
    fields: AuditFields = Field(description="only the fields allowed for the kind")
    prev: Hash = Field(description="the previous entry's hash; 64 zeros for the first")
    hash: Hash = Field(description="SHA-256 of the sorted-key compact JSON of the other five")

    def expected_hash(self) -> str:
        return entry_hash(self.seq, self.at, self.kind.value, self.fields.present(), self.prev)


class AuditReceipt(ApiModel):
    seq: Integer = Field(ge=1)
    hash: Hash


#: 201 the entry is the chain's next; 200 the same entry again (a retry). 422
#: ``audit_fields_not_allowed``: a field the kind does not allow, or one it needs missing. 409
#: ``audit_out_of_order`` (not the next seq, or prev is not the last hash: detail names the
#: expected seq) or ``audit_conflict`` (another entry already holds that seq).
POST_AUDIT = Endpoint("POST", "/audit", AuditReceipt)
