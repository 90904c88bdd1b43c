"""QR decoders: zxing-cpp (the default) and pyzbar (selectable), behind one small protocol.

Both read QR codes only and return the texts exactly as encoded: an ``OJ1:`` seal is uppercase
alphanumeric mode, which both libraries hand back as plain ASCII; byte-mode texts are taken as
the libraries' own character-set guess (zxing ``TextMode.Plain``; zbar's UTF-8 output). Decoders
are stateless and safe to call from several threads at once; they never raise on pixel content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Final, Protocol

import zxingcpp
from PIL import Image

from kiosk.scanning.frames import GreyFrame

log = logging.getLogger(__name__)

ZXING: Final = "zxing-cpp"
PYZBAR: Final = "pyzbar"
ENGINES: Final = (ZXING, PYZBAR)  # the values of ``scanner.engine`` in the config

Picture = GreyFrame | Image.Image  # an "L" Pillow image is what the pipeline's enhancements make


class Decoder(Protocol):
    name: str

    def decode(self, image: Picture) -> list[str]:
        """The texts of the QR codes found, in the library's order, without duplicates."""
        ...


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


class ZxingDecoder:
    """zxing-cpp, QR only. The library's own retries are kept where they pay on camera frames:
    ``try_downscale`` (blurry or large codes decode better a step smaller). ``try_rotate`` only
    matters for 1D barcodes and ``try_invert`` looks for light-on-dark codes, which printed
    seals never are: both cost time on every frame without a code and are off by default."""

    name = ZXING

    def __init__(
        self,
        *,
        try_downscale: bool = True,
        try_invert: bool = False,
        binarizer: zxingcpp.Binarizer = zxingcpp.Binarizer.LocalAverage,
    ) -> None:
        self._try_downscale = try_downscale
        self._try_invert = try_invert
        self._binarizer = binarizer

    def decode(self, image: Picture) -> list[str]:
        try:
            if isinstance(image, GreyFrame):
                view: Any = zxingcpp.ImageView(
                    image.data, image.width, image.height, zxingcpp.ImageFormat.Lum, image.stride
                )
            else:
                view = image if image.mode == "L" else image.convert("L")
            found = zxingcpp.read_barcodes(
                view,
                # made per call: a nanobind object kept alive until exit is reported as a leak
                formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),
                try_rotate=False,
                try_downscale=self._try_downscale,
                try_invert=self._try_invert,
                text_mode=zxingcpp.TextMode.Plain,
                binarizer=self._binarizer,
            )
            return _unique([code.text for code in found if code.valid and code.text])
        except Exception as exc:  # a hostile buffer must cost one frame, never the camera loop
            log.warning("zxing-cpp failed on a frame: %s", type(exc).__name__)
            return []


class PyzbarDecoder:
    """pyzbar (ZBar), QR only. Slower and weaker on degraded frames than zxing-cpp (see
    benchmarks/scan.py); kept because some sites already trust ZBar."""

    name = PYZBAR

    def __init__(self) -> None:
        from pyzbar import pyzbar  # loads libzbar: ImportError when it is not installed

        self._decode: Callable[..., list[Any]] = pyzbar.decode
        self._symbols = [pyzbar.ZBarSymbol.QRCODE]

    def decode(self, image: Picture) -> list[str]:
        try:
            if isinstance(image, GreyFrame):
                source: Any = (image.packed(), image.width, image.height)
            else:
                grey = image if image.mode == "L" else image.convert("L")
                source = (grey.tobytes(), grey.width, grey.height)
            found = self._decode(source, symbols=self._symbols)
            return _unique([_text(symbol.data) for symbol in found if symbol.data])
        except Exception as exc:
            log.warning("pyzbar failed on a frame: %s", type(exc).__name__)
            return []


def _text(data: bytes) -> str:
    # ZBar returns UTF-8 (it converts byte-mode QR text itself); anything else: byte for byte.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def make_decoder(engine: str) -> Decoder:
    """The decoder for a ``scanner.engine`` value. An unknown name is a ``ValueError``; pyzbar
    without libzbar falls back to zxing-cpp with a warning, so a kiosk still scans."""
    if engine == ZXING:
        return ZxingDecoder()
    if engine == PYZBAR:
        try:
            return PyzbarDecoder()
        except ImportError:
            log.warning("pyzbar is not available (libzbar0 missing?); using zxing-cpp")
            return ZxingDecoder()
    raise ValueError(f"unknown scanner engine {engine!r}; expected one of {', '.join(ENGINES)}")
