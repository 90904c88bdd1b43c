"""The public lookups' searches in the sandbox at real volume, over loopback HTTP.

Each lookup's searches (by number, by name, a court's day...) and the record a visitor opens from
the first row, timed one after another on one kept-alive connection, against a floor timed in the
same run the same way: ``GET /v1/services``, the cheapest call a kiosk makes that passes the same
device check and the same app. Target: p95 under 20 ms for each service (issue «Consultas»).

Searches are rate-limited per kiosk (10 a minute for the Registro de Detenidos): the benchmark
enrolls kiosks of its own in the sandbox's registry, as ``kiosk sandbox enroll`` does, and moves
to the next one before a limit could answer for the query.
"""

from __future__ import annotations

import itertools
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from kiosk.sandbox import devices
from kiosk.sandbox.app import DATABASE_FILE

PER_KIOSK = 9  # calls before the next kiosk: under every per-kiosk limit


@dataclass(frozen=True)
class Query:
    method: str
    path: str
    params: dict[str, Any] | None = None
    body: dict[str, Any] | None = None
    record: str | None = None  # the record path of the first row: "/v1/amparos/{id}"


def _next_weekday(start: date) -> date:
    day = start
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _get(path: str, record: str | None = None, **params: Any) -> Query:
    return Query("GET", f"/v1/{path}", params, None, f"/v1/{record}" if record else None)


def _post(path: str, body: dict[str, Any], record: str | None = None) -> Query:
    return Query("POST", f"/v1/{path}", None, body, f"/v1/{record}" if record else None)


def queries() -> dict[str, list[Query]]:
    """Per service: the searches a visitor makes, on the documented demo data and on numbers that
    find nothing (the answer a mistyped number gets)."""
    today = _next_weekday(date.today()).isoformat()
    return {
        "Expedientes Laborales": [
            _get("labor-cases", "labor-cases/{id}", number="09006-2025-00077"),
            _get("labor-cases", number="485-2011"),
            _get("labor-cases", number="01170-2021-04411"),
        ],
        "Amparos": [
            _get("amparos", "amparos/{id}", number="1146-2022", tribunal="01001"),
            _get("amparos", number="100-2022"),
            _get("amparos", number="9999-2021"),
        ],
        "Antejuicios": [
            _get("antejuicios", "antejuicios/{id}", number="413-2016"),
            _get("antejuicios", q="mynor quinonez"),
            _get("antejuicios", q="alcalde de Mixco"),
            _get("antejuicios", q="alcalde", department=9),
        ],
        "Tribunales de Paz": [
            _get("peace-cases", "peace-cases/{id}", number="13028-2026-00018"),
            _get("peace-cases", number="3-2025", department=13),
            _get("peace-cases", number="3-2025"),
        ],
        "Diligencias Judiciales": [
            _get("diligences", "diligences/{id}", number="DJ-09006-2025-0187"),
            _get("diligences", case="01023-2024-01187"),
            _get("diligences", number="DJ-01001-2024-9999"),
        ],
        "Agenda de Audiencias": [
            _get("hearings", "hearings/{id}", case="01002-2025-01234"),
            _get("hearings", court="01002", date=today),
            _get("hearings", court="09006", date=today),
        ],
        "Registro de Detenidos": [
            _post("detainees/search", {"dpi": "8041273520101"}, "detainees/{id}"),
            _post("detainees/search", {"given_names": "José Luis", "first_surname": "Chiroy"}),
            _post("detainees/search", {"given_names": "Marvin", "first_surname": "Tzunux"}),
            _post("detainees/search", {"dpi": "2468135710101"}),
        ],
        "Convenio Laboral": [
            _post(
                "labor-agreements/search", {"number": "01174-2025-02031", "dpi": "4680235770101"}
            ),
            _post(
                "labor-agreements/search", {"number": "09006-2024-02158", "dpi": "6150473860901"}
            ),
        ],
        "Archivo de Tribunales": [
            _get("archive-cases", "archive-cases/{id}", number="123-1998", court="01023"),
            _get("archive-cases", number="15-1990", court="01025"),
            _get("archive-cases", number="01024-2009-00412"),
            _get("archive-cases", number="9999-1999", court="01023"),
        ],
        "Información pública (folio)": [
            _get("public-information-requests/UIP-2025-900003"),
        ],
        "FEI (estado)": [
            _get("fei/FEI-2025-90000002"),
            _get("fei-concepts"),
        ],
        "Directorio": [
            _get("directory", "directory/{id}", words="juzgado de paz mixco"),
            _get("directory", "directory/{id}", words="JUZGADOS DE PAZ"),
            _get("directory", "directory/{id}", words="mediac quetzalt"),
            _get("directory", "directory/{id}", department=1, kind="mediacion"),
            _get("directory", department=14, kind="paz", municipality=6),
            _get("directory", words="astronauta"),
        ],
        "Estadísticas de mediación": [
            _get("mediation-stats/mediation/years/2024"),
            _get("mediation-stats/mediation/trend", department=9),
            _get("mediation-stats/facilitators/years/2019"),
            _get("mediation-stats/facilitators/trend"),
        ],
        "Normativas": [
            _get("legal-texts", "legal-texts/{id}", words="notificación electrónica"),
            _get("legal-texts", "legal-texts/{id}", words="NOTIFICACIONES", kind="ley"),
            _get("legal-texts", "legal-texts/{id}", words="casillero electronico"),
            _get("legal-texts", "legal-texts/{id}", kind="acuerdo", year_from=2019, year_to=2021),
            _get("legal-texts", words="juez"),
            _get("legal-texts/ley-2-89/parts/titulo-3-capitulo-2"),
            _get("legal-texts", words="astronauta"),
        ],
        "Recursos Humanos": [
            _get("jobs", "jobs/{id}", status="abierta"),
            _get("jobs", "jobs/{id}", status="cerrada", department=1),
            _get("jobs", "jobs/{id}", q="Oficiales QUETZALTENANGO", status="abierta"),
            _get("jobs", "jobs/{id}", q="licencias de conducir", status="cerrada"),
            _get("jobs", "jobs/{id}", number="042-2025"),
            _get("jobs", q="astronauta"),
        ],
    }


class Kiosks:
    """Enrolled kiosk ids in turn, each used for at most PER_KIOSK calls."""

    def __init__(self, data_dir: Path, token: str) -> None:
        self.data_dir, self.token = data_dir, token
        self._calls = itertools.count()
        self._current = ""

    def headers(self) -> dict[str, str]:
        if next(self._calls) % PER_KIOSK == 0:
            self._current = f"BENCH-{uuid.uuid4().hex[:10]}"
            database = self.data_dir / DATABASE_FILE
            with closing(sqlite3.connect(database, timeout=10)) as conn, conn:
                devices.enroll(conn, self._current, self.token)
        return {"X-Kiosk-Id": self._current, "X-Kiosk-Token": self.token}


def _timed(
    http: httpx.Client, method: str, path: str, headers: dict[str, str], query: Query | None = None
) -> tuple[float, httpx.Response]:
    params, body = (query.params, query.body) if query else (None, None)
    if method == "POST":  # every POST needs its own key, or it is a replay of the first
        headers = {**headers, "Idempotency-Key": str(uuid.uuid4())}
    started = time.perf_counter()
    response = http.request(method, path, params=params, json=body, headers=headers)
    return (time.perf_counter() - started) * 1000, response


def _rounds(items: list[Query], rounds: int) -> Iterator[Query]:
    for _ in range(rounds):
        yield from items


def measure(url: str, data_dir: Path, token: str, rounds: int) -> dict[str, Any]:
    """{"floor": [ms...], "services": {name: [ms...]}, "errors": [...]}: every call's time."""
    kiosks = Kiosks(data_dir, token)
    out: dict[str, Any] = {"floor": [], "services": {}, "errors": []}
    with httpx.Client(base_url=url, timeout=10) as http:
        for _ in range(3):  # warm the connection and the app
            http.get("/v1/services", headers=kiosks.headers())
        per_service = queries()
        for name, items in per_service.items():
            times: list[float] = []
            for query in _rounds(items, rounds):
                headers = kiosks.headers()
                floor_ms, _ = _timed(http, "GET", "/v1/services", headers)
                out["floor"].append(floor_ms)
                ms, response = _timed(http, query.method, query.path, headers, query)
                if response.status_code != 200:
                    out["errors"].append(f"{name}: {query.path} {response.status_code}")
                    continue
                times.append(ms)
                first = (response.json().get("items") or [{}])[0]
                if query.record and first.get("id"):
                    record = query.record.format(id=first["id"])
                    headers = kiosks.headers()
                    ms, response = _timed(http, "GET", record, headers)
                    if response.status_code == 200:
                        times.append(ms)
                    else:
                        out["errors"].append(f"{name}: {record} {response.status_code}")
            out["services"][name] = times
    return out
