"""The verification receipt read back with poppler: the verdict in large words (never colour
alone), the reason, the fields to compare with the paper, when and where, and that it is not a
constancia."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pdf_reading import fonts_of, outside_margins, page_count, squeezed, text_of, words_of

from kiosk.documents import (
    VERDICT_LABELS,
    DocumentError,
    VerificationReceipt,
    render_verification_receipt,
)
from kiosk.documents.verification_receipt import FOOTER, NOT_A_CONSTANCIA, RECEIPT_TITLE
from kiosk.identity import make_dpi
from kiosk.seals.reasons import Verdict

CHECKED = datetime(2025, 3, 12, 21, 30, tzinfo=UTC)  # 15:30 in Guatemala
DPI = make_dpi("24567890", 1, 1)
FIELDS = (
    ("Documento", "Constancia de Antecedentes Penales"),
    ("Código", "CAP-2025-ABCD-EFGH"),
    ("Nombre", "María José Pérez López"),
    ("DPI", f"•••• ••••• {DPI[-4:]}"),
    ("Emitida", "10/03/2025"),
    ("Válida hasta", "10/09/2025"),
)
GOOD = VerificationReceipt(
    verdict="VÁLIDO",
    good=True,
    reason="El documento es auténtico y está vigente.",
    checked_at=CHECKED,
    fields=FIELDS,
    kiosk_id="GT-GUA-0001",
)
FORGED = replace(
    GOOD,
    verdict="NO VÁLIDO",
    good=False,
    reason="El sello no corresponde a los datos: el papel fue alterado o no es del OJ.",
)


def verdict_words(pdf: bytes, tmp_path: Path, verdict: str) -> list[float]:
    """The heights of the words of ``verdict`` where they are drawn together, in order."""
    words = words_of(pdf, tmp_path)
    wanted = verdict.split()
    for start in range(len(words) - len(wanted) + 1):
        run = words[start : start + len(wanted)]
        if [w.text for w in run] == wanted:
            return [w.height for w in run]
    raise AssertionError(f"{verdict!r} not found")


def test_a_good_verdict_in_large_words_with_a_check_mark(tmp_path: Path) -> None:
    pdf = render_verification_receipt(GOOD)
    text = text_of(pdf, tmp_path)
    assert RECEIPT_TITLE in text
    assert "✓ VÁLIDO" in text
    assert "NO VÁLIDO" not in text and "✗" not in text
    assert GOOD.reason in text
    assert min(verdict_words(pdf, tmp_path, "✓ VÁLIDO")) >= 24  # points


def test_a_bad_verdict_says_so_in_words_with_a_cross(tmp_path: Path) -> None:
    pdf = render_verification_receipt(FORGED)
    text = text_of(pdf, tmp_path)
    assert "✗ NO VÁLIDO" in text
    assert "✓" not in text
    assert FORGED.reason in text
    assert min(verdict_words(pdf, tmp_path, "✗ NO VÁLIDO")) >= 24


@pytest.mark.parametrize("verdict", list(Verdict))
def test_every_usual_verdict_label_prints_whole_and_large(verdict: Verdict, tmp_path: Path) -> None:
    label = VERDICT_LABELS[verdict]
    good = verdict in (Verdict.VALID, Verdict.VALID_OFFLINE)
    pdf = render_verification_receipt(replace(GOOD, verdict=label, good=good))
    heights = verdict_words(pdf, tmp_path, label)
    assert min(heights) >= 20
    words = words_of(pdf, tmp_path)
    assert max(w.height for w in words) == pytest.approx(max(heights))  # the largest text
    assert outside_margins(words) == []


def test_fields_time_kiosk_and_the_not_a_constancia_note(tmp_path: Path) -> None:
    text = text_of(render_verification_receipt(GOOD), tmp_path)
    for label, value in FIELDS:
        assert f"{label} {value}" in text
    assert "12/03/2025 a las 15:30 (hora de Guatemala)" in text
    assert "GT-GUA-0001" in text
    assert " ".join(NOT_A_CONSTANCIA.split()) in text
    assert DPI not in squeezed(text)


def test_one_page_fonts_embedded_and_the_same_bytes_each_time(tmp_path: Path) -> None:
    pdf = render_verification_receipt(GOOD)
    assert page_count(pdf, tmp_path) == 1
    fonts = fonts_of(pdf, tmp_path)
    assert {f["name"].split("+")[1] for f in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(f["emb"] == "yes" for f in fonts)
    assert render_verification_receipt(GOOD) == pdf
    assert render_verification_receipt(replace(GOOD, kiosk_id="GT-GUA-0002")) != pdf


@pytest.mark.parametrize("full", [DPI, f"{DPI[:4]} {DPI[4:9]} {DPI[9:]}"])
def test_a_full_dpi_is_refused(full: str) -> None:
    with pytest.raises(DocumentError) as caught:
        render_verification_receipt(replace(GOOD, fields=(*FIELDS, ("DPI (CUI)", full))))
    assert caught.value.reason == "personal_data"
    assert full not in str(caught.value)


def test_nonsense_is_refused() -> None:
    for bad, reason in (
        (replace(GOOD, verdict="  "), "bad_value"),
        (replace(GOOD, fields=(("Campo", "valor"),) * 17), "bad_value"),
        (replace(GOOD, checked_at=datetime(2025, 3, 12, 15, 30)), "naive_datetime"),
    ):
        with pytest.raises(DocumentError) as caught:
            render_verification_receipt(bad)
        assert caught.value.reason == reason


def test_long_values_wrap_inside_the_margins_and_nothing_is_lost(tmp_path: Path) -> None:
    name = " ".join(["María de los Ángeles Xiloj Tzul Peñalonzo Castañeda"] * 4)
    fields = (
        *FIELDS[:2],
        ("Nombre", name),
        ("Referencia", "X" * 120),  # no spaces: broken between characters
        ("Un dato con una etiqueta muy larga que no cabe en su columna", "sí"),
    )
    data = replace(
        FORGED,
        verdict="NO SE PUEDE VERIFICAR AHORA",
        reason="No hay conexión con el Organismo Judicial. " * 4,
        fields=fields,
        kiosk_id="GT-" + "Z" * 60,
    )
    pdf = render_verification_receipt(data)
    words = words_of(pdf, tmp_path)
    assert outside_margins(words) == []
    text = squeezed(text_of(pdf, tmp_path))
    for value in (name, "X" * 120, data.reason, data.kiosk_id, "NOSEPUEDEVERIFICARAHORA"):
        assert squeezed(value) in text


def test_sixteen_long_fields_fit_on_one_page_or_are_refused(tmp_path: Path) -> None:
    fitting = tuple((f"Dato {n}", "Valor de una línea") for n in range(16))
    pdf = render_verification_receipt(replace(GOOD, fields=fitting))
    assert page_count(pdf, tmp_path) == 1
    # Nothing but the footer sits at or below the footer's first line.
    words = words_of(pdf, tmp_path)
    footer_top = max(w.y_min for w in words if w.text == "Verificación")
    assert [w.text for w in words if w.y_max > footer_top - 2] == FOOTER.split()
    assert squeezed("Dato 15 Valor de una línea") in squeezed(text_of(pdf, tmp_path))
    huge = tuple((f"Dato {n}", "palabra " * 60) for n in range(16))
    with pytest.raises(DocumentError) as caught:
        render_verification_receipt(replace(GOOD, fields=huge))
    assert caught.value.reason == "layout_overflow"
