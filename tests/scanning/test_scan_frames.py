"""GreyFrame: geometry checks, Pillow round trips, padded rows, crops, the aim square, downscale."""

from __future__ import annotations

import pytest
from degraded import padded
from PIL import Image

from kiosk.scanning.frames import AIM_FRACTION, GreyFrame, aim_box


def gradient(width: int, height: int) -> GreyFrame:
    data = bytes((x * 7 + y * 13) % 256 for y in range(height) for x in range(width))
    return GreyFrame(width, height, width, data)


@pytest.mark.parametrize(
    ("width", "height", "stride", "size"),
    [(0, 10, 10, 100), (10, 0, 10, 100), (-1, 5, 5, 25), (10, 10, 9, 100), (10, 10, 10, 99)],
)
def test_impossible_geometry_is_a_value_error(
    width: int, height: int, stride: int, size: int
) -> None:
    with pytest.raises(ValueError):
        GreyFrame(width, height, stride, bytes(size))


def test_last_row_needs_no_padding() -> None:
    frame = GreyFrame(3, 2, 8, bytes(range(11)))  # 8 + 3 bytes: the last row ends at its width
    assert frame.packed() == bytes([0, 1, 2, 8, 9, 10])


def test_pil_round_trip_and_conversion() -> None:
    frame = gradient(37, 23)
    assert GreyFrame.from_pil(frame.to_pil()) == frame
    rgb = Image.merge("RGB", [frame.to_pil()] * 3)
    assert GreyFrame.from_pil(rgb) == frame  # equal channels: luma is the same grey
    rgba = Image.new("RGBA", (5, 4), (255, 255, 255, 0))
    assert GreyFrame.from_pil(rgba).data == bytes([255] * 20)


def test_padded_rows_read_like_packed_ones() -> None:
    frame = gradient(41, 17)
    wide = padded(frame, 23)
    assert wide.packed() == frame.data
    assert wide.to_pil().tobytes() == frame.data
    assert wide.crop(5, 3, 10, 7) == frame.crop(5, 3, 10, 7)
    assert wide.crop_centre() == frame.crop_centre()


def test_crop_takes_the_rectangle() -> None:
    frame = gradient(20, 10)
    part = frame.crop(4, 2, 5, 3)
    assert (part.width, part.height, part.stride) == (5, 3, 5)
    expected = frame.to_pil().crop((4, 2, 9, 5)).tobytes()
    assert part.data == expected


@pytest.mark.parametrize(
    ("box", "size"),
    [
        ((-5, -5, 10, 10), (10, 10)),
        ((15, 8, 100, 100), (5, 2)),
        ((30, 30, 4, 4), (1, 1)),
        ((0, 0, 0, -3), (1, 1)),
    ],
)
def test_crop_is_clipped_to_the_frame(
    box: tuple[int, int, int, int], size: tuple[int, int]
) -> None:
    part = gradient(20, 10).crop(*box)
    assert (part.width, part.height) == size


def test_whole_frame_crop_is_the_frame_itself() -> None:
    frame = gradient(20, 10)
    assert frame.crop(0, 0, 20, 10) is frame


def test_aim_square_is_centred() -> None:
    assert aim_box(1280, 720) == (352, 72, 576, 576)  # 0.8 of 720
    assert aim_box(1920, 1080, 0.5) == (690, 270, 540, 540)
    assert aim_box(1280, 720, 5.0) == (280, 0, 720, 720)  # clamped to the frame
    assert aim_box(1280, 720, float("nan")) == aim_box(1280, 720, AIM_FRACTION)
    frame = gradient(128, 72)
    aim = frame.crop_centre()
    assert (aim.width, aim.height) == (58, 58)
    assert aim == frame.crop(35, 7, 58, 58)


def test_downscale_bounds_pixels_and_keeps_aspect() -> None:
    frame = gradient(400, 300)
    assert frame.downscale(200_000) is frame
    small = frame.downscale(30_000)
    assert small.pixels <= 30_000
    assert (small.width, small.height) == (200, 150)
    assert frame.downscale(0).pixels == 1
