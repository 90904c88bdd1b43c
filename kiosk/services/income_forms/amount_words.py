"""An amount in quetzales in Spanish words, as forms and cheques write it beside the figures:
``Q300.00`` is «trescientos quetzales con 00/100», ``Q1,021.50`` «mil veintiún quetzales con
50/100».

The rules of the written number (RAE): 16 to 29 are one word (dieciséis, veintidós), from 31 on
the units join with «y» (treinta y uno); «ciento» is «cien» when nothing follows in its
hundreds; «uno» and «veintiuno» shorten to «un» and «veintiún» before a noun (quetzales, mil,
millones); a round million takes «de» (un millón de quetzales). Always Spanish: it goes on paper.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_UNITS = (
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro",
    "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
)  # fmt: skip
_TENS = ("", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta",
         "noventa")  # fmt: skip
_HUNDREDS = ("", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos",
             "seiscientos", "setecientos", "ochocientos", "novecientos")  # fmt: skip
MAX_AMOUNT = Decimal("999999999999.99")  # below a billion quetzales (mil millones)


def _below_hundred(n: int) -> str:
    if n < 30:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] if unit == 0 else f"{_TENS[tens]} y {_UNITS[unit]}"


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest)
    if rest == 0:
        return "cien" if hundreds == 1 else _HUNDREDS[hundreds]
    return f"{_HUNDREDS[hundreds]} {_below_hundred(rest)}"


def _before_noun(words: str) -> str:
    """«uno» and «veintiuno» shorten before a noun: un quetzal, veintiún mil, treinta y un."""
    if words.endswith("veintiuno"):
        return words[: -len("veintiuno")] + "veintiún"
    if words == "uno" or words.endswith(" uno"):
        return words[:-1]
    return words


def _below_million(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands == 1:
        parts.append("mil")
    elif thousands > 1:
        parts.append(f"{_before_noun(_below_thousand(thousands))} mil")
    if rest or not parts:
        parts.append(_below_thousand(rest))
    return " ".join(parts)


def number_words(n: int) -> str:
    """A whole number from 0 to 999,999,999,999 in words (masculine, «uno» in full)."""
    if not 0 <= n < 10**12:
        raise ValueError("a number from 0 to 999,999,999,999")
    millions, rest = divmod(n, 10**6)
    parts = []
    if millions == 1:
        parts.append("un millón")
    elif millions > 1:
        parts.append(f"{_before_noun(_below_million(millions))} millones")
    if rest or not parts:
        parts.append(_below_million(rest))
    return " ".join(parts)


def amount_words(amount: Decimal | int) -> str:
    """«trescientos quetzales con 00/100»: the whole quetzales in words, the cents as a
    fraction of a hundred."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if not Decimal(0) <= value <= MAX_AMOUNT:
        raise ValueError("an amount from Q0.00 to Q999,999,999,999.99")
    whole = int(value)
    cents = int((value - whole) * 100)
    if whole == 1:
        quetzales = "un quetzal"
    else:
        words = _before_noun(number_words(whole))
        joiner = " de " if whole >= 10**6 and whole % 10**6 == 0 else " "
        quetzales = f"{words}{joiner}quetzales"
    return f"{quetzales} con {cents:02d}/100"
