"""Solicitudes de Información Pública in the sandbox: what people ask the OJ, where they ask it,
how each request ended, and the documented demo requests. [A] throughout: the OJ publishes its
request statistics as totals only, so the mix below is an assumption to replace with real data.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date

from kiosk.courts import Court, courts_in
from kiosk.geography import DEPARTMENTS, municipality_count
from kiosk.portal.models.public_information import DeliveryMethod, PublicInformationStatus
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, Weighted
from kiosk.working_days import Place

S = PublicInformationStatus

#: [A] what people ask (art. 10's information "de oficio" and statistics, mostly)
TOPICS: tuple[str, ...] = (
    "Solicito el número de sentencias condenatorias y absolutorias dictadas {by_court} "
    "durante el año {year}.",
    "Requiero la cantidad de casos ingresados {to_court} en {year}, separados por materia y por "
    "mes.",
    "Solicito el listado del personal {of_court}, con su puesto y su salario mensual (artículo "
    "10 de la Ley de Acceso a la Información Pública).",
    "Deseo conocer el presupuesto asignado y el ejecutado por el Organismo Judicial en el "
    "departamento de {department} durante {year}.",
    "Solicito los contratos de arrendamiento de los inmuebles que ocupa el Organismo Judicial en "
    "{municipality}, {department}.",
    "¿Cuántas audiencias se suspendieron {in_court} durante {year} y por qué motivos?",
    "Solicito el número de medidas de seguridad otorgadas {by_court} en casos de violencia "
    "contra la mujer durante {year}.",
    "Requiero el horario de atención, la dirección y el teléfono {of_court}.",
    "Solicito información sobre las plazas vacantes de oficial y de notificador en el "
    "departamento de {department}.",
    "Cantidad de jueces de paz que hablan un idioma maya en el departamento de {department}, y "
    "cuáles idiomas hablan.",
    "Solicito los viáticos pagados a jueces y magistrados del departamento de {department} "
    "durante {year}.",
    "Requiero las compras y contrataciones del Organismo Judicial para el edificio de "
    "tribunales de {municipality}, {department}, en {year}.",
    "Solicito la cantidad de personas detenidas puestas a disposición {of_court} en {year}.",
    "Deseo saber cuántos expedientes digitalizó el Archivo General de Tribunales durante {year}.",
    "Solicito el tiempo promedio que tarda {the_court} en dictar sentencia, con datos de {year}.",
    "Requiero el número de intérpretes de idiomas mayas contratados por el Organismo Judicial "
    "en {department} y los idiomas que atienden.",
)

#: [A] how people want the answer
DELIVERIES = Weighted(
    (
        DeliveryMethod.EMAIL,
        DeliveryMethod.INSPECTION,
        DeliveryMethod.PRINTED_COPY,
        DeliveryMethod.ELECTRONIC_COPY,
    ),
    (70, 8, 15, 7),
)
EMAIL_DOMAINS = Weighted(
    ("gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "yahoo.es", "icloud.com"),
    (60, 18, 8, 8, 3, 3),
)
#: [A] a request that ended: how
ENDINGS = Weighted(
    (S.ANSWERED, S.NONEXISTENT, S.REFERRED, S.DENIED, S.UNDER_REVIEW), (76, 8, 7, 6, 3)
)
EMAIL_SHARE = 0.65  # [A] the rest leave a phone number
DPI_SHARE = 0.3  # [A] the DPI is optional: most leave it out
EXTENDED_SHARE = 0.12  # [A] requests whose answer took the ten extra days
CAPITAL_SHARE = 0.3  # [A] received in Guatemala City (the Unidad itself, its portal, kiosks)

#: where requests are received: a department by the weight of its cases, then its seat most
#: of the time (the courthouse with the kiosk), another municipality otherwise
_DEPARTMENTS = Weighted(
    tuple(dept.code for dept in DEPARTMENTS), [DEPARTMENT_WEIGHTS[d.code][0] for d in DEPARTMENTS]
)


def place(rng: random.Random) -> Place:
    if rng.random() < CAPITAL_SHARE:
        return (1, 1)
    dept = _DEPARTMENTS.pick(rng)
    if rng.random() < 0.7:
        return (dept, 1)
    return (dept, 1 + int(rng.random() * municipality_count(dept)))


def maya_share(dept: int) -> float:
    return DEPARTMENT_WEIGHTS[dept][1]


def courts_of(dept: int) -> tuple[Court, ...]:
    return _COURTS[dept]


def court_words(court: Court) -> dict[str, str]:
    """The court's name with its article, as the templates need it: «del Juzgado ...», «de la
    Sala ...» (a Sala and the Corte are feminine)."""
    feminine = court.name.split()[0] in ("Sala", "Corte")
    article = "la" if feminine else "el"
    return {
        "the_court": f"{article} {court.name}",
        "of_court": f"de la {court.name}" if feminine else f"del {court.name}",
        "to_court": f"a la {court.name}" if feminine else f"al {court.name}",
        "by_court": f"por {article} {court.name}",
        "in_court": f"en {article} {court.name}",
    }


_COURTS = {dept.code: courts_in(dept.code) for dept in DEPARTMENTS}


def email_of(name: str, rng: random.Random) -> str:
    """An address the way people make them: first name, first surname, a number."""
    words = _ascii(name).lower().split()
    first, surname = words[0], words[-2] if len(words) > 2 else words[-1]
    number = "" if rng.random() < 0.3 else str(int(rng.random() * 99) + 1)
    return f"{first}.{surname}{number}@{EMAIL_DOMAINS.pick(rng)}"


def phone_of(rng: random.Random) -> str:
    """[F] mobile numbers begin with 3, 4 or 5; landlines with 2, 6 or 7."""
    head = "3455555442"[int(rng.random() * 10)]
    return head + f"{int(rng.random() * 10_000_000):07d}"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalpha() or c == " "))


# --- demo requests --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoRequest:
    sequence: int  # its number within its year: 900001 and on are the demo's own
    shows: str
    status: PublicInformationStatus
    information: str
    delivery: DeliveryMethod
    name: str  # as stored; served as initials
    email: str | None
    phone: str | None
    place: Place
    #: a fixed day it was received, or None: some working days before today (``refresh``)
    received_on: date | None
    working_days_ago: int = 0
    answered_on: date | None = None

    def folio(self, received_on: date) -> str:
        return folio(received_on.year, self.sequence)


def folio(year: int, sequence: int) -> str:
    return f"UIP-{year:04d}-{sequence:06d}"


#: the first sequence number of the demo's own requests (generated years stay far below it)
DEMO_SEQUENCE_START = 900_001

#: Open, received two working days ago in Guatemala City: the answer is due in eight.
DEMO_IN_PROGRESS = DemoRequest(
    900_001,
    "open: the Unidad asked the office that holds it",
    S.IN_PROGRESS,
    "Solicito el número de procesos de pensión alimenticia iniciados en los juzgados de familia "
    "del departamento de Guatemala durante 2025, por mes.",
    DeliveryMethod.EMAIL,
    "María José Pérez López",
    "maria.perez@ejemplo.gt",
    None,
    (1, 1),
    None,
    working_days_ago=2,
)
#: Extended: received fourteen working days ago in Quetzaltenango; the extra days run.
DEMO_EXTENDED = DemoRequest(
    900_002,
    "extended: ten more working days",
    S.EXTENDED,
    "Requiero las compras y contrataciones del Organismo Judicial para el edificio de "
    "tribunales de Quetzaltenango en 2024 y 2025.",
    DeliveryMethod.ELECTRONIC_COPY,
    "Juan Carlos García Hernández",
    None,
    "55123456",
    (9, 1),
    None,
    working_days_ago=14,
)
#: Answered in October 2025.
DEMO_ANSWERED = DemoRequest(
    900_003,
    "answered",
    S.ANSWERED,
    "Deseo conocer el presupuesto asignado y el ejecutado por el Organismo Judicial en el "
    "departamento de Alta Verapaz durante 2024.",
    DeliveryMethod.EMAIL,
    "Ixchel Alejandra Caal Choc",
    "ixchel.caal@ejemplo.gt",
    None,
    (16, 1),
    date(2025, 10, 6),
    answered_on=date(2025, 10, 15),
)
#: Refused: reserved information (art. 23).
DEMO_DENIED = DemoRequest(
    900_004,
    "denied: reserved information",
    S.DENIED,
    "Solicito los nombres de los testigos protegidos en los procesos del Juzgado de Mayor "
    "Riesgo A durante 2024.",
    DeliveryMethod.PRINTED_COPY,
    "Carlos Enrique Morales Castillo",
    None,
    "42345678",
    (1, 1),
    date(2025, 9, 1),
    answered_on=date(2025, 9, 12),
)
#: Referred: another institution holds it (the Ministerio Público).
DEMO_REFERRED = DemoRequest(
    900_005,
    "referred to another institution",
    S.REFERRED,
    "Solicito la cantidad de denuncias por extorsión recibidas en Escuintla durante 2024.",
    DeliveryMethod.EMAIL,
    "José Luis Hernández López",
    "jl.hernandez@ejemplo.gt",
    None,
    (5, 1),
    date(2025, 11, 3),
    answered_on=date(2025, 11, 7),
)
DEMO_REQUESTS = (DEMO_IN_PROGRESS, DEMO_EXTENDED, DEMO_ANSWERED, DEMO_DENIED, DEMO_REFERRED)
DEMO_ANSWERED_FOLIO = folio(2025, DEMO_ANSWERED.sequence)  # UIP-2025-900003
DEMO_DENIED_FOLIO = folio(2025, DEMO_DENIED.sequence)  # UIP-2025-900004
DEMO_REFERRED_FOLIO = folio(2025, DEMO_REFERRED.sequence)  # UIP-2025-900005
#: a folio no request has: "not found"
DEMO_UNKNOWN_FOLIO = "UIP-2025-899999"

#: [A] where demo kiosks stand (the device registry has no place: this table is the portal's):
#: the documented demo kiosk in Guatemala City, and two ids a developer may enroll to see
#: another municipality's calendar (Quetzaltenango's feria on 7 October, Cobán's on 4 August)
DEMO_KIOSK_PLACES: dict[str, Place] = {
    "GT-SANDBOX-0001": (1, 1),
    "GT-QUE-0001": (9, 1),
    "GT-COB-0001": (16, 1),
}
