"""NIT (Número de Identificación Tributaria, SAT Guatemala): check, normalise, show, mask.

[F] A NIT is a number of 1 to 11 digits followed by a check digit computed modulo 11, written after
a dash (``1234567-8``); when the check is 10 it is written ``K``. The weights run from 2 at the
last digit of the number to n + 1 at its first; the check is ``(11 - sum % 11) % 11``. The whole
NIT is 2 to 12 characters long.

Pure functions with typed errors, like ``kiosk.identity``: ``NitError`` carries a stable ``code``
and ``params``, and the visitor's Spanish text comes from the single ``MESSAGES`` table (read by
the i18n extractor), so a screen can translate it. A message never repeats the NIT itself.
"""

from __future__ import annotations

MIN_LENGTH = 2  # one digit and the check digit
MAX_LENGTH = 12
K = "K"

MESSAGES: dict[str, str] = {
    "nit_empty": "Escriba el NIT de quien paga, con su dígito verificador al final.",
    "nit_consumidor_final": (
        "«CF» (consumidor final) no sirve para este formulario: escriba el NIT de quien paga, "
        "o toque «Atrás» y elija pagar con el DPI."
    ),
    "nit_characters": (
        "El NIT lleva solo números y, al final, el dígito verificador, que puede ser K: "
        "quite «{character}»."
    ),
    "nit_k_position": (
        "La K solo puede ir al final del NIT, como dígito verificador: revise que lo copió bien."
    ),
    "nit_too_short": (
        "Al NIT le falta el dígito verificador o algún número: lleva al menos {minimum} "
        "caracteres, por ejemplo los números y, al final, el verificador."
    ),
    "nit_too_long.one": "El NIT tiene como máximo {maximum} caracteres; sobra {extra}.",
    "nit_too_long.other": "El NIT tiene como máximo {maximum} caracteres; sobran {extra}.",
    "nit_zero": "El NIT no puede ser solo ceros: revise que lo copió bien.",
    "nit_check_digit": (
        "El NIT no es válido: el último carácter (el dígito verificador) no corresponde a los "
        "números anteriores. Revise que lo copió bien de una factura o de su constancia de la SAT."
    ),
}

# what people put between the parts of a NIT: spaces, dashes of every kind, dots
_SEPARATORS = frozenset(" -.\u00a0\u2010\u2011\u2012\u2013\u2014\u2212")


class NitError(ValueError):
    """A rule the typed NIT breaks; ``str(err)`` is the Spanish message."""

    def __init__(self, code: str, *, variant: str | None = None, **params: int | str) -> None:
        self.field = "nit"
        self.code = code
        self.params: dict[str, int | str] = dict(params)
        self.message_key = code if variant is None else f"{code}.{variant}"
        self.message = MESSAGES[self.message_key].format(**self.params)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def _ascii_digits(text: str) -> bool:
    return all("0" <= char <= "9" for char in text)


def check_digit(number: str) -> str:
    """The check digit ("0".."9" or "K") of the digits before it; ValueError if not digits."""
    if not number or not _ascii_digits(number):
        raise ValueError("the number of a NIT is one or more ASCII digits")
    weights = range(len(number) + 1, 1, -1)  # n + 1 at the first digit, 2 at the last
    total = sum(int(digit) * weight for digit, weight in zip(number, weights, strict=True))
    check = (11 - total % 11) % 11
    return K if check == 10 else str(check)


def make_nit(number: str) -> str:
    """A valid NIT (canonical) for the digits ``number``: the sandbox's generator uses it."""
    return number + check_digit(number)


def normalize_nit(text: str) -> str:
    """Without separators, a lower-case k raised: what is left is checked as it is."""
    compact = "".join(c for c in text if c not in _SEPARATORS and not c.isspace())
    return compact.upper() if compact.lower().endswith("k") else compact


def validate_nit(text: str) -> str:
    """The canonical NIT (digits and the check digit, no dash: ``1234567K``), or NitError."""
    nit = normalize_nit(text)
    if not nit:
        raise NitError("nit_empty")
    if nit.upper().replace("/", "") == "CF":  # "C/F" too: the same consumidor final
        raise NitError("nit_consumidor_final")
    for position, char in enumerate(nit):
        last = position == len(nit) - 1
        if char.upper() == K and not last:
            raise NitError("nit_k_position")
        if not (_ascii_digits(char) or (last and char == K)):
            raise NitError("nit_characters", character=char)
    if len(nit) < MIN_LENGTH:
        raise NitError("nit_too_short", minimum=MIN_LENGTH)
    if len(nit) > MAX_LENGTH:
        extra = len(nit) - MAX_LENGTH
        variant = "one" if extra == 1 else "other"
        raise NitError("nit_too_long", variant=variant, maximum=MAX_LENGTH, extra=extra)
    number, check = nit[:-1], nit[-1]
    if not number.strip("0"):
        raise NitError("nit_zero")
    if check_digit(number) != check:
        raise NitError("nit_check_digit")
    return nit


def is_valid_nit(text: str) -> bool:
    try:
        validate_nit(text)
    except NitError:
        return False
    return True


def format_nit(nit: str) -> str:
    """As the SAT writes it: ``1234567-K`` (a canonical NIT; ValueError otherwise)."""
    canonical = validate_nit(nit)
    return f"{canonical[:-1]}-{canonical[-1]}"


def mask_nit(nit: str) -> str:
    """For paper and screens: the check digit and, when the number is long enough to keep most
    of it hidden, its last two digits (``••••••67-K``). Anything that is not a NIT is fully
    masked."""
    try:
        canonical = validate_nit(nit)
    except NitError:
        return "••••••-•"
    number, check = canonical[:-1], canonical[-1]
    shown = number[-2:] if len(number) >= 6 else ""
    return f"{'•' * (len(number) - len(shown))}{shown}-{check}"
