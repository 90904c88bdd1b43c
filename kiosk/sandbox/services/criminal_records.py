"""Antecedentes Penales: a paid request gives a signed constancia at once, or a review."""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime, timedelta

from fastapi import APIRouter, Request, Response

from kiosk.identity import IdentityError, validate_dpi, validate_email
from kiosk.portal.models import (
    BoletaCheck,
    BoletaPayment,
    Certificate,
    CriminalRecordRequest,
    CriminalRecordRequestCreate,
    RequestStatus,
)
from kiosk.sandbox import payments
from kiosk.sandbox.issuer import certificate_from_row, issue_constancia, new_download_code
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.registry import find_person, require_person
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State, visitor_account
from kiosk.sandbox.store import now
from kiosk.seals.model import RecordResult

router = APIRouter(tags=["antecedentes penales"])

REVIEW_TIME = timedelta(days=3)


@router.post("/criminal-records/requests", status_code=201, response_model=CriminalRecordRequest)
def create_request(
    body: CriminalRecordRequestCreate, request: Request, state: State, kiosk: KioskId
) -> Response:
    account = visitor_account(request, state.db)
    if isinstance(body.payment, BoletaPayment):
        state.boleta_limiter.check(kiosk)

    def produce(conn: sqlite3.Connection) -> tuple[int, CriminalRecordRequest]:
        if account is not None:
            person = find_person(conn, account["dpi"])
            assert person is not None  # accounts reference persons
        else:
            person = _identify(conn, body)
        email = _email(body.email or (account["email"] if account is not None else None))
        request_id = "cr_" + secrets.token_hex(8)
        if isinstance(body.payment, BoletaPayment):
            check = BoletaCheck(**body.payment.model_dump(exclude={"kind"}))
            payments.spend_boleta(conn, check, request_id)
            payment_ref = f"{check.bank.value}:{check.number}"
        else:
            payments.spend_order(conn, body.payment.order_id, request_id)
            payment_ref = body.payment.order_id
        created = now()
        download_code = new_download_code()
        code: str | None = None
        ready_by: datetime | None = None
        if person["review"]:
            status = RequestStatus.IN_REVIEW
            ready_by = created + REVIEW_TIME
        else:
            has_record = conn.execute(
                "SELECT 1 FROM criminal_records WHERE dpi = ? LIMIT 1", (person["dpi"],)
            ).fetchone()
            result = RecordResult.R if has_record else RecordResult.NR
            status = RequestStatus.REGISTERED if has_record else RequestStatus.ISSUED
            code = issue_constancia(conn, state.keyring, person, result, download_code)
        conn.execute(
            "INSERT INTO criminal_record_requests(id, dpi, account_id, email, payment_kind, "
            "payment_ref, status, document_code, download_code, created_at, ready_by) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                request_id,
                person["dpi"],
                account["id"] if account is not None else None,
                email,
                body.payment.kind,
                payment_ref,
                status.value,
                code,
                download_code,
                created.isoformat(),
                ready_by.isoformat() if ready_by else None,
            ),
        )
        return 201, _request_model(conn, request_id)

    # The session's account is part of the request: another visitor's same key is no replay.
    return state.idempotency.run(
        request, kiosk, body, produce, extra=account["id"] if account is not None else ""
    )


@router.get("/criminal-records/requests/{request_id}", response_model=CriminalRecordRequest)
def get_request(request_id: str, state: State, _: KioskId) -> CriminalRecordRequest:
    return _request_model(state.db.connection(), request_id)


@router.get("/certificates/{download_code}", response_model=Certificate)
def get_certificate(download_code: str, state: State, _: KioskId) -> Certificate:
    """The document behind a download code: for reprints and for visitors who come back."""
    code = download_code.strip().upper()
    row = state.db.one("SELECT * FROM documents WHERE download_code = ?", (code,))
    if row is not None:
        return certificate_from_row(row)
    pending = state.db.one(
        "SELECT ready_by FROM criminal_record_requests WHERE download_code = ?", (code,)
    )
    if pending is not None:
        raise ApiProblem(
            409,
            "in_review",
            "Su solicitud sigue en revisión. Vuelva a consultar después de la fecha indicada.",
        )
    raise ApiProblem(
        404, "certificate_not_found", "No hay un documento con ese código de descarga."
    )


def _identify(conn: sqlite3.Connection, body: CriminalRecordRequestCreate) -> sqlite3.Row:
    if not (body.dpi and body.birth_date and body.first_names and body.last_names):
        raise ApiProblem(
            422,
            "identity_required",
            "Sin cuenta hacen falta el DPI, la fecha de nacimiento, los nombres y los apellidos.",
        )
    try:
        dpi = validate_dpi(body.dpi)
    except IdentityError as exc:
        raise ApiProblem(422, "dpi_invalid", exc.message, field="dpi") from None
    return require_person(conn, dpi, body.birth_date, body.first_names, body.last_names)


def _email(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return validate_email(value)
    except IdentityError as exc:
        raise ApiProblem(422, "email_invalid", exc.message, field="email") from None


def _request_model(conn: sqlite3.Connection, request_id: str) -> CriminalRecordRequest:
    row = conn.execute(
        "SELECT * FROM criminal_record_requests WHERE id = ?", (request_id,)
    ).fetchone()
    if row is None:
        raise ApiProblem(404, "request_not_found", "No existe esa solicitud.")
    return CriminalRecordRequest(
        id=row["id"],
        status=RequestStatus(row["status"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        certificate_code=row["document_code"],
        download_code=row["download_code"],
        ready_by=datetime.fromisoformat(row["ready_by"]) if row["ready_by"] else None,
        email_sent=row["email"] is not None and row["status"] != RequestStatus.IN_REVIEW.value,
    )


SERVICE = SandboxService(name="antecedentes-penales", router=router)
