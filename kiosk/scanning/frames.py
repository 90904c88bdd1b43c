"""An 8-bit greyscale camera frame, as the camera code hands it to the scanning pipeline.

``GreyFrame`` is immutable and holds plain ``bytes``, so a frame can cross into a worker thread
without copying or locking. Rows may be padded (``stride`` > ``width``), as a QImage's are; the
helpers below never copy more than the region they return. Qt-free: the UI converts its
QVideoFrame/QImage to one of these (width, height, bytesPerLine, bytes of the grey plane).
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

# Side of the on-screen aim square, as a fraction of the frame's shorter side. The camera screen
# draws its aim frame from the same number (``aim_box``), so "inside the aim" means one thing.
AIM_FRACTION = 0.8
# Frames larger than this (in pixels) are not worth decoding at full size: a 35 mm code held in
# the aim square is at least ~4 pixels per module at 720p, so 1280x720 (0.9 Mpx) is plenty.
MAX_DECODE_PIXELS = 1280 * 720


@dataclass(frozen=True)
class GreyFrame:
    """``height`` rows of ``width`` grey bytes, row ``y`` starting at ``data[y * stride]``.

    The constructor raises ``ValueError`` when the geometry cannot hold (a programming error in
    the caller, found at the first frame); everything else here accepts any pixel content.
    """

    width: int
    height: int
    stride: int
    data: bytes

    def __post_init__(self) -> None:
        if self.width < 1 or self.height < 1:
            raise ValueError(f"frame size must be positive, got {self.width}x{self.height}")
        if self.stride < self.width:
            raise ValueError(f"stride {self.stride} is shorter than a row of {self.width}")
        needed = self.stride * (self.height - 1) + self.width
        if len(self.data) < needed:
            raise ValueError(f"{len(self.data)} bytes cannot hold the frame ({needed} needed)")

    @classmethod
    def from_pil(cls, image: Image.Image) -> GreyFrame:
        """Any Pillow image, converted to 8-bit grey (ITU-R 601 luma, as Pillow does)."""
        grey = image if image.mode == "L" else image.convert("L")
        return cls(grey.width, grey.height, grey.width, grey.tobytes())

    def to_pil(self) -> Image.Image:
        """A Pillow "L" image of the frame (shares the bytes when rows are not padded)."""
        return Image.frombuffer(
            "L", (self.width, self.height), self.data, "raw", "L", self.stride, 1
        )

    @property
    def pixels(self) -> int:
        return self.width * self.height

    def packed(self) -> bytes:
        """The pixels without row padding (what pyzbar needs): no copy when already packed."""
        size = self.width * self.height
        if self.stride == self.width:
            return self.data if len(self.data) == size else self.data[:size]
        view = memoryview(self.data)
        return b"".join(
            view[row : row + self.width] for row in range(0, self.stride * self.height, self.stride)
        )

    def crop(self, left: int, top: int, width: int, height: int) -> GreyFrame:
        """The rectangle clipped to the frame (at least 1x1); rows are copied, not re-encoded."""
        left = min(max(left, 0), self.width - 1)
        top = min(max(top, 0), self.height - 1)
        width = min(max(width, 1), self.width - left)
        height = min(max(height, 1), self.height - top)
        if (left, top, width, height) == (0, 0, self.width, self.height):
            return self
        view = memoryview(self.data)
        start = top * self.stride + left
        rows = (
            view[at : at + width] for at in range(start, start + height * self.stride, self.stride)
        )
        return GreyFrame(width, height, width, b"".join(rows))

    def crop_centre(self, fraction: float = AIM_FRACTION) -> GreyFrame:
        """The centred aim square (see ``aim_box``)."""
        return self.crop(*aim_box(self.width, self.height, fraction))

    def downscale(self, max_pixels: int = MAX_DECODE_PIXELS) -> GreyFrame:
        """The frame shrunk (box filter, aspect kept) to at most ``max_pixels``; itself if small."""
        if self.pixels <= max(max_pixels, 1):
            return self
        ratio = (max(max_pixels, 1) / self.pixels) ** 0.5
        size = (max(1, int(self.width * ratio)), max(1, int(self.height * ratio)))
        return GreyFrame.from_pil(self.to_pil().resize(size, Image.Resampling.BOX))


def aim_box(width: int, height: int, fraction: float = AIM_FRACTION) -> tuple[int, int, int, int]:
    """(left, top, width, height) of the centred aim square: ``fraction`` of the shorter side,
    clamped to 0.05..1 so a bad setting still yields a usable square."""
    fraction = min(max(fraction, 0.05), 1.0) if fraction == fraction else AIM_FRACTION  # NaN
    side = max(1, round(min(width, height) * fraction))
    side_w, side_h = min(side, max(width, 1)), min(side, max(height, 1))
    return (max(width, 1) - side_w) // 2, (max(height, 1) - side_h) // 2, side_w, side_h
