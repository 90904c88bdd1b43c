"""The kiosk's camera as a stream of images for the verification screen (QtMultimedia).

Frames arrive through a QVideoSink; tests inject their own frames into ``sink`` (the same path a
camera takes). Converting a frame to a QImage costs a few milliseconds, so frames are taken at
most ``fps`` times a second: enough for a smooth preview and for decoding, never a queue."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)

log = logging.getLogger(__name__)

PREVIEW_FPS = 15


class CameraFeed(QObject):
    frame = Signal(QImage)  # a new picture (throttled)
    failed = Signal()  # no camera, or it stopped working

    def __init__(self, camera_id: str = "", *, fps: int = PREVIEW_FPS) -> None:
        super().__init__()
        self.camera_id = camera_id
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._on_frame)
        self._session: QMediaCaptureSession | None = None
        self._camera: QCamera | None = None
        self._interval = 1.0 / fps
        self._last = 0.0

    def start(self) -> bool:
        """Opens the camera; False (and ``failed``) when there is none to open."""
        device = self._device()
        if device is None:
            log.info("no camera", extra={"event": "camera-missing"})
            return False
        self._camera = QCamera(device, self)
        self._camera.errorOccurred.connect(self._on_error)
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self.sink)
        self._camera.start()
        return True

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._camera.deleteLater()
            self._camera = None
        if self._session is not None:
            self._session.deleteLater()
            self._session = None

    def _device(self) -> QCameraDevice | None:
        devices = QMediaDevices.videoInputs()
        if not devices:
            return None
        if not self.camera_id:
            return QMediaDevices.defaultVideoInput()
        for device in devices:
            if bytes(device.id().data()).decode(errors="replace") == self.camera_id:
                return device
        return None  # the configured camera is not there: say so rather than use another

    def _on_error(self, *_args: object) -> None:
        log.warning("camera error", extra={"event": "camera-error"})
        self.stop()
        self.failed.emit()

    def _on_frame(self, video_frame: QVideoFrame) -> None:
        now = time.monotonic()
        if now - self._last < self._interval or not video_frame.isValid():
            return
        self._last = now
        image = video_frame.toImage()
        if not image.isNull():
            self.frame.emit(image)
