"""Where the kiosk's startup goes: runs ``kiosk --windowed --quit-after-start --portal URL`` in this
process and stamps each phase (run by benchmarks/run.py; prints one JSON line).

Nothing of the kiosk is changed on disk: this process wraps, in memory only, the names kiosk.app
looks up (``KioskUi``, ``PaintTap``) to note when the UI is built and first painted, and lists
the modules loaded at that paint that are not the kiosk's own (``modules`` in the JSON line: the
stack benchmarks/bare_window.py --stack loads). The times are
CLOCK_MONOTONIC, the clock the parent reads too, so the parent's spawn time (``BENCH_SPAWNED``)
gives the interpreter's own start-up.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time

began = time.monotonic()
stamps: dict[str, float] = {"spawned": float(os.environ.get("BENCH_SPAWNED", began))}
stamps["script"] = began
collecting: dict[str, float] = {"ms": 0.0, "since": 0.0}


def _gc_timer(phase: str, info: dict[str, int]) -> None:
    """Adds up the garbage collector's pauses (they land in whatever module is importing)."""
    if phase == "start":
        collecting["since"] = time.perf_counter()
    else:
        collecting["ms"] += (time.perf_counter() - collecting["since"]) * 1000


gc.callbacks.append(_gc_timer)
# As kiosk.commands.cli does for `run` before importing kiosk.config and kiosk.app; kiosk.app
# turns it on at first paint.
gc.disable()

from kiosk import app  # noqa: E402  (the imports of a real start: cli, then app)
from kiosk.commands import cli  # noqa: E402

stamps["imported"] = time.monotonic()


loaded: list[str] = []


def stack_modules() -> list[str]:
    """Every module loaded now that is not the kiosk's own (third-party and standard library),
    in load order: the kiosk's stack at its first paint (bare_window.py --stack imports them)."""
    own = {"__main__", __name__}
    return [
        name
        for name in list(sys.modules)
        if name not in own and name != "kiosk" and not name.startswith("kiosk.")
    ]


def main(argv: list[str]) -> int:
    real_ui, real_tap, real_run = app.KioskUi, app.PaintTap, app.run

    def ui(*args: object, **kwargs: object) -> object:
        stamps.setdefault("ui_build", time.monotonic())
        built = real_ui(*args, **kwargs)
        stamps.setdefault("ui_built", time.monotonic())
        return built

    def tap(parent: object, callback: object) -> object:
        def painted() -> None:
            stamps.setdefault("painted", time.monotonic())
            if not loaded:
                loaded.extend(stack_modules())
            callback()  # type: ignore[operator]

        return real_tap(parent, painted)

    def run(*args: object, **kwargs: object) -> int:
        stamps["settings"] = time.monotonic()  # arguments parsed, settings loaded
        return real_run(*args, **kwargs)  # type: ignore[arg-type]

    app.KioskUi, app.PaintTap, app.run = ui, tap, run  # type: ignore[assignment,misc]
    status = cli.main(argv)
    stamps["returned"] = time.monotonic()
    answer = {"status": status, "stamps": stamps, "gc": collecting, "modules": loaded}
    print(json.dumps(answer), flush=True)
    return status


if __name__ == "__main__":
    # As the real program (kiosk.commands.cli, run as `kiosk`): once closed, leave without the
    # teardown.
    os._exit(main(sys.argv[1:]))
