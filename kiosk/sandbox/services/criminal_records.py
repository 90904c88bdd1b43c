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
from kiosk.sandbox.state import KioskId, SandboxState, State, visitor_account
from kiosk.sandbox.store import now
from kiosk.seals.model import RecordResult

router = APIRouter(tags=["antecedentes penales"])

REVIEW_TIME = timedelta(days=3)


@router.post("/criminal-records/requests", status_code=201, response_model=CriminalRecordRequest)
def create_request(
    body: CriminalRecordRequestCreate, request: Request, state: State, kiosk: KioskId
) -> Response:
    account = visitor_account(request, state.db, kiosk)
    if isinstance(body.payment, BoletaPayment):
        state.boleta_limiter.check(kiosk)
    guest_dpi: str | None = None
    if account is None:
        guest_dpi = _guest_dpi(body)
        state.identity_limits.admit(kiosk, guest_dpi)

    def produce(conn: sqlite3.Connection) -> tuple[int, CriminalRecordRequest]:
        # The payment is checked before the identity: without a usable payment nobody learns
        # whether a DPI and a birth date go together.
        if isinstance(body.payment, BoletaPayment):
            check = BoletaCheck(**body.payment.model_dump(exclude={"kind"}))
            payments.check_boleta(conn, check, today=now().date())
        else:
            payments.check_order(conn, body.payment.order_id)
        if account is not None:
            person = find_person(conn, account["dpi"])
            assert person is not None  # accounts reference persons
        else:
            assert guest_dpi is not None
            person = _identify(conn, state, guest_dpi, body)
        email = _email(body.email or (account["email"] if account is not None else None))
        request_id = "cr_" + secrets.token_hex(8)
        if isinstance(body.payment, BoletaPayment):
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
            "payment_ref, status, document_code, download_code, created_at, ready_by, "
            "kiosk_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
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
                kiosk,
            ),
        )
        return 201, _request_model(conn, request_id)

    # The session's account is part of the request: another visitor's same key is no replay.
    return state.idempotency.run(
        request, kiosk, body, produce, extra=account["id"] if account is not None else ""
    )


@router.get("/criminal-records/requests/{request_id}", response_model=CriminalRecordRequest)
def get_request(
    request_id: str, request: Request, state: State, kiosk: KioskId
) -> CriminalRecordRequest:
    """A request, for the kiosk that made it; one made with an account, only with that
    account's session too. To anyone else it does not exist (it carries the download code)."""
    row = state.db.one(
        "SELECT kiosk_id, account_id FROM criminal_record_requests WHERE id = ?", (request_id,)
    )
    account = visitor_account(request, state.db, kiosk)
    readable = (
        row is not None
        and row["kiosk_id"] == kiosk
        and (
            row["account_id"] is None
            or (account is not None and account["id"] == row["account_id"])
        )
    )
    if not readable:
        raise ApiProblem(404, "request_not_found", "No existe esa solicitud.")
    return _request_model(state.db.connection(), request_id)


@router.get("/certificates/{download_code}", response_model=Certificate)
def get_certificate(download_code: str, state: State, kiosk: KioskId) -> Certificate:
    """The document behind a download code: for reprints and for visitors who come back. The
    code is a bearer secret; look-ups are limited per kiosk so that codes cannot be walked."""
    state.lookup_limiter.check(f"{kiosk} certificates")
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


def _guest_dpi(body: CriminalRecordRequestCreate) -> str:
    """Without an account the request says who it is for: all four data, a valid DPI."""
    if not (body.dpi and body.birth_date and body.first_names and body.last_names):
        raise ApiProblem(
            422,
            "identity_required",
            "Sin cuenta hacen falta el DPI, la fecha de nacimiento, los nombres y los apellidos.",
        )
    try:
        return validate_dpi(body.dpi)
    except IdentityError as exc:
        raise ApiProblem(422, "dpi_invalid", exc.message, field="dpi") from None


def _identify(
    conn: sqlite3.Connection, state: SandboxState, dpi: str, body: CriminalRecordRequestCreate
) -> sqlite3.Row:
    assert body.birth_date is not None  # _guest_dpi said so
    try:
        return require_person(conn, dpi, body.birth_date, body.first_names, body.last_names)
    except ApiProblem:
        state.identity_limits.failed(dpi)
        raise


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
