"""Name data for the sandbox's civil registry and criminal records, as seen in Guatemala.

The name lists (seed inputs, kept as data in ``resources/sandbox/names.toml``) run from the most
to the least common (the seed weights them by rank); Mayan given names (K'iche', Kaqchikel,
Q'eqchi', many of them nawales of the Mayan calendar) and surnames are kept apart so the seed can
use them more where most people are Mayan (Totonicapán, Sololá, Alta Verapaz, Quiché, ...). Every
name passes ``kiosk.identity.validate_name``. Courts are written as the OJ names them; offenses as
the Código Penal and the special laws name them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files


def _name_lists() -> dict[str, tuple[str, ...]]:
    """The lists themselves are seed inputs, kept as data in ``resources/sandbox/names.toml``."""
    text = (files("kiosk.resources") / "sandbox" / "names.toml").read_text(encoding="utf-8")
    return {key: tuple(values) for key, values in tomllib.loads(text).items()}


_LISTS = _name_lists()
FEMALE_SPANISH_NAMES: tuple[str, ...] = _LISTS["female_spanish"]
FEMALE_MAYAN_NAMES: tuple[str, ...] = _LISTS["female_mayan"]
MALE_SPANISH_NAMES: tuple[str, ...] = _LISTS["male_spanish"]
MALE_MAYAN_NAMES: tuple[str, ...] = _LISTS["male_mayan"]
FEMALE_NAMES: tuple[str, ...] = FEMALE_SPANISH_NAMES + FEMALE_MAYAN_NAMES
MALE_NAMES: tuple[str, ...] = MALE_SPANISH_NAMES + MALE_MAYAN_NAMES
SPANISH_SURNAMES: tuple[str, ...] = _LISTS["spanish_surnames"]
MAYAN_SURNAMES: tuple[str, ...] = _LISTS["mayan_surnames"]
SURNAMES: tuple[str, ...] = SPANISH_SURNAMES + MAYAN_SURNAMES


@dataclass(frozen=True)
class Court:
    name: str
    department: int  # where it sits (kiosk.geography code)


_PENAL = "Penal, Narcoactividad y Delitos contra el Ambiente"
_FEMICIDE = "Penal de Delitos de Femicidio y otras Formas de Violencia contra la Mujer"
_CAPITAL = "del departamento de Guatemala"


def _first_instance(place: str, ordinal: str = "") -> str:
    court = f"Juzgado {ordinal} de" if ordinal else "Juzgado de"
    return f"{court} Primera Instancia {_PENAL} {place}"


def _trial(place: str, ordinal: str = "") -> str:
    court = f"Tribunal {ordinal} de" if ordinal else "Tribunal de"
    return f"{court} Sentencia {_PENAL} {place}"


COURTS: tuple[Court, ...] = (
    Court(_first_instance(_CAPITAL, "Primero"), 1),
    Court(_first_instance(_CAPITAL, "Tercero"), 1),
    Court(_first_instance(_CAPITAL, "Séptimo"), 1),
    Court(_first_instance(_CAPITAL, "Undécimo"), 1),
    Court(_trial(_CAPITAL, "Primero"), 1),
    Court(_trial(_CAPITAL, "Segundo"), 1),
    Court(_trial(_CAPITAL, "Quinto"), 1),
    Court(_trial(_CAPITAL, "Décimo"), 1),
    Court(f"Juzgado de Primera Instancia {_FEMICIDE} {_CAPITAL}", 1),
    Court(f"Tribunal Primero de Sentencia {_FEMICIDE} y Violencia Sexual {_CAPITAL}", 1),
    Court(_first_instance("de Mixco"), 1),
    Court(_first_instance("de Villa Nueva"), 1),
    Court(_trial("de Mixco"), 1),
    Court("Juzgado de Paz Penal de Faltas de Turno de la ciudad de Guatemala", 1),
    Court(_first_instance("de Quetzaltenango", "Primero"), 9),
    Court(_first_instance("de Quetzaltenango", "Segundo"), 9),
    Court(_trial("de Quetzaltenango", "Primero"), 9),
    Court(_trial("de Quetzaltenango", "Segundo"), 9),
    Court(f"Juzgado de Primera Instancia {_FEMICIDE} de Quetzaltenango", 9),
    Court(_first_instance("de Huehuetenango"), 13),
    Court(_trial("de Huehuetenango"), 13),
    Court(_first_instance("de Cobán, Alta Verapaz"), 16),
    Court(_trial("de Cobán, Alta Verapaz"), 16),
    Court(f"Juzgado de Primera Instancia {_FEMICIDE} de Alta Verapaz", 16),
    Court(_first_instance("de San Marcos"), 12),
    Court(_trial("de San Marcos"), 12),
    Court(_first_instance("de Coatepeque, Quetzaltenango"), 9),
    Court(_first_instance("de Santa Cruz del Quiché"), 14),
    Court(_trial("de Santa Cruz del Quiché"), 14),
    Court(_first_instance("de Escuintla"), 5),
    Court(_trial("de Escuintla"), 5),
    Court(_first_instance("de Chimaltenango"), 4),
    Court(_trial("de Chimaltenango"), 4),
    Court(_trial("de Sacatepéquez"), 3),
    Court(_first_instance("de Mazatenango, Suchitepéquez"), 10),
    Court(_trial("de Retalhuleu"), 11),
    Court(_first_instance("de Totonicapán"), 8),
    Court(_trial("de Sololá"), 7),
    Court(_trial("de Petén"), 17),
    Court(_first_instance("de Izabal"), 18),
    Court(_trial("de Zacapa"), 19),
    Court(_trial("de Chiquimula"), 20),
    Court(_first_instance("de Jutiapa"), 22),
    Court(_trial("de Jalapa"), 21),
    Court(_first_instance("de Santa Rosa"), 6),
    Court(_trial("de Baja Verapaz"), 15),
    Court(_first_instance("de El Progreso"), 2),
)


@dataclass(frozen=True)
class Offense:
    name: str
    weight: int  # how often the seed picks it, relative to the others


OFFENSES: tuple[Offense, ...] = (
    Offense("Hurto", 14),
    Offense("Hurto agravado", 6),
    Offense("Robo", 8),
    Offense("Robo agravado", 7),
    Offense("Lesiones leves", 10),
    Offense("Lesiones graves", 3),
    Offense("Lesiones culposas", 4),
    Offense("Homicidio culposo", 3),
    Offense("Homicidio", 2),
    Offense("Asesinato", 1),
    Offense("Estafa propia", 6),
    Offense("Apropiación y retención indebidas", 3),
    Offense("Amenazas", 6),
    Offense("Allanamiento", 2),
    Offense("Daño", 3),
    Offense("Usurpación", 2),
    Offense("Falsedad material", 2),
    Offense("Uso de documentos falsificados", 2),
    Offense("Extorsión", 3),
    Offense("Portación ilegal de armas de fuego de uso civil y/o deportivas", 6),
    Offense("Tenencia ilegal de armas de fuego bélicas o de uso exclusivo del Ejército", 1),
    Offense("Posesión para el consumo", 7),
    Offense("Comercio, tráfico y almacenamiento ilícito", 2),
    Offense("Violencia contra la mujer", 6),
    Offense("Negación de asistencia económica", 4),
    Offense("Responsabilidad de conductores", 4),
    Offense("Cohecho activo", 1),
    Offense("Asociación ilícita", 1),
)
