"""What the labour-case seeder draws from: where cases are filed and who the parties are (how a
case then moves through its proceedings is ``labor_scripts.py``).

Kept apart from ``services/labor_cases.py`` (every module there is a service). Everything here
but what is marked [F] is [A]: the OJ publishes no such data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from kiosk.courts import Court, CourtKind, Matter, courts_in
from kiosk.geography import municipality_name
from kiosk.portal.models.labor_cases import LaborCaseKind
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LabourCourt:
    id: str
    court: Court
    maya: float  # the share of Maya people in its department: their names
    mixed: bool  # it hears other matters too: its SGT sequence has gaps


def _labour_courts() -> Weighted[LabourCourt]:
    courts: list[LabourCourt] = []
    weights: list[float] = []
    for code, (share, maya) in DEPARTMENT_WEIGHTS.items():
        here = courts_in(code, matter=Matter.TRABAJO, kind=CourtKind.PRIMERA_INSTANCIA)
        # the labour court of a departmental seat takes most cases; mixed courts far fewer
        local = [
            1.0 if c.matters != (Matter.TRABAJO,) else 3.0 if c.municipality == 1 else 2.0
            for c in here
        ]
        courts.extend(LabourCourt(c.id, c, maya, c.matters != (Matter.TRABAJO,)) for c in here)
        weights.extend(share * w / sum(local) for w in local)
    return Weighted(courts, weights)


#: the first-instance labour courts of every department, weighted by their share of the cases
COURTS = _labour_courts()
_K = LaborCaseKind
KINDS = Weighted(
    (_K.ORDINARIO, _K.PRESTACIONES, _K.REINSTALACION, _K.FALTAS, _K.EJECUTIVO, _K.POST_MORTEM,
     _K.PREVISION_SOCIAL, _K.COLECTIVO),
    (52, 14, 15, 8, 5, 3, 2, 1),
)  # fmt: skip


# --- who: workers, employers, unions --------------------------------------------------------------

IGSS = "Instituto Guatemalteco de Seguridad Social"
_PUBLIC_EMPLOYERS = (
    "Estado de Guatemala, Ministerio de Salud Pública y Asistencia Social", IGSS,
    "Estado de Guatemala, Ministerio de Educación", "Empresa Portuaria Quetzal",
)  # fmt: skip
INSPECCION = "Inspección General de Trabajo"


class LabourPeople(People):
    """People, and the employers a labour case is brought against."""

    def employer(self, found: LabourCourt) -> str:
        draw = self.rng.random()
        if draw < 0.68:
            return self.company()
        if draw < 0.90:
            return self.person(found.maya)  # a patrono individual: a farm, a shop, a household
        if draw < 0.95:
            return _PUBLIC_EMPLOYERS[int(self.rng.random() * len(_PUBLIC_EMPLOYERS))]
        court = found.court
        return f"Municipalidad de {municipality_name(court.department, court.municipality)}"
