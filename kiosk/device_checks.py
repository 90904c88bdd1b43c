"""The device panel's facts (a desk's «Equipo», F7): the printer, the camera, the portal, the trust
list, the disk, the audit log's queue and who this kiosk is, each read within a time limit.

No Qt here: the UI hands in what only Qt can tell (the cameras QtMultimedia sees) and shows the
report. Nothing raises: a fact that cannot be read in time, or at all, comes back as «No se sabe»
with the reason, so one broken part never hides the others. Every text is a ``Text`` (translated
when shown); CUPS's own messages and the figures are data, shown as they are.

    report = await check_device(DeviceSources(...))
    for name, fact in report.rows(): show(name, STATE_WORDS[fact.level], fact.value, fact.detail)
    result = await print_test_page(queue, server=server, timeout=120, folder=temp_dir)
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kiosk import __version__
from kiosk.formats import day_and_clock
from kiosk.portal.errors import PortalError, PortalRejected
from kiosk.printing import PrinterProblem, PrintingError, printer_state
from kiosk.printing.jobs import list_jobs
from kiosk.text import Shown, Text

if TYPE_CHECKING:
    from kiosk.audit.log import AuditLog
    from kiosk.portal.client import PortalClient
    from kiosk.seals.cache import TrustListCache

log = logging.getLogger(__name__)
T = TypeVar("T")

PRINTER_TIMEOUT = 8.0  # seconds for lpstat (state and jobs): a local cupsd answers in ms
PORTAL_TIMEOUT = 5.0  # seconds for GET /v1/health, retries included
DISK_TIMEOUT = 3.0  # seconds for statvfs (a hung network mount must not hang the panel)
SLOW_PORTAL_MS = 1000  # slower than this is worth a look
TRUST_LIST_AGE = timedelta(hours=24)  # older than this is a warning (the cache refreshes daily)
DISK_LOW = 1024**3  # free bytes under this: a warning
DISK_FULL = 256 * 1024**2  # free bytes under this: a failure (PDFs and the log need room)
AUDIT_LATE = timedelta(minutes=15)  # the oldest entry still queued: older is a warning
AUDIT_COUNT_LIMIT = 100_000  # entries counted at most (a long-offline desk)


class Level(StrEnum):
    GOOD = "good"
    WARN = "warn"
    BAD = "bad"
    INFO = "info"  # a plain fact (the kiosk's id): no state


#: the state word of each level, shown next to the colour (never colour alone)
STATE_WORDS: dict[Level, Text | None] = {
    Level.GOOD: Text("Bien"),
    Level.WARN: Text("Atención"),
    Level.BAD: Text("Falla"),
    Level.INFO: None,
}

UNKNOWN = Text("No se sabe")

#: the panel's facts, in the order shown (object names ``value.device.<name>``)
FACT_NAMES = (
    "printer",
    "printer_jobs",
    "camera",
    "portal",
    "trust_list",
    "disk",
    "audit_queue",
    "kiosk_id",
    "courthouse",
    "version",
)


@dataclass(frozen=True)
class Fact:
    """One line of the panel: its level, what it is, and why or more (each line a ``Shown``)."""

    level: Level
    value: Shown
    detail: tuple[Shown, ...] = ()
    known: bool = True  # False: «No se sabe», and ``detail`` says why
    measure: float | None = None  # the figure behind it (ms, free bytes, hours, entries)


def unknown(because: Shown, level: Level = Level.WARN) -> Fact:
    return Fact(level, UNKNOWN, (because,), known=False)


@dataclass(frozen=True)
class DeviceReport:
    facts: Mapping[str, Fact]
    checked_at: datetime

    def rows(self) -> list[tuple[str, Fact]]:
        return [(name, self.facts[name]) for name in FACT_NAMES if name in self.facts]

    @property
    def level(self) -> Level:
        """The worst level of all the lines."""
        levels = {fact.level for fact in self.facts.values()}
        for level in (Level.BAD, Level.WARN):
            if level in levels:
                return level
        return Level.GOOD

    def count(self, level: Level) -> int:
        return sum(1 for fact in self.facts.values() if fact.level is level)


@dataclass(frozen=True)
class Camera:
    id: str
    description: str


@dataclass(frozen=True)
class DeviceSources:
    """What the facts are read from. ``cameras``: what the UI's QtMultimedia sees (None: it
    could not tell); ``queue`` None: no printer configured for this kiosk."""

    client: PortalClient
    audit: AuditLog
    folders: Mapping[str, Path]  # "audit" and "temp": the folders whose disk is measured
    kiosk_id: str
    courthouse: str
    courthouse_name: str = ""
    location: str = ""
    queue: str | None = None
    server: str | None = None
    trust: TrustListCache | None = None
    cameras: Sequence[Camera] | None = None
    camera_id: str = ""
    last_sent_at: datetime | None = None  # the desk's last audit round that sent something
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


async def check_device(sources: DeviceSources) -> DeviceReport:
    """Every fact at once (printer, portal and disk side by side); never raises."""
    now = sources.clock()
    printer, portal, disk = await asyncio.gather(
        _bounded(
            check_printer(sources.queue, sources.server),
            PRINTER_TIMEOUT,
            lambda why: (unknown(why, Level.BAD), unknown(why)),
        ),
        _bounded(check_portal(sources.client), PORTAL_TIMEOUT + 1, unknown),
        _bounded(asyncio.to_thread(disk_fact, sources.folders), DISK_TIMEOUT, unknown),
    )
    facts = {
        "printer": printer[0],
        "printer_jobs": printer[1],
        "camera": _safely(lambda: camera_fact(sources.cameras, sources.camera_id)),
        "portal": portal,
        "trust_list": _safely(lambda: trust_list_fact(sources.trust, now)),
        "disk": disk,
        "audit_queue": _safely(lambda: audit_fact(sources.audit, now, sources.last_sent_at)),
        "kiosk_id": Fact(
            Level.INFO, sources.kiosk_id, (sources.location,) if sources.location else ()
        ),
        "courthouse": courthouse_fact(sources.courthouse, sources.courthouse_name),
        "version": Fact(Level.INFO, __version__),
    }
    report = DeviceReport(facts, now)
    log.info(
        "device checked",
        extra={"event": "device_check", "status": report.level.value,
               "count": report.count(Level.BAD)},
    )  # fmt: skip
    return report


async def _bounded(work: Awaitable[T], timeout: float, fallback: Callable[[Text], T]) -> T:
    """``work``'s answer, or ``fallback(why)`` when it takes longer than ``timeout`` or fails."""
    try:
        async with asyncio.timeout(timeout):
            return await work
    except TimeoutError:
        return fallback(Text("No contestó en {seconds} segundos.", seconds=f"{timeout:g}"))
    except Exception as error:  # a fact that cannot be read must not hide the others
        log.warning(
            "device fact failed", extra={"event": "device_check", "error": error_name(error)}
        )
        return fallback(Text("Error inesperado al leerlo ({error}).", error=error_name(error)))


def _safely(read: Callable[[], Fact]) -> Fact:
    try:
        return read()
    except Exception as error:
        log.warning(
            "device fact failed", extra={"event": "device_check", "error": error_name(error)}
        )
        return unknown(Text("Error inesperado al leerlo ({error}).", error=error_name(error)))


def error_name(error: BaseException) -> str:
    """An error named by its type (its message may hold a path or a value)."""
    return type(error).__name__


# --- the printer --------------------------------------------------------------------------------


async def check_printer(queue: str | None, server: str | None) -> tuple[Fact, Fact]:
    """(the printer, its jobs waiting). ``queue`` None: this kiosk has no printer configured;
    "" is the CUPS default destination."""
    if queue is None:
        why = Text("Este equipo no tiene impresora configurada.")
        return Fact(Level.INFO, Text("Sin impresora"), (why,)), Fact(Level.INFO, "—")
    try:
        state = await printer_state(queue or None, server=server)
    except PrintingError as error:
        where = Text("Cola «{queue}»", queue=queue) if queue else Text("Cola predeterminada")
        fact = Fact(Level.BAD, Text(error.message), (where, _technical(error.kind.value)))
        return fact, unknown(Text("El servicio de impresión no contestó."))
    name = state.queue or ""
    value = Text("Cola «{queue}»: {state}", queue=name or "—", state=Text(state.message))
    detail: list[Shown] = []
    if state.status:
        detail.append(Text("Último mensaje de la impresora: «{message}»", message=state.status))
    if state.reasons:
        detail.append(_technical(", ".join(state.reasons)))
    if state.paused:
        detail.append(
            Text("La cola está detenida: una vez resuelto, reactívela (cupsenable {queue}).",
                 queue=name)
        )  # fmt: skip
    level = Level.BAD if not state.ready else Level.WARN if state.warnings else Level.GOOD
    printer = Fact(level, value, tuple(detail))
    if PrinterProblem.UNKNOWN_QUEUE in state.problems or not name:
        return printer, unknown(Text("No hay cola que consultar."))
    try:
        jobs = await list_jobs(name, server=server, completed=False)
    except PrintingError as error:
        return printer, unknown(_technical(error.kind.value))
    return printer, jobs_fact(len(jobs), ready=state.ready)


def jobs_fact(count: int, *, ready: bool) -> Fact:
    if count == 0:
        return Fact(Level.GOOD, Text("Ninguno en espera"), measure=0)
    value = Text("{count} en espera", count=count)
    if ready:
        return Fact(Level.GOOD, value, measure=count)
    why = Text("No saldrán hasta que la impresora vuelva a estar lista.")
    return Fact(Level.WARN, value, (why,), measure=count)


def _technical(detail: str) -> Text:
    return Text("Detalle técnico: {detail}", detail=detail)


# --- the camera ---------------------------------------------------------------------------------


def camera_fact(cameras: Sequence[Camera] | None, configured: str = "") -> Fact:
    """``cameras``: what QtMultimedia lists (None: it could not be asked)."""
    if cameras is None:
        return unknown(Text("No se pudo consultar las cámaras del equipo."))
    if not cameras:
        why = Text("Para verificar documentos use el lector de códigos o abra un archivo.")
        level = Level.BAD if configured else Level.WARN
        return Fact(level, Text("No hay cámara"), (why,), measure=0)
    if configured and all(camera.id != configured for camera in cameras):
        names = ", ".join(camera.description for camera in cameras)
        why = Text("Conectadas: {names}", names=names)
        return Fact(
            Level.BAD, Text("La cámara configurada no está conectada"), (why,), measure=len(cameras)
        )
    chosen = next((c for c in cameras if c.id == configured), cameras[0])
    more = (Text("{count} cámaras conectadas", count=len(cameras)),) if len(cameras) > 1 else ()
    return Fact(
        Level.GOOD, chosen.description or Text("Cámara conectada"), more, measure=len(cameras)
    )


# --- the portal ---------------------------------------------------------------------------------


async def check_portal(client: PortalClient, *, timeout: float = PORTAL_TIMEOUT) -> Fact:
    """Reachable, and how long ``GET /v1/health`` takes (ms)."""
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            health = await client.health()
    except TimeoutError:
        why = Text("No contestó en {seconds} segundos.", seconds=f"{timeout:g}")
        return Fact(Level.BAD, Text("El portal no responde"), (why,))
    except PortalRejected as error:
        why = _technical(error.code)
        return Fact(Level.BAD, Text("El portal no acepta a este equipo"), (why,))
    except PortalError:
        why = Text("Revise la red del equipo; si sigue así, llame a soporte técnico.")
        return Fact(Level.BAD, Text("El portal no responde"), (why,))
    ms = round((time.perf_counter() - started) * 1000)
    value = Text("Responde en {ms} ms", ms=ms)
    detail: list[Shown] = [Text("Versión del portal: {version}", version=health.version)]
    if health.sandbox:
        detail.append(Text("Es el portal de prueba (sandbox), no el del Organismo Judicial."))
    level = Level.GOOD if ms < SLOW_PORTAL_MS else Level.WARN
    if level is Level.WARN:
        detail.insert(0, Text("Responde lento: más de {ms} ms.", ms=SLOW_PORTAL_MS))
    return Fact(level, value, tuple(detail), measure=ms)


# --- the trust list -----------------------------------------------------------------------------


def trust_list_fact(cache: TrustListCache | None, now: datetime) -> Fact:
    """The version of the trust list held and its age (since it came from the portal)."""
    if cache is None:
        return unknown(Text("Este equipo no verifica documentos."), Level.INFO)
    failed: tuple[Shown, ...] = ()
    if cache.last_error is not None:
        failed = (Text("Último intento fallido: {problem}", problem=cache.last_error.value),)
    current, fetched_at = cache.current, cache.fetched_at
    if current is None or fetched_at is None:
        if cache.last_error is None:
            return Fact(
                Level.WARN, Text("Aún no hay lista"), (Text("Se descarga sola en unos minutos."),)
            )
        why = Text("Sin ella no se verifican sellos cuando el portal no responde.")
        return Fact(Level.BAD, Text("No hay lista de confianza"), (why, *failed))
    hours = max(0.0, (now - fetched_at).total_seconds() / 3600)
    age = (
        Text("obtenida hace menos de una hora")
        if hours < 1
        else Text("obtenida hace {hours} h", hours=int(hours))
    )
    value = Text("Versión {version}, {age}", version=current.version, age=age)
    detail: list[Shown] = [Text("Emitida el {when}", when=day_and_clock(current.issued_at))]
    if cache.is_outdated(now):
        level = Level.BAD
        detail.insert(0, Text("Vencida: sin el portal ya no confirma documentos."))
    elif now - fetched_at > TRUST_LIST_AGE:
        level = Level.WARN
        detail.insert(0, Text("Tiene más de 24 horas: el portal no la ha renovado."))
    else:
        level = Level.GOOD
    return Fact(level, value, (*detail, *failed), measure=round(hours, 2))


# --- the disk -----------------------------------------------------------------------------------

#: the folders' names, as the panel says them
FOLDER_NAMES: dict[str, Text] = {
    "audit": Text("Registro de auditoría"),
    "temp": Text("Archivos temporales"),
}


def disk_fact(folders: Mapping[str, Path]) -> Fact:
    """Free space where each folder lives (one line per disk); blocking: run it in a thread."""
    disks: dict[int, tuple[list[str], int, int]] = {}  # device -> (folders, total, free)
    for key, folder in folders.items():
        place = _existing(folder)
        usage = shutil.disk_usage(place)
        names, _, _ = disks.setdefault(os.stat(place).st_dev, ([], usage.total, usage.free))
        names.append(key)
    if not disks:
        return unknown(Text("No hay carpetas que medir."))
    lines: list[Shown] = []
    for names, total, free in disks.values():
        where = [FOLDER_NAMES.get(name, Text(name)) for name in names]
        lines.append(Text("{folders}: {free}", folders=_joined(where), free=_free(free, total)))
    _, total, lowest = min(disks.values(), key=lambda disk: disk[2])
    value: Shown = (
        _free(lowest, total)
        if len(disks) == 1
        else Text("{free} libres en el disco más lleno", free=size_text(lowest))
    )
    level = Level.BAD if lowest < DISK_FULL else Level.WARN if lowest < DISK_LOW else Level.GOOD
    return Fact(level, value, tuple(lines), measure=lowest)


def _free(free: int, total: int) -> Text:
    return Text("{free} libres de {total}", free=size_text(free), total=size_text(total))


def _joined(parts: Sequence[Text]) -> Text:
    """«A y B»: each part translated when shown."""
    if len(parts) == 1:
        return parts[0]
    return Text("{first} y {last}", first=_joined(parts[:-1]), last=parts[-1])


def _existing(folder: Path) -> Path:
    """The folder, or its nearest parent that exists (the log's folder may not be made yet)."""
    place = folder.absolute()
    while not place.exists() and place != place.parent:
        place = place.parent
    return place


def size_text(size: float) -> str:
    """12.3 GB, 850 MB: a disk's space as a technician reads it."""
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    return f"{size / 1024**2:.0f} MB"


# --- the audit log ------------------------------------------------------------------------------


def audit_fact(audit: AuditLog, now: datetime, last_sent_at: datetime | None = None) -> Fact:
    """Entries waiting to go to the portal, and the last that went."""
    try:
        pending = audit.pending(limit=AUDIT_COUNT_LIMIT)
        acknowledged = audit.acknowledged
        last = audit.entries(after=acknowledged - 1, limit=1) if acknowledged else []
    except sqlite3.Error as error:
        return unknown(
            Text("No se pudo leer el registro ({error}).", error=error_name(error)), Level.BAD
        )
    detail: list[Shown] = []
    if last_sent_at is not None:
        detail.append(Text("Último envío: {when}", when=day_and_clock(last_sent_at)))
    if last:
        detail.append(
            Text("Lo último enviado se registró el {when}", when=day_and_clock(last[0].at))
        )
    else:
        detail.append(Text("Aún no se ha enviado ninguno."))
    if not pending:
        return Fact(Level.GOOD, Text("Todo enviado"), tuple(detail), measure=0)
    count = len(pending)
    value = (
        Text("{count} por enviar", count=count)
        if count < AUDIT_COUNT_LIMIT
        else Text("Más de {count} por enviar", count=AUDIT_COUNT_LIMIT)
    )
    oldest = pending[0].at
    late = now - oldest > AUDIT_LATE
    if late:
        detail.insert(0, Text("El más antiguo espera desde el {when}", when=day_and_clock(oldest)))
    return Fact(Level.WARN if late else Level.GOOD, value, tuple(detail), measure=count)


# --- who this kiosk is --------------------------------------------------------------------------


def courthouse_fact(courthouse: str, name: str = "") -> Fact:
    if name and name != courthouse:
        return Fact(Level.INFO, name, (Text("Código de sede: {code}", code=courthouse),))
    return Fact(Level.INFO, courthouse)
