"""How a check is shown, on the verdict screen and on the printed receipt alike (no Qt): the
verdict in words, its tone (never colour alone: the words carry it), the sentence that explains it,
and the fields to compare with the paper and with the person's DPI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from kiosk import formats
from kiosk.i18n import tr
from kiosk.seals.reasons import Verdict
from kiosk.verification.messages import MESSAGES
from kiosk.verification.service import Check

Translate = Callable[..., str]  # tr, or spanish for what is printed


def spanish(text: str, **params: object) -> str:
    """The Spanish source text, filled in: printed papers are official Spanish documents,
    whatever language the visitor reads the screen in."""
    return text.format(**params) if params else text


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
    #: what each field is (``value.field.<id>`` on screen): name, dpi, code, ...
    field_ids: tuple[str, ...] = ()

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
    named = _fields(check, full_dpi, tr)
    fields = tuple((name, value) for _id, name, value in named)
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
        field_ids=tuple(field_id for field_id, _name, _value in named),
    )


def local_time(moment: datetime) -> str:
    return formats.day_and_clock(moment)


def _day(moment: datetime) -> str:
    return formats.day(moment)


def _dpi(dpi: str) -> str:
    return f"{dpi[:4]} {dpi[4:9]} {dpi[9:]}"


def _last4(digits: str, tr: Translate) -> str:
    return tr("termina en {digits}", digits=digits)


def _fields(check: Check, full_dpi: bool, tr: Translate) -> tuple[tuple[str, str, str], ...]:
    """(id, label, value) of each field to compare with the paper."""
    document = check.document
    if document is not None:
        dpi = _dpi(document.dpi) if full_dpi else _last4(document.dpi[-4:], tr)
        return (
            ("document", tr("Documento"), tr(document.type_label)),
            ("name", tr("Nombre"), document.full_name),
            ("dpi", tr("DPI"), dpi),
            ("result", tr("Resultado"), tr(document.result_label)),
            ("issued", tr("Emitido"), _day(document.issued_at)),
            ("valid_until", tr("Válido hasta"), _day(document.expires_at)),
            ("code", tr("Código de verificación"), document.code),
        )
    record = check.portal_record
    if record is not None:
        return (
            ("document", tr("Documento"), tr(record.type_label)),
            ("name", tr("Nombre"), record.full_name),
            ("dpi", tr("DPI"), _last4(record.dpi_last4, tr)),
            ("issued", tr("Emitido"), _day(record.issued_at)),
            ("valid_until", tr("Válido hasta"), _day(record.expires_at)),
            ("code", tr("Código de verificación"), record.code),
        )
    return ()
