"""Is a camera connected? Asked for the heartbeat without loading QtMultimedia, which would stall
the GUI thread at start: Linux lists its video devices in sysfs, and each is asked for its
capabilities (VIDIOC_QUERYCAP, no streaming, microseconds), so that a webcam's metadata node, a
codec or a video output does not count as a camera."""

from __future__ import annotations

import fcntl
import os
import struct
from collections.abc import Callable
from pathlib import Path

VIDEO_CLASS = Path("/sys/class/video4linux")
DEVICES = Path("/dev")

# linux/videodev2.h: VIDIOC_QUERYCAP = _IOR('V', 0, struct v4l2_capability), 104 bytes:
# driver[16], card[32], bus_info[32], version, capabilities, device_caps, reserved[3].
VIDIOC_QUERYCAP = 0x80685600
CAPABILITY = struct.Struct("=16s32s32sIII12x")
CAP_VIDEO_CAPTURE = 0x00000001
CAP_VIDEO_CAPTURE_MPLANE = 0x00001000
CAP_DEVICE_CAPS = 0x80000000  # device_caps is filled in: the node's own, not the whole device's

Query = Callable[[Path], bytes | None]


def query_capability(node: Path) -> bytes | None:
    """The node's struct v4l2_capability, or None when it cannot be asked (gone, no permission,
    not a video device)."""
    try:
        fd = os.open(node, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        answer = bytearray(CAPABILITY.size)
        fcntl.ioctl(fd, VIDIOC_QUERYCAP, answer)
        return bytes(answer)
    except OSError:
        return None
    finally:
        os.close(fd)


def captures_video(capability: bytes) -> bool:
    *_names, _version, capabilities, device_caps = CAPABILITY.unpack(capability)
    caps = device_caps if capabilities & CAP_DEVICE_CAPS else capabilities
    return bool(caps & (CAP_VIDEO_CAPTURE | CAP_VIDEO_CAPTURE_MPLANE))


def camera_present(
    video_class: Path = VIDEO_CLASS, devices: Path = DEVICES, query: Query = query_capability
) -> bool | None:
    """True: a video capture device answers. False: the kernel lists no video device, or every
    one it lists answers and none captures. None: it cannot tell (no sysfs here, or a listed
    device could not be asked, e.g. the kiosk's user is not in the video group)."""
    if not video_class.parent.is_dir():
        return None
    if not video_class.is_dir():
        return False  # no video driver loaded: nothing to capture with
    unanswered = False
    for entry in sorted(video_class.iterdir()):
        capability = query(devices / entry.name)
        if capability is None:
            unanswered = True
        elif captures_video(capability):
            return True
    return None if unanswered else False
