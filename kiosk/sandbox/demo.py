"""The documented demo identities and boletas: what README and tests use to walk every flow.

The sandbox calls ``apply_demo_data`` at every start, so the demo works on any day: the demo
persons and their criminal records are written back as declared, and the demo boletas are re-dated
relative to today with their declared used/unused state (an unused demo boleta spent yesterday is
unused again). DPIs are fixed and valid (``kiosk.identity.make_dpi``); the seed never gives them,
nor the demo boleta numbers, to anyone else. Accounts are the sandbox's job: it creates the one of
``DEMO_ACCOUNT`` with ``DEMO_ACCOUNT_EMAIL`` and ``DEMO_ACCOUNT_PASSWORD``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from kiosk.portal.models import BOLETA_DIGITS
from kiosk.sandbox.store import GUATEMALA

BankCode = Literal["banrural", "industrial", "gyt"]
Sex = Literal["F", "M"]

FEE_CENTS = 3000  # Q30.00, the fee of a constancia de antecedentes penales
BOLETA_MAX_AGE_DAYS = 60  # the portal accepts a boleta paid at most this many days ago
# the portal's own table, keyed by the plain bank code the seed data uses
BOLETA_NUMBER_DIGITS: dict[str, int] = {bank.value: n for bank, n in BOLETA_DIGITS.items()}
BANKS: tuple[BankCode, ...] = ("banrural", "industrial", "gyt")


@dataclass(frozen=True)
class DemoRecord:
    id: int  # fixed criminal_records.id, far above the seeded ones
    court: str
    offense: str
    sentenced_on: date


@dataclass(frozen=True)
class DemoPerson:
    dpi: str
    first_names: str
    last_names: str
    birth_date: date
    sex: Sex
    department: int
    municipality: int
    shows: str  # what the identity demonstrates (README)
    review: bool = False
    records: tuple[DemoRecord, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_names}"


@dataclass(frozen=True)
class DemoBoleta:
    bank: BankCode
    number: str
    amount_cents: int
    days_ago: int  # paid this many days before the day the demo data is applied
    used: bool
    purpose: str  # README wording; tests find a boleta by a word of it ("usada", "monto", ...)

    def paid_on(self, today: date) -> date:
        return today - timedelta(days=self.days_ago)


DEMO_CLEAN = DemoPerson(
    dpi="2468135710101",  # make_dpi("24681357", 1, 1): Guatemala, Guatemala
    first_names="María José",
    last_names="Pérez López",
    birth_date=date(1990, 5, 14),
    sex="F",
    department=1,
    municipality=1,
    shows="Sin antecedentes y sin cuenta: la constancia sale al instante («no registra»)",
)

DEMO_ACCOUNT = DemoPerson(
    dpi="3157286470108",  # make_dpi("31572864", 1, 8): Guatemala, Mixco
    first_names="Juan Carlos",
    last_names="García Hernández",
    birth_date=date(1985, 11, 2),
    sex="M",
    department=1,
    municipality=8,
    shows="Sin antecedentes, con cuenta del portal: ingresar y pedir sin escribir sus datos",
)
DEMO_ACCOUNT_EMAIL = "juan.garcia@ejemplo.gt"
DEMO_ACCOUNT_PASSWORD = "Quetzal-Azul-2026"  # noqa: S105 - the documented demo password

DEMO_RECORD = DemoPerson(
    dpi="1827364580901",  # make_dpi("18273645", 9, 1): Quetzaltenango, Quetzaltenango
    first_names="Carlos Enrique",
    last_names="Morales Castillo",
    birth_date=date(1978, 8, 23),
    sex="M",
    department=9,
    municipality=1,
    shows="Con un antecedente: la constancia dice «registra»",
    records=(
        DemoRecord(
            id=9_000_001,
            court=(
                "Juzgado Segundo de Primera Instancia Penal, Narcoactividad y Delitos contra el "
                "Ambiente de Quetzaltenango"
            ),
            offense="Hurto agravado",
            sentenced_on=date(2015, 7, 16),
        ),
    ),
)

DEMO_REVIEW = DemoPerson(
    dpi="2736451880501",  # make_dpi("27364518", 5, 1): Escuintla, Escuintla
    first_names="José Luis",
    last_names="Hernández López",
    birth_date=date(1972, 1, 30),
    sex="M",
    department=5,
    municipality=1,
    shows="Homónimo de una persona con antecedentes: la solicitud queda «en revisión»",
    review=True,
)

DEMO_HOMONYM = DemoPerson(
    dpi="2291557310115",  # make_dpi("22915573", 1, 15): Guatemala, Villa Nueva
    first_names="José Luis",
    last_names="Hernández López",
    birth_date=date(1969, 10, 8),
    sex="M",
    department=1,
    municipality=15,
    shows="El homónimo con antecedentes: por él, la persona anterior pasa a revisión",
    records=(
        DemoRecord(
            id=9_000_002,
            court=(
                "Tribunal Quinto de Sentencia Penal, Narcoactividad y Delitos contra el Ambiente "
                "del departamento de Guatemala"
            ),
            offense="Robo agravado",
            sentenced_on=date(2011, 3, 9),
        ),
    ),
)

DEMO_NEW = DemoPerson(
    dpi="3041886381601",  # make_dpi("30418863", 16, 1): Alta Verapaz, Cobán
    first_names="Ixchel Alejandra",
    last_names="Caal Choc",
    birth_date=date(2001, 9, 15),
    sex="F",
    department=16,
    municipality=1,
    shows="Sin antecedentes y sin cuenta: para probar la creación de una cuenta",
)

DEMO_PERSONS: tuple[DemoPerson, ...] = (
    DEMO_CLEAN,
    DEMO_ACCOUNT,
    DEMO_RECORD,
    DEMO_REVIEW,
    DEMO_HOMONYM,
    DEMO_NEW,
)

_READY = "Lista para usar"


def _bank_boletas(bank: BankCode, prefix: str) -> tuple[DemoBoleta, ...]:
    """Six boletas numbered prefix + 01..06: three ready, one used, one Q25.00, one too old."""

    def boleta(n: int, amount: int, days: int, used: bool, purpose: str) -> DemoBoleta:
        return DemoBoleta(bank, f"{prefix}{n:02d}", amount, days, used, purpose)

    return (
        boleta(1, FEE_CENTS, 2, False, _READY),
        boleta(2, FEE_CENTS, 2, False, _READY),
        boleta(3, FEE_CENTS, 2, False, _READY),
        boleta(4, FEE_CENTS, 2, True, "Ya usada en otra solicitud"),
        boleta(5, 2500, 2, False, "Monto equivocado: Q25.00"),
        boleta(6, FEE_CENTS, 120, False, "Demasiado antigua: pagada hace 120 días"),
    )


DEMO_BOLETAS: tuple[DemoBoleta, ...] = (
    *_bank_boletas("banrural", "30000001"),
    *_bank_boletas("industrial", "300001"),
    *_bank_boletas("gyt", "3000001"),
)

DEMO_BOLETA_USED_BY = "demo"


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One transaction: the caller's if one is open (the sandbox's BEGIN IMMEDIATE), else ours."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def demo_used_at(today: date) -> str:
    """When the used demo boleta was spent: yesterday at 10:15 in Guatemala."""
    return datetime.combine(today - timedelta(days=1), time(10, 15), GUATEMALA).isoformat()


def apply_demo_data(conn: sqlite3.Connection, today: date) -> None:
    """(Re)write the demo persons, their records and the demo boletas, dated relative to today.

    Idempotent. Persons are upserted in place (an account may reference them), every criminal
    record of a demo DPI is replaced by the declared ones, boletas get their declared date,
    amount and used state back. Accounts, sessions and requests are left alone.
    """
    dpis = [person.dpi for person in DEMO_PERSONS]
    with atomic(conn):
        conn.executemany(
            "INSERT INTO persons(dpi, first_names, last_names, birth_date, sex, department, "
            "municipality, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(dpi) DO UPDATE SET first_names = excluded.first_names, "
            "last_names = excluded.last_names, birth_date = excluded.birth_date, "
            "sex = excluded.sex, department = excluded.department, "
            "municipality = excluded.municipality, review = excluded.review",
            [
                (
                    p.dpi,
                    p.first_names,
                    p.last_names,
                    p.birth_date.isoformat(),
                    p.sex,
                    p.department,
                    p.municipality,
                    int(p.review),
                )
                for p in DEMO_PERSONS
            ],
        )
        conn.executemany("DELETE FROM criminal_records WHERE dpi = ?", [(dpi,) for dpi in dpis])
        conn.executemany(
            "INSERT OR REPLACE INTO criminal_records(id, dpi, court, offense, sentenced_on) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (r.id, p.dpi, r.court, r.offense, r.sentenced_on.isoformat())
                for p in DEMO_PERSONS
                for r in p.records
            ],
        )
        used_at = demo_used_at(today)
        conn.executemany(
            "INSERT INTO boletas(bank, number, paid_on, amount_cents, used_by, used_at) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(bank, number) DO UPDATE SET paid_on = excluded.paid_on, "
            "amount_cents = excluded.amount_cents, used_by = excluded.used_by, "
            "used_at = excluded.used_at",
            [
                (
                    b.bank,
                    b.number,
                    b.paid_on(today).isoformat(),
                    b.amount_cents,
                    DEMO_BOLETA_USED_BY if b.used else None,
                    used_at if b.used else None,
                )
                for b in DEMO_BOLETAS
            ],
        )
