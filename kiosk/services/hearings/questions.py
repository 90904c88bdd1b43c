"""What the agenda asks: how to search (by case number or by court and date); the case number
as people type it, or built from department, municipality, court, year and number; the court
picked department → municipality → (in a city with many courts, the kind of court) → court; and
the day picked touch-first: today, tomorrow, this week, next week, or one of the coming days
written out.

Dates are the kiosk's own today (Guatemala time), both when the choices are shown and when the
answer is checked, so the two always agree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from kiosk import formats
from kiosk.case_numbers import CaseNumber, build_case_number
from kiosk.courts import Court, CourtKind, Matter, courts_in
from kiosk.flows.built_numbers import year_sequence_step
from kiosk.flows.lookup import SEARCH
from kiosk.flows.model import Alternative, Answers, Choice, Field, FieldError, FieldKind
from kiosk.flows.model import QuestionStep as Step
from kiosk.flows.text import _
from kiosk.geography import DEPARTMENTS, department
from kiosk.services.hearings.words import spoken_day, spoken_days
from kiosk.text import Text

#: how far ahead "Elegir otro día" offers days (the agenda's coming six weeks)
PICK_DAYS = 42
#: a municipality with more courts than this asks first for the kind of court
MANY_COURTS = 12
BY_NUMBER, BY_COURT = "number", "court"
TODAY, TOMORROW, THIS_WEEK, NEXT_WEEK, PICK = (
    "today", "tomorrow", "this_week", "next_week", "pick",
)  # fmt: skip


def kiosk_today() -> date:
    return formats.now().date()


# --- how to search ----------------------------------------------------------------------------

WAY = Step(
    id="way",
    title=_("¿Cómo quiere buscar la audiencia?"),
    fields=(
        Field(
            "way",
            FieldKind.CHOICE,
            _("Forma de buscar"),
            choices=(
                Choice(
                    BY_NUMBER,
                    _("Con el número del expediente"),
                    _("Verá las audiencias de ese caso, las próximas primero."),
                ),
                Choice(
                    BY_COURT,
                    _("Por juzgado y fecha"),
                    _("Verá la agenda de un juzgado el día que elija."),
                ),
            ),
        ),
    ),
    next=lambda answers: "number" if answers.get("way") == BY_NUMBER else "department",
)


# --- the case number --------------------------------------------------------------------------


def _complete(value: object, answers: Answers) -> None:
    """The agenda is kept by the SGT number (with its court): a court's own old number is not
    enough, and the message says what to do instead."""
    if isinstance(value, CaseNumber) and not value.is_sgt:
        raise FieldError(
            "number",
            "case_number_not_sgt",
            Text(
                "La agenda busca con el número completo, que empieza con el juzgado, por ejemplo "
                "01173-2019-00123. Con un número como {number}, toque «Atrás» y busque por "
                "juzgado y fecha.",
                number=str(value),
            ),
        )


NUMBER = Step(
    id="number",
    title=_("¿Cuál es el número del expediente?"),
    intro=_("Está en la citación, en las notificaciones o en cualquier papel del juzgado."),
    fields=(
        Field(
            "number",
            FieldKind.CASE_NUMBER,
            _("Número del expediente"),
            hint=_("Por ejemplo 01002-2025-01234, o C-1002-2025-1234."),
            max_length=60,
            validator=_complete,
            keypad_override="text",
        ),
    ),
    alternative=Alternative(_("No sé cómo se escribe: construirlo paso a paso"), "department"),
)


def searched_number(answers: Answers) -> CaseNumber:
    """The number the visitor typed, or the one built from court, year and number."""
    typed = answers.get("number")
    if isinstance(typed, CaseNumber):
        return typed
    court = str(answers["court"])
    return build_case_number(
        int(court[:2]),
        int(court[2:]),
        int(str(answers["year"])),
        int(str(answers["sequence"])),
        this_year=kiosk_today().year,
    )


YEAR_SEQUENCE = year_sequence_step(lambda answers: searched_number(answers), next=SEARCH)


# --- the court: department, municipality, kind, court -------------------------------------------

#: the kinds of court a big city's list is cut by: (value, words, which courts)
COURT_GROUPS: tuple[tuple[str, str, Callable[[Court], bool]], ...] = (
    (
        "penal",
        _("Juzgados penales"),
        lambda c: (
            c.kind is CourtKind.PRIMERA_INSTANCIA
            and bool({Matter.PENAL, Matter.MAYOR_RIESGO} & set(c.matters))
            and Matter.FEMICIDIO not in c.matters
        ),
    ),
    (
        "femicidio",
        _("Femicidio y violencia contra la mujer"),
        lambda c: c.kind is CourtKind.PRIMERA_INSTANCIA and Matter.FEMICIDIO in c.matters,
    ),
    (
        "sentencia",
        _("Tribunales de Sentencia (juicios penales)"),
        lambda c: c.kind is CourtKind.SENTENCIA,
    ),
    (
        "civil",
        _("Juzgados civiles"),
        lambda c: c.kind is CourtKind.PRIMERA_INSTANCIA and Matter.CIVIL in c.matters,
    ),
    (
        "familia",
        _("Juzgados de familia"),
        lambda c: c.kind is CourtKind.PRIMERA_INSTANCIA and Matter.FAMILIA in c.matters,
    ),
    (
        "trabajo",
        _("Juzgados de trabajo"),
        lambda c: c.kind is CourtKind.PRIMERA_INSTANCIA and Matter.TRABAJO in c.matters,
    ),
    (
        "ninez",
        _("Niñez y adolescencia"),
        lambda c: c.kind is CourtKind.PRIMERA_INSTANCIA and Matter.NINEZ in c.matters,
    ),
    ("paz", _("Juzgados de Paz"), lambda c: c.kind is CourtKind.PAZ),
    ("salas", _("Salas de Apelaciones"), lambda c: c.kind is CourtKind.SALA),
    ("csj", _("Corte Suprema de Justicia"), lambda c: c.kind is CourtKind.CSJ),
)


def _departments() -> tuple[Choice, ...]:
    return tuple(Choice(str(d.code), d.name) for d in DEPARTMENTS)


def _department_code(answers: Answers) -> int:
    return int(str(answers.get("department", "1")))


def _municipalities(answers: Answers) -> tuple[Choice, ...]:
    code = _department_code(answers)
    here = {c.municipality for c in courts_in(code)}
    names = department(code).municipalities
    return tuple(
        Choice(str(number), name) for number, name in enumerate(names, start=1) if number in here
    )


def _courts_here(answers: Answers) -> tuple[Court, ...]:
    municipality = int(str(answers.get("municipality", "1")))
    return tuple(c for c in courts_in(_department_code(answers)) if c.municipality == municipality)


def many_courts(answers: Answers) -> bool:
    return len(_courts_here(answers)) > MANY_COURTS


def _groups(answers: Answers) -> tuple[Choice, ...]:
    here = _courts_here(answers)
    return tuple(
        Choice(value, words) for value, words, holds in COURT_GROUPS if any(map(holds, here))
    )


def _courts(answers: Answers) -> tuple[Choice, ...]:
    """The municipality's courts; in a city with many, those of the kind chosen."""
    here = _courts_here(answers)
    if len(here) > MANY_COURTS:
        wanted = str(answers.get("court_kind", ""))
        holds = next((h for value, _w, h in COURT_GROUPS if value == wanted), None)
        here = tuple(c for c in here if holds is not None and holds(c))
    return tuple(Choice(c.id, c.name) for c in here)


COURT_STEPS = (
    Step(
        id="department",
        title=_("¿En qué departamento está el juzgado?"),
        fields=(Field("department", FieldKind.CHOICE, _("Departamento"), choices=_departments()),),
        next="municipality",
    ),
    Step(
        id="municipality",
        title=_("¿En qué municipio?"),
        fields=(
            Field("municipality", FieldKind.CHOICE, _("Municipio"), choices_from=_municipalities),
        ),
        next=lambda answers: "court_kind" if many_courts(answers) else "court",
    ),
    Step(
        id="court_kind",
        title=_("¿Qué clase de juzgado es?"),
        intro=_("Aquí hay muchos juzgados: elija primero de qué se ocupa."),
        fields=(
            Field("court_kind", FieldKind.CHOICE, _("Clase de juzgado"), choices_from=_groups),
        ),
        next="court",
    ),
    Step(
        id="court",
        title=_("¿Qué juzgado?"),
        fields=(Field("court", FieldKind.CHOICE, _("Juzgado"), choices_from=_courts),),
        # building a case number goes on to its year and number; the agenda to the day
        next=lambda answers: "year_sequence" if answers.get("way") == BY_NUMBER else "when",
    ),
)


# --- the day ----------------------------------------------------------------------------------


def _friday(day: date) -> date:
    return day + timedelta(days=4 - day.weekday())


def days_of(choice: str, picked: object = None, today: date | None = None) -> tuple[date, date]:
    """The first and last day a ``when`` answer means (``picked``: the ISO day chosen)."""
    today = today or kiosk_today()
    if choice == TODAY:
        return today, today
    if choice == TOMORROW:
        return today + timedelta(days=1), today + timedelta(days=1)
    if choice == THIS_WEEK:
        return today, _friday(today)
    if choice == NEXT_WEEK:
        monday = today + timedelta(days=7 - today.weekday())
        return monday, _friday(monday)
    day = date.fromisoformat(str(picked))
    return day, day


def _when(answers: Answers) -> tuple[Choice, ...]:
    """What is on offer today: a weekend has no "Hoy", a Friday no "Mañana", and a Friday's or a
    weekend's "Esta semana" would be no more than today."""
    today = kiosk_today()
    offered: list[Choice] = []
    if today.weekday() < 5:
        offered.append(Choice(TODAY, _("Hoy"), spoken_day(today)))
    if (today + timedelta(days=1)).weekday() < 5:
        offered.append(Choice(TOMORROW, _("Mañana"), spoken_day(today + timedelta(days=1))))
    if today.weekday() < 4:
        offered.append(
            Choice(THIS_WEEK, _("Esta semana"), spoken_days(*days_of(THIS_WEEK, today=today)))
        )
    offered.append(
        Choice(NEXT_WEEK, _("La próxima semana"), spoken_days(*days_of(NEXT_WEEK, today=today)))
    )
    offered.append(Choice(PICK, _("Elegir otro día"), _("Los días de las próximas seis semanas")))
    return tuple(offered)


def _days(answers: Answers) -> tuple[Choice, ...]:
    """The working days from today over the coming six weeks, written out."""
    today = kiosk_today()
    days = (today + timedelta(days=n) for n in range(PICK_DAYS))
    return tuple(Choice(d.isoformat(), spoken_day(d)) for d in days if d.weekday() < 5)


DAY_STEPS = (
    Step(
        id="when",
        title=_("¿Qué día quiere ver?"),
        intro=_("Los juzgados celebran audiencias de lunes a viernes."),
        fields=(Field("when", FieldKind.CHOICE, _("Día"), choices_from=_when),),
        next=lambda answers: "day" if answers.get("when") == PICK else SEARCH,
    ),
    Step(
        id="day",
        title=_("Elija el día"),
        fields=(Field("day", FieldKind.CHOICE, _("Fecha"), choices_from=_days),),
        next=SEARCH,
    ),
)
