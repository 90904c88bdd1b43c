"""The document fonts: shipped with their licence, preferred over the system's, a clear error when
they are nowhere."""

from __future__ import annotations

import hashlib
from importlib.resources import files
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from kiosk.documents import fonts
from kiosk.documents.fonts import FONT_FILES, FontsMissingError, load_font, register_fonts

PACKAGED = files("kiosk.resources").joinpath("fonts")


def test_the_packaged_fonts_are_the_ones_the_licence_file_lists() -> None:
    licence = PACKAGED.joinpath("LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence
    assert "Arev Fonts Copyright" in licence
    for filename in FONT_FILES.values():
        digest = hashlib.sha256(PACKAGED.joinpath(filename).read_bytes()).hexdigest()
        assert f"{digest}  {filename}" in licence


def test_the_packaged_copy_wins_over_the_system(tmp_path: Path) -> None:
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"not this one")
    source = load_font("DejaVuSans.ttf", system_dirs=(tmp_path,))
    assert source.where == "resources/fonts"
    assert source.data == PACKAGED.joinpath("DejaVuSans.ttf").read_bytes()


def test_the_system_copy_is_the_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_packaged_dir", lambda: tmp_path / "none")
    system = tmp_path / "system"
    system.mkdir()
    (system / "DejaVuSansMono.ttf").write_bytes(b"mono")
    source = load_font("DejaVuSansMono.ttf", system_dirs=(tmp_path / "absent", system))
    assert (source.where, source.data) == (str(system), b"mono")


def test_missing_everywhere_says_where_it_looked_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "_packaged_dir", lambda: tmp_path)
    with pytest.raises(FontsMissingError) as caught:
        load_font("DejaVuSans-Bold.ttf", system_dirs=(tmp_path / "system",))
    message = str(caught.value)
    assert "DejaVuSans-Bold.ttf" in message
    assert str(tmp_path / "system") in message
    assert "fonts-dejavu-core" in message


def test_register_is_idempotent_and_registers_all_three() -> None:
    register_fonts()
    register_fonts()
    for name in FONT_FILES:
        assert pdfmetrics.getFont(name).fontName == name
    assert pdfmetrics.stringWidth("ñ", "DejaVuSans", 10) > 0
