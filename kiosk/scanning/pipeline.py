"""The kiosk's frame pipeline: the cheap read first, image enhancements only when it found nothing.

Measured on the degraded corpus (tests/scanning/degraded.py, benchmarks/scan.py), in this order:

1. ``aim``: the centred aim square at full resolution. Most codes are held where the screen asks,
   and a third of the pixels decodes several times faster than the whole frame.
2. ``frame``: the whole frame, for codes held off-centre or larger than the aim square.
3. ``aim+equalize``: histogram equalisation; lifts washed-out, low-contrast prints.
4. ``aim+denoise``: a light Gaussian blur against sensor noise in dim light.
5. ``aim+sharpen``: an unsharp mask against defocus and motion blur.
6. ``aim+upscale``: bicubic 2x, for small modules (a code held far away): the binarizer needs
   about three pixels per module.

The first step that reads something wins. Steps after the first run only while the frame's time
budget lasts (a step already started finishes: the budget may be overrun by one step, ~10 ms at
720p). A frame with no code therefore costs the budget at most, one with a visible code usually
well under a millisecond. Pure, Qt-free and thread-safe (nothing mutable is shared): the camera
code calls ``read`` from a worker thread, one frame at a time per pipeline or several at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageFilter, ImageOps

from kiosk.scanning.decoders import Decoder
from kiosk.scanning.frames import AIM_FRACTION, GreyFrame

log = logging.getLogger(__name__)

DEFAULT_BUDGET_MS = 30.0  # a frame at 30 fps lasts 33 ms; the camera hands over the latest one
MAX_UPSCALED_PIXELS = 2_000_000  # upscaling past this costs more than small modules gain

Region = Literal["aim", "frame"]
Enhance = Callable[[Image.Image], Image.Image | None]  # None: the step does not apply here


@dataclass(frozen=True)
class Step:
    name: str
    region: Region
    enhance: Enhance | None = None  # None: decode the region as it is


@dataclass(frozen=True)
class ScanResult:
    texts: tuple[str, ...]  # empty when nothing was read
    step: str | None  # the step that read them
    steps_tried: int
    elapsed_ms: float


def equalize(image: Image.Image) -> Image.Image:
    return ImageOps.equalize(image)


def denoise(image: Image.Image) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(1))


def sharpen(image: Image.Image) -> Image.Image:
    return image.filter(ImageFilter.UnsharpMask(radius=2, percent=150, threshold=0))


def upscale(image: Image.Image) -> Image.Image | None:
    factor = min(2.0, (MAX_UPSCALED_PIXELS / max(image.width * image.height, 1)) ** 0.5)
    if factor < 1.25:  # already large: its modules are big enough
        return None
    size = (round(image.width * factor), round(image.height * factor))
    return image.resize(size, Image.Resampling.BICUBIC)


CAMERA_STEPS: tuple[Step, ...] = (
    Step("aim", "aim"),
    Step("frame", "frame"),
    Step("aim+equalize", "aim", equalize),
    Step("aim+denoise", "aim", denoise),
    Step("aim+sharpen", "aim", sharpen),
    Step("aim+upscale", "aim", upscale),
)
# Files (a scan, a photo, a rendered PDF page): no aim square; the whole page, then the same
# enhancements (upscaling is skipped on pages of more than 1.3 Mpx, where modules are large).
FILE_STEPS: tuple[Step, ...] = (
    Step("page", "frame"),
    Step("page+equalize", "frame", equalize),
    Step("page+denoise", "frame", denoise),
    Step("page+sharpen", "frame", sharpen),
    Step("page+upscale", "frame", upscale),
)


class ScanPipeline:
    """``read(frame)`` -> the QR texts in the frame (``scan`` for the details). Never raises."""

    def __init__(
        self,
        decoder: Decoder,
        *,
        budget_ms: float = DEFAULT_BUDGET_MS,
        aim_fraction: float = AIM_FRACTION,
        steps: Sequence[Step] = CAMERA_STEPS,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.decoder = decoder
        self.budget_ms = budget_ms
        self.aim_fraction = aim_fraction
        self.steps = tuple(steps)
        self._clock = clock

    def read(self, frame: GreyFrame) -> list[str]:
        return list(self.scan(frame).texts)

    def scan(self, frame: GreyFrame) -> ScanResult:
        started = self._clock()
        tried = 0
        try:
            aim: GreyFrame | None = None  # cropped on first use: file steps never need it
            for step in self.steps:
                if tried and self._elapsed_ms(started) >= self.budget_ms:
                    break
                if step.region == "aim":
                    aim = aim or frame.crop_centre(self.aim_fraction)
                    region = aim
                elif aim is frame:  # the aim square was the whole frame: already decoded
                    continue
                else:
                    region = frame
                texts = self._try(step, region)
                if texts is None:
                    continue
                tried += 1
                if texts:
                    return ScanResult(tuple(texts), step.name, tried, self._elapsed_ms(started))
        except Exception as exc:  # a bad frame must cost one frame, never the camera loop
            log.warning("scan pipeline failed on a frame: %s", type(exc).__name__)
        return ScanResult((), None, tried, self._elapsed_ms(started))

    def _try(self, step: Step, region: GreyFrame) -> list[str] | None:
        if step.enhance is None:
            return self.decoder.decode(region)
        image = step.enhance(region.to_pil())
        return None if image is None else self.decoder.decode(image)

    def _elapsed_ms(self, started: float) -> float:
        return (self._clock() - started) * 1000
