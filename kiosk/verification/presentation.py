"""How a check is shown, on the verdict screen and on the printed receipt alike (no Qt): the
verdict in words, its tone (never colour alone: the words carry it), the sentence that explains it,
and the fields to compare with the paper and with the person's DPI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal

from kiosk.i18n import tr
from kiosk.seals.reasons import Verdict
from kiosk.verification.messages import MESSAGES
from kiosk.verification.service import Check

Translate = Callable[..., str]  # tr, or spanish for what is printed


def spanish(text: str, **params: object) -> str:
    """The Spanish source text, filled in: printed papers are official Spanish documents,
    whatever language the visitor reads the screen in."""
    return text.format(**params) if params else text


GUATEMALA = timezone(timedelta(hours=-6), "GT")  # no daylight saving time

Tone = Literal["good", "bad", "warn"]
TONES: dict[Verdict, Tone] = {
    Verdict.VALID: "good",
    Verdict.VALID_OFFLINE: "good",
    Verdict.EXPIRED: "bad",
    Verdict.REVOKED: "bad",
    Verdict.INVALID: "bad",
    Verdict.NOT_OJ: "bad",
    Verdict.CANNOT_VERIFY: "warn",
}
SYMBOLS: dict[Tone, str] = {"good": "✔", "bad": "✖", "warn": "!"}


@dataclass(frozen=True)
class Presentation:
    tone: Tone
    label: str  # VÁLIDO, NO VÁLIDO, ... in the current language
    message: str  # why, in plain words
    fields: tuple[tuple[str, str], ...]  # (label, value) to compare with the paper
    signed: bool  # the fields come from the OJ's signature (else from the portal, or none)
    compare_hint: str  # what to do with the fields; empty when there are none

    @property
    def good(self) -> bool:
        return self.tone == "good"

    @property
    def headline(self) -> str:
        return f"{SYMBOLS[self.tone]} {self.label}"


def present(check: Check, *, full_dpi: bool = True, translate: Translate = tr) -> Presentation:
    """``full_dpi`` False: the DPI's last four digits only (a receipt may be left behind).
    ``translate``: ``tr`` for the screen, ``spanish`` for the printed receipt."""
    tr = translate  # the name the text extraction looks for (kiosk.i18n_extract)
    fields = _fields(check, full_dpi, tr)
    if not fields:
        hint = ""
    elif check.document is not None:
        hint = tr(
            "Compare estos datos con el papel y con el DPI de la persona: deben ser iguales. "
            "Vienen de la firma del Organismo Judicial."
        )
    else:
        hint = tr(
            "Estos datos vienen del portal del Organismo Judicial (no de una firma en el papel). "
            "Compárelos con el papel y con el DPI de la persona."
        )
    return Presentation(
        tone=TONES[check.verdict],
        label=tr(MESSAGES[f"label.{check.verdict.value}"]),
        message=tr(check.message_template, **check.params),
        fields=fields,
        signed=check.document is not None,
        compare_hint=hint,
    )


def local_time(moment: datetime) -> str:
    return moment.astimezone(GUATEMALA).strftime("%d/%m/%Y %H:%M")


def _day(moment: datetime) -> str:
    return moment.astimezone(GUATEMALA).strftime("%d/%m/%Y")


def _dpi(dpi: str) -> str:
    return f"{dpi[:4]} {dpi[4:9]} {dpi[9:]}"


def _last4(digits: str, tr: Translate) -> str:
    return tr("termina en {digits}", digits=digits)


def _fields(check: Check, full_dpi: bool, tr: Translate) -> tuple[tuple[str, str], ...]:
    document = check.document
    if document is not None:
        return (
            (tr("Documento"), tr(document.type_label)),
            (tr("Nombre"), document.full_name),
            (tr("DPI"), _dpi(document.dpi) if full_dpi else _last4(document.dpi[-4:], tr)),
            (tr("Resultado"), tr(document.result_label)),
            (tr("Emitido"), _day(document.issued_at)),
            (tr("Válido hasta"), _day(document.expires_at)),
            (tr("Código de verificación"), document.code),
        )
    record = check.portal_record
    if record is not None:
        return (
            (tr("Documento"), tr(record.type_label)),
            (tr("Nombre"), record.full_name),
            (tr("DPI"), _last4(record.dpi_last4, tr)),
            (tr("Emitido"), _day(record.issued_at)),
            (tr("Válido hasta"), _day(record.expires_at)),
            (tr("Código de verificación"), record.code),
        )
    return ()
