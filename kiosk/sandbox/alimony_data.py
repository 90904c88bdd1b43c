"""What the alimony seeder draws from: the courts that hear alimony, the bank agencies where
pensions are deposited and withdrawn, and the people of a case.

Kept apart from ``services/alimony.py`` (every module there is a service). [F] Alimony is set in
the oral procedure of the Código Procesal Civil y Mercantil before the Juzgados de Primera
Instancia de Familia; [F] Juzgados de Paz hear family matters of small amounts in municipalities.
Everything else here is [A]: the OJ publishes no such data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from kiosk.courts import Court, CourtKind, Matter, courts_in
from kiosk.geography import DEPARTMENTS, municipality_count, municipality_name
from kiosk.portal.models.payments import Bank
from kiosk.sandbox import names
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted

#: [A] the share of alimony cases a Juzgado de Paz hears (small pensions, far from a family court)
PEACE_SHARE = 0.18
#: DPI serials of the people generated here: apart from the RENAP-like persons (10 to 40
#: million), the detention register's (40 to 80 million) and its demo (80 million on), and
#: from this service's demo people (99 million on)
GENERATED_SERIALS = (90_000_000, 99_000_000)


@dataclass(frozen=True, slots=True)
class FamilyCourt:
    court: Court
    maya: float  # the share of Maya people in its department: their names
    peace: bool  # a Juzgado de Paz: smaller pensions
    id: str  # the court's DDCCC (said once: Court.id builds it at every call)


def _family_courts() -> Weighted[FamilyCourt]:
    courts: list[FamilyCourt] = []
    weights: list[float] = []
    for code, (share, maya) in DEPARTMENT_WEIGHTS.items():
        family = courts_in(code, matter=Matter.FAMILIA, kind=CourtKind.PRIMERA_INSTANCIA)
        peace = courts_in(code, matter=Matter.FAMILIA, kind=CourtKind.PAZ)
        for group, part, is_peace in ((family, 1 - PEACE_SHARE, False), (peace, PEACE_SHARE, True)):
            for found in group:
                courts.append(FamilyCourt(found, maya, is_peace, found.id))
                weights.append(share * part / len(group))
    return Weighted(courts, weights)


#: the courts that hear alimony in every department, weighted by their share of the cases
COURTS = _family_courts()

# --- where money moves: the banks' agencies ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Branch:
    bank: Bank
    name: str


def _branches() -> tuple[tuple[Branch, ...], dict[int, dict[Bank, tuple[int, ...]]]]:
    """Every agency, and the indexes of each department's by bank. [A] Banrural, where judicial
    deposits are usually made, has an agency in every municipality; the other two banks in the
    seat of the department and the two next municipalities."""
    branches: list[Branch] = []
    by_department: dict[int, dict[Bank, list[int]]] = {}
    for department in DEPARTMENTS:
        mine = by_department.setdefault(department.code, {bank: [] for bank in Bank})
        for number, town in enumerate(department.municipalities, start=1):
            banks = [Bank.BANRURAL] + ([Bank.INDUSTRIAL, Bank.GYT] if number <= 3 else [])
            for bank in banks:
                label = "Agencia Central" if number == 1 else "Agencia"
                mine[bank].append(len(branches))
                branches.append(Branch(bank, f"{label} {town}"))
    return tuple(branches), {
        code: {bank: tuple(found) for bank, found in banks.items()}
        for code, banks in by_department.items()
    }


BRANCHES, BRANCHES_BY_DEPARTMENT = _branches()
#: [A] which bank a deposit goes to: the court's account is at Banrural most of the time
BANK_SHARES = Weighted((Bank.BANRURAL, Bank.INDUSTRIAL, Bank.GYT), (78, 15, 7))
#: digits of a deposit slip's number, as each bank prints it
SLIP_DIGITS = {Bank.BANRURAL: 10, Bank.INDUSTRIAL: 8, Bank.GYT: 9}
#: by branch: one more than the largest slip number its bank prints
SLIP_LIMITS = tuple(10 ** SLIP_DIGITS[branch.bank] for branch in BRANCHES)


def branch_for(rng: random.Random, department: int) -> int:
    """An agency of ``department`` (its index in BRANCHES), its bank drawn by BANK_SHARES."""
    found = BRANCHES_BY_DEPARTMENT[department][BANK_SHARES.pick(rng)]
    return found[int(rng.random() * len(found))]


def reference_text(branch: int, kind: int, reference: int, year: int) -> str:
    """A movement's reference as printed: the slip's number for a deposit (kind 0), the court's
    payment order for a withdrawal (kind 1)."""
    if kind == 0:
        return f"{reference:0{SLIP_DIGITS[BRANCHES[branch].bank]}d}"
    return f"OP-{year}-{reference:06d}"


# --- who: the obligor, the representative and the children ----------------------------------------


class FamilyPeople(People):
    """Full names as a court file holds them (the API shows only initials), and DPIs."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.serials: set[int] = set()

    def given(self, female: bool, maya: float) -> str:
        draw = self.rng.random
        pool = self.female if female else self.male
        first = pool[int(draw() * self.POOL)]
        if draw() < maya * 0.15:
            mayan = names.FEMALE_MAYAN_NAMES if female else names.MALE_MAYAN_NAMES
            first = mayan[int(draw() * len(mayan))]
        if draw() < 0.7:
            second = pool[int(draw() * self.POOL)]
            if second != first:
                first = f"{first} {second}"
        return first

    def adult(self, female: bool, maya: float) -> tuple[str, str]:
        """(full name, first surname)."""
        surname = self.surname(maya)
        return f"{self.given(female, maya)} {surname} {self.surname(maya)}", surname

    def child(self, father: str, mother: str, maya: float) -> str:
        """A child carries the father's first surname and then the mother's."""
        return f"{self.given(self.rng.random() < 0.5, maya)} {father} {mother}"

    def dpi(self, department: int) -> str:
        """A valid DPI of a person registered in ``department``, never given before."""
        low, high = GENERATED_SERIALS
        draw = self.rng.random
        while True:
            serial = low + int(draw() * (high - low))
            check = _check_digit(serial)
            if check is not None and serial not in self.serials:
                self.serials.add(serial)
                municipality = 1 + int(draw() * _MUNICIPALITIES[department])
                return f"{serial}{check}{department:02d}{municipality:02d}"


_MUNICIPALITIES = {d.code: municipality_count(d.code) for d in DEPARTMENTS}


def _check_digit(serial: int) -> int | None:
    """``kiosk.identity.dpi_check_digit`` on the number (a test holds them equal): the seeder
    makes some 40,000 DPIs, and this is four times faster than going through text."""
    total, rest = 0, serial
    for weight in range(9, 1, -1):
        total += rest % 10 * weight
        rest //= 10
    check = total % 11
    return None if check == 10 else check


def court_department_name(court: Court) -> str:
    return DEPARTMENTS[court.department - 1].name


def court_town(court: Court) -> str:
    return municipality_name(court.department, court.municipality)
