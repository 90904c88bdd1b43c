"""The desk's tools, by the name the desk bar asks for (``kiosk.ui.desk.bar.TOOLS``): each builds
a controller for one use from the desk's context. A tool not listed here has no button."""

from __future__ import annotations

from kiosk.ui.desk.context import DeskTool
from kiosk.ui.desk.device_panel import device_panel
from kiosk.ui.desk.end_of_day import end_of_day
from kiosk.ui.desk.reprint import reprint_tool

DESK_TOOLS: dict[str, DeskTool] = {
    "device_panel": device_panel,
    "end_of_day": end_of_day,
    "reprint": reprint_tool,
}
