"""`make benchmarks`: measure the kiosk against floors taken in the same run and print a table.

    .venv/bin/python benchmarks/run.py [--runs N] [--cycles N] [--warmup N] [--sessions N] [--quick]
    .venv/bin/python benchmarks/run.py --startup-only [--runs N]    the startup table alone

Starts one sandbox portal (EmbeddedPortal, in a temporary data folder) and one slow portal
(benchmarks/slow_portal.py), runs the startup comparison as subprocesses, runs the in-process
measures in benchmarks/inprocess.py, stops everything it started, and prints. It writes nothing
into the checkout: sandbox data and bytecode go to a temporary folder, removed at the end.
Headless: every Qt process gets QT_QPA_PLATFORM=offscreen. This process never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # run from a checkout: `python benchmarks/run.py`

import httpx  # noqa: E402
import searches  # noqa: E402  (benchmarks/searches.py, beside this file)

from kiosk.embedded_portal import EmbeddedPortal, PortalEndpoint  # noqa: E402

SANDBOX_SEED = 7
FRAME_MS = 16.0
STARTUP_COMMANDS = ("kiosk", "stack", "bare")
STDLIB = sys.stdlib_module_names
KIOSK_ID = "GT-SANDBOX-0001"  # the id EmbeddedPortal enrolls (the kiosk's default kiosk.id)
LAUNCH_TIMEOUT = 60.0


def environment(**extra: str) -> dict[str, str]:
    """Our environment without the caller's KIOSK_* settings, headless."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def kiosk_command() -> list[str]:
    script = Path(sys.executable).parent / "kiosk"  # the console script of this venv
    return [str(script)] if script.exists() else [sys.executable, "-m", "kiosk"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# --- 1. startup ------------------------------------------------------------------------------


@dataclass
class Launch:
    seconds: float
    max_rss_kb: int
    cpu_seconds: float  # user + system time of the process itself (not of its children)


def launch(command: list[str], env: dict[str, str]) -> Launch:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    assert process.stderr is not None
    watchdog = threading.Timer(LAUNCH_TIMEOUT, process.kill)  # a start that never paints
    watchdog.start()
    try:
        err = process.stderr.read()  # returns when the child exits (and closes its stderr)
        _, status, usage = os.wait4(process.pid, 0)  # its own peak RSS, not all children's
    finally:
        watchdog.cancel()
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        tail = err.decode(errors="replace")[-2000:]
        raise SystemExit(f"{' '.join(command)} ended with {process.returncode}:\n{tail}")
    return Launch(seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def startup(endpoint: PortalEndpoint, runs: int, scratch: Path) -> dict[str, Any]:
    """The kiosk's start against two floors, interleaved: the plain bare window, and the bare
    window loading the kiosk's stack (every module not the kiosk's own that the kiosk had loaded
    when its home screen painted, as startup_phases.py lists them; so the floor follows the
    kiosk when it loads less before its first paint)."""
    kiosk = [*kiosk_command(), "--windowed", "--quit-after-start", "--portal", endpoint.url]
    bare = [sys.executable, str(HERE / "bare_window.py")]
    env = environment(KIOSK_KIOSK__TOKEN=endpoint.device_token)
    broken_down, modules = phases(endpoint, env)
    listed = scratch / "stack-modules.txt"
    listed.write_text("\n".join(modules), encoding="utf-8")
    stack = [*bare, "--stack", str(listed)] if modules else [*bare, "--stack"]
    for command in (kiosk, bare, stack):
        launch(command, env)  # warm the page cache for each; not counted
    kiosk_runs: list[Launch] = []
    bare_runs: list[Launch] = []
    stack_runs: list[Launch] = []
    for index in range(runs):  # interleaved, and the order alternates: ABCCBA...
        order = [(kiosk, kiosk_runs), (bare, bare_runs), (stack, stack_runs)]
        for command, into in order if index % 2 == 0 else reversed(order):
            into.append(launch(command, env))
    return {
        "kiosk": kiosk_runs,
        "bare": bare_runs,
        "stack": stack_runs,
        "imports": import_times(kiosk, bare, env),
        "phases": broken_down,
        "stack_modules": modules,
    }


@dataclass
class Imported:
    self_us: int
    cumulative_us: int
    parent: str | None


def parse_importtime(stderr: str) -> dict[str, Imported]:
    """The modules of one ``-X importtime`` report, each with who imported it.

    The report is in post-order (children first) and indents two spaces per level."""
    modules: dict[str, Imported] = {}
    waiting: list[tuple[int, str]] = []  # (level, name) of modules whose parent is not known yet
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, raw = line.removeprefix("import time:").split("|", 2)
        name = raw.strip()
        level = (len(raw) - len(raw.lstrip()) - 1) // 2
        while waiting and waiting[-1][0] > level:
            child_level, child = waiting.pop()
            if child_level == level + 1:
                modules[child].parent = name
        modules[name] = Imported(int(self_us), int(cumulative_us), None)
        waiting.append((level, name))
    return modules


def import_times(
    kiosk: list[str], bare: list[str], env: dict[str, str], repeat: int = 3
) -> dict[str, Any]:
    """`python -X importtime` of kiosk and bare starts (median of ``repeat``): what dominates."""

    def run(command: list[str]) -> dict[str, Imported]:
        if command[0] != sys.executable:  # the console script is a Python file: run it the same
            command = [sys.executable, *command]
        command = [command[0], "-X", "importtime", *command[1:]]
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
        return parse_importtime(done.stderr)

    def median_ms(runs: list[dict[str, Imported]], value: Any) -> dict[str, float]:
        return {
            name: statistics.median(value(r[name]) if name in r else 0 for r in runs) / 1000
            for name in runs[0]
        }

    kiosk_runs = [run(kiosk) for _ in range(repeat)]
    bare_runs = [run(bare) for _ in range(repeat)]
    own = median_ms(kiosk_runs, lambda m: m.self_us)
    cumulative = median_ms(kiosk_runs, lambda m: m.cumulative_us)
    packages: dict[str, float] = defaultdict(float)
    for name, ms in own.items():
        packages[name.split(".")[0]] += ms
    # What the kiosk's own modules pull in: a package's subtree where a kiosk module imports it.
    pulled: dict[str, float] = defaultdict(float)
    for name, module in kiosk_runs[0].items():
        parent = module.parent or ""
        if parent.split(".")[0] == "kiosk" and name.split(".")[0] != "kiosk":
            pulled[name.split(".")[0]] += cumulative[name]

    def top(table: dict[str, float]) -> list[tuple[float, str]]:
        return sorted(((ms, name) for name, ms in table.items()), reverse=True)[:5]

    def total(runs: list[dict[str, Imported]]) -> float:
        return statistics.median(sum(m.self_us for m in r.values()) for r in runs) / 1000

    return {
        "kiosk_ms": total(kiosk_runs),
        "bare_ms": total(bare_runs),
        "pulled": top(pulled),
        "packages": top(packages),
        "modules": top(own),
    }


PHASES = (  # (name, from stamp, to stamp)
    ("interpreter", "spawned", "script"),
    ("imports", "script", "imported"),
    ("settings", "imported", "settings"),
    ("Qt app, loop, client", "settings", "ui_build"),
    ("KioskUi()", "ui_build", "ui_built"),
    ("show → first paint", "ui_built", "painted"),
    ("shutdown", "painted", "returned"),
    ("process exit", "returned", "ended"),
)


def phases(
    endpoint: PortalEndpoint, env: dict[str, str], repeat: int = 3
) -> tuple[dict[str, float], list[str]]:
    """The kiosk's startup cut into phases by benchmarks/startup_phases.py (median, in ms), and
    the modules not its own that it had loaded at its first paint (of the first run)."""
    command = [
        sys.executable,
        str(HERE / "startup_phases.py"),
        "--windowed",
        "--quit-after-start",
        "--portal",
        endpoint.url,
    ]
    runs: list[dict[str, float]] = []
    modules: list[str] = []
    for _ in range(repeat):
        spawned = time.monotonic()
        done = subprocess.run(
            command,
            env=dict(env, BENCH_SPAWNED=repr(spawned)),
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        ended = time.monotonic()
        try:
            answer = json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError):
            return {}, []  # the breakdown is a help, not a measure: skip it if the app changed
        modules = modules or answer.get("modules", [])
        stamps = answer["stamps"]
        stamps["ended"] = ended
        stamps["gc_ms"] = answer["gc"]["ms"]
        runs.append(stamps)
    result = {}
    for name, first, last in PHASES:
        if all(first in run and last in run for run in runs):
            result[name] = statistics.median((run[last] - run[first]) * 1000 for run in runs)
    result["(of all these: GC pauses until shutdown)"] = statistics.median(
        run["gc_ms"] for run in runs
    )
    return result, modules


# --- the portals -------------------------------------------------------------------------------


def start_slow_portal(endpoint: PortalEndpoint) -> tuple[subprocess.Popen[str], str]:
    """The slow portal serves the real sandbox's answers, /v1/services 2 s late."""
    headers = {"X-Kiosk-Id": KIOSK_ID, "X-Kiosk-Token": endpoint.device_token}
    bodies = {}
    for name in ("health", "services"):
        response = httpx.get(f"{endpoint.url}/v1/{name}", headers=headers, timeout=10)
        response.raise_for_status()
        bodies[name] = response.text
    process = subprocess.Popen(
        [sys.executable, str(HERE / "slow_portal.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps(bodies))
    process.stdin.close()
    return process, process.stdout.readline().strip()


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- the floors and the in-process measures -------------------------------------------------------


def bare_json(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "bare_window.py"), *args],
        env=environment(),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def in_process(endpoint: PortalEndpoint, slow_url: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        str(HERE / "inprocess.py"),
        "--portal",
        endpoint.url,
        "--token",
        endpoint.device_token,
        "--slow",
        slow_url,
        "--cycles",
        str(args.cycles),
        "--warmup",
        str(args.warmup),
        "--sessions",
        str(args.sessions),
    ]
    done = subprocess.run(command, env=environment(), capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(
            f"benchmarks/inprocess.py ended with {done.returncode}:\n{done.stderr[-3000:]}"
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the report -------------------------------------------------------------------------------


@dataclass
class Row:
    measure: str
    kiosk: str
    floor: str
    ratio: str
    target: str
    verdict: str


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}×" if floor > 0 else "—"


def verdict(ok: bool | None) -> str:
    return "info" if ok is None else ("OK" if ok else "OVER")


def mb(kb: float) -> str:
    return f"{kb / 1024:.1f} MB"


def table(rows: list[Row]) -> str:
    head = Row("measure", "kiosk", "floor", "ratio", "target", "verdict")
    cells = [list(vars(row).values()) for row in (head, *rows)]
    widths = [max(len(cell[i]) for cell in cells) for i in range(len(cells[0]))]
    lines = []
    for index, cell in enumerate(cells):
        lines.append("  ".join(value.ljust(widths[i]) for i, value in enumerate(cell)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def startup_rows(start: dict[str, Any], runs: int) -> tuple[list[Row], list[str]]:
    """The startup comparison: the kiosk against the same stack (bare window + the libraries the
    kiosk imports before its first paint, on qasync's loop; the target) and the plain bare
    window (what the kiosk works toward)."""
    rows: list[Row] = []
    notes: list[str] = []
    kiosk_s = statistics.median(r.seconds for r in start["kiosk"])
    bare_s = statistics.median(r.seconds for r in start["bare"])
    stack_s = statistics.median(r.seconds for r in start["stack"])
    rows.append(
        Row(
            f"startup to first paint vs the same stack, median of {runs}",
            f"{kiosk_s * 1000:.0f} ms",
            f"{stack_s * 1000:.0f} ms",
            ratio(kiosk_s, stack_s),
            "≤ 1.50×",
            verdict(kiosk_s / stack_s <= 1.5),
        )
    )
    rows.append(
        Row(
            "  the same vs the plain bare window",
            f"{kiosk_s * 1000:.0f} ms",
            f"{bare_s * 1000:.0f} ms",
            ratio(kiosk_s, bare_s),
            "—",
            "info",
        )
    )
    cpu = {name: statistics.median(r.cpu_seconds for r in start[name]) for name in STARTUP_COMMANDS}
    notes.append(
        f"Startup CPU time (user + system, medians; steadier than wall time when other work "
        f"shares the machine): kiosk {cpu['kiosk'] * 1000:.0f} ms, stack floor "
        f"{cpu['stack'] * 1000:.0f} ms ({ratio(cpu['kiosk'], cpu['stack'])}), bare window "
        f"{cpu['bare'] * 1000:.0f} ms ({ratio(cpu['kiosk'], cpu['bare'])})."
    )
    stack_modules = start.get("stack_modules") or []
    packages = sorted(
        {name.split(".")[0] for name in stack_modules if name.split(".")[0] not in STDLIB}
    )
    notes.append(
        f"Stack floor: the bare window importing the {len(stack_modules)} modules not the "
        "kiosk's own that the kiosk had loaded at its first paint"
        + (f"; third-party: {', '.join(packages)}" if packages else " (none listed: the default)")
        + ", on qasync's loop."
    )
    imports = start["imports"]
    notes.append(
        f"Startup: imports take {imports['kiosk_ms']:.0f} ms in the kiosk vs "
        f"{imports['bare_ms']:.0f} ms in the bare window (python -X importtime, which inflates "
        f"them a little); the whole gap between the medians is {(kiosk_s - bare_s) * 1000:.0f} ms."
    )
    if start["phases"]:
        notes.append(
            "  kiosk startup by phase (median of 3, in-process stamps): "
            + ", ".join(f"{name} {ms:.0f} ms" for name, ms in start["phases"].items())
        )
    notes.append(
        "  top 5 packages the kiosk's modules import (cumulative, with what they import): "
        + ", ".join(f"{name} {ms:.0f} ms" for ms, name in imports["pulled"])
    )
    notes.append(
        "  top 5 packages by import time (sum of self times): "
        + ", ".join(f"{name} {ms:.0f} ms" for ms, name in imports["packages"])
    )
    notes.append(
        "  top 5 single modules (self time): "
        + ", ".join(f"{name} {ms:.0f} ms" for ms, name in imports["modules"])
        + " (15-20 ms in a small module is a garbage-collection pass that ran during its import)"
    )
    return rows, notes


def report(
    start: dict[str, Any],
    bare_rss: dict[str, Any],
    bare_growth: dict[str, Any],
    inside: dict[str, Any],
    runs: int,
    found: dict[str, Any],
) -> str:
    rows, notes = startup_rows(start, runs)

    # 2. tap latency
    taps = inside["latency"]
    floor = inside["floor_latency"]
    k_ms = [t["painted"] * 1000 for t in taps]
    f_ms = [t["painted"] * 1000 for t in floor]
    for label, p in (("p50", 50.0), ("p95", 95.0), ("max", 100.0)):
        value, base = percentile(k_ms, p), percentile(f_ms, p)
        rows.append(
            Row(
                f"tap → next screen painted, {label} (n={len(k_ms)})",
                f"{value:.1f} ms",
                f"{base:.2f} ms",
                ratio(value, base),
                "< 16 ms" if label == "p95" else "—",
                verdict(value < FRAME_MS if label == "p95" else None),
            )
        )
    first_ms = [t["first_paint"] * 1000 for t in taps]
    floor_first = [t["first_paint"] * 1000 for t in floor]
    notes.append(
        f"Tap latency until the new screen's first Paint event (the table counts until its paint "
        f"pass is over): p50 {percentile(first_ms, 50):.1f} ms, "
        f"p95 {percentile(first_ms, 95):.1f} ms; "
        f"floor p50 {percentile(floor_first, 50):.2f} ms, p95 {percentile(floor_first, 95):.2f} ms."
    )
    by_tap: dict[str, list[dict[str, float]]] = defaultdict(list)
    for t in taps:
        by_tap[t["tap"]].append(t)
    notes.append("Tap latency by tap (p50 / p95 until painted; share of it in the click handler):")
    for name, samples in by_tap.items():
        painted = [s["painted"] * 1000 for s in samples]
        handler = [s["handler"] * 1000 for s in samples]
        notes.append(
            f"  {name:<18} {percentile(painted, 50):6.1f} / {percentile(painted, 95):6.1f} ms;"
            f"  handler p50 {percentile(handler, 50):5.1f} ms"
        )

    # 2b. a lookup, over the sandbox
    lookups = inside["lookup"]
    l_ms = [t["painted"] * 1000 for t in lookups]
    rows.append(
        Row(
            f"lookup: tap → results painted, p95 (n={len(l_ms)})",
            f"{percentile(l_ms, 95):.1f} ms",
            f"{percentile(f_ms, 95):.2f} ms",
            ratio(percentile(l_ms, 95), percentile(f_ms, 95)),
            "< 150 ms",
            verdict(percentile(l_ms, 95) < 150),
        )
    )
    by_lookup: dict[str, list[float]] = defaultdict(list)
    for t in lookups:
        by_lookup[t["lookup"]].append(t["painted"] * 1000)
    notes.append(
        "Lookup (Expedientes Laborales, sandbox over loopback HTTP; floor: a bare screen switch), "
        "p50 / p95: "
        + "; ".join(
            f"{typed!r} {percentile(ms, 50):.1f} / {percentile(ms, 95):.1f} ms"
            for typed, ms in by_lookup.items()
        )
        + " (one match: search, fetch and the record; a shared number: search and the list)."
    )

    # 3. stall
    stall, idle = inside["stall"], inside["stall_floor"]
    worst, idle_worst = stall["worst"][0]["gap_ms"], idle["worst"][0]["gap_ms"]
    rows.append(
        Row(
            "longest GUI-thread gap, 2 s portal call",
            f"{worst:.1f} ms",
            f"{idle_worst:.1f} ms",
            ratio(worst, idle_worst),
            "≤ 16 ms",
            verdict(worst <= FRAME_MS),
        )
    )
    marks = stall["marks_ms"]
    where = ", ".join(
        f"{g['gap_ms']:.1f} ms ending at +{g['end_ms']:.0f} ms" for g in stall["worst"]
    )
    notes.append(
        f"Stall: call sent at +{marks.get('call', float('nan')):.0f} ms, answer at "
        f"+{marks.get('answer', float('nan')):.0f} ms; worst gaps: {where} "
        f"({stall['ticks']} ticks of the 1 ms timer; idle: {idle['ticks']})."
    )

    # 4. memory
    home = inside["home_memory"]
    rows.append(
        Row(
            "RSS at home screen (VmRSS)",
            mb(home["VmRSS"]),
            mb(bare_rss["VmRSS"]),
            ratio(home["VmRSS"], bare_rss["VmRSS"]),
            "< 150 MB",
            verdict(home["VmRSS"] < 150 * 1024),
        )
    )
    rows.append(
        Row(
            "peak RSS at home screen (VmHWM)",
            mb(home["VmHWM"]),
            mb(bare_rss["VmHWM"]),
            ratio(home["VmHWM"], bare_rss["VmHWM"]),
            "< 150 MB",
            verdict(home["VmHWM"] < 150 * 1024),
        )
    )
    sessions = inside["sessions"]
    first, mid, last = sessions["readings"]
    growth = last["VmRSS"] - first["VmRSS"]
    floor_growth = bare_growth["after"]["VmRSS"] - bare_growth["before"]["VmRSS"]
    rows.append(
        Row(
            f"RSS growth over {sessions['count']} sessions",
            mb(growth),
            mb(floor_growth),
            ratio(growth, floor_growth) if floor_growth >= 100 else "— (floor ≈ 0)",
            "< 5 MB",
            verdict(growth < 5 * 1024),
        )
    )
    rows.append(
        Row(
            f"RSS at home, end of run ({sessions['warmup'] + sessions['count']} sessions)",
            mb(last["VmRSS"]),
            mb(bare_growth["after"]["VmRSS"]),
            ratio(last["VmRSS"], bare_growth["after"]["VmRSS"]),
            "< 150 MB",
            verdict(last["VmRSS"] < 150 * 1024),
        )
    )
    kiosk_peak = statistics.median(r.max_rss_kb for r in start["kiosk"])
    bare_peak = statistics.median(r.max_rss_kb for r in start["bare"])
    trimmed = sessions.get("trimmed") or {}
    half = sessions["count"] // 2
    notes.append(
        f"Memory: home screen at start {mb(home['VmRSS'])}; after the tap measures and "
        f"{sessions['warmup']} warm-up sessions {mb(first['VmRSS'])}; +{half} sessions "
        f"{mb(mid['VmRSS'])}; +{sessions['count'] - half} more {mb(last['VmRSS'])} "
        f"({sessions['seconds']:.1f} s for {sessions['count']})"
        + (f"; {mb(trimmed['VmRSS'])} after malloc_trim" if trimmed else "")
        + f". Widgets alive {first['widgets']} → {mid['widgets']} → {last['widgets']}; Python "
        f"objects {first['objects']} → {mid['objects']} → {last['objects']}. Peak RSS of the "
        f"real `kiosk` process at --quit-after-start (wait4): {mb(kiosk_peak)}; bare window: "
        f"{mb(bare_peak)}."
    )
    rows += search_rows(found, notes)
    return table(rows) + "\n\n" + "\n".join(notes)


def search_rows(found: dict[str, Any], notes: list[str]) -> list[Row]:
    """The public lookups at real volume (benchmarks/searches.py): p95 per service."""
    floor = percentile(found["floor"], 95)
    rows = []
    for name, times in found["services"].items():
        if not times:
            continue
        p95 = percentile(times, 95)
        rows.append(
            Row(
                f"search p95: {name} (n={len(times)})",
                f"{p95:.1f} ms",
                f"{floor:.1f} ms",
                ratio(p95, floor),
                "< 20 ms",
                verdict(p95 < 20),
            )
        )
    notes.append(
        "Searches: each public lookup's searches on the demo data and on numbers that find "
        "nothing, and the record of the first row, over loopback HTTP against the sandbox at "
        "real volume; floor: GET /v1/services timed before each call on the same connection."
        + (f" Errors: {'; '.join(found['errors'][:5])}." if found["errors"] else "")
    )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="startup runs of each (interleaved)")
    parser.add_argument("--cycles", type=int, default=30, help="tap cycles (6 taps each)")
    parser.add_argument("--warmup", type=int, default=20, help="sessions before the first RSS")
    parser.add_argument("--sessions", type=int, default=200, help="sessions measured for growth")
    parser.add_argument("--search-rounds", type=int, default=40, help="rounds of each search")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small numbers")
    parser.add_argument(
        "--startup-only", action="store_true", help="only the startup comparison (its table)"
    )
    args = parser.parse_args()
    if args.quick:
        args.runs, args.cycles, args.warmup, args.sessions = 3, 3, 2, 10
        args.search_rounds = 5
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        # Every process we start (the sandbox too) caches its bytecode here, like an installed
        # kiosk, whatever this shell says (PYTHONDONTWRITEBYTECODE) and without writing .pyc files
        # into the checkout.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        portal = EmbeddedPortal(Path(scratch) / "sandbox", SANDBOX_SEED, start_timeout=180)
        portal.start()
        slow: subprocess.Popen[str] | None = None
        try:
            endpoint = portal.wait_ready()
            if args.startup_only:
                print(f"startup: {args.runs} runs of each...", file=sys.stderr)
                start = startup(endpoint, args.runs, Path(scratch))
                rows, notes = startup_rows(start, args.runs)
                print(table(rows) + "\n\n" + "\n".join(notes))
                return 0
            print(f"searches: {args.search_rounds} rounds of each...", file=sys.stderr)
            found = searches.measure(
                endpoint.url, endpoint.root_key.parent, endpoint.device_token, args.search_rounds
            )
            slow, slow_url = start_slow_portal(endpoint)
            print(f"startup: {args.runs} runs each of kiosk and bare window...", file=sys.stderr)
            start = startup(endpoint, args.runs, Path(scratch))
            print("floors: bare window RSS and sessions...", file=sys.stderr)
            bare_rss = bare_json("--rss")
            bare_growth = bare_json("--sessions", str(args.warmup), str(args.sessions))
            print("in-process: latency, stall, sessions...", file=sys.stderr)
            inside = in_process(endpoint, slow_url, args)
        finally:
            if slow is not None:
                stop(slow)
            portal.stop()
    print(report(start, bare_rss, bare_growth, inside, args.runs, found))
    print(
        f"\n(run took {time.perf_counter() - began:.0f} s; Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, QT_QPA_PLATFORM=offscreen, bytecode cached in a temporary folder)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
