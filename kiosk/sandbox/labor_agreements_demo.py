"""The documented convenios of Consulta de Convenio Laboral: always seeded, listed in the README
for newcomers and walked by the tests. Most are dated from the day the sandbox starts
(``refresh`` puts them back every start, so the one with overdue instalments still has them and
the next ones still come in the days ahead); the paid ones are of the labour-case demo
``01173-2019-00123`` (archived after its convenio was paid), on their real dates.

The DPIs are valid (``kiosk.identity.make_dpi``) and are nobody's: the generated people never
get one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.identity import dpi_check_digit, make_dpi
from kiosk.sandbox.services.labor_cases import DEMO_ARCHIVED_COURT, DEMO_ARCHIVED_NUMBER

#: (agreement pk, number, due_on, amount_cents, paid_cents, paid_on): a labor_instalments row
InstalmentRow = tuple[int, int, str, int, int, str | None]


@dataclass(frozen=True)
class DemoAgreement:
    number: str  # the case (SGT), canonical
    court: str  # DDCCC
    shows: str  # what it demonstrates
    worker: tuple[str, str]  # (full name, DPI)
    employer: tuple[str, str]  # (name, DPI of the employer or of its representative)
    count: int  # instalments
    amount_cents: int  # each one
    paid: int  # instalments paid in full, the first ones
    part_paid_cents: int = 0  # paid towards the instalment after them
    #: on a fixed calendar: the first due date; None: dated from the day the sandbox starts
    first_due: date | None = None
    #: dated from the start day: which instalment falls due next, and in how many days
    next_number: int = 0
    next_in_days: int = 0
    late: tuple[tuple[int, int], ...] = ()  # (instalment, days late) of payments not on time


#: With instalments overdue: 3 of 10 paid, the 4th paid in part and overdue, the 5th overdue,
#: the 6th due in 10 days. Guatemala.
DEMO_OVERDUE_NUMBER = "01174-2025-02031"
DEMO_OVERDUE_WORKER_DPI = "4680235770101"  # make_dpi("46802357", 1, 1)
DEMO_OVERDUE_EMPLOYER_DPI = "5120345670101"  # make_dpi("51203456", 1, 1)
#: A long schedule, up to date: 36 monthly instalments (three pages of 12), 13 paid, the 14th
#: due in 12 days. Quetzaltenango.
DEMO_LONG_NUMBER = "09006-2024-02158"
DEMO_LONG_WORKER_DPI = "6150473860901"  # make_dpi("61504738", 9, 1)
DEMO_LONG_EMPLOYER_DPI = "7240561220901"  # make_dpi("72405612", 9, 1)
#: Paid in full (August 2019 to July 2020), two workers with a convenio each: a worker's DPI
#: opens theirs, the employer's representative's DPI lists both.
DEMO_PAID_NUMBER = DEMO_ARCHIVED_NUMBER
DEMO_PAID_WORKER_DPIS = ("8330672140101", "8330672220108")  # make_dpi("8330672x", 1, 1 / 8)
DEMO_PAID_EMPLOYER_DPI = "9320783460101"  # make_dpi("93207834", 1, 1)

#: Too many to list: a maquila settled with 24 workers, 36 instalments each. The employer's DPI
#: finds more than the kiosk lists (it sends the visitor to the court); a worker's, their own.
DEMO_MANY_NUMBER = "01170-2024-02500"
DEMO_MANY_EMPLOYER_DPI = "5730246850101"  # make_dpi("57302468", 1, 1)
_MANY_FIRST = ("Ana María", "Luis Alberto", "Rosa Elvira", "José Manuel", "Gloria Estela", "Byron")
_MANY_LAST = ("Ajú Cumes", "Morales Pérez", "Chávez Ixcot", "Lima Sipac")


def _many_dpi(index: int) -> str:
    """The DPI of the maquila's worker ``index``: the first valid serial from a fixed start."""
    serial = 64_100_000 + 37 * index
    while dpi_check_digit(str(serial)) is None:
        serial += 1
    return make_dpi(str(serial), 1, 15)  # Villa Nueva


DEMO_MANY_WORKER_DPIS = tuple(_many_dpi(index) for index in range(24))
_MANY = ("Maquiladora del Norte, Sociedad Anónima", DEMO_MANY_EMPLOYER_DPI)
_HOTEL = ("Hotelera Las Palmas, Sociedad Anónima", DEMO_PAID_EMPLOYER_DPI)
DEMO_AGREEMENTS: tuple[DemoAgreement, ...] = (
    DemoAgreement(
        DEMO_OVERDUE_NUMBER, "01174", "two instalments overdue, one of them paid in part",
        ("Marta Julia Sic Tzoc", DEMO_OVERDUE_WORKER_DPI),
        ("Comercializadora Los Altos, Sociedad Anónima", DEMO_OVERDUE_EMPLOYER_DPI),
        count=10, amount_cents=125_000, paid=3, part_paid_cents=50_000,
        next_number=6, next_in_days=10, late=((2, 12),),
    ),
    DemoAgreement(
        DEMO_LONG_NUMBER, "09006", "a long schedule (three pages), up to date",
        ("Pedro Antonio Xicará Coyoy", DEMO_LONG_WORKER_DPI),
        ("Agroindustrias del Pacífico, Sociedad Anónima", DEMO_LONG_EMPLOYER_DPI),
        count=36, amount_cents=85_000, paid=13, next_number=14, next_in_days=12,
    ),
    DemoAgreement(
        DEMO_PAID_NUMBER, DEMO_ARCHIVED_COURT, "paid in full; the employer's DPI lists two",
        ("Ana Lucía Méndez Juárez", DEMO_PAID_WORKER_DPIS[0]), _HOTEL,
        count=12, amount_cents=150_000, paid=12, first_due=date(2019, 8, 15),
    ),
    DemoAgreement(
        DEMO_PAID_NUMBER, DEMO_ARCHIVED_COURT, "paid in full; the employer's DPI lists two",
        ("Rosa Elena Cruz Reyes", DEMO_PAID_WORKER_DPIS[1]), _HOTEL,
        count=12, amount_cents=100_000, paid=12, first_due=date(2019, 8, 15),
    ),
    *(
        DemoAgreement(
            DEMO_MANY_NUMBER, "01170", "too many for the employer's DPI to list",
            (f"{_MANY_FIRST[index % 6]} {_MANY_LAST[index // 6]}", dpi), _MANY,
            count=36, amount_cents=50_000, paid=9, next_number=10, next_in_days=5,
        )
        for index, dpi in enumerate(DEMO_MANY_WORKER_DPIS)
    ),
)  # fmt: skip

#: every DPI of the demo: the generated parties never get one of them
DEMO_DPIS = frozenset(dpi for demo in DEMO_AGREEMENTS for _, dpi in (demo.worker, demo.employer))


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (or earlier); a day past the 28th is moved
    to the 28th first, so every month has it."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def due_dates(demo: DemoAgreement, today: date) -> list[date]:
    """The demo's monthly due dates: on its calendar, or around ``today``."""
    if demo.first_due is not None:
        return [add_months(demo.first_due, k) for k in range(demo.count)]
    upcoming = today + timedelta(days=demo.next_in_days)
    upcoming = upcoming.replace(day=min(upcoming.day, 28))
    return [add_months(upcoming, k + 1 - demo.next_number) for k in range(demo.count)]


def approved_on(demo: DemoAgreement, today: date) -> date:
    """The court approved the convenio a month before the first instalment fell due."""
    return due_dates(demo, today)[0] - timedelta(days=31)


def instalment_rows(demo: DemoAgreement, pk: int, today: date) -> list[InstalmentRow]:
    late = dict(demo.late)
    rows: list[InstalmentRow] = []
    for number, due in enumerate(due_dates(demo, today), start=1):
        paid, paid_on = 0, None
        if number <= demo.paid:
            paid, paid_on = demo.amount_cents, due + timedelta(days=late.get(number, 0))
        elif number == demo.paid + 1 and demo.part_paid_cents:
            paid, paid_on = demo.part_paid_cents, due + timedelta(days=5)
        rows.append(
            (pk, number, due.isoformat(), demo.amount_cents, paid,
             paid_on.isoformat() if paid_on else None)
        )  # fmt: skip
    return rows


def updated_at(rows: list[InstalmentRow], approved: date) -> str:
    """When the record last changed: the last payment, or the approval."""
    paid = [row[5] for row in rows if row[5] is not None]
    return f"{max(paid) if paid else approved.isoformat()}T10:30:00-06:00"
