"""The directory in a visitor's words: each kind of entry (one, several, and what it is for), the
matters a court hears, and opening hours: «Lunes a viernes, de 8:00 a 15:30», and whether the
place is open at this moment by the kiosk's clock and the place's own calendar (holidays, its
feria, the half days of 24 and 31 December). Spanish source texts, translated when shown."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from kiosk import formats
from kiosk.flows.text import _
from kiosk.portal.models.directory import DirectoryMatter, EntryKind, OpeningHours
from kiosk.text import Shown, Text
from kiosk.working_days import WorkingDays

#: each kind: (one, several, what it is for)
KINDS: dict[EntryKind, tuple[str, str, str]] = {
    EntryKind.CSJ: (
        _("Corte Suprema de Justicia"),
        _("Corte Suprema de Justicia"),
        _("El tribunal más alto del país: casación, amparos y antejuicios."),
    ),
    EntryKind.SALA: (
        _("Sala de Apelaciones"),
        _("Salas de Apelaciones"),
        _("Revisa lo que decidieron los juzgados cuando una parte apela."),
    ),
    EntryKind.PRIMERA_INSTANCIA: (
        _("Juzgado de Primera Instancia"),
        _("Juzgados de Primera Instancia"),
        _("Lleva los juicios de su materia: penal, civil, familia, trabajo, niñez."),
    ),
    EntryKind.SENTENCIA: (
        _("Tribunal de Sentencia"),
        _("Tribunales de Sentencia"),
        _("Tres jueces que hacen el juicio penal y dictan la sentencia."),
    ),
    EntryKind.PAZ: (
        _("Juzgado de Paz"),
        _("Juzgados de Paz"),
        _("Faltas y asuntos de menor cuantía; hay uno en cada municipio."),
    ),
    EntryKind.OFICINA: (
        _("Oficina del Organismo Judicial"),
        _("Oficinas administrativas"),
        _("Una oficina que da un servicio; no es un juzgado."),
    ),
    EntryKind.MEDIACION: (
        _("Centro de Mediación"),
        _("Centros de Mediación"),
        _("Ayuda a resolver un conflicto por acuerdo, sin juicio y sin costo."),
    ),
    EntryKind.FACILITADORES: (
        _("Facilitadores Judiciales"),
        _("Facilitadores Judiciales"),
        _("Vecinos que orientan a su comunidad y ayudan a resolver conflictos sencillos."),
    ),
}

MATTERS: dict[DirectoryMatter, str] = {
    DirectoryMatter.PENAL: _("Penal"),
    DirectoryMatter.CIVIL: _("Civil"),
    DirectoryMatter.FAMILIA: _("Familia"),
    DirectoryMatter.TRABAJO: _("Trabajo"),
    DirectoryMatter.NINEZ: _("Niñez y adolescencia"),
    DirectoryMatter.FEMICIDIO: _("Femicidio y violencia contra la mujer"),
    DirectoryMatter.MAYOR_RIESGO: _("Mayor riesgo"),
    DirectoryMatter.MIXTO: _("Varias materias"),
    DirectoryMatter.AMPARO: _("Amparos"),
    DirectoryMatter.ANTEJUICIO: _("Antejuicios"),
}

WEEKDAYS = (_("lunes"), _("martes"), _("miércoles"), _("jueves"), _("viernes"), _("sábado"),
            _("domingo"))  # fmt: skip
_DAY_RANGES: dict[tuple[int, ...], str] = {
    (1, 2, 3, 4, 5): _("Lunes a viernes"),
    (1, 2, 3, 4, 5, 6): _("Lunes a sábado"),
    (1, 2, 3, 4, 5, 6, 7): _("Todos los días"),
}
NOON = time(12, 0)  # 24 and 31 December: the office closes at noon
LOOK_AHEAD = 21  # days: Semana Santa and a feria together still leave a working day in sight


def listed(items: list[Text]) -> Text:
    """«a, b y c», each part translated where it is shown."""
    if len(items) == 1:
        return items[0]
    head = items[0]
    for item in items[1:-1]:
        head = Text("{first}, {then}", first=head, then=item)
    return Text("{first} y {last}", first=head, last=items[-1])


def matters_text(matters: list[DirectoryMatter]) -> Text | None:
    """«Penal, Civil, Familia y Trabajo»; None when there is nothing to say (an office)."""
    named = [Text(MATTERS[m]) for m in matters if m is not DirectoryMatter.MIXTO]
    return listed(named) if named else None


def clock(value: str) -> str:
    """«08:00» as a person says it: «8:00»."""
    return value.removeprefix("0") if len(value) == 5 else value


def hours_text(hours: OpeningHours) -> Text:
    if hours.always_open:
        return Text("Abierto las 24 horas, todos los días")
    days = tuple(sorted(hours.weekdays))
    named: Shown = (
        Text(_DAY_RANGES[days])
        if days in _DAY_RANGES
        else listed([Text(WEEKDAYS[d - 1]) for d in days])
    )
    return Text(
        "{days}, de {opens} a {closes}",
        days=named,
        opens=clock(hours.opens or ""),
        closes=clock(hours.closes or ""),
    )


def open_now(hours: OpeningHours, moment: datetime, calendar: WorkingDays) -> Text:
    """Whether the place attends now, by ``moment`` (any zone: Guatemala's clock is used) and
    the place's calendar, and when it opens or closes next."""
    if hours.always_open:
        return Text("Abierto ahora: atiende las 24 horas, todos los días.")
    if not hours.weekdays or hours.opens is None or hours.closes is None:
        return Text("Llame antes de ir para confirmar el horario.")
    local = formats.local(moment)
    today, now = local.date(), local.time()
    opens, closes = time.fromisoformat(hours.opens), time.fromisoformat(hours.closes)
    closing = _closing(today, closes, calendar)
    if _attends(today, hours, calendar) and opens <= now < closing:
        return Text("Abierto ahora; cierra a las {time}.", time=_said(closing))
    if _attends(today, hours, calendar) and now < opens:
        return Text("Cerrado ahora; abre hoy a las {time}.", time=clock(hours.opens))
    day = next(
        (
            today + timedelta(days=n)
            for n in range(1, LOOK_AHEAD)
            if _attends(today + timedelta(days=n), hours, calendar)
        ),
        None,
    )
    off = calendar.day_off(today)
    closed: Text = Text("Cerrado ahora")
    if off is not None and today.isoweekday() in hours.weekdays:
        closed = Text("Cerrado hoy ({reason})", reason=off.name)
    if day is None:
        return Text("{closed}. Llame antes de ir.", closed=closed)
    when = clock(hours.opens)
    if day == today + timedelta(days=1):
        return Text("{closed}; abre mañana a las {time}.", closed=closed, time=when)
    if day - today < timedelta(days=7):
        weekday = Text(WEEKDAYS[day.weekday()])
        return Text("{closed}; abre el {day} a las {time}.", closed=closed, day=weekday, time=when)
    return Text(
        "{closed}; abre el {day} a las {time}.", closed=closed, day=formats.day(day), time=when
    )


def _attends(day: date, hours: OpeningHours, calendar: WorkingDays) -> bool:
    """Open that day: one of its weekdays and no holiday, Semana Santa or feria."""
    return day.isoweekday() in hours.weekdays and day not in calendar.holidays(day.year)


def _closing(day: date, closes: time, calendar: WorkingDays) -> time:
    """When it closes that day: at noon on a half day off (24 and 31 December)."""
    return min(closes, NOON) if calendar.half_day(day) else closes


def _said(moment: time) -> str:
    return clock(moment.strftime("%H:%M"))
