"""The decoders return QR texts exactly, read only QR codes, and never raise on any pixels."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
import segno
import zxingcpp
from degraded import issuer_key, qr_image, seal_text, trust_list
from PIL import Image

from kiosk.config import ScannerEngine
from kiosk.scanning.decoders import (
    ENGINES,
    PYZBAR,
    ZXING,
    Decoder,
    PyzbarDecoder,
    ZxingDecoder,
    make_decoder,
)
from kiosk.scanning.frames import GreyFrame
from kiosk.seals.reasons import Verdict
from kiosk.seals.verify import verify_seal

SEAL = seal_text(random.Random(5), issuer_key())
TEXTS = [
    ("seal, alphanumeric mode", SEAL, "alphanumeric"),
    ("seal, byte mode", SEAL, "byte"),
    ("punctuation of base45", "OJ1:AB $%*+-./:9", "alphanumeric"),
    ("a portal link", "https://portal.oj.gob.gt/verificar/CAP-2025-ABCD-EFGH", "byte"),
    ("Spanish accents", "Constancia de María José Pérez Núñez", "byte"),
    ("not Latin-1", "Проверка 検証", "byte"),
]


def decoders() -> list[Decoder]:
    return [ZxingDecoder(), PyzbarDecoder()]


@pytest.mark.parametrize("decoder", decoders(), ids=lambda d: d.name)
@pytest.mark.parametrize(("text", "mode"), [t[1:] for t in TEXTS], ids=[t[0] for t in TEXTS])
def test_texts_come_back_exactly(decoder: Decoder, text: str, mode: str) -> None:
    assert segno.make_qr(text, error="q", mode=mode).mode == mode
    image = qr_image(text, scale=4, mode=mode)
    assert decoder.decode(GreyFrame.from_pil(image)) == [text]
    assert decoder.decode(image) == [text]  # a Pillow image is accepted too
    assert decoder.decode(image.convert("RGB")) == [text]


def test_a_read_seal_verifies() -> None:
    """The corpus's seals are real: what the decoder reads, verify_seal accepts."""
    [text] = ZxingDecoder().decode(qr_image(SEAL, scale=3))
    result = verify_seal(
        text, trust_list=trust_list(issuer_key()), now=datetime(2025, 3, 10, tzinfo=UTC)
    )
    assert result.verdict is Verdict.VALID_OFFLINE


@pytest.mark.parametrize("decoder", decoders(), ids=lambda d: d.name)
def test_two_codes_in_one_picture(decoder: Decoder) -> None:
    canvas = Image.new("L", (700, 300), 255)
    canvas.paste(qr_image("OJ1:PRIMERO", 5), (10, 10))
    canvas.paste(qr_image("OJ1:SEGUNDO", 5), (400, 10))
    assert sorted(decoder.decode(canvas)) == ["OJ1:PRIMERO", "OJ1:SEGUNDO"]


@pytest.mark.parametrize("decoder", decoders(), ids=lambda d: d.name)
def test_other_symbologies_are_ignored(decoder: Decoder) -> None:
    datamatrix = zxingcpp.create_barcode("OJ1:DATAMATRIX", zxingcpp.BarcodeFormat.DataMatrix)
    image = zxingcpp.write_barcode_to_image(datamatrix, scale=6)
    grey = Image.frombytes("L", (image.shape[1], image.shape[0]), bytes(image))  # type: ignore[call-overload]
    assert zxingcpp.read_barcodes(grey)  # readable by zxing when all formats are on
    assert decoder.decode(grey) == []


@pytest.mark.parametrize("decoder", decoders(), ids=lambda d: d.name)
@pytest.mark.parametrize(
    "frame",
    [
        GreyFrame(1, 1, 1, b"\x00"),
        GreyFrame(3, 2000, 3, bytes(6000)),
        GreyFrame(2000, 3, 2000, bytes(range(256)) * 23 + bytes(112)),
        GreyFrame(640, 480, 640, random.Random(1).randbytes(640 * 480)),
        GreyFrame(640, 480, 700, random.Random(2).randbytes(700 * 480)),
        GreyFrame(320, 240, 320, b"\xff" * 320 * 240),
    ],
    ids=["1x1", "tall", "wide", "noise", "padded-noise", "white"],
)
def test_garbage_never_raises(decoder: Decoder, frame: GreyFrame) -> None:
    assert decoder.decode(frame) == []


def test_make_decoder_matches_the_config_values() -> None:
    assert {engine.value for engine in ScannerEngine} == set(ENGINES)
    assert make_decoder(ScannerEngine.ZXING).name == ZXING
    assert isinstance(make_decoder("zxing-cpp"), ZxingDecoder)
    assert isinstance(make_decoder(ScannerEngine.PYZBAR), PyzbarDecoder)
    assert make_decoder("pyzbar").name == PYZBAR
    with pytest.raises(ValueError, match="zxing-cpp, pyzbar"):
        make_decoder("opencv")


def test_pyzbar_without_libzbar_falls_back_to_zxing(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyzbar", None)  # what a machine without libzbar0 sees
    decoder = make_decoder("pyzbar")
    assert decoder.name == ZXING
    assert decoder.decode(qr_image("OJ1:HOLA", 4)) == ["OJ1:HOLA"]
