"""The directory's rows: every court of ``kiosk.courts`` under its own id, the OJ's offices, the
Centros de Mediación and the facilitadores judiciales of 213 municipalities, each with an
address, a phone, an email, opening hours and a place on the map; and the words each is found by.

Deterministic: one generator, drawn in a fixed order (the courts' order, then the offices', the
mediation centres', the facilitadores'). The tables and assumptions it draws from are in
``directory_data.py``; everything here is [A] but the totals marked [F] there.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from kiosk.courts import COURTS, Court, CourtKind, Matter
from kiosk.geography import DEPARTMENTS, department, municipality_name
from kiosk.portal.models.directory import EntryKind
from kiosk.sandbox import directory_data as data
from kiosk.sandbox.mediation_stats_data import CENTRES_PER_DEPARTMENT
from kiosk.sandbox.word_search import fold, stems

KIND_OF_COURT: dict[CourtKind, EntryKind] = {
    CourtKind.CSJ: EntryKind.CSJ,
    CourtKind.SALA: EntryKind.SALA,
    CourtKind.PRIMERA_INSTANCIA: EntryKind.PRIMERA_INSTANCIA,
    CourtKind.SENTENCIA: EntryKind.SENTENCIA,
    CourtKind.PAZ: EntryKind.PAZ,
}
#: the order of kinds in a list by place: the highest court first
KIND_RANK = {kind: rank for rank, kind in enumerate(EntryKind)}
COURT_HOURS = ("08:00", "15:30")  # [F] the courts' hours for the public
MEDIATION_HOURS = ("08:00", "16:00")  # [A]
_KM_PER_DEGREE = 111.2
_ORDINALS = {
    "Primero": 1, "Primera": 1, "Segundo": 2, "Segunda": 2, "Tercero": 3, "Tercera": 3,
    "Cuarto": 4, "Cuarta": 4, "Quinto": 5, "Sexto": 6, "Séptimo": 7, "Octavo": 8, "Noveno": 9,
    "Décimo": 10, "Undécimo": 11, "Duodécimo": 12,
}  # fmt: skip
_MEDIATION_ABOUT = (
    "Ayuda a resolver conflictos por acuerdo, sin juicio y sin costo: deudas, pensiones "
    "alimenticias, linderos, problemas entre vecinos."
)
_FACILITADORES_ABOUT = (
    "Vecinos nombrados por el juez de paz que orientan a la comunidad y ayudan a resolver "
    "conflictos sencillos. Se les contacta por medio del Juzgado de Paz del municipio."
)


@dataclass
class Entry:
    """One row of ``directory_entries`` (and its words for ``directory_search``)."""

    id: str
    name: str
    kind: EntryKind
    department: int
    municipality: int
    address: str
    phone: str
    extension: str | None
    email: str
    place: tuple[float, float]
    matters: tuple[Matter, ...] = ()
    description: str | None = None
    always_open: bool = False
    hours: tuple[str, str] = COURT_HOURS
    reached_through: str | None = None
    words: str = ""  # what the matters column of the index holds

    def row(self, pk: int) -> tuple[object, ...]:
        opens, closes = (None, None) if self.always_open else self.hours
        return (
            pk, self.id, self.name, fold(self.name), self.kind.value, KIND_RANK[self.kind],
            ",".join(m.value for m in self.matters), self.description, self.department,
            self.municipality, self.address, self.phone, self.extension, self.email,
            int(self.always_open), "" if self.always_open else "12345", opens, closes,
            round(self.place[0], 5), round(self.place[1], 5), self.reached_through,
        )  # fmt: skip

    def indexed(self, pk: int) -> tuple[object, ...]:
        """rowid, then the index's columns: name, kind, matters, municipality, department,
        address (each as ``word_search.stems``)."""
        # a court is also found by its code (DDCCC): another service's record leads here by it
        name = f"{self.name} {self.id}" if self.id.isdigit() else self.name
        return (
            pk,
            stems(name),
            stems(data.KIND_WORDS[self.kind]),
            stems(self.words),
            stems(municipality_name(self.department, self.municipality)),
            stems(department(self.department).name),
            stems(self.address),
        )


@dataclass
class _Site:
    """A building where several entries sit: one address, one switchboard or none."""

    address: str
    place: tuple[float, float]
    phone: str | None  # a switchboard: its entries get extensions
    next_extension: int = 101
    levels: dict[str, int] = field(default_factory=dict)


class DirectorySeeder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.entries: list[Entry] = []
        self.phones: set[str] = set()
        self.emails: set[str] = set()
        self.seats = self._municipal_seats()
        self.sites: dict[tuple[int, int, str], _Site] = {}
        self.capital_extension = {data.PALACIO.name: 1000, data.TORRE.name: 2000,
                                  data.ADMINISTRATION.name: 3000}  # fmt: skip
        self.first_paz: dict[tuple[int, int], Entry] = {}
        self.capital_paz = 0  # the capital's Juzgados de Paz placed so far (one zone each)

    # --- where -------------------------------------------------------------------------------

    def _municipal_seats(self) -> dict[tuple[int, int], tuple[float, float]]:
        """Every municipality's seat: the department's seat and the known places as they are,
        the rest a drawn distance (a fifth to all of the department's radius) and direction
        from the department's seat."""
        seats: dict[tuple[int, int], tuple[float, float]] = {}
        for dept in DEPARTMENTS:
            lat0, lon0 = data.SEATS[dept.code]
            for muni, name in enumerate(dept.municipalities, start=1):
                radius = data.RADIUS_KM[dept.code]
                distance = radius * (0.2 + 0.8 * self.rng.random())
                bearing = self.rng.random() * 2 * math.pi
                if muni == 1:
                    seats[dept.code, muni] = (lat0, lon0)
                    continue
                known = data.KNOWN_PLACES.get((dept.code, name))
                if known is not None:
                    seats[dept.code, muni] = known
                    continue
                lat = lat0 + distance * math.cos(bearing) / _KM_PER_DEGREE
                lon = lon0 + distance * math.sin(bearing) / (
                    _KM_PER_DEGREE * math.cos(math.radians(lat0))
                )
                seats[dept.code, muni] = (min(max(lat, 13.8), 17.8), min(max(lon, -92.2), -88.2))
        return seats

    def _near(self, place: tuple[float, float], metres: float = 400) -> tuple[float, float]:
        """A point a few blocks from ``place``."""
        step = metres / 1000 / _KM_PER_DEGREE
        return (
            place[0] + (self.rng.random() - 0.5) * 2 * step,
            place[1] + (self.rng.random() - 0.5) * 2 * step,
        )

    def _street(self, zone: int | None = None) -> str:
        rng = self.rng
        number = 1 + int(rng.random() * 14)
        way = "calle" if rng.random() < 0.5 else "avenida"
        ordinal = f"{number}a." if number <= 10 else str(number)
        block, door = 1 + int(rng.random() * 20), 1 + int(rng.random() * 90)
        street = f"{ordinal} {way} {block}-{door:02d}"
        return f"{street}, zona {zone}" if zone is not None else street

    def _town_address(self) -> str:
        pattern = data.TOWN_ADDRESSES[int(self.rng.random() * len(data.TOWN_ADDRESSES))]
        return pattern.format(street=self._street())

    def _site(self, dept: int, muni: int, key: str) -> _Site:
        """The building ``key`` of a municipality: its seat's courts ("seat"), its Juzgados de
        Paz ("paz"), made once."""
        found = self.sites.get((dept, muni, key))
        if found is None:
            if key == "seat":
                name = data.SEAT_BUILDINGS[int(self.rng.random() * len(data.SEAT_BUILDINGS))]
                address = f"{name}, {self._street(zone=1)}"
                phone: str | None = self._phone(dept)
            else:
                address, phone = self._town_address(), None
            found = _Site(address, self._near(self.seats[dept, muni]), phone)
            self.sites[dept, muni, key] = found
        return found

    # --- how to reach it -----------------------------------------------------------------------

    def _phone(self, dept: int) -> str:
        """A new landline: 2xxx-xxxx in Guatemala department, 7xxx-xxxx elsewhere ([A])."""
        while True:
            if dept == 1:
                number = "2" + "2345"[int(self.rng.random() * 4)]
                number += f"{int(self.rng.random() * 1_000_000):06d}"
            else:
                number = data.PHONE_PREFIXES[dept] + f"{int(self.rng.random() * 100_000):05d}"
            if number not in self.phones and number != data.SWITCHBOARD:
                self.phones.add(number)
                return number

    def _email(self, local: str) -> str:
        """``local@oj.gob.gt``, made unique with a number when it is taken."""
        base, count = local, 1
        while f"{local}@{data.DOMAIN}" in self.emails:
            count += 1
            local = f"{base}{count}"
        email = f"{local}@{data.DOMAIN}"
        self.emails.add(email)
        return email

    def _reach(self, dept: int, muni: int, site: _Site | None) -> tuple[str, str | None]:
        """(phone, extension): a building's switchboard and a new extension, or a line of its
        own."""
        if site is not None and site.phone is not None:
            site.next_extension += 1
            return site.phone, str(site.next_extension - 1)
        return self._phone(dept), None

    # --- the courts ----------------------------------------------------------------------------

    def courts(self) -> None:
        for court in COURTS:
            entry = self._court(court)
            self.entries.append(entry)
            if court.kind is CourtKind.PAZ and "Turno" not in court.name:
                self.first_paz.setdefault((court.department, court.municipality), entry)

    def _court(self, court: Court) -> Entry:
        kind = KIND_OF_COURT[court.kind]
        dept, muni = court.department, court.municipality
        if dept == 1 and muni == 1:
            address, place, phone, extension = self._capital_court(court)
        else:
            site = self._site(dept, muni, "paz" if kind is EntryKind.PAZ else "seat")
            address, place = site.address, site.place
            phone, extension = self._reach(dept, muni, site)
        words = data.PAZ_WORDS if kind is EntryKind.PAZ else _matter_words(court.matters)
        return Entry(
            id=court.id,
            name=court.name,
            kind=kind,
            department=dept,
            municipality=muni,
            address=address,
            phone=phone,
            extension=extension,
            email=self._email(_court_email(court, kind)),
            place=place,
            matters=court.matters,
            always_open="de Turno" in court.name,
            words=words,
        )

    def _capital_court(self, court: Court) -> tuple[str, tuple[float, float], str, str | None]:
        """The capital's courts sit in a few buildings ([A] which court where, its floor)."""
        matters = set(court.matters)
        if court.kind is CourtKind.PAZ:
            if "Turno" in court.name:
                return self._in(data.TORRE, "1.er nivel")
            if "Móvil" in court.name:
                address = f"Unidad móvil; sede en el {data.PALACIO.name}, {data.PALACIO.address}"
                return address, data.PALACIO.place, self._phone(1), None
            zone = data.CAPITAL_PAZ_ZONES[self.capital_paz % len(data.CAPITAL_PAZ_ZONES)]
            self.capital_paz += 1
            return self._street(zone), self._near(data.SEATS[1], 3000), self._phone(1), None
        if court.kind in (CourtKind.CSJ, CourtKind.SALA):
            level = "2.º nivel" if court.kind is CourtKind.CSJ else f"{3 + court.code % 7}.º nivel"
            return self._in(data.PALACIO, level)
        if court.kind is CourtKind.SENTENCIA or matters & {
            Matter.PENAL,
            Matter.FEMICIDIO,
            Matter.MAYOR_RIESGO,
        }:
            return self._in(data.TORRE, f"{2 + court.code % 13}.º nivel")
        building = (
            data.CIVIL
            if Matter.CIVIL in matters
            else data.FAMILY
            if Matter.FAMILIA in matters
            else data.LABOUR
            if Matter.TRABAJO in matters
            else data.CHILDREN
        )
        return building.address, building.place, self._phone(1), None

    def _in(
        self, building: data.Building, level: str
    ) -> tuple[str, tuple[float, float], str, str | None]:
        """A room of a capital building reached through the OJ's switchboard."""
        self.capital_extension[building.name] += 1 + int(self.rng.random() * 4)
        extension = str(self.capital_extension[building.name])
        address = f"{building.name}, {building.address}, {level}"
        return address, building.place, data.SWITCHBOARD, extension

    # --- the offices ---------------------------------------------------------------------------

    def offices(self) -> None:
        counts: dict[int, int] = {}
        for office in data.OFFICES:
            self.entries.append(self._office(office, counts))
        name, about = data.REGIONAL_PENAL_CENTRE
        for dept in DEPARTMENTS[1:]:
            slug = _slug(dept.municipalities[0])
            centre = data.Office(
                name.format(department=dept.name), about, f"cagp.{slug}", department=dept.code
            )
            self.entries.append(self._office(centre, counts, at_seat=True))

    def _office(
        self, office: data.Office, counts: dict[int, int], *, at_seat: bool = False
    ) -> Entry:
        dept, muni = office.department, office.municipality
        counts[dept] = counts.get(dept, 0) + 1
        building = office.building
        if building is not None and building.switchboard:
            address, place, phone, extension = self._in(building, office.level)
        elif building is not None:
            address, place = f"{building.name}, {building.address}", building.place
            phone, extension = self._phone(dept), None
        elif at_seat:
            site = self._site(dept, muni, "seat")
            address, place = f"{site.address}, 1.er nivel", site.place
            phone, extension = self._reach(dept, muni, site)
        else:
            address = f"{self._street(zone=1)}, {municipality_name(dept, muni)}"
            place, phone, extension = self._near(self.seats[dept, muni]), self._phone(dept), None
        return Entry(
            id=f"of-{dept:02d}{counts[dept]:03d}",
            name=office.name,
            kind=EntryKind.OFICINA,
            department=dept,
            municipality=muni,
            address=address,
            phone=phone,
            extension=extension,
            email=self._email(office.email),
            place=place,
            description=office.about,
            hours=office.hours,
            words=office.about,
        )

    # --- mediation centres and facilitadores ----------------------------------------------------

    def mediation(self, *, without: frozenset[tuple[int, int]]) -> None:
        """About 80 centres: one at every departmental seat, several in the
        capital city, the rest in municipalities drawn (never those in ``without``)."""
        # as many in each department as the mediation statistics count: one source, so the
        # figures a visitor reads and the centres the directory lists agree
        quotas = CENTRES_PER_DEPARTMENT
        for dept in DEPARTMENTS:
            count = quotas[dept.code]
            places: list[tuple[int, str]] = []
            if dept.code == 1:
                places += [(1, f"zona {z}") for z in data.CAPITAL_MEDIATION_ZONES[:count]]
            else:
                places.append((1, ""))
            others = [
                m for m in range(2, len(dept.municipalities) + 1) if (dept.code, m) not in without
            ]
            drawn = self.rng.sample(others, min(count - len(places), len(others)))
            places += [(m, "") for m in sorted(drawn)]
            for number, (muni, zone) in enumerate(places, start=1):
                self.entries.append(self._centre(dept.code, muni, zone, number))

    def _centre(self, dept: int, muni: int, zone: str, number: int) -> Entry:
        town = municipality_name(dept, muni)
        if zone:
            name = f"Centro de Mediación de la {zone}, ciudad de Guatemala"
            address = self._street(int(zone.split()[1]))
            local = f"mediacion.{zone.replace(' ', '')}"
            place = self._near(self.seats[dept, muni], 3000)
        else:
            name = f"Centro de Mediación de {town}"
            address = self._town_address() if muni != 1 else f"{self._street(zone=1)}"
            local = f"mediacion.{_slug(town)}"
            place = self._near(self.seats[dept, muni])
        return Entry(
            id=f"me-{dept:02d}{number:03d}",
            name=name,
            kind=EntryKind.MEDIACION,
            department=dept,
            municipality=muni,
            address=address,
            phone=self._phone(dept),
            extension=None,
            email=self._email(local),
            place=place,
            description=_MEDIATION_ABOUT,
            hours=MEDIATION_HOURS,
            words="mediación conciliación",
        )

    def facilitadores(self, *, always: frozenset[tuple[int, int]]) -> None:
        """The facilitadores of 213 municipalities ([F]), drawn in proportion to each
        department's municipalities (those in ``always`` among them), none in the capital
        city: each reached through its municipality's Juzgado de Paz."""
        candidates = {
            dept.code: [
                m for m in range(1, len(dept.municipalities) + 1) if (dept.code, m) != (1, 1)
            ]
            for dept in DEPARTMENTS
        }
        quotas = _apportion(
            data.FACILITADORES_MUNICIPALITIES, {d: len(c) for d, c in candidates.items()}
        )
        for dept in DEPARTMENTS:
            forced = [m for m in candidates[dept.code] if (dept.code, m) in always]
            rest = [m for m in candidates[dept.code] if m not in forced]
            drawn = forced + self.rng.sample(rest, quotas[dept.code] - len(forced))
            for muni in sorted(drawn):
                self.entries.append(self._facilitadores(dept.code, muni))

    def _facilitadores(self, dept: int, muni: int) -> Entry:
        court = self.first_paz[dept, muni]
        return Entry(
            id=f"fj-{dept:02d}{muni:03d}",
            name=f"Facilitadores Judiciales de {municipality_name(dept, muni)}",
            kind=EntryKind.FACILITADORES,
            department=dept,
            municipality=muni,
            address=court.address,
            phone=court.phone,
            extension=court.extension,
            email=court.email,
            place=court.place,
            description=_FACILITADORES_ABOUT,
            hours=court.hours,
            reached_through=court.id,
        )

    def rows(self) -> Iterator[tuple[tuple[object, ...], tuple[object, ...]]]:
        for pk, entry in enumerate(self.entries, start=1):
            yield entry.row(pk), entry.indexed(pk)


# --- helpers --------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    """«Santa Cruz del Quiché» as an email part: ``santacruzdelquiche``."""
    plain = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in plain if c.isascii() and c.isalnum())


def _matter_words(matters: tuple[Matter, ...]) -> str:
    return " ".join(data.MATTER_WORDS[m] for m in matters)


def _court_email(court: Court, kind: EntryKind) -> str:
    """[A] ``<kind><n>.<matter>.<place>``: pi5.trabajo.guatemala, jpaz2.mixco, sala1.civil."""
    words = court.name.replace(",", "").split()
    number = next((_ORDINALS[w] for w in words[:3] if w in _ORDINALS), None)
    ordinal = str(number) if number else ""
    place = _slug(municipality_name(court.department, court.municipality))
    if kind is EntryKind.CSJ:
        return "corte.suprema"
    if kind is EntryKind.SALA:
        if "Regional" in court.name:
            return f"sala{ordinal}.regional.{_slug(department(court.department).name)}"
        return f"sala{ordinal}.{court.matters[0].value.replace('_', '')}"
    named = fold(court.name.replace(",", "")).split()
    if kind is EntryKind.PAZ:
        extra = [w for w in ("penal", "civil", "turno", "movil", "comunitario") if w in named]
        return ".".join([f"jpaz{ordinal}", *extra, place])
    prefix = "ts" if kind is EntryKind.SENTENCIA else "pi"
    matter = next((m for m in court.matters if m is not Matter.MIXTO), court.matters[0])
    parts = [f"{prefix}{ordinal}", matter.value.replace("_", "")]
    parts += [w for w in ("ejecucion", "turno") if w in named]
    if "adolescentes" in named and "ninez" not in named:
        parts.append("adolescentes")
    if "Grupo " in court.name:
        parts.append(court.name.split("Grupo ")[1].lower())
    return ".".join([*parts, place])


def _apportion(total: int, weights: dict[int, int]) -> dict[int, int]:
    """``total`` split by ``weights`` (largest remainders), at least one each."""
    whole = sum(weights.values())
    shares = {key: total * weight / whole for key, weight in weights.items()}
    counts = {key: max(1, math.floor(share)) for key, share in shares.items()}
    by_remainder = sorted(shares, key=lambda k: shares[k] - math.floor(shares[k]), reverse=True)
    index = 0
    while sum(counts.values()) < total:
        counts[by_remainder[index % len(by_remainder)]] += 1
        index += 1
    while sum(counts.values()) > total:  # the minimum of one pushed it over: the largest give
        largest = max(counts, key=lambda k: counts[k])
        counts[largest] -= 1
    return counts
