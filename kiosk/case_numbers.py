"""Case numbers (expedientes) as people type them: one parser, one canonical text, plain errors.

[F] Two families of numbers:

* SGT, since 2006: ``DDCCC-YYYY-NNNNN``: department 01..22 (INE order), the court within it, the
  year and a 5-digit sequence, often written with a prefix (``C-01173-2019-00123``);
* legacy per-court numbers, ``sequence-year``, sometimes with the clerk's desk (``Of.``, 1..9):
  ``485-2011``, ``26-2000 Of. 2º``, ``Ordinario Laboral No. 46-06 Of. 1º``; the CSJ's amparos and
  antejuicios have the same shape (``1146-2022``).

Accepted around and between the parts: words (expediente, No., Exp., C-, Cj:), spaces, dots,
slashes, any kind of dash, missing leading zeros, any letter case, two-digit years (00 up to this
year's two digits means 20xx, the rest 19xx) and the desk as "Of. 2º", "of 2" or "Oficial II".
Errors are ``CaseNumberError`` with a stable ``code`` and ``params``; the Spanish text comes from
``MESSAGES`` (read by the i18n extractor), so a screen can translate it when it shows it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from kiosk.courts import Court
from kiosk.courts import court as find_court
from kiosk.geography import DEPARTMENTS

SGT_SINCE = 2006
OLDEST_YEAR = 1900
MAX_DEPARTMENT = len(DEPARTMENTS)
MAX_COURT = 999
MAX_SEQUENCE = 99_999
MAX_OFFICE = 9

MESSAGES: dict[str, str] = {
    "empty": "Escriba el número del expediente, por ejemplo 01173-2019-00123 o 485-2011.",
    "not_digits": (
        "El número del expediente lleva solo números separados por guiones: quite «{character}»."
    ),
    "missing_year": "Falta el año: por ejemplo 485-2011.",
    "missing_separators": (
        "Separe las partes del número con guiones, por ejemplo 01173-2019-00123 o 485-2011."
    ),
    "too_many_parts": (
        "Sobran números: un expediente se escribe como 01173-2019-00123 o como 485-2011."
    ),
    "missing_department": (
        "Falta el departamento al inicio: el número empieza con el departamento y el juzgado, "
        "por ejemplo 01173-2019-00123."
    ),
    "missing_sequence": (
        "Falta el número del expediente después del año: por ejemplo 01173-2019-00123."
    ),
    "department": "El número empieza con el departamento, de 01 a 22; {department} no existe.",
    "court_digits": (
        "El departamento y el juzgado llevan 5 cifras en total, por ejemplo 01173 "
        "(departamento 01, juzgado 173): revise «{part}»."
    ),
    "court_range": (
        "El juzgado son las 3 cifras después del departamento, de 001 a 999; {court} no existe."
    ),
    "year_digits": "El año se escribe con 4 cifras, por ejemplo 2011; «{year}» no es un año.",
    "year_future": "El año {year} todavía no ha llegado: revise el año del expediente.",
    "year_too_old": "El año {year} es demasiado antiguo: revise el año del expediente.",
    "sgt_before_2006": (
        "Los números con departamento y juzgado, como 01173-2019-00123, se usan desde 2006 y "
        "este dice {year}. Los expedientes más antiguos llevan el número propio del juzgado, "
        "por ejemplo 485-2001."
    ),
    "sequence_digits": (
        "El número del expediente (sin el año) tiene como máximo 5 cifras; «{sequence}» tiene "
        "{length}."
    ),
    "sequence_zero": "El número del expediente no puede ser 0: revise los números.",
    "office_range": "El oficial («Of.») es un número del 1 al 9; {office} no existe.",
}


class CaseNumberError(ValueError):
    """What is wrong with a typed case number; ``str(err)`` is the Spanish message."""

    def __init__(self, code: str, **params: int | str) -> None:
        self.code = code
        self.params: dict[str, int | str] = dict(params)
        self.message_key = code
        self.message = MESSAGES[code].format(**self.params)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class CaseNumber:
    year: int
    sequence: int
    department: int | None = None  # SGT only
    court: int | None = None  # SGT only (CCC)
    office: int | None = None  # legacy "Of. N" only

    def __post_init__(self) -> None:
        if (self.department is None) != (self.court is None):
            raise ValueError("an SGT case number needs both department and court")
        if self.department is not None and self.office is not None:
            raise ValueError("only legacy case numbers carry an office (Of.)")

    @property
    def is_sgt(self) -> bool:
        return self.department is not None

    @property
    def court_id(self) -> str | None:
        """The court part of an SGT number ("01173", a ``kiosk.courts.Court`` id), else None."""
        if self.department is None or self.court is None:
            return None
        return f"{self.department:02d}{self.court:03d}"

    def __str__(self) -> str:
        if self.court_id is not None:
            return f"{self.court_id}-{self.year:04d}-{self.sequence:05d}"
        office = "" if self.office is None else f" Of. {self.office}"
        return f"{self.sequence}-{self.year}{office}"


# --- reading what people type ------------------------------------------------------------------

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58", "-"))
_SEPARATORS = frozenset(" -./_,:;\\")
_NON_DIGITS = re.compile(r"[^0-9]+")
# The clerk's desk: "Of. 2º", "of 2", "Oficial 1ro", "Of. II", "oficial primero".
_OFFICE = re.compile(
    r"\bof(?:icial|icina)?\.?\s*(?:no\.?\s*)?"
    r"(?P<office>[0-9]+|[ivx]+|primer|segund|tercer|cuart|quint|sext|s[eé]ptim|octav|noven)"
    r"(?:°|ro|ra|er|do|da|to|ta|mo|ma|vo|va|no|na|o|a)?\.?(?!\w)",
    re.IGNORECASE,
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_ORDINAL_WORDS = {
    "primer": 1, "segund": 2, "tercer": 3, "cuart": 4, "quint": 5, "sext": 6, "septim": 7,
    "séptim": 7, "octav": 8, "noven": 9,
}  # fmt: skip
# Prefixes people write stuck to the number ("C485-2011", "Exp.485"); other letters there are typos.
_GLUED_PREFIXES = frozenset(
    {"c", "cj", "exp", "expediente", "no", "n", "num", "numero", "número", "nro"}
)
_LEADING_LETTERS = re.compile(r"^[^\W\d_]+")
_TRAILING_LETTERS = re.compile(r"[^\W\d_]+$")


def parse_case_number(text: str, *, this_year: int) -> CaseNumber:
    """The case number in ``text``; CaseNumberError says what is wrong, in plain Spanish."""
    clean = unicodedata.normalize("NFKC", text).translate(_DASHES)
    office_text: str | None = None
    offices = list(_OFFICE.finditer(clean))
    if offices:  # the desk comes last; an earlier "of" is left to the checks below
        found = offices[-1]
        office_text = found["office"]
        clean = f"{clean[: found.start()]} {clean[found.end() :]}"
    digits = [i for i, char in enumerate(clean) if "0" <= char <= "9"]
    if not digits:
        raise CaseNumberError("empty")
    start, end = digits[0], digits[-1] + 1
    _check_edges(clean[:start], clean[end:])
    for char in clean[start:end]:
        if not ("0" <= char <= "9" or char in _SEPARATORS or char.isspace()):
            raise CaseNumberError("not_digits", character=char)
    number = _from_parts(_NON_DIGITS.split(clean[start:end]), this_year)
    office = None if office_text is None else _office(office_text)
    # An SGT number is unique on its own: the desk written after it is dropped.
    return number if number.is_sgt else replace(number, office=office)


def build_case_number(
    department: int, court: int, year: int, sequence: int, *, this_year: int
) -> CaseNumber:
    """An SGT number from the "Construir el número" steps, with the parser's checks and errors."""
    if isinstance(department, bool) or not 1 <= department <= MAX_DEPARTMENT:
        raise CaseNumberError("department", department=f"{department:02d}")
    if isinstance(court, bool) or not 1 <= court <= MAX_COURT:
        raise CaseNumberError("court_range", court=f"{court:03d}")
    _check_year(year, this_year, sgt=True)
    if sequence < 1:
        raise CaseNumberError("sequence_zero")
    if sequence > MAX_SEQUENCE:
        raise CaseNumberError("sequence_digits", sequence=str(sequence), length=len(str(sequence)))
    return CaseNumber(year=year, sequence=sequence, department=department, court=court)


def court_of(number: CaseNumber) -> Court | None:
    """The court an SGT number belongs to (``kiosk.courts``); None for legacy or unknown ones."""
    court_id = number.court_id
    if court_id is None:
        return None
    try:
        return find_court(court_id)
    except KeyError:
        return None


def _check_edges(before: str, after: str) -> None:
    """Letters stuck to the number are typos ("O1173" for "01173"), except known prefixes."""
    prefix = _TRAILING_LETTERS.search(before)
    if prefix and prefix[0].casefold() not in _GLUED_PREFIXES:
        raise CaseNumberError("not_digits", character=prefix[0])
    if suffix := _LEADING_LETTERS.match(after):
        raise CaseNumberError("not_digits", character=suffix[0])


def _from_parts(parts: list[str], this_year: int) -> CaseNumber:
    parts = [part for part in parts if part]
    if len(parts) == 1:
        (only,) = parts
        if len(only) == 14:  # DDCCCYYYYNNNNN typed without separators
            return _sgt(only[:5], only[5:9], only[9:], this_year)
        raise CaseNumberError("missing_year" if len(only) <= 6 else "missing_separators")
    if len(parts) == 2:
        sequence, year = parts
        if _looks_like_a_court(sequence):  # "01173-2019": an SGT number without its sequence
            raise CaseNumberError("missing_sequence")
        return CaseNumber(year=_year(year, this_year), sequence=_sequence(sequence))
    if len(parts) == 3:
        head, middle, last = parts
        if len(head) <= 2 and len(middle) <= 3 and len(last) == 4:  # "01-173-2019"
            raise CaseNumberError("missing_sequence")
        if len(head) <= 3:  # "173-2019-00123"
            raise CaseNumberError("missing_department")
        return _sgt(head, middle, last, this_year)
    if len(parts) == 4:  # "1-173-2019-123": department and court apart
        department, court_code, year, sequence = parts
        if len(court_code.lstrip("0")) > 3:
            raise CaseNumberError("court_digits", part=f"{department}-{court_code}")
        return _sgt_parts(department, court_code, year, sequence, this_year)
    raise CaseNumberError("too_many_parts")


def _looks_like_a_court(head: str) -> bool:
    """Five digits with a leading zero and a real department: DDCCC, not a court's own number
    (those are written without leading zeros; "00485" stays one)."""
    return len(head) == 5 and head[0] == "0" and 1 <= int(head[:2]) <= MAX_DEPARTMENT


def _sgt(head: str, year: str, sequence: str, this_year: int) -> CaseNumber:
    significant = head.lstrip("0")
    if len(significant) > 5:
        raise CaseNumberError("court_digits", part=head)
    padded = significant.zfill(5)
    return _sgt_parts(padded[:2], padded[2:], year, sequence, this_year)


def _sgt_parts(
    department_text: str, court_text: str, year_text: str, sequence_text: str, this_year: int
) -> CaseNumber:
    department = department_text.lstrip("0")
    if len(department) > 2 or not 1 <= int(department or "0") <= MAX_DEPARTMENT:
        raise CaseNumberError("department", department=department.zfill(2))
    court_code = int(court_text.lstrip("0") or "0")  # at most 3 digits: the callers checked
    if court_code == 0:
        raise CaseNumberError("court_range", court="000")
    year = _year(year_text, this_year, sgt=True)
    return CaseNumber(
        year=year, sequence=_sequence(sequence_text), department=int(department), court=court_code
    )


def _year(text: str, this_year: int, *, sgt: bool = False) -> int:
    if len(text) == 4:
        year = int(text)
    elif len(text) == 2:
        short = int(text)
        year = (2000 if short <= this_year % 100 else 1900) + short
    else:
        raise CaseNumberError("year_digits", year=text)
    _check_year(year, this_year, sgt=sgt)
    return year


def _check_year(year: int, this_year: int, *, sgt: bool) -> None:
    if year > this_year:
        raise CaseNumberError("year_future", year=year)
    if year < OLDEST_YEAR:
        raise CaseNumberError("year_too_old", year=year)
    if sgt and year < SGT_SINCE:
        raise CaseNumberError("sgt_before_2006", year=year)


def _sequence(text: str) -> int:
    significant = text.lstrip("0")
    if not significant:
        raise CaseNumberError("sequence_zero")
    if len(significant) > len(str(MAX_SEQUENCE)):
        raise CaseNumberError("sequence_digits", sequence=significant, length=len(significant))
    return int(significant)


def _office(text: str) -> int:
    key = text.casefold()
    if key.isdigit():
        significant = key.lstrip("0") or "0"
        if len(significant) > 1 or significant == "0":
            raise CaseNumberError("office_range", office=significant)
        return int(significant)
    if key in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[key]
    if key in _ROMAN:
        return _ROMAN[key]
    raise CaseNumberError("office_range", office=text.upper())
