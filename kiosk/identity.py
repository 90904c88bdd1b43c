"""Identity rules: DPI/CUI, birth dates, names, email and password policy.

Pure functions with typed errors: every rule raises ``IdentityError`` with the ``field`` it is
about, a stable ``code`` and ``params``; the visitor's text comes from the single ``MESSAGES``
table, so a translation layer can map ``message_key`` + ``params`` to another language.
``message_key`` is the code itself, or ``code.variant`` where the wording depends on a number
(singular/plural) or on the side of a limit.
"""

from __future__ import annotations

import re
import string
import unicodedata
from datetime import date
from functools import cache
from importlib.resources import files

from kiosk.geography import department, municipality_count

DPI_LENGTH = 13
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 64
MAX_NAME_LENGTH = 60
MAX_EMAIL_LENGTH = 254

MESSAGES: dict[str, str] = {
    "dpi_not_digits": "El DPI solo lleva números.",
    "dpi_length.missing.one": "El DPI tiene 13 dígitos; falta {missing}.",
    "dpi_length.missing.other": "El DPI tiene 13 dígitos; faltan {missing}.",
    "dpi_length.extra.one": "El DPI tiene 13 dígitos; sobra {extra}.",
    "dpi_length.extra.other": "El DPI tiene 13 dígitos; sobran {extra}.",
    "dpi_check_digit": "El número de DPI no es válido: revise que lo copió bien.",
    "dpi_department": (
        "Los dígitos 10 y 11 del DPI ({department}) no corresponden a ningún departamento: "
        "revise que lo copió bien."
    ),
    "dpi_municipality": (
        "Los dos últimos dígitos del DPI ({municipality}) no corresponden a ningún municipio "
        "del departamento de {department_name}: revise que lo copió bien."
    ),
    "birth_date_format": "Escriba la fecha como día/mes/año, por ejemplo 15/09/1990.",
    "birth_date_invalid": "Esa fecha no existe: revise el día y el mes.",
    "birth_date_future": "La fecha de nacimiento no puede ser posterior a hoy: revise el año.",
    "birth_date_too_old": (
        "Revise el año de nacimiento: con esa fecha tendría más de {max_age} años."
    ),
    "birth_date_too_young": "Para este trámite debe tener al menos {min_age} años cumplidos.",
    "name_empty": "Falta el dato «{label}»: escríbalo tal como aparece en su DPI.",
    "name_characters": (
        "En «{label}» solo se permiten letras, espacios, guiones (-), apóstrofos (') y puntos: "
        "quite «{character}»."
    ),
    "name_no_letters": "Escriba «{label}» con letras, tal como aparece en su DPI.",
    "name_too_long": (
        "«{label}» admite hasta {maximum} caracteres y tiene {length}: "
        "escríbalo tal como aparece en su DPI."
    ),
    "email_empty": "Escriba su correo electrónico, por ejemplo nombre@gmail.com.",
    "email_spaces": "El correo no lleva espacios: quítelos.",
    "email_too_long": "El correo es demasiado largo: revise que lo escribió bien.",
    "email_missing_at": "Falta la @ en el correo (por ejemplo nombre@gmail.com).",
    "email_multiple_at": "El correo lleva una sola @: quite las demás.",
    "email_local_part": "Revise el correo: antes de la @ falta su nombre de usuario.",
    "email_domain": "Revise el correo: después de la @ falta el dominio (por ejemplo gmail.com).",
    "email_domain_dot": (
        "Revise el correo: al dominio después de la @ le falta el punto (por ejemplo gmail.com)."
    ),
    "email_domain_format": (
        "Revise el correo: el dominio después de la @ no parece correcto (por ejemplo gmail.com)."
    ),
    "email_format": "Revise el correo: «{character}» no se permite ahí.",
    "password_too_short.one": "La contraseña debe tener al menos {minimum} caracteres; falta 1.",
    "password_too_short.other": (
        "La contraseña debe tener al menos {minimum} caracteres; faltan {missing}."
    ),
    "password_too_long": "La contraseña puede tener hasta {maximum} caracteres; acórtela.",
    "password_repeated": (
        "La contraseña no puede ser un mismo carácter repetido: pruebe con una frase."
    ),
    "password_common": (
        "Esa contraseña es muy común y fácil de adivinar: elija otra, "
        "por ejemplo una frase de varias palabras."
    ),
    "password_contains_dpi": "La contraseña no debe incluir su número de DPI: elija otra.",
    "password_contains_birth_date": (
        "La contraseña no debe incluir su fecha de nacimiento: elija otra."
    ),
    "password_contains_email": "La contraseña no debe incluir su correo electrónico: elija otra.",
    "password_hint": (
        "Use al menos 8 caracteres; una frase de varias palabras es más fácil de recordar "
        "y más segura."
    ),
}


class IdentityError(ValueError):
    """A rule the visitor's input breaks; ``str(err)`` is the Spanish message."""

    def __init__(
        self, field: str, code: str, *, variant: str | None = None, **params: int | str
    ) -> None:
        self.field = field
        self.code = code
        self.params: dict[str, int | str] = dict(params)
        self.message_key = code if variant is None else f"{code}.{variant}"
        self.message = MESSAGES[self.message_key].format(**self.params)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def _plural(count: int) -> str:
    return "one" if count == 1 else "other"


# --- DPI / CUI -------------------------------------------------------------------------------

_DIGIT_SEPARATORS = frozenset(" -.\u00a0\u2010\u2011\u2012\u2013\u2014")


def normalize_digits(text: str) -> str:
    """Drop spaces, dashes and dots; keep anything else so validation can complain about it."""
    return "".join(c for c in text if c not in _DIGIT_SEPARATORS and not c.isspace())


def _is_ascii_digits(text: str) -> bool:
    return all("0" <= c <= "9" for c in text)


def dpi_check_digit(serial: str) -> int | None:
    """The check digit of an 8-digit serial, or None if no digit fits (never issued)."""
    if len(serial) != 8 or not _is_ascii_digits(serial):
        raise ValueError("the serial must be 8 digits")
    check = sum(int(digit) * (i + 2) for i, digit in enumerate(serial)) % 11
    return None if check == 10 else check


def validate_dpi(text: str) -> str:
    """The normalized 13 digits of a valid DPI, or IdentityError(field="dpi")."""
    digits = normalize_digits(text)
    if not _is_ascii_digits(digits):
        raise IdentityError("dpi", "dpi_not_digits")
    if len(digits) < DPI_LENGTH:
        missing = DPI_LENGTH - len(digits)
        raise IdentityError(
            "dpi", "dpi_length", variant=f"missing.{_plural(missing)}",
            length=len(digits), missing=missing,
        )  # fmt: skip
    if len(digits) > DPI_LENGTH:
        extra = len(digits) - DPI_LENGTH
        raise IdentityError(
            "dpi", "dpi_length", variant=f"extra.{_plural(extra)}",
            length=len(digits), extra=extra,
        )  # fmt: skip
    check = dpi_check_digit(digits[:8])
    if check is None or check != int(digits[8]):
        raise IdentityError("dpi", "dpi_check_digit")
    dept, muni = int(digits[9:11]), int(digits[11:13])
    try:
        count = municipality_count(dept)
    except ValueError:
        raise IdentityError("dpi", "dpi_department", department=digits[9:11]) from None
    if not 1 <= muni <= count:
        raise IdentityError(
            "dpi", "dpi_municipality",
            municipality=digits[11:13], department=dept, department_name=department(dept).name,
        )  # fmt: skip
    return digits


def make_dpi(serial: str, department: int, municipality: int) -> str:
    """Build a valid DPI; ValueError if the serial has no check digit or a code is unknown."""
    check = dpi_check_digit(serial)
    if check is None:
        raise ValueError("this serial has no valid check digit")
    if not 1 <= municipality <= municipality_count(department):
        raise ValueError(f"unknown municipality {municipality} in department {department}")
    return f"{serial}{check}{department:02d}{municipality:02d}"


def dpi_department(dpi: str) -> int:
    """The department code (1..22) of a valid DPI; IdentityError if the DPI is not valid."""
    return int(validate_dpi(dpi)[9:11])


def dpi_municipality(dpi: str) -> int:
    """The municipality code of a valid DPI; IdentityError if the DPI is not valid."""
    return int(validate_dpi(dpi)[11:13])


def format_dpi(dpi: str) -> str:
    """The DPI grouped as printed on the card: "2456 78901 0101"."""
    digits = validate_dpi(dpi)
    return f"{digits[:4]} {digits[4:9]} {digits[9:]}"


def mask_dpi(dpi: str) -> str:
    """Only the last 4 digits ("•••• ••••• 0101"); anything that is not a DPI is fully masked."""
    digits = normalize_digits(dpi)
    last4 = digits[-4:] if len(digits) == DPI_LENGTH and _is_ascii_digits(digits) else "••••"
    return f"•••• ••••• {last4}"


# --- Birth dates -----------------------------------------------------------------------------

_DAY_FIRST = re.compile(r"([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def parse_date(text: str, *, field: str = "birth_date") -> date:
    """Parse "DD/MM/AAAA", "DD-MM-AAAA" or "AAAA-MM-DD" (spaces ignored)."""
    compact = "".join(text.split())
    if match := _DAY_FIRST.fullmatch(compact):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _ISO.fullmatch(compact):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        raise IdentityError(field, "birth_date_format")
    try:
        return date(year, month, day)
    except ValueError:
        raise IdentityError(field, "birth_date_invalid") from None


def age_on(birth_date: date, today: date) -> int:
    """Completed years on ``today``."""
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def validate_birth_date(
    value: date | str, *, today: date, min_age: int = 0, max_age: int = 120
) -> date:
    """A plausible birth date: not in the future, not older than max_age, at least min_age."""
    born = parse_date(value) if isinstance(value, str) else value
    if born > today:
        raise IdentityError("birth_date", "birth_date_future")
    age = age_on(born, today)
    if age > max_age:
        raise IdentityError("birth_date", "birth_date_too_old", max_age=max_age)
    if age < min_age:
        raise IdentityError("birth_date", "birth_date_too_young", min_age=min_age, age=age)
    return born


# --- Names -----------------------------------------------------------------------------------

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘`´ʼ", "'"))
_NAME_PUNCTUATION = frozenset(" '-.")


def normalize_name(text: str) -> str:
    """NFC, one kind of apostrophe, single spaces, no outer spaces; capitalisation is kept."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_APOSTROPHES).split())


def _is_latin_letter(char: str) -> bool:
    # Latin letters with their accents (through Latin Extended-B): á, ñ, ü, ç, ø, ...
    return char.isalpha() and char <= "\u024f"


def validate_name(text: str, *, field_label: str = "nombre") -> str:
    """A name as written on the DPI, normalized; IdentityError(field="name") otherwise."""
    name = normalize_name(text)
    if not name:
        raise IdentityError("name", "name_empty", label=field_label)
    for char in name:
        if char not in _NAME_PUNCTUATION and not _is_latin_letter(char):
            raise IdentityError("name", "name_characters", label=field_label, character=char)
    if not any(_is_latin_letter(char) for char in name):
        raise IdentityError("name", "name_no_letters", label=field_label)
    if len(name) > MAX_NAME_LENGTH:
        raise IdentityError(
            "name", "name_too_long", label=field_label, maximum=MAX_NAME_LENGTH, length=len(name)
        )
    return name


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", normalize_name(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def names_match(a: str, b: str) -> bool:
    """Equal ignoring case, accents (á = a, ñ = n, ü = u) and extra spaces."""
    return _fold(a) == _fold(b)


# --- Email -----------------------------------------------------------------------------------

_LOCAL_CHARS = frozenset(string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~.-")
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def validate_email(text: str) -> str:
    """A pragmatic check of an email address; returns it with the domain in lower case."""
    email = text.strip()
    if not email:
        raise IdentityError("email", "email_empty")
    if any(c.isspace() for c in email):
        raise IdentityError("email", "email_spaces")
    if len(email) > MAX_EMAIL_LENGTH:
        raise IdentityError("email", "email_too_long", maximum=MAX_EMAIL_LENGTH)
    at_count = email.count("@")
    if at_count == 0:
        raise IdentityError("email", "email_missing_at")
    if at_count > 1:
        raise IdentityError("email", "email_multiple_at")
    local, _, domain = email.partition("@")
    domain = domain.lower()
    if not local:
        raise IdentityError("email", "email_local_part")
    if not domain:
        raise IdentityError("email", "email_domain")
    if len(local) > 64:
        raise IdentityError("email", "email_too_long", maximum=MAX_EMAIL_LENGTH)
    for char in local:
        if char not in _LOCAL_CHARS:
            raise IdentityError("email", "email_format", character=char)
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise IdentityError("email", "email_format", character=".")
    bad = next((c for c in domain if not (c.isascii() and (c.isalnum() or c in ".-"))), None)
    if bad is not None:
        raise IdentityError("email", "email_format", character=bad)
    if "." not in domain:
        raise IdentityError("email", "email_domain_dot")
    labels = domain.split(".")
    if not all(_DOMAIN_LABEL.fullmatch(label) for label in labels) or not (
        labels[-1].isalpha() and len(labels[-1]) >= 2
    ):
        raise IdentityError("email", "email_domain_format")
    return f"{local}@{domain}"


def email_key(email: str) -> str:
    """An email as accounts compare it: without case, so ``Ana.X@ejemplo.gt`` logs in as typed
    and ``ana.x@ejemplo.gt`` is the same account, not a second one. (Emails here are ASCII.)"""
    return email.strip().lower()


# --- Passwords (in the spirit of NIST SP 800-63B: length and a blocklist, no composition) ----

_PASSWORD_SEPARATORS = frozenset(" -./_")


@cache
def common_passwords() -> frozenset[str]:
    """The packaged blocklist (lower case), read once."""
    resource = files("kiosk.resources") / "common-passwords.txt"
    lines = resource.read_text(encoding="utf-8").splitlines()
    return frozenset(
        unicodedata.normalize("NFC", line.strip()).lower()
        for line in lines
        if line.strip() and not line.startswith("#")
    )


def _without_separators(text: str) -> str:
    return "".join(c for c in text if c not in _PASSWORD_SEPARATORS)


def _birth_date_forms(born: date) -> tuple[str, ...]:
    return (
        born.strftime("%d%m%Y"),
        born.strftime("%Y%m%d"),
        born.strftime("%d/%m/%Y"),
        born.strftime("%Y-%m-%d"),
    )


def check_password(
    password: str,
    *,
    dpi: str | None = None,
    birth_date: date | None = None,
    email: str | None = None,
) -> None:
    """Raise IdentityError(field="password") if the password breaks the policy."""
    length = len(password)
    if length < MIN_PASSWORD_LENGTH:
        missing = MIN_PASSWORD_LENGTH - length
        raise IdentityError(
            "password", "password_too_short", variant=_plural(missing),
            minimum=MIN_PASSWORD_LENGTH, missing=missing,
        )  # fmt: skip
    if length > MAX_PASSWORD_LENGTH:
        raise IdentityError("password", "password_too_long", maximum=MAX_PASSWORD_LENGTH)
    if len(set(password)) == 1:
        raise IdentityError("password", "password_repeated")
    folded = unicodedata.normalize("NFC", password).lower()
    compact = _without_separators(folded)
    if folded.strip() in common_passwords() or compact in common_passwords():
        raise IdentityError("password", "password_common")
    if dpi is not None:
        dpi_digits = normalize_digits(dpi)
        if len(dpi_digits) >= 8 and dpi_digits[:8] in compact:
            raise IdentityError("password", "password_contains_dpi")
    if birth_date is not None:
        forms = _birth_date_forms(birth_date)
        if any(form in folded or form in compact for form in forms):
            raise IdentityError("password", "password_contains_birth_date")
    if email is not None:
        local = (email.strip().rpartition("@")[0] or email.strip()).lower()
        forms = (local, _without_separators(local))
        if any(len(form) >= 4 and (form in folded or form in compact) for form in forms):
            raise IdentityError("password", "password_contains_email")


def password_strength_hint() -> str:
    """The password rule in one sentence, for the screen."""
    return MESSAGES["password_hint"]
