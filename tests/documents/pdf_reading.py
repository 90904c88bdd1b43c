"""Reading a printout back with poppler, as a person or a phone would: its text (pdftotext), where
each word sits (pdftotext -bbox), its fonts (pdffonts) and its QR (pdftoppm at 200 dpi, zxing-cpp).
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zxingcpp
from PIL import Image

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # Letter, points
MARGIN = 20 * 72 / 25.4  # the documents' text margin
RENDER_DPI = 200
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


@dataclass(frozen=True)
class Word:
    x_min: float
    y_min: float  # from the top of the page
    x_max: float
    y_max: float
    text: str

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


def _save(pdf: bytes, folder: Path, name: str = "document.pdf") -> Path:
    path = folder / name
    path.write_bytes(pdf)
    return path


def _run(*args: str | Path) -> str:
    return subprocess.run(
        [str(a) for a in args], check=True, capture_output=True, text=True, timeout=60
    ).stdout


def text_of(pdf: bytes, folder: Path) -> str:
    """The page's text (pdftotext, reading order), whitespace collapsed to single spaces."""
    return " ".join(_run("pdftotext", "-enc", "UTF-8", _save(pdf, folder), "-").split())


def squeezed(text: str) -> str:
    """``text`` without any whitespace: a wrapped value read back compares equal to the value."""
    return re.sub(r"\s", "", text)


def words_of(pdf: bytes, folder: Path) -> list[Word]:
    out = _run("pdftotext", "-enc", "UTF-8", "-bbox", _save(pdf, folder), "-")
    return [
        Word(float(a), float(b), float(c), float(d), html.unescape(text))
        for a, b, c, d, text in _WORD.findall(out)
    ]


def outside_margins(words: list[Word], *, slack: float = 0.5) -> list[Word]:
    """Words that reach past the left or right text margin, or off the page."""
    left, right = MARGIN - slack, PAGE_WIDTH - MARGIN + slack
    return [
        w
        for w in words
        if w.x_min < left or w.x_max > right or w.y_min < 0 or w.y_max > PAGE_HEIGHT
    ]


def fonts_of(pdf: bytes, folder: Path) -> list[dict[str, str]]:
    """pdffonts' table: one dict per font with name, type, emb, sub, uni."""
    lines = _run("pdffonts", _save(pdf, folder)).splitlines()
    dashes = lines[1].split(" ")
    bounds, start = [], 0
    for dash in dashes:
        bounds.append((start, start + len(dash)))
        start += len(dash) + 1
    header = [lines[0][a:b].strip() for a, b in bounds]
    return [
        dict(zip(header, (line[a:b].strip() for a, b in bounds), strict=True)) for line in lines[2:]
    ]


def page_count(pdf: bytes, folder: Path) -> int:
    info = _run("pdfinfo", _save(pdf, folder))
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])  # type: ignore[index]


def page_size(pdf: bytes, folder: Path) -> tuple[float, float]:
    info = _run("pdfinfo", _save(pdf, folder))
    match = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    assert match is not None
    return float(match[1]), float(match[2])


def rasterize(pdf: bytes, folder: Path) -> Image.Image:
    source = _save(pdf, folder, "rasterize.pdf")
    _run("pdftoppm", "-r", str(RENDER_DPI), "-png", "-singlefile", source, folder / "page")
    return Image.open(folder / "page.png").convert("L")


def read_qr(image: Image.Image) -> Any:
    found = [b for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(found) == 1, "exactly one QR code on the page"
    return found[0]


def qr_width_mm(barcode: Any) -> float:
    """The symbol's printed width (quiet zone excluded), measured on the 200 dpi page."""
    xs = [p.x for p in (barcode.position.top_left, barcode.position.top_right)]
    return float(max(xs) - min(xs)) / RENDER_DPI * 25.4
