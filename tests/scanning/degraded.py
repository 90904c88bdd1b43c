"""A seeded corpus of 1280x720 camera-like frames holding a real, signed OJ seal QR code.

Frame ``i`` of seed ``s`` is always the same pixels (Python's ``random`` seeded per frame, ECDSA
signatures deterministic per RFC 6979), so tests and ``benchmarks/scan.py`` see the same frames
on every run and a frame keeps its pixels whatever the corpus size.

How a frame is made, in the order light takes: a printed sheet (the QR in segno level Q, ink that
is not quite black, text lines around it) is placed on a desk under a perspective camera
(rotation, tilt), lit unevenly, shot with a given contrast, blurred by the lens, given sensor
noise, and sometimes JPEG-compressed (USB webcams often send MJPEG). Each ``KINDS`` entry makes one
of these strong and keeps the rest mild; ``no_code`` frames hold a sheet without a QR code.

    .venv/bin/python tests/scanning/degraded.py OUTDIR [COUNT]   # writes the frames as PNG
"""

from __future__ import annotations

import base64
import io
import math
import random
import statistics
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import cbor2
import segno
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from kiosk.scanning.frames import AIM_FRACTION, GreyFrame, aim_box
from kiosk.seals import keys
from kiosk.seals.codec import cose_to_seal, document_claims, sig_structure
from kiosk.seals.model import DocumentType, RecordResult, SealedDocument, add_months
from kiosk.seals.trustlist import TrustedKey, TrustList

WIDTH, HEIGHT = 1280, 720
DEFAULT_SEED = 2026
NOW = datetime(2025, 3, 10, 15, 0, 0, tzinfo=UTC)
KINDS = (
    "clean",
    "blur",
    "noise",
    "rotation",
    "skew",
    "low_contrast",
    "uneven_light",
    "small_modules",
    "off_aim",
    "combined",
    "no_code",
)
QUIET_ZONE = 4  # modules, as printed (segno's default border)


# --- seals -------------------------------------------------------------------------------------


def issuer_key(seed: int = DEFAULT_SEED) -> ec.EllipticCurvePrivateKey:
    """A fixed P-256 key per seed (never use such a key outside tests)."""
    scalar = random.Random(f"issuer:{seed}").randrange(1, 2**255)
    return ec.derive_private_key(scalar, ec.SECP256R1())


def trust_list(key: ec.EllipticCurvePrivateKey) -> TrustList:
    public = key.public_key()
    trusted = TrustedKey(
        kid=keys.kid_to_text(keys.key_id(public)),
        alg="ES256",
        public_key=base64.b64encode(keys.public_key_der(public)).decode(),
        valid_from=NOW - timedelta(days=365),
        valid_until=NOW + timedelta(days=365),
        status="active",
        revoked_at=None,
    )
    return TrustList(
        issuer="Organismo Judicial de Guatemala (pruebas)",
        version=1,
        issued_at=NOW - timedelta(hours=1),
        next_update=NOW + timedelta(hours=23),
        keys=(trusted,),
    )


_FIRST = ("María José", "José Luis", "Ana Lucía", "Juan Carlos", "Sofía Alejandra", "Óscar")
_LAST = ("Pérez López", "García Hernández", "Rodríguez de León", "Xicará Tzul", "Muñoz Ajú")
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def seal_text(rng: random.Random, key: ec.EllipticCurvePrivateKey) -> str:
    """A real seal (as ``kiosk.seals.codec.encode_seal`` makes it) with a deterministic
    signature, for a document drawn from ``rng``; names vary so texts run 330-400 characters."""
    issued = NOW - timedelta(days=rng.randint(1, 60))
    code = "CAP-2025-" + "-".join("".join(rng.choices(_LETTERS, k=4)) for _ in range(2))
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    if rng.random() < 0.5:
        name += f" de {rng.choice(_LAST)}"
    doc = SealedDocument(
        type=DocumentType.CAP,
        code=code,
        full_name=name,
        dpi="".join(rng.choices("0123456789", k=12)) + "1",
        birth_date=date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)),
        result=rng.choice((RecordResult.NR, RecordResult.R)),
        issued_at=issued,
        expires_at=add_months(issued, 6),
    )
    protected = cbor2.dumps({1: -7, 4: keys.key_id(key.public_key())})
    payload = cbor2.dumps(document_claims(doc), canonical=True)
    der = key.sign(
        sig_structure(protected, payload), ec.ECDSA(hashes.SHA256(), deterministic_signing=True)
    )
    r, s = decode_dss_signature(der)
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return cose_to_seal(cbor2.dumps(cbor2.CBORTag(18, [protected, {}, payload, signature])))


def qr_image(
    text: str, scale: int, border: int = QUIET_ZONE, mode: str | None = None
) -> Image.Image:
    """The QR code of ``text`` (level Q, never boosted) as a black-on-white "L" image."""
    code = segno.make_qr(text, error="q", boost_error=False, mode=mode)
    rows = [bytes(0 if dark else 255 for dark in row) for row in code.matrix_iter(border=border)]
    image = Image.frombytes("L", (len(rows[0]), len(rows)), b"".join(rows))
    return image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)


# --- frames --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameSpec:
    kind: str
    module_px: float  # size of one QR module in the frame, before tilt
    angle: float  # degrees
    skew: float  # how much farther one edge is than the opposite one (0 = flat)
    centre: tuple[float, float]  # where the QR's centre lands in the frame
    blur: float  # Gaussian radius, pixels
    noise: float  # standard deviation of the sensor noise, grey levels
    ink: int  # grey level of the printed black ...
    paper: int  # ... and of the paper, before lighting
    light: float  # 0 = even; 1 = one side fully dark
    shadow: bool  # a sharp-edged shadow (a hand, the phone) across the sheet
    jpeg: int | None  # JPEG quality, or None


@dataclass(frozen=True)
class DegradedFrame:
    index: int
    spec: FrameSpec
    text: str | None  # the QR's text; None for ``no_code`` frames
    frame: GreyFrame


def frame_spec(kind: str, rng: random.Random, modules: int = 77) -> FrameSpec:
    """Mild camera conditions, then the one degradation that ``kind`` names made strong.
    ``modules``: the code's side in modules, quiet zone included (for ``off_aim``)."""
    u = rng.uniform
    p: dict[str, object] = {
        "module_px": u(3.5, 6.0),
        "angle": u(-8, 8),
        "skew": u(0.0, 0.1),
        "centre": (WIDTH / 2 + u(-40, 40), HEIGHT / 2 + u(-30, 30)),
        "blur": u(0.5, 1.0),
        "noise": u(2, 5),
        "ink": rng.randint(25, 50),
        "paper": rng.randint(210, 245),
        "light": u(0.0, 0.25),
        "shadow": False,
        "jpeg": rng.choice((None, None, rng.randint(80, 95))),
    }
    if kind == "blur":
        p["blur"] = u(1.6, 2.6)
    elif kind == "noise":
        p["noise"] = u(22, 36)
    elif kind == "rotation":
        p["angle"] = u(15, 345)
    elif kind == "skew":
        p["skew"] = u(0.35, 0.6)
        p["angle"] = u(-25, 25)
    elif kind == "low_contrast":
        p["ink"] = rng.randint(110, 130)
        p["paper"] = rng.randint(140, 160)
        p["noise"] = u(4, 7)
    elif kind == "uneven_light":
        p["light"] = u(0.6, 0.85)
        p["shadow"] = True
    elif kind == "small_modules":
        p["module_px"] = u(1.6, 2.3)
    elif kind == "off_aim":
        p["centre"] = _off_aim_centre(rng, modules * float(p["module_px"]))  # type: ignore[arg-type]
    elif kind == "combined":
        p.update(
            module_px=u(3.0, 4.5),
            angle=u(0, 360),
            skew=u(0.1, 0.25),
            blur=u(1.0, 1.5),
            noise=u(7, 12),
            ink=rng.randint(55, 75),
            paper=rng.randint(170, 200),
            light=u(0.25, 0.45),
        )
    return FrameSpec(kind=kind, **p)  # type: ignore[arg-type]


def _off_aim_centre(rng: random.Random, code_px: float) -> tuple[float, float]:
    """A centre that leaves 30-60 % of the code's width outside the aim square (left or right),
    the whole code still inside the frame."""
    left, top, side, _ = aim_box(WIDTH, HEIGHT, AIM_FRACTION)
    half = code_px / 2
    outside = rng.uniform(0.3, 0.6) * 2 * half
    x = left + side + half - outside if rng.random() < 0.5 else left - half + outside
    x = min(max(x, half + 8), WIDTH - half - 8)
    return x, top + side / 2 + rng.uniform(-30, 30)


def make_frame(index: int, seed: int = DEFAULT_SEED, kind: str | None = None) -> DegradedFrame:
    rng = random.Random(f"frame:{seed}:{index}")
    kind = kind or KINDS[index % len(KINDS)]
    text = None if kind == "no_code" else seal_text(rng, issuer_key(seed))
    spec = frame_spec(kind, rng, _modules(text))
    image = _sheet_on_desk(spec, text, rng)
    image = _light(image, spec, rng)
    lut = [spec.ink + (spec.paper - spec.ink) * v // 255 for v in range(256)]
    image = image.point(lut)  # print and camera contrast: black is ink, white is paper
    if spec.blur > 0:
        image = image.filter(ImageFilter.GaussianBlur(spec.blur))
    image = _add_noise(image, spec.noise, rng)
    if spec.jpeg is not None:
        out = io.BytesIO()
        image.save(out, "JPEG", quality=spec.jpeg)
        image = Image.open(io.BytesIO(out.getvalue())).convert("L")
    return DegradedFrame(index, spec, text, GreyFrame.from_pil(image))


def make_corpus(count: int, seed: int = DEFAULT_SEED) -> list[DegradedFrame]:
    """``count`` frames cycling through ``KINDS``."""
    return [make_frame(index, seed) for index in range(count)]


def padded(frame: GreyFrame, extra: int, seed: int = 1) -> GreyFrame:
    """The same pixels with ``extra`` bytes of garbage after every row, as a QImage may have."""
    rng = random.Random(seed)
    rows = [
        frame.data[y * frame.stride : y * frame.stride + frame.width] + rng.randbytes(extra)
        for y in range(frame.height)
    ]
    return GreyFrame(frame.width, frame.height, frame.width + extra, b"".join(rows))


def _sheet_on_desk(spec: FrameSpec, text: str | None, rng: random.Random) -> Image.Image:
    """The desk (0..255 = paper white) with the printed sheet warped onto it."""
    base = rng.randint(40, 140)
    desk = (
        Image.linear_gradient("L")
        .resize((WIDTH, HEIGHT))
        .point([base + v * 40 // 255 for v in range(256)])
    )
    draw = ImageDraw.Draw(desk)
    for _ in range(rng.randint(1, 3)):  # other things on the desk
        left, top = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        draw.rectangle(
            (left, top, left + rng.randint(60, 300), top + rng.randint(40, 200)),
            fill=rng.randint(0, 255),
        )

    scale = max(2, math.ceil(spec.module_px * 2))  # the sheet at about 2x its size in the frame
    modules = _modules(text)
    margin = 10  # modules of paper around the quiet zone, holding printed text lines
    sheet = Image.new("L", ((modules + 2 * margin) * scale,) * 2, 255)
    if text is not None:
        sheet.paste(qr_image(text, scale), (margin * scale, margin * scale))
    else:
        _print_pattern(sheet, margin * scale, modules * scale, rng)
    _print_text_lines(sheet, margin * scale, modules * scale, scale, rng)

    size = sheet.width / scale * spec.module_px  # the sheet's side in the frame
    corners = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]
    angle = math.radians(spec.angle)
    tilt = rng.uniform(0, 2 * math.pi)  # the direction the far edge lies in
    k = spec.skew / (size / 2)
    cx, cy = spec.centre
    placed = []
    for sx, sy in corners:
        x, y = sx * size / 2, sy * size / 2
        x, y = x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle)
        w = 1 + k * (x * math.cos(tilt) + y * math.sin(tilt)) / 2  # perspective division
        placed.append((cx + x / w, cy + y / w))
    source = [(0.0, 0.0), (sheet.width, 0.0), (sheet.width, sheet.height), (0.0, sheet.height)]
    coefficients = _perspective(placed, source)
    rgba = Image.merge("LA", (sheet, Image.new("L", sheet.size, 255)))
    warped = rgba.transform(
        (WIDTH, HEIGHT), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR
    )
    desk.paste(warped.getchannel("L"), mask=warped.getchannel("A"))
    return desk


def _modules(text: str | None) -> int:
    """The side of the code in modules, quiet zone included (77 for a typical seal)."""
    if text is None:
        return 77
    return int(segno.make_qr(text, error="q", boost_error=False).symbol_size(border=QUIET_ZONE)[0])


def _print_text_lines(sheet: Image.Image, at: int, qr: int, scale: int, rng: random.Random) -> None:
    """Grey bars where a document has text: above and below the QR, outside its quiet zone."""
    draw = ImageDraw.Draw(sheet)
    for top in (scale, at + qr + scale):
        for line in range(3):
            y = top + line * 3 * scale
            x = scale
            while x < sheet.width - 4 * scale:
                word = rng.randint(2, 7) * scale
                draw.rectangle((x, y, min(x + word, sheet.width - scale), y + scale), fill=60)
                x += word + scale


def _print_pattern(sheet: Image.Image, at: int, size: int, rng: random.Random) -> None:
    """For frames without a code: a logo-like block of random squares, or nothing."""
    if rng.random() < 0.5:
        return
    draw = ImageDraw.Draw(sheet)
    cell = size // 25
    for row in range(25):
        for col in range(25):
            if rng.random() < 0.45:
                x, y = at + col * cell, at + row * cell
                draw.rectangle((x, y, x + cell - 1, y + cell - 1), fill=0)


def _perspective(
    frame: list[tuple[float, float]], source: list[tuple[float, float]]
) -> tuple[float, ...]:
    """Pillow's PERSPECTIVE coefficients (frame pixel -> source pixel) from four point pairs:
    an 8x8 linear system, solved by Gaussian elimination with partial pivoting."""
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(frame, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -x * u, -y * u, u])
        rows.append([0, 0, 0, x, y, 1, -x * v, -y * v, v])
    n = 8
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return tuple(rows[i][n] / rows[i][i] for i in range(n))


def _light(image: Image.Image, spec: FrameSpec, rng: random.Random) -> Image.Image:
    """Multiply by a smooth light field (a gradient towards a random side, a little vignetting)
    and, when asked, a shadow with a sharp edge through the middle of the frame."""
    gw, gh = 160, 90
    direction = rng.uniform(0, 2 * math.pi)
    dx, dy = math.cos(direction), math.sin(direction)
    edge = (rng.uniform(0, 2 * math.pi), rng.uniform(-10, 10))  # shadow line: angle, offset
    ex, ey = math.cos(edge[0]), math.sin(edge[0])
    field = bytearray()
    for j in range(gh):
        for i in range(gw):
            x, y = (i - gw / 2) / (gw / 2), (j - gh / 2) / (gh / 2)
            ramp = (x * dx + y * dy + 1.5) / 3  # 0..1 across the frame
            value = 1 - spec.light * ramp - 0.1 * (x * x + y * y) / 2
            if spec.shadow and (i - gw / 2) * ex + (j - gh / 2) * ey > edge[1]:
                value *= 0.55
            field.append(min(255, max(0, round(255 * value))))
    light = Image.frombytes("L", (gw, gh), bytes(field)).resize(
        (WIDTH, HEIGHT), Image.Resampling.BILINEAR
    )
    return ImageChops.multiply(image, light)


_NORMAL = statistics.NormalDist()


def _add_noise(image: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian sensor noise from ``rng`` (Pillow's own noise generator cannot be seeded):
    uniform bytes mapped through the normal quantile function."""
    if sigma <= 0:
        return image
    lut = [
        min(255, max(0, round(128 + sigma * _NORMAL.inv_cdf((u + 0.5) / 256)))) for u in range(256)
    ]
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height)).point(lut)
    return ImageChops.add(image, noise, 1.0, -128)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for item in make_corpus(int(sys.argv[2]) if len(sys.argv) > 2 else len(KINDS)):
        item.frame.to_pil().save(out / f"{item.index:03d}-{item.spec.kind}.png")
