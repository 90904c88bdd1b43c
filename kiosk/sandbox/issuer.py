"""The sandbox's document issuer: signs a constancia's seal (SEAL.md) and records the document."""

from __future__ import annotations

import secrets
import sqlite3
from datetime import UTC, date, datetime

from kiosk.portal.models import Certificate
from kiosk.sandbox.keyring import Keyring
from kiosk.sandbox.registry import full_name
from kiosk.sandbox.store import GUATEMALA, now
from kiosk.seals.codec import encode_seal
from kiosk.seals.model import DocumentType, RecordResult, SealedDocument, add_months

# No 0/O, 1/I/L: codes are read off paper and typed on a touch screen.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CONSTANCIA_MONTHS = 6


def random_code(groups: int, size: int = 4) -> str:
    return "-".join(
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(size)) for _ in range(groups)
    )


def new_download_code() -> str:
    return random_code(3)


def new_document_code(doc_type: DocumentType, year: int) -> str:
    return f"{doc_type.value}-{year}-{random_code(2)}"


def issue_constancia(
    conn: sqlite3.Connection,
    keyring: Keyring,
    person: sqlite3.Row,
    result: RecordResult,
    download_code: str,
) -> str:
    """Sign and store a Constancia de Antecedentes Penales; return its verification code."""
    issued = now()
    code = new_document_code(DocumentType.CAP, issued.year)
    document = SealedDocument(
        type=DocumentType.CAP,
        code=code,
        full_name=full_name(person),
        dpi=person["dpi"],
        birth_date=date.fromisoformat(person["birth_date"]),
        result=result,
        issued_at=issued.astimezone(UTC),
        expires_at=add_months(issued, CONSTANCIA_MONTHS).astimezone(UTC),
    )
    seal = encode_seal(document, keyring.issuer().private_key)
    conn.execute(
        "INSERT INTO documents(code, type, dpi, full_name, birth_date, result, issued_at, "
        "expires_at, seal, download_code) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            code,
            document.type.value,
            document.dpi,
            document.full_name,
            document.birth_date.isoformat(),
            result.value,
            issued.isoformat(),
            document.expires_at.astimezone(GUATEMALA).isoformat(),
            seal,
            download_code,
        ),
    )
    return code


def certificate_from_row(row: sqlite3.Row) -> Certificate:
    return Certificate(
        code=row["code"],
        type=row["type"],
        full_name=row["full_name"],
        dpi=row["dpi"],
        birth_date=date.fromisoformat(row["birth_date"]),
        result=row["result"],
        issued_at=datetime.fromisoformat(row["issued_at"]),
        valid_until=datetime.fromisoformat(row["expires_at"]),
        seal=row["seal"],
    )
