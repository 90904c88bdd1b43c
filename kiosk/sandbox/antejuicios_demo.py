"""The documented demo antejuicios (the README lists them; the UI tests walk them): always seeded,
the same whatever the seed or the day the sandbox was first started (every date is before 2026).

Each shows one thing: a decided one by its CSJ-style number, one under investigation, one before
Congress, one rejected in limine, a number two bodies share (one of them left without matter), a
reserved one (never in a name search; by number "reservado" only) whose official has a public one
too, and Mixco's alcaldes with more antejuicios than one page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.portal.models.antejuicios import AntejuicioStage, Body, PostKind
from kiosk.sandbox.antejuicios_data import (
    CSJ_ID,
    MIXCO,
    Seat,
    mp_office,
    public_alleged,
    sala_for,
    seat,
)
from kiosk.sandbox.antejuicios_scripts import walk

S = AntejuicioStage
MP = "ministerio_publico"
PRIVATE = "particular"


@dataclass(frozen=True)
class DemoOfficial:
    name: str  # full name, as published
    seat: Seat
    term_end: date


@dataclass(frozen=True)
class DemoAntejuicio:
    number: str  # sequence-year, canonical
    court_id: str  # who keeps the file: the CSJ (also for Congress's) or a Sala
    shows: str  # what it demonstrates
    official: DemoOfficial
    alleged: str
    promovente: tuple[str, str]  # (kind, the MP's office or a private person's full name)
    acts: tuple[tuple[date, str], ...]  # (day, a key of antejuicios_scripts.ACTS), oldest first
    stage: AntejuicioStage
    reserved: bool = False

    @property
    def filed_on(self) -> date:
        return self.acts[0][0]


_P = PostKind
_DIPUTADO = DemoOfficial(
    "Édgar Rolando Mazariegos Ordóñez", seat(_P.DIPUTADO, "9.0"), date(2020, 1, 14)
)
_MINISTER = DemoOfficial(
    "Rodolfo Anselmo Figueroa Lemus",
    seat(_P.MINISTRO, "Comunicaciones, Infraestructura y Vivienda.0"),
    date(2028, 1, 14),
)
_GOVERNOR = DemoOfficial(
    "Claudia Maritza Sandoval Chinchilla", seat(_P.GOBERNADOR, "5"), date(2028, 1, 14)
)
_QUICHE = DemoOfficial("Sebastián Tzunún Sipac", seat(_P.ALCALDE, "14.1"), date(2024, 1, 14))
_JUDGE = DemoOfficial("Lesbia Aracely Monzón Xiloj", seat(_P.JUEZ_PAZ, "09019"), date(2024, 10, 13))
#: the official of the reserved demo: a name search finds his public antejuicio, never the other
DEMO_RESERVED_OFFICIAL = "Baltazar Efraín Coyoy Tzul"
_RESERVED = DemoOfficial(DEMO_RESERVED_OFFICIAL, seat(_P.ALCALDE, "8.5"), date(2024, 1, 14))
#: Mixco's alcaldes: the one in office (the open demo's) and the one before
DEMO_MIXCO_ALCALDE = "Mynor Estuardo Quiñónez Archila"
_MIXCO_NOW = DemoOfficial(DEMO_MIXCO_ALCALDE, MIXCO, date(2028, 1, 14))
_MIXCO_BEFORE = DemoOfficial("Otto Leonel Barrios Samayoa", MIXCO, date(2024, 1, 14))

#: A decided one, by the CSJ's number: a diputado, juez pesquisidor, then "ha lugar".
DEMO_NUMBER = "413-2016"
#: Under investigation: Mixco's alcalde, a juez pesquisidor named; promoted by a private person.
DEMO_OPEN_NUMBER = "322-2025"
#: A minister: the CSJ forwarded it to Congress, which named an investigating commission.
DEMO_CONGRESS_NUMBER = "198-2025"
#: Rejected in limine as political; a reposición refused.
DEMO_REJECTED_NUMBER = "77-2024"
#: One number, two bodies: the CSJ's (an alcalde, "no ha lugar") and a Sala's (a jueza de paz
#: whose term ended while it was investigated: "sin materia"). Searching it lists both.
DEMO_SHARED_NUMBER = "12-2023"
DEMO_SHARED_SALA = sala_for(_JUDGE.seat.court).id if _JUDGE.seat.court else ""
#: Reserved (violence against women): by number "reservado" only; never found by name.
DEMO_RESERVED_NUMBER = "388-2022"
#: The same official's public antejuicio: what a search by his name finds.
DEMO_RESERVED_OFFICIAL_PUBLIC = "241-2022"
#: A search by post and place with more than a page of answers (10, then «Ver más»).
DEMO_MANY_QUERY = "alcalde de Mixco"
DEMO_MANY_TOTAL = 14
#: Accent-less, lower case, without the second surname: Mixco's alcalde in office.
DEMO_NAME_QUERY = "mynor quinonez"
DEMO_NAME_TOTAL = 9

_d = date
DEMO_ANTEJUICIOS: tuple[DemoAntejuicio, ...] = (
    DemoAntejuicio(
        DEMO_NUMBER, CSJ_ID, "decided: ha lugar", _DIPUTADO, "Tráfico de influencias",
        (MP, "Ministerio Público, Fiscalía Especial contra la Impunidad"),
        ((_d(2016, 5, 11), "recibido"), (_d(2016, 5, 25), "informe"),
         (_d(2016, 7, 5), "pesquisidor"), (_d(2016, 8, 16), "pesq_informe"),
         (_d(2016, 10, 4), "pesq_diligencias"), (_d(2017, 1, 23), "pesq_rinde"),
         (_d(2017, 2, 27), "ha_lugar")),
        S.HA_LUGAR,
    ),
    DemoAntejuicio(
        DEMO_OPEN_NUMBER, CSJ_ID, "open: juez pesquisidor", _MIXCO_NOW, "Abuso de autoridad",
        (PRIVATE, "Ana Beatriz Solórzano Méndez"),
        ((_d(2025, 6, 16), "recibido"), (_d(2025, 7, 1), "informe"),
         (_d(2025, 9, 15), "pesquisidor"), (_d(2025, 11, 3), "pesq_informe")),
        S.JUEZ_PESQUISIDOR,
    ),
    DemoAntejuicio(
        DEMO_CONGRESS_NUMBER, CSJ_ID, "before Congress", _MINISTER, "Fraude",
        (MP, "Ministerio Público, Fiscalía contra la Corrupción"),
        ((_d(2025, 3, 24), "recibido"), (_d(2025, 6, 9), "traslado"),
         (_d(2025, 8, 19), "comision")),
        S.COMISION_PESQUISIDORA,
    ),
    DemoAntejuicio(
        DEMO_REJECTED_NUMBER, CSJ_ID, "rejected in limine", _GOVERNOR, "Nombramientos ilegales",
        (PRIVATE, "Pedro Antonio Lemus Cano"),
        ((_d(2024, 2, 12), "recibido"), (_d(2024, 3, 18), "rechazo_politico"),
         (_d(2024, 4, 15), "reposicion")),
        S.RECHAZADO_IN_LIMINE,
    ),
    DemoAntejuicio(
        DEMO_SHARED_NUMBER, CSJ_ID, "a number two bodies share", _QUICHE,
        "Incumplimiento de deberes",
        (MP, "Ministerio Público, Fiscalía de Distrito de Quiché"),
        ((_d(2023, 1, 16), "recibido"), (_d(2023, 2, 6), "informe"),
         (_d(2023, 4, 10), "pesquisidor"), (_d(2023, 8, 21), "pesq_rinde"),
         (_d(2023, 9, 25), "no_ha_lugar")),
        S.NO_HA_LUGAR,
    ),
    DemoAntejuicio(
        DEMO_SHARED_NUMBER, DEMO_SHARED_SALA, "a number two bodies share; sin materia", _JUDGE,
        "Retardo malicioso", (PRIVATE, "Marco Tulio Gálvez Barillas"),
        ((_d(2023, 3, 6), "recibido"), (_d(2023, 5, 8), "pesquisidor"),
         (_d(2023, 6, 19), "pesq_informe"), (_d(2024, 11, 18), "sin_materia")),
        S.SIN_MATERIA,
    ),
    DemoAntejuicio(
        DEMO_RESERVED_NUMBER, CSJ_ID, "reserved", _RESERVED, "Violencia contra la mujer",
        (PRIVATE, "Juana Petrona Ixcoy Chumil"),
        ((_d(2022, 9, 5), "recibido"), (_d(2022, 11, 14), "pesquisidor")),
        S.JUEZ_PESQUISIDOR, reserved=True,
    ),
    DemoAntejuicio(
        DEMO_RESERVED_OFFICIAL_PUBLIC, CSJ_ID, "the reserved one's official, public",
        _RESERVED, "Abuso de autoridad",
        (MP, "Ministerio Público, Fiscalía de Distrito de Totonicapán"),
        ((_d(2022, 6, 20), "recibido"), (_d(2022, 8, 1), "rechazo")),
        S.RECHAZADO_IN_LIMINE,
    ),
)  # fmt: skip


def _mixco_series() -> tuple[DemoAntejuicio, ...]:
    """Thirteen more against Mixco's two alcaldes, drawn by a generator of their own (the same
    for every seed) and walked to the end of 2025, so the README's count always holds."""
    rng = random.Random("antejuicios-demo-mixco")
    taken = {(d.number, d.court_id) for d in DEMO_ANTEJUICIOS}
    made: list[DemoAntejuicio] = []
    end = date(2025, 12, 31).toordinal()
    for official, first, last, count in (
        (_MIXCO_BEFORE, date(2020, 3, 2), date(2023, 10, 31), 5),
        (_MIXCO_NOW, date(2024, 2, 5), date(2025, 10, 31), 8),
    ):
        span = (last - first).days
        for _ in range(count):
            filed = first + timedelta(days=int(rng.random() * span))
            filed += timedelta(days=max(0, 7 - filed.weekday()) if filed.weekday() > 4 else 0)
            number = ""
            while not number or (number, CSJ_ID) in taken:
                number = f"{30 + int(rng.random() * 350)}-{filed.year}"
            taken.add((number, CSJ_ID))
            run = walk(rng, Body.CSJ, filed.toordinal(), end, official.term_end.toordinal())
            made.append(
                DemoAntejuicio(
                    number,
                    CSJ_ID,
                    "Mixco's alcaldes",
                    official,
                    public_alleged(rng, _P.ALCALDE),
                    (MP, mp_office(rng, official.seat)),
                    tuple((date.fromordinal(day), key) for day, key in run.events),
                    run.stage,
                )
            )
    return tuple(made)


#: every demo antejuicio: the documented ones, then Mixco's series
ALL_DEMOS: tuple[DemoAntejuicio, ...] = DEMO_ANTEJUICIOS + _mixco_series()
