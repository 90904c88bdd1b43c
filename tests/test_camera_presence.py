"""Camera presence for the heartbeat, from the kernel's list of video devices. No camera is
plugged into the test machines, so a device's answer to VIDIOC_QUERYCAP is given as the bytes the
kernel writes (struct v4l2_capability, as a UVC webcam's two nodes and a codec fill it); the
sysfs folders and the device files are real, and so is the ioctl against a file that is not a
video device."""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

import pytest

from kiosk import app
from kiosk.camera_presence import (
    CAP_DEVICE_CAPS,
    CAP_VIDEO_CAPTURE,
    CAPABILITY,
    camera_present,
    captures_video,
    query_capability,
)
from kiosk.config import KioskSettings, Settings
from kiosk.heartbeat import Heartbeat
from kiosk.portal.client import PortalClient
from kiosk.usage import UsageCounters

STREAMING = 0x04000000
META_CAPTURE = 0x00800000
M2M = 0x00008000
VIDEO_OUTPUT = 0x00000002


def capability(device_caps: int, *, whole: int | None = None) -> bytes:
    """struct v4l2_capability for one node: `whole` is the device's capabilities (every node's),
    `device_caps` the node's own."""
    everything = (whole if whole is not None else device_caps) | CAP_DEVICE_CAPS
    card, bus = b"USB Camera", b"usb-0000:00:14.0-2"
    return CAPABILITY.pack(b"uvcvideo", card, bus, 0x60100, everything, device_caps)


WEBCAM_VIDEO = capability(CAP_VIDEO_CAPTURE | STREAMING, whole=CAP_VIDEO_CAPTURE | META_CAPTURE)
WEBCAM_META = capability(META_CAPTURE | STREAMING, whole=CAP_VIDEO_CAPTURE | META_CAPTURE)
CODEC = capability(M2M | STREAMING)


def sysfs(tmp_path: Path, *nodes: str) -> Path:
    video_class = tmp_path / "sys" / "class" / "video4linux"
    video_class.mkdir(parents=True)
    for node in nodes:
        (video_class / node).mkdir()
    return video_class


def answers(**by_node: bytes | None) -> object:
    return lambda node: by_node[node.name]


def test_a_webcam_counts_by_its_capture_node_not_its_metadata_node(tmp_path: Path) -> None:
    video_class = sysfs(tmp_path, "video0", "video1")
    both = answers(video0=WEBCAM_VIDEO, video1=WEBCAM_META)
    assert camera_present(video_class, tmp_path, both) is True  # type: ignore[arg-type]
    only_meta = answers(video0=WEBCAM_META, video1=CODEC)
    assert camera_present(video_class, tmp_path, only_meta) is False  # type: ignore[arg-type]


def test_the_node_s_own_capabilities_decide_when_the_kernel_gives_them() -> None:
    assert captures_video(WEBCAM_VIDEO) and not captures_video(WEBCAM_META)
    assert not captures_video(CODEC)
    # an old driver without device_caps: the device's capabilities are the node's
    old = CAPABILITY.pack(b"old", b"Cam", b"usb", 1, CAP_VIDEO_CAPTURE, 0)
    assert captures_video(old)
    assert not captures_video(CAPABILITY.pack(b"out", b"TV", b"pci", 1, VIDEO_OUTPUT, 0))


def test_no_video_driver_means_no_camera_and_no_sysfs_means_unknown(tmp_path: Path) -> None:
    (tmp_path / "sys" / "class").mkdir(parents=True)
    assert camera_present(tmp_path / "sys" / "class" / "video4linux", tmp_path) is False
    assert camera_present(tmp_path / "nothing" / "video4linux", tmp_path) is None
    assert camera_present(sysfs(tmp_path / "empty"), tmp_path) is False


def test_a_device_that_cannot_be_asked_leaves_it_unknown(tmp_path: Path) -> None:
    video_class = sysfs(tmp_path, "video0", "video1")
    devices = tmp_path / "dev"
    devices.mkdir()
    # a real file where the device should be: the real ioctl fails (not a video device)
    (devices / "video0").write_bytes(b"")
    assert query_capability(devices / "video0") is None
    assert query_capability(devices / "video9") is None  # gone
    assert camera_present(video_class, devices) is None
    # ... unless another node answers as a camera
    found = answers(video0=None, video1=WEBCAM_VIDEO)
    assert camera_present(video_class, devices, found) is True  # type: ignore[arg-type]


def test_the_heartbeat_asks_the_kernel_before_qtmultimedia_is_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without QtMultimedia in the process the heartbeat still says something: this machine's
    own answer (no sysfs list of video devices here: no camera), not «unknown»."""
    monkeypatch.delitem(sys.modules, "PySide6.QtMultimedia", raising=False)
    assert asyncio.run(app._camera_present()) == camera_present()
    assert camera_present() is not None or not Path("/sys/class").is_dir()


def test_the_kernel_is_asked_off_the_gui_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a video node can wake a USB camera (tens of milliseconds or more): the heartbeat
    runs on the GUI thread's loop, so the probe goes to a worker thread."""
    monkeypatch.delitem(sys.modules, "PySide6.QtMultimedia", raising=False)
    asked_on: list[threading.Thread] = []

    def probe() -> bool:
        asked_on.append(threading.current_thread())
        return True

    monkeypatch.setattr(app, "camera_present", probe)
    assert asyncio.run(app._camera_present()) is True
    assert asked_on and asked_on[0] is not threading.main_thread()


def test_the_heartbeat_awaits_a_camera_source_that_is_a_coroutine(tmp_path: Path) -> None:
    async def source() -> bool:
        await asyncio.sleep(0)
        return False

    settings = Settings(kiosk=KioskSettings(id="GT-CAM-0001"))
    beat = Heartbeat(
        PortalClient("http://127.0.0.1:9", kiosk_id="GT-CAM-0001", kiosk_token="t"),
        settings,
        UsageCounters(),
        camera=source,
    )
    assert asyncio.run(beat.gather()).camera_present is False
