"""Formulario Electrónico de Ingresos (FEI): the catalogue of concepts, forms made once per
Idempotency-Key, and a form's status by its number for the bank side.

Every input is checked here as a real gateway must (the kiosk checks first, for the visitor's
sake): the concept exists, a case number is given exactly when the concept needs one and names a
real court, the NIT's check digit, the DPI, the payer's name and the amount against the concept's
fixed amount or bounds. Forms are limited per kiosk and per payer (a NIT or DPI, from any kiosk),
so that neither a kiosk nor a script floods someone's number with forms. The payer's name and
number are stored in full, as the portal keeps them, and served only as initials and last digits.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from kiosk import formats
from kiosk.case_numbers import CaseNumberError, court_of, parse_case_number
from kiosk.identity import IdentityError, mask_dpi, validate_dpi
from kiosk.nit import NitError, mask_nit, validate_nit
from kiosk.portal.models import income_forms as api
from kiosk.portal.models.income_forms import ConceptKind, FeiStatus, PayerIdKind
from kiosk.portal.models.payments import Bank
from kiosk.sandbox import income_forms_data as data
from kiosk.sandbox import income_forms_seed as seed
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.people import initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

router = APIRouter(tags=["formulario electrónico de ingresos"])
#: [A] a visitor makes one or two forms; ten a minute from one kiosk is someone scripting it
_forms_per_kiosk = RateLimiter(10, 60.0)
#: [A] forms for one NIT or DPI from every kiosk together: a firm paying many fees stays under it
_forms_per_payer = RateLimiter(
    20,
    3600.0,
    detail="Se hicieron demasiados formularios con este NIT o DPI. Espere {wait} e intente de "
    "nuevo, o pregunte en la ventanilla.",
)
_NUMBER = re.compile(r"FEI-[0-9]{4}-[0-9]{8}")
_SGT = re.compile(r"[0-9]{5}-[0-9]{4}-[0-9]{5}")
_CENT = Decimal("0.01")


# --- the catalogue --------------------------------------------------------------------------------


@router.get("/fei-concepts", response_model=api.ConceptList)
def list_concepts(
    state: State,
    _: KioskId,
    kind: Annotated[ConceptKind | None, Query(description="only this kind")] = None,
) -> api.ConceptList:
    """What can be paid with a FEI, by kind and then in the catalogue's order."""
    conn = state.db.connection()
    if kind is None:
        rows = conn.execute("SELECT * FROM fei_concepts ORDER BY position").fetchall()
    else:
        rows = conn.execute(
            "SELECT * FROM fei_concepts WHERE kind = ? ORDER BY position", (kind.value,)
        ).fetchall()
    items = [_concept(row) for row in rows]  # the catalogue lists its kinds one after another
    return api.ConceptList(items=items, valid_days=data.VALID_DAYS, banks=list(data.BANKS))


def _concept(row: sqlite3.Row) -> api.FeiConcept:
    return api.FeiConcept(
        code=row["code"],
        name=row["name"],
        kind=ConceptKind(row["kind"]),
        description=row["description"],
        needs_case=bool(row["needs_case"]),
        amount=_money(row["amount_cents"]),
        min_amount=_money(row["min_cents"]),
        max_amount=_money(row["max_cents"]),
    )


# --- a new form ----------------------------------------------------------------------------------


@router.post("/fei", status_code=201, response_model=api.IncomeForm)
def create_form(body: api.FeiCreate, request: Request, state: State, kiosk: KioskId) -> Response:
    _forms_per_kiosk.check(kiosk)
    payer_id = _payer_id(body)
    _forms_per_payer.check(f"{body.payer_id_kind.value}:{payer_id}")
    public_url = state.options.public_url

    def produce(conn: sqlite3.Connection) -> tuple[int, api.IncomeForm]:
        concept = conn.execute(
            "SELECT * FROM fei_concepts WHERE code = ?", (body.concept,)
        ).fetchone()
        if concept is None:
            detail = "Ese concepto de pago no existe: elija uno de la lista."
            raise ApiProblem(422, "concept_unknown", detail, field="concept")
        case_number = _case_number(body.case_number, concept)
        cents = _amount_cents(body.amount, concept)
        name = _payer_name(body.payer_name)
        created = now()
        year = created.year
        sequence = _next_sequence(conn, year)
        number = seed.number_of(year, sequence)
        valid_until = created.date() + timedelta(days=data.VALID_DAYS)
        # where it belongs: the case's court, else where the payer is from, else the capital
        department = 1
        if case_number is not None and _SGT.fullmatch(case_number):
            department = int(case_number[:2])
        elif body.payer_id_kind is PayerIdKind.DPI:
            department = int(payer_id[9:11])
        conn.execute(
            "INSERT INTO fei_forms(number, concept, case_number, department, payer_kind, "
            "payer_id, payer_name, amount_cents, created_at, valid_until, kiosk_id) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (number, body.concept, case_number, department, body.payer_id_kind.value, payer_id,
             name, cents, created.isoformat(), valid_until.isoformat(), kiosk),
        )  # fmt: skip
        return 201, _form(_row(conn, number), public_url)

    return state.idempotency.run(request, kiosk, body, produce)


def _payer_id(body: api.FeiCreate) -> str:
    try:
        if body.payer_id_kind is PayerIdKind.NIT:
            return validate_nit(body.payer_id)
        return validate_dpi(body.payer_id)
    except NitError as exc:
        raise ApiProblem(422, "nit_invalid", exc.message, field="payer_id") from None
    except IdentityError as exc:
        raise ApiProblem(422, "dpi_invalid", exc.message, field="payer_id") from None


def _case_number(typed: str | None, concept: sqlite3.Row) -> str | None:
    if not concept["needs_case"]:
        if typed is not None:
            detail = "Este pago no es de un caso: no lleva número de expediente."
            raise ApiProblem(422, "case_number_unexpected", detail, field="case_number")
        return None
    if typed is None:
        detail = "Este pago es de un caso: falta el número del expediente."
        raise ApiProblem(422, "case_number_required", detail, field="case_number")
    try:
        parsed = parse_case_number(typed, this_year=now().year)
    except CaseNumberError as exc:
        raise ApiProblem(422, "case_number_invalid", str(exc), field="case_number") from None
    canonical = str(parsed)
    if typed != canonical:  # the kiosk parses what was typed: the contract takes its result
        detail = f"El número del expediente se escribe así: {canonical}."
        raise ApiProblem(422, "case_number_invalid", detail, field="case_number")
    if parsed.is_sgt and court_of(parsed) is None:
        detail = (
            f"No hay ningún juzgado con el código {parsed.court_id}: revise las primeras "
            "cinco cifras del número del expediente."
        )
        raise ApiProblem(422, "case_number_court", detail, field="case_number")
    return canonical


def _amount_cents(amount: Decimal, concept: sqlite3.Row) -> int:
    cents = int((amount * 100).to_integral_value())
    name = concept["name"]
    if concept["amount_cents"] is not None:
        if cents != concept["amount_cents"]:
            fixed = formats.money(_money(concept["amount_cents"]) or 0)
            detail = f"«{name}» tiene un monto fijo de {fixed}."
            raise ApiProblem(422, "amount_fixed", detail, field="amount")
        return cents
    low, high = concept["min_cents"], concept["max_cents"]
    if not low <= cents <= high:
        shown = [formats.money(_money(value) or 0) for value in (low, high)]
        detail = (
            f"El monto de «{name}» va de {shown[0]} a {shown[1]}: escriba un monto dentro de "
            "ese rango."
        )
        raise ApiProblem(422, "amount_out_of_range", detail, field="amount")
    return cents


def _payer_name(typed: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", typed).split())
    allowed = set(api.PAYER_NAME_PUNCTUATION) | {" "}
    bad = next((c for c in name if not (c.isalnum() or c in allowed)), None)
    if bad is not None or sum(c.isalpha() for c in name) < 2:
        detail = (
            "Escriba el nombre de quien paga con letras, como aparece en su DPI o en su NIT."
            if bad is None
            else f"En el nombre de quien paga no se permite «{bad}»: quítelo."
        )
        raise ApiProblem(422, "payer_name_invalid", detail, field="payer_name")
    return name


def _next_sequence(conn: sqlite3.Connection, year: int) -> int:
    row = conn.execute(
        "UPDATE fei_counters SET last = last + 1 WHERE year = ? RETURNING last", (year,)
    ).fetchone()
    if row is not None:
        return int(row[0])
    conn.execute("INSERT INTO fei_counters(year, last) VALUES (?, 1)", (year,))
    return 1


# --- a form by its number: the bank side ---------------------------------------------------------


@router.get("/fei/{number}", response_model=api.FeiCheck)
def form_status(number: str, state: State, kiosk: KioskId) -> api.FeiCheck:
    """What a bank needs to take a payment: the amount, and whether it is still payable.
    Numbers follow each other: look-ups are limited per kiosk (nothing personal is served)."""
    state.lookup_limiter.check(f"{kiosk} fei")
    row = _row(state.db.connection(), _canonical_number(number))
    return _check(row)


@router.post("/sandbox/bank/fei/{number}/pay", response_model=api.FeiCheck)
def pay_form(
    number: str,
    request: Request,
    state: State,
    kiosk: KioskId,
    bank: Annotated[Bank, Query(description="the bank that takes the payment")] = Bank.BANRURAL,
) -> Response:
    """The bank simulator takes the payment of a pending form; a paid one stays as it was."""
    canonical = _canonical_number(number)

    def produce(conn: sqlite3.Connection) -> tuple[int, api.FeiCheck]:
        row = _row(conn, canonical)
        status = _status(row, formats.now().date())
        if status is FeiStatus.EXPIRED:
            day = formats.day(date.fromisoformat(row["valid_until"]))
            detail = f"El formulario venció el {day} sin pago: hay que hacer uno nuevo."
            raise ApiProblem(409, "fei_expired", detail)
        if status is FeiStatus.PENDING:
            conn.execute(
                "UPDATE fei_forms SET paid_at = ?, paid_bank = ? WHERE number = ?",
                (now().isoformat(), bank.value, canonical),
            )
        return 200, _check(_row(conn, canonical))

    return state.idempotency.run(request, kiosk, None, produce, extra=bank.value)


def _canonical_number(typed: str) -> str:
    number = typed.strip().upper()
    if not _NUMBER.fullmatch(number):
        detail = "El número del formulario se escribe así: FEI-2026-00012345."
        raise ApiProblem(422, "fei_number_invalid", detail, field="number")
    return number


def _row(conn: sqlite3.Connection, number: str) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        "SELECT f.*, c.name AS concept_name, c.kind FROM fei_forms f "
        "JOIN fei_concepts c ON c.code = f.concept WHERE f.number = ?",
        (number,),
    ).fetchone()
    if row is None:
        raise ApiProblem(404, "fei_not_found", "No existe un formulario con ese número.")
    return row


def _status(row: sqlite3.Row, today: date) -> FeiStatus:
    if row["paid_at"] is not None:
        return FeiStatus.PAID
    return (
        FeiStatus.EXPIRED if date.fromisoformat(row["valid_until"]) < today else FeiStatus.PENDING
    )


def _check(row: sqlite3.Row) -> api.FeiCheck:
    return api.FeiCheck(
        number=row["number"],
        concept=row["concept"],
        amount=_money(row["amount_cents"]) or Decimal(0),
        created_at=datetime.fromisoformat(row["created_at"]),
        valid_until=date.fromisoformat(row["valid_until"]),
        status=_status(row, formats.now().date()),
        paid_at=datetime.fromisoformat(row["paid_at"]) if row["paid_at"] else None,
        paid_bank=Bank(row["paid_bank"]) if row["paid_bank"] else None,
    )


def _form(row: sqlite3.Row, public_url: str) -> api.IncomeForm:
    number, cents = row["number"], row["amount_cents"]
    created = datetime.fromisoformat(row["created_at"])
    valid_until = date.fromisoformat(row["valid_until"])
    kind = PayerIdKind(row["payer_kind"])
    masked = mask_nit(row["payer_id"]) if kind is PayerIdKind.NIT else mask_dpi(row["payer_id"])
    # the full name and number are read only to be cut down here: they never leave this function
    return api.IncomeForm(
        number=number,
        concept=row["concept"],
        concept_name=row["concept_name"],
        kind=ConceptKind(row["kind"]),
        case_number=row["case_number"],
        payer_id_kind=kind,
        payer_id_masked=masked,
        payer_initials=initials(row["payer_name"]),
        amount=_money(cents) or Decimal(0),
        created_at=created,
        valid_days=(valid_until - created.date()).days,
        valid_until=valid_until,
        status=_status(row, formats.now().date()),
        barcode=f"{number[4:8]}{number[9:]}{cents:010d}",
        pay_url=f"{public_url}/pagar/fei/{number}",
        banks=list(data.BANKS),
    )


def _money(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) / 100).quantize(_CENT)


SERVICE = SandboxService(
    name="fei",
    router=router,
    schema=seed.SCHEMA,
    tables=seed.TABLES,
    seed=seed.seed_forms,
    seed_version="1",
    refresh=seed.refresh_demo,
)
