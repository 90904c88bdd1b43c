"""The fonts of every printed document: DejaVu Sans (regular, bold) and DejaVu Sans Mono.

They are TrueType fonts embedded as subsets, so accents and ñ are real, searchable text on any
printer or viewer. The kiosk ships its own copies (``resources/fonts``, licence there), which
keeps documents identical from one machine to the next; the system's fonts-dejavu-core copies are
the fallback. ``register_fonts()`` registers them with reportlab once (thread-safe, idempotent).
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from reportlab.lib.fonts import addMapping  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

#: held while a document is drawn: reportlab keeps per-document font state in shared objects
RENDER_LOCK = threading.Lock()

__all__ = [
    "FONT_BOLD",
    "FONT_FILES",
    "FONT_MONO",
    "FONT_REGULAR",
    "SYSTEM_FONT_DIRS",
    "FontSource",
    "FontsMissingError",
    "load_font",
    "register_fonts",
]

FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_MONO = "DejaVuSansMono"

FONT_FILES: dict[str, str] = {
    FONT_REGULAR: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_MONO: "DejaVuSansMono.ttf",
}
SYSTEM_FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu (fonts-dejavu-core)
    Path("/usr/share/fonts/dejavu"),  # Fedora, Arch
    Path("/usr/share/fonts/TTF"),
)


class FontsMissingError(RuntimeError):
    """A DejaVu font file was found neither in the package nor on the system."""

    def __init__(self, filename: str, searched: list[str]) -> None:
        super().__init__(
            f"font {filename} not found (looked in: {', '.join(searched)}); reinstall the kiosk "
            "package (resources/fonts) or install the system fonts "
            "(apt-get install fonts-dejavu-core)"
        )
        self.filename = filename
        self.searched = searched


@dataclass(frozen=True)
class FontSource:
    where: str  # "resources/fonts" or the system directory it came from
    data: bytes = field(repr=False)


_lock = threading.Lock()
_registered = False


def _packaged_dir() -> Traversable:
    return files("kiosk.resources").joinpath("fonts")


def load_font(filename: str, *, system_dirs: tuple[Path, ...] = SYSTEM_FONT_DIRS) -> FontSource:
    """The bytes of ``filename``: the packaged copy if present, else the first system copy."""
    searched: list[str] = []
    packaged = _packaged_dir().joinpath(filename)
    searched.append("resources/fonts")
    if packaged.is_file():
        return FontSource("resources/fonts", packaged.read_bytes())
    for directory in system_dirs:
        searched.append(str(directory))
        candidate = directory / filename
        if candidate.is_file():
            return FontSource(str(directory), candidate.read_bytes())
    raise FontsMissingError(filename, searched)


def register_fonts(*, system_dirs: tuple[Path, ...] = SYSTEM_FONT_DIRS) -> None:
    """Register the three fonts with reportlab under ``FONT_REGULAR``, ``FONT_BOLD`` and
    ``FONT_MONO`` (and the family mapping, so ``<b>`` works in paragraphs). Safe to call from
    any thread, as often as wanted: only the first successful call reads the files.
    Raises ``FontsMissingError`` when a file is missing everywhere."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        # Read every file first: a missing one registers nothing.
        sources = {
            name: load_font(filename, system_dirs=system_dirs)
            for name, filename in FONT_FILES.items()
        }
        for name, source in sources.items():
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(source.data)))
        addMapping(FONT_REGULAR, 0, 0, FONT_REGULAR)
        addMapping(FONT_REGULAR, 1, 0, FONT_BOLD)
        addMapping(FONT_REGULAR, 0, 1, FONT_REGULAR)  # no oblique shipped: italics stay upright
        addMapping(FONT_REGULAR, 1, 1, FONT_BOLD)
        _registered = True
