"""What Pensión Alimenticia shows: the account of the case chosen (what is owed and the months
without a deposit in large type, each figure explained), and the statement a movement opens
(the movement, the account, the case and the movements seen so far, newest first), which prints.

The children and the other party appear by their initials only, on screen and on paper; the
paper never carries the DPI.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.flows.lookup import fetched
from kiosk.flows.model import Answers, Code
from kiosk.flows.records import Detail, DetailRow, DetailSection, ResultRow, ResultsPage
from kiosk.flows.text import _
from kiosk.portal.models.alimony import AlimonyCase
from kiosk.services.alimony.actions import MOVEMENT
from kiosk.services.alimony.words import (
    AVAILABLE_EXPLAINED,
    BALANCE_EXPLAINED,
    DOCUMENT,
    KINDS,
    NO_DEPOSIT,
    ROLES,
    SERVICE_TITLE,
    WAY_ON,
    months_explained,
    months_without,
)
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.record_paper import record_printout
from kiosk.text import Shown, Text

MOVEMENTS_STEP = "list_movements"  # the action whose result is the page of movements


def account_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    """In large type: what is owed, and how long without a deposit."""
    account = fetched(results, AlimonyCase)
    return (
        Code("balance", _("Saldo pendiente de pago"), formats.money(account.balance_owed)),
        # a number reads the same in every language; the body says it in words
        Code(
            "months_without_deposit",
            _("Meses sin depósito"),
            str(account.months_without_deposit),
        ),
    )


def account_body(answers: Answers, results: dict[str, object]) -> tuple[Shown, ...]:
    """The account in sentences, under the figures."""
    account = fetched(results, AlimonyCase)
    role, role_explained = ROLES[account.role]
    last = account.last_deposit
    return (
        Text("Expediente {number}, {court}.", number=account.number, court=account.court_name),
        Text("Usted es: {role}. {explained}", role=Text(role), explained=Text(role_explained)),
        Text(
            "Pensión mensual: {amount}. Disponible para retirar: {available}.",
            amount=formats.money(account.monthly_amount),
            available=formats.money(account.available),
        ),
        (
            Text(
                "Último depósito: {day}, {amount}.",
                day=formats.day(last.on),
                amount=formats.money(last.amount),
            )
            if last
            else Text(NO_DEPOSIT)
        ),
        Text(
            "{months}. {explained}",
            months=months_without(account.months_without_deposit),
            explained=months_explained(account.months_without_deposit, account.role),
        ),
        Text("Toque «Continuar» para ver los depósitos y retiros, el más reciente primero."),
    )


def statement(answers: Answers, results: dict[str, object]) -> Detail:
    """The movement chosen, then the account, the case and every movement seen so far."""
    account = fetched(results, AlimonyCase)
    page = results.get(MOVEMENTS_STEP)
    rows: tuple[ResultRow, ...] = page.rows if isinstance(page, ResultsPage) else ()
    chosen = next((row for row in rows if row.id == answers.get(MOVEMENT)), None)
    sections: list[DetailSection] = []
    if chosen is not None:
        sections.append(
            DetailSection(
                "movement",
                Text("El movimiento que eligió"),
                rows=(
                    DetailRow("movement.kind", _("Movimiento"), chosen.title),
                    *(
                        DetailRow(f"movement.{name}", label, fact)
                        for (name, label), fact in zip(_FACTS, chosen.facts, strict=False)
                    ),
                ),
            )
        )
    sections += [
        _account_section(account),
        _case_section(account),
        DetailSection(
            "movements",
            Text("Depósitos y retiros"),
            timeline=tuple((str(row.facts[0]), _line(row)) for row in rows),
            note=(
                Text(
                    "Se muestran {shown} de {total}. Para ver los anteriores, toque «Atrás» y "
                    "«Ver más resultados».",
                    shown=len(rows),
                    total=page.total,
                )
                if isinstance(page, ResultsPage) and page.total > len(rows)
                else Text("Datos al {day}.", day=formats.day(account.as_of))
            ),
        ),
    ]
    return Detail(Text("Expediente {number}", number=account.number), tuple(sections))


_FACTS = (("on", _("Fecha")), ("bank", _("Banco y agencia")), ("reference", _("Comprobante")))


def _line(row: ResultRow) -> Text:
    return Text("{what} · {where} · {reference}", what=row.title, where=row.facts[1],
                reference=row.facts[2])  # fmt: skip


def _account_section(account: AlimonyCase) -> DetailSection:
    last = account.last_deposit
    months = account.months_without_deposit
    return DetailSection(
        "account",
        Text("Su cuenta"),
        rows=(
            DetailRow(
                "monthly_amount", _("Pensión mensual"), formats.money(account.monthly_amount)
            ),
            DetailRow(
                "balance",
                _("Saldo pendiente de pago"),
                formats.money(account.balance_owed),
                Text(BALANCE_EXPLAINED),
            ),
            DetailRow(
                "available",
                _("Disponible para retirar"),
                formats.money(account.available),
                Text(AVAILABLE_EXPLAINED),
            ),
            DetailRow(
                "last_deposit",
                _("Último depósito"),
                (
                    Text(
                        "{day}, {amount}",
                        day=formats.day(last.on),
                        amount=formats.money(last.amount),
                    )
                    if last
                    else Text(NO_DEPOSIT)
                ),
            ),
            DetailRow(
                "months_without_deposit",
                _("Meses sin depósito"),
                months_without(months),
                months_explained(months, account.role),
            ),
        ),
        note=Text("Datos al {day}. {way_on}", day=formats.day(account.as_of), way_on=Text(WAY_ON)),
    )


def _case_section(account: AlimonyCase) -> DetailSection:
    role, role_explained = ROLES[account.role]
    kind, kind_explained = KINDS[account.kind]
    return DetailSection(
        "case",
        Text("El caso"),
        rows=(
            DetailRow("court", _("Juzgado"), account.court_name),
            DetailRow("department", _("Departamento"), account.department),
            DetailRow("role", _("Usted es"), Text(role), Text(role_explained)),
            DetailRow("kind", _("Pensión"), Text(kind), Text(kind_explained)),
            DetailRow("fixed_on", _("Fijada el"), formats.day(account.fixed_on)),
            DetailRow("other_party", _("La otra parte"), account.other_party),
            *(
                DetailRow(f"beneficiary.{index}", _("Beneficiario"), initials)
                for index, initials in enumerate(account.beneficiaries)
            ),
        ),
        note=Text("Por privacidad, las personas aparecen solo con sus iniciales."),
    )


def paper_statement(answers: Answers, results: dict[str, object]) -> Detail:
    """The statement as one page holds it: the figures (the owed one explained), the case in a
    few rows, and the movements seen, one line each."""
    account = fetched(results, AlimonyCase)
    page = results.get(MOVEMENTS_STEP)
    rows: tuple[ResultRow, ...] = page.rows if isinstance(page, ResultsPage) else ()
    last = account.last_deposit
    role = ROLES[account.role][0]
    kind = KINDS[account.kind][0]
    figures = (
        DetailRow("monthly_amount", _("Pensión mensual"), formats.money(account.monthly_amount)),
        DetailRow(
            "balance",
            _("Saldo pendiente de pago"),
            formats.money(account.balance_owed),
            Text(BALANCE_EXPLAINED),
        ),
        DetailRow("available", _("Disponible para retirar"), formats.money(account.available)),
        DetailRow(
            "last_deposit",
            _("Último depósito"),
            Text("{day}, {amount}", day=formats.day(last.on), amount=formats.money(last.amount))
            if last
            else Text(NO_DEPOSIT),
        ),
        DetailRow(
            "months_without_deposit",
            _("Meses sin depósito"),
            months_without(account.months_without_deposit),
        ),
    )
    case = (
        DetailRow("court", _("Juzgado"), account.court_name),
        DetailRow("role", _("Usted es"), Text(role)),
        DetailRow(
            "kind",
            _("Pensión"),
            Text("{kind}, fijada el {day}", kind=Text(kind), day=formats.day(account.fixed_on)),
        ),
        DetailRow("beneficiaries", _("Beneficiarios"), ", ".join(account.beneficiaries)),
        DetailRow("other_party", _("La otra parte"), account.other_party),
    )
    return Detail(
        Text("Expediente {number}", number=account.number),
        (
            DetailSection("account", Text("Su cuenta"), rows=figures),
            DetailSection(
                "case",
                Text("El caso"),
                rows=case,
                note=Text("Por privacidad, las personas aparecen solo con sus iniciales."),
            ),
            DetailSection(
                "movements",
                Text("Depósitos y retiros, el más reciente primero"),
                timeline=tuple((str(row.facts[0]), _paper_line(row)) for row in rows),
                entry_words=("movimiento", "movimientos", "lo"),
            ),
        ),
    )


def _paper_line(row: ResultRow) -> Text:
    """A movement in one printed line: what, the bank (not its agency), the number."""
    where = str(row.facts[1]).split(",")[0]
    return Text("{what} · {bank} · {reference}", what=row.title, bank=where,
                reference=row.facts[2])  # fmt: skip


async def statement_paper(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    """The statement on one page, in Spanish; never the DPI, people by initials."""
    answers = dict(sources)
    account = fetched(answers, AlimonyCase)
    return record_printout(
        DOCUMENT,
        "Pension alimenticia OJ",
        paper_statement(answers, answers),
        title=Text(SERVICE_TITLE),
        searched=Text(
            "Estado de cuenta al {day}, consultado por una de las partes con su DPI y su PIN.",
            day=formats.day(account.as_of),
        ),
        kiosk_id=context.kiosk_id,
    )
