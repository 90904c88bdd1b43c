"""The fleet page (``GET /fleet``, HTML in Spanish, and ``GET /fleet.json``) for the OJ's IT
staff: every kiosk enrolled or seen, when it was last heard from, its state and its alerts.

States: «En línea» (a heartbeat within ``SILENT_AFTER``), «Sin señal» (late, not yet offline),
«Fuera de línea» (nothing for over ``OFFLINE_AFTER``, or never). Alerts, worst first: offline,
paper out, printer errors, a trust list older than 24 h... each with a symbol and a word besides
its colour. The page asks for itself again every ``refresh`` seconds (a small script replaces the
table; without scripts, a meta refresh reloads it).

The sandbox serves it on loopback without a login; a real portal puts it behind the OJ's staff
log-in. No personal data is shown: heartbeats carry none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum
from html import escape
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from kiosk.portal.models import fleet as api
from kiosk.sandbox.services.fleet import FleetRow, fleet_rows
from kiosk.sandbox.state import get_state
from kiosk.sandbox.store import now

SILENT_AFTER = timedelta(minutes=2)  # two heartbeats missed
OFFLINE_AFTER = timedelta(minutes=5)
TRUST_LIST_OLD = timedelta(hours=24)
REFRESH_SECONDS = 10


class Severity(IntEnum):
    CRITICAL = 0
    WARNING = 1
    NOTICE = 2


#: (symbol, word, css class): never colour alone
SEVERITY_LOOK: dict[Severity, tuple[str, str, str]] = {
    Severity.CRITICAL: ("✖", "Grave", "critical"),
    Severity.WARNING: ("▲", "Atención", "warning"),
    Severity.NOTICE: ("●", "Aviso", "notice"),
}

ONLINE, SILENT, OFFLINE = "online", "silent", "offline"
STATE_LOOK: dict[str, tuple[str, str]] = {
    ONLINE: ("✔", "En línea"),
    SILENT: ("…", "Sin señal"),
    OFFLINE: ("✖", "Fuera de línea"),
}

PRINTER_WORDS = {
    api.PrinterStatus.READY: "Lista",
    api.PrinterStatus.PRINTING: "Imprimiendo",
    api.PrinterStatus.STOPPED: "Detenida",
    api.PrinterStatus.UNREACHABLE: "CUPS no responde",
    api.PrinterStatus.UNKNOWN: "No se sabe",
}
PAPER_WORDS = {
    api.Paper.OK: "con papel",
    api.Paper.LOW: "poco papel",
    api.Paper.OUT: "sin papel",
    api.Paper.UNKNOWN: "papel: no se sabe",
}


@dataclass(frozen=True)
class Alert:
    code: str
    severity: Severity
    text: str


@dataclass(frozen=True)
class KioskView:
    row: FleetRow
    state: str
    since: timedelta | None  # since its last heartbeat
    alerts: list[Alert]

    @property
    def worst(self) -> int:
        return min((alert.severity for alert in self.alerts), default=len(Severity))


def ago(span: timedelta) -> str:
    """«hace 40 s», «hace 2 min», «hace 3 h», «hace 2 días»."""
    seconds = max(0, int(span.total_seconds()))
    if seconds < 60:
        return f"hace {seconds} s"
    if seconds < 3600:
        return f"hace {seconds // 60} min"
    if seconds < 48 * 3600:
        return f"hace {seconds // 3600} h"
    return f"hace {seconds // 86400} días"


def view(row: FleetRow, at: datetime) -> KioskView:
    """A kiosk's state and alerts at ``at`` (the portal's clock)."""
    alerts: list[Alert] = []
    since = at - row.received_at if row.received_at is not None else None
    if since is None:
        state = OFFLINE
        alerts.append(Alert("never_seen", Severity.NOTICE, "Nunca ha enviado señal."))
    elif since > OFFLINE_AFTER:
        state = OFFLINE
        text = f"Fuera de línea: sin señal desde {ago(since)}."
        alerts.append(Alert("offline", Severity.CRITICAL, text))
    else:
        state = SILENT if since > SILENT_AFTER else ONLINE
    beat = row.heartbeat
    if beat is not None:
        alerts.extend(_beat_alerts(beat))
    alerts.sort(key=lambda alert: alert.severity)
    return KioskView(row, state, since, alerts)


def _beat_alerts(beat: api.Heartbeat) -> list[Alert]:
    alerts: list[Alert] = []
    printer = beat.printer
    reasons = ", ".join(printer.reasons)
    detail = f" ({reasons})" if reasons else ""
    if printer.paper is api.Paper.OUT:
        alerts.append(Alert("paper_out", Severity.CRITICAL, "Sin papel: la impresora no imprime."))
    elif printer.paper is api.Paper.LOW:
        alerts.append(Alert("paper_low", Severity.WARNING, "Queda poco papel."))
    if printer.state is api.PrinterStatus.UNREACHABLE:
        text = "Impresora: el servicio de impresión (CUPS) no responde."
        alerts.append(Alert("printer_unreachable", Severity.CRITICAL, text))
    elif printer.paper is not api.Paper.OUT:  # out of paper: that alert already says why
        alerts.extend(_printer_alerts(printer, detail))
    trust = beat.trust_list
    if trust.version is None or trust.age_seconds is None:
        text = "No tiene lista de confianza: no verifica documentos sin el portal."
        alerts.append(Alert("trust_list_missing", Severity.WARNING, text))
    elif trust.age_seconds > TRUST_LIST_OLD.total_seconds():
        text = f"Lista de confianza con más de 24 h ({trust.age_seconds // 3600} h)."
        alerts.append(Alert("trust_list_old", Severity.WARNING, text))
    if beat.camera_present is False:
        alerts.append(Alert("no_camera", Severity.WARNING, "No hay cámara conectada."))
    if beat.last_error_code:
        text = f"Último error: «{beat.last_error_code}»."
        alerts.append(Alert("last_error", Severity.NOTICE, text))
    return alerts


def _printer_alerts(printer: api.PrinterReport, detail: str) -> list[Alert]:
    """A reachable printer that has paper: stopped, or its last error."""
    if printer.state is api.PrinterStatus.STOPPED:
        return [Alert("printer_stopped", Severity.CRITICAL, f"Impresora detenida{detail}.")]
    if printer.last_error:
        text = f"Impresora: último error «{printer.last_error}»."
        return [Alert("printer_error", Severity.WARNING, text)]
    return []


def fleet_views(request: Request) -> tuple[datetime, list[KioskView]]:
    at = now()
    rows = fleet_rows(get_state(request).db.connection())
    views = [view(row, at) for row in rows]
    views.sort(key=lambda v: (v.worst, v.row.kiosk_id))
    return at, views


# --- the routes ---------------------------------------------------------------------------------

router = APIRouter(include_in_schema=False)


@router.get("/fleet", response_class=HTMLResponse)
def fleet_page(
    request: Request,
    every: int = Query(default=REFRESH_SECONDS, ge=2, le=300),
    part: bool = Query(default=False),
) -> HTMLResponse:
    at, views = fleet_views(request)
    body = render_body(at, views)
    headers = {"Cache-Control": "no-store"}
    if part:
        return HTMLResponse(body, headers=headers)
    return HTMLResponse(render_page(body, every), headers=headers)


@router.get("/fleet.json")
def fleet_json(request: Request) -> JSONResponse:
    at, views = fleet_views(request)
    content = {
        "generated_at": at.isoformat(),
        "kiosks": [_json(v) for v in views],
        "alerts": [{"kiosk_id": v.row.kiosk_id, **_alert_json(a)} for a, v in _all_alerts(views)],
    }
    return JSONResponse(content, headers={"Cache-Control": "no-store"})


def _all_alerts(views: list[KioskView]) -> list[tuple[Alert, KioskView]]:
    pairs = [(alert, v) for v in views for alert in v.alerts]
    pairs.sort(key=lambda pair: (pair[0].severity, pair[1].row.kiosk_id))
    return pairs


def _alert_json(alert: Alert) -> dict[str, str]:
    return {"code": alert.code, "severity": alert.severity.name.lower(), "text": alert.text}


def _json(v: KioskView) -> dict[str, Any]:
    beat = v.row.heartbeat
    return {
        "kiosk_id": v.row.kiosk_id,
        "enrolled": v.row.enrolled,
        "state": v.state,
        "last_seen_at": v.row.received_at.isoformat() if v.row.received_at else None,
        "seconds_since": int(v.since.total_seconds()) if v.since is not None else None,
        "heartbeat": beat.model_dump(mode="json") if beat is not None else None,
        "alerts": [_alert_json(alert) for alert in v.alerts],
    }


# --- the HTML -----------------------------------------------------------------------------------


def render_page(body: str, every: int) -> str:
    return PAGE.format(every=every, ms=every * 1000, body=body)


def render_body(at: datetime, views: list[KioskView]) -> str:
    counts = {state: sum(1 for v in views if v.state == state) for state in STATE_LOOK}
    summary = " · ".join(
        f"{STATE_LOOK[state][0]} {counts[state]} {STATE_LOOK[state][1].lower()}"
        for state in STATE_LOOK
    )
    pairs = _all_alerts(views)
    alerts = "".join(
        f'<li class="alert {SEVERITY_LOOK[a.severity][2]}" data-code="{a.code}" '
        f'data-kiosk="{escape(v.row.kiosk_id)}">{_badge(a.severity)} '
        f"<strong>{escape(v.row.kiosk_id)}</strong> — {escape(a.text)}</li>"
        for a, v in pairs
        if a.severity is not Severity.NOTICE
    )
    alert_block = (
        f'<ul id="alerts">{alerts}</ul>'
        if alerts
        else '<p id="alerts" class="calm">✔ Sin alertas: todos los quioscos en orden.</p>'
    )
    rows = "".join(_row(v) for v in views) or (
        '<tr><td colspan="8">Aún no hay quioscos inscritos ni vistos.</td></tr>'
    )
    stamp = at.strftime("%d/%m/%Y %H:%M:%S")
    return (
        f'<p class="summary" id="summary">{len(views)} quioscos: {summary}. '
        f'<span class="stamp">Actualizado: <time id="generated">{stamp}</time> '
        "(hora de Guatemala)</span></p>"
        f"<h2>Alertas</h2>{alert_block}"
        "<h2>Quioscos</h2>"
        '<table id="kiosks"><thead><tr><th>Quiosco</th><th>Estado</th><th>Sede y lugar</th>'
        "<th>Versión</th><th>Impresora</th><th>Cámara</th><th>Lista de confianza</th>"
        f"<th>Uso desde el arranque</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _badge(severity: Severity) -> str:
    symbol, word, css = SEVERITY_LOOK[severity]
    return f'<span class="badge {css}"><span aria-hidden="true">{symbol}</span> {word}</span>'


def _row(v: KioskView) -> str:
    symbol, word = STATE_LOOK[v.state]
    seen = ago(v.since) if v.since is not None else "nunca"
    kiosk = escape(v.row.kiosk_id)
    cells = [
        f"<th scope=row>{kiosk}</th>",
        f'<td class="state {v.state}"><span aria-hidden="true">{symbol}</span> {word}'
        f'<br><small class="seen">{seen}</small></td>',
    ]
    beat = v.row.heartbeat
    if beat is None:
        cells.append('<td colspan="6" class="none">Sin datos del equipo.</td>')
    else:
        cells.extend(_facts(beat, v.since or timedelta()))
    notes = "".join(
        f'<li class="{SEVERITY_LOOK[a.severity][2]}">{_badge(a.severity)} {escape(a.text)}</li>'
        for a in v.alerts
    )
    alerts = f'<tr class="notes"><td></td><td colspan="7"><ul>{notes}</ul></td></tr>'
    return f'<tr id="kiosk-{kiosk}" data-state="{v.state}">{"".join(cells)}</tr>' + (
        alerts if notes else ""
    )


def _facts(beat: api.Heartbeat, since: timedelta) -> list[str]:
    """The heartbeat's facts; ages (trust list, uptime) counted to now, ``since`` it came."""
    place = escape(beat.courthouse) + (
        f"<br><small>{escape(beat.location)}</small>" * bool(beat.location)
    )
    mode = "ventanilla" if beat.mode is api.Mode.DESK else "quiosco"
    printer = beat.printer
    printer_text = PRINTER_WORDS[printer.state]
    if printer.paper is not api.Paper.UNKNOWN or printer.state is not api.PrinterStatus.UNKNOWN:
        printer_text += f", {PAPER_WORDS[printer.paper]}"
    if printer.queue:
        printer_text += f"<br><small>cola {escape(printer.queue)}</small>"
    camera = {True: "Sí", False: "No", None: "No se sabe"}[beat.camera_present]
    trust = beat.trust_list
    if trust.version is None or trust.age_seconds is None:
        trust_text = "No tiene"
    else:
        age = ago(timedelta(seconds=max(0, trust.age_seconds)) + since).removeprefix("hace ")
        trust_text = f"versión {trust.version}<br><small>obtenida hace {age}</small>"
    counters = beat.counters
    started = ago(timedelta(seconds=beat.uptime_seconds) + since)
    use = (
        f"{counters.sessions} visitas · {counters.documents_printed} impresos · "
        f"{counters.failures} fallas<br><small>arrancó {started}</small>"
    )
    return [
        f"<td>{place}<br><small>{mode}</small></td>",
        f"<td>{escape(beat.version)}</td>",
        f"<td>{printer_text}</td>",
        f"<td>{camera}</td>",
        f"<td>{trust_text}</td>",
        f"<td>{use}</td>",
    ]


PAGE = """<!doctype html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<noscript><meta http-equiv="refresh" content="{every}"></noscript>
<title>Flota de quioscos del OJ</title>
<style>
body {{ font: 17px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a;
  background: #fafafa; }}
h1 {{ margin: 0 0 .3rem; font-size: 1.6rem; }} h2 {{ font-size: 1.2rem; margin: 1.2rem 0 .4rem; }}
.summary {{ margin: 0; }} .stamp {{ color: #555; margin-left: .6rem; }}
#alerts {{ list-style: none; padding: 0; margin: 0; }}
#alerts li {{ padding: .4rem .6rem; margin: .25rem 0; border-left: 6px solid; background: #fff; }}
.badge {{ display: inline-block; min-width: 6.5rem; font-weight: 600; }}
#alerts li.critical {{ border-left-color: #b00020; }} .badge.critical {{ color: #b00020; }}
#alerts li.warning {{ border-left-color: #a15c00; }} .badge.warning {{ color: #a15c00; }}
#alerts li.notice {{ border-left-color: #555; }} .badge.notice {{ color: #444; }}
.calm {{ color: #1b5e20; font-weight: 600; }} .intro {{ margin: 0 0 .6rem; color: #444; }}
#stale {{ font-weight: 600; color: #a15c00; border-left: 6px solid; padding: .3rem .6rem; }}
table {{ border-collapse: collapse; width: 100%; background: #fff; }}
th, td {{ text-align: left; vertical-align: top; padding: .45rem .6rem; }}
thead th {{ background: #263238; color: #fff; position: sticky; top: 0; }}
tbody tr {{ border-top: 1px solid #ddd; }} tr.notes {{ border-top: none; }}
tr.notes ul {{ list-style: none; margin: 0; padding: 0 0 .3rem; }}
.state {{ font-weight: 600; white-space: nowrap; }} .online {{ color: #1b5e20; }}
.silent {{ color: #a15c00; }} .offline {{ color: #b00020; }} small {{ color: #555; }}
.seen {{ font-weight: 400; }}
</style></head>
<body><h1>Flota de quioscos del Organismo Judicial</h1>
<p class="intro">Se actualiza sola cada {every} segundos. Solo para el personal de informática
del OJ.</p>
<p id="stale" class="warning" role="status" hidden>▲ Atención: no se pudo actualizar; el portal
no responde. Lo que ve puede ser viejo. Se vuelve a intentar sola.</p>
<main id="fleet" aria-live="polite">{body}</main>
<script>
setInterval(async () => {{
  try {{
    const answer = await fetch("/fleet?part=1", {{cache: "no-store"}});
    if (!answer.ok) throw new Error(answer.status);
    document.getElementById("fleet").innerHTML = await answer.text();
    document.getElementById("stale").hidden = true;
  }} catch (e) {{ document.getElementById("stale").hidden = false; }}
}}, {ms});
</script></body></html>
"""
