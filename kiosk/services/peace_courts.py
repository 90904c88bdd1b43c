"""Consulta de Gestión de Tribunales de Paz: a case of a Juzgado de Paz found by its number.

Made for rural visitors who may read slowly: short sentences, one idea each, every state, matter,
role and hearing explained in plain words, few and large choices. The number is typed as it is on
the paper (the whole SGT number, or only the court's part ``18-2026``, which many courts share:
then the department narrows it), or built step by step: department, municipality, the court when
the municipality has several, year and number. The record shows the court and where it is, the
matter, when it started, its state, the next hearing and what the court did, newest first; the
parties by initials. A reserved case (family, children, sexual crimes) shows only «Reservado»:
the portal sends nothing more. "Imprimir" gives the same on paper.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.case_numbers import SGT_SINCE, CaseNumber, build_case_number, court_of
from kiosk.courts import Court, CourtKind, courts_in
from kiosk.flows.built_numbers import year_sequence_step
from kiosk.flows.fields import validation_today
from kiosk.flows.lookup import CURSOR, SEARCH, SELECTED, fetched, lookup
from kiosk.flows.model import (
    Alternative,
    Answers,
    Choice,
    Field,
    FieldError,
    FieldKind,
    QuestionStep,
)
from kiosk.flows.records import Detail, DetailRow, DetailSection, ResultRow, ResultsPage
from kiosk.flows.text import _
from kiosk.geography import DEPARTMENTS, department
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.peace_courts import (
    PEACE_CASE,
    SEARCH_PEACE_CASES,
    PeaceCase,
    PeaceCaseSummary,
    PeaceHearingKind,
    PeaceMatter,
    PeaceRole,
    PeaceState,
    peace_court,
)
from kiosk.services.base import (
    ActionContext,
    AnswerRejected,
    Printout,
    RenderContext,
    Rendered,
    Service,
    Tile,
)
from kiosk.services.record_paper import record_printout
from kiosk.text import Text

SERVICE_ID = "tribunales-paz"
PAGE_SIZE = 10
#: the "where" answer that searches a short number in every department
EVERYWHERE = "todos"

#: each matter: its name and what it is, in a few plain words
MATTERS: dict[PeaceMatter, tuple[str, str]] = {
    PeaceMatter.FALTAS: (
        _("Faltas"),
        _("Un problema pequeño entre personas. Por ejemplo, un insulto, un golpe leve o un daño."),
    ),
    PeaceMatter.DELITO_MENOS_GRAVE: (
        _("Delito menos grave"),
        _("Un delito con una pena baja. El Juzgado de Paz puede juzgarlo."),
    ),
    PeaceMatter.CIVIL_MENOR_CUANTIA: (
        _("Civil de menor cuantía"),
        _("Un reclamo de dinero o de cosas de poco valor. Por ejemplo, una deuda."),
    ),
    PeaceMatter.LABORAL_MENOR_CUANTIA: (
        _("Trabajo de menor cuantía"),
        _("Un trabajador reclama un pago pequeño a su patrono."),
    ),
}

#: each state: its name and what it means now, in short sentences
STATES: dict[PeaceState, tuple[str, str]] = {
    PeaceState.INGRESADO: (
        _("Ingresado"),
        _("El juzgado recibió el caso. Todavía no hay ninguna decisión."),
    ),
    PeaceState.EN_TRAMITE: (
        _("En trámite"),
        _("El juzgado está trabajando en el caso. Revisa los papeles y avisa a las personas."),
    ),
    PeaceState.AUDIENCIA_SENALADA: (
        _("Audiencia señalada"),
        _("Ya hay día y hora para ir al juzgado. Allí el juez escucha a las personas."),
    ),
    PeaceState.CONCILIADO: (
        _("Conciliado"),
        _("Las personas se pusieron de acuerdo frente al juez. Así se arregló el problema."),
    ),
    PeaceState.RESUELTO: (
        _("Resuelto"),
        _("El juez ya decidió. La decisión está en lo último que hizo el juzgado."),
    ),
    PeaceState.REMITIDO: (
        _("Remitido a primera instancia"),
        _("El caso pasó a un Juzgado de Primera Instancia. Allí sigue. Pregunte en ese juzgado."),
    ),
    PeaceState.ARCHIVADO: (
        _("Archivado"),
        _("El caso terminó. Los papeles se guardaron en el archivo del juzgado."),
    ),
}

RESERVED = _("Reservado")
RESERVED_EXPLAINED = _("La ley protege este caso. Por eso no se muestra nada más.")

ROLES: dict[PeaceRole, tuple[str, str]] = {
    PeaceRole.DEMANDANTE: (_("Demandante"), _("Quien pide algo al juzgado.")),
    PeaceRole.DEMANDADO: (_("Demandado"), _("A quien se le reclama.")),
    PeaceRole.AGRAVIADO: (_("Agraviado"), _("Quien dice que sufrió el daño.")),
    PeaceRole.SINDICADO: (_("Sindicado"), _("La persona acusada.")),
}

HEARINGS: dict[PeaceHearingKind, tuple[str, str]] = {
    PeaceHearingKind.CONCILIACION: (
        _("Audiencia de conciliación"),
        _("El juez ayuda a las personas a ponerse de acuerdo."),
    ),
    PeaceHearingKind.JUICIO_ORAL: (
        _("Juicio oral"),
        _("El juez escucha a todos, ve las pruebas y decide."),
    ),
}


# --- the questions -------------------------------------------------------------------------------


def validation_year() -> int:
    """This year: the flow's own "today" while answers are checked, the clock otherwise."""
    try:
        return validation_today().year
    except RuntimeError:
        return formats.now().year


def _peace_number(value: object, answers: Answers) -> None:
    """A number of a Juzgado de Paz: SGT of one of its courts, or the court's part of one."""
    if not isinstance(value, CaseNumber):
        return
    if value.office is not None:
        raise FieldError(
            "number",
            "peace_office",
            _(
                "Los casos de los Juzgados de Paz no llevan «Of.». Escriba el número sin esa "
                "parte, por ejemplo 13028-2026-00018 o 18-2026."
            ),
        )
    if value.year < SGT_SINCE:
        raise FieldError(
            "number",
            "peace_too_old",
            Text(
                "Este número es de {year}. Aquí están los casos desde 2006. Para uno más antiguo, "
                "pregunte en el Juzgado de Paz.",
                year=value.year,
            ),
        )
    court_id = value.court_id
    if court_id is None or peace_court(court_id) is not None:
        return
    other = court_of(value)
    if other is None:
        raise FieldError(
            "number",
            "court_unknown",
            Text(
                "No hay ningún juzgado con el código {court}. Revise los primeros cinco números: "
                "son el departamento y el juzgado.",
                court=court_id,
            ),
        )
    raise FieldError(
        "number",
        "court_not_peace",
        Text(
            "El código {court} es de este juzgado: {name}. No es un Juzgado de Paz. Revise los "
            "primeros cinco números.",
            court=court_id,
            name=other.name,
        ),
    )


def _after_number(answers: Answers) -> str:
    """A whole number goes to the search; the court's part asks where first."""
    number = answers["number"]
    return SEARCH if isinstance(number, CaseNumber) and number.is_sgt else "where"


def _departments() -> tuple[Choice, ...]:
    return tuple(Choice(str(d.code), d.name) for d in DEPARTMENTS)


def _peace_courts(answers: Answers) -> tuple[Court, ...]:
    """The Juzgados de Paz of the municipality chosen."""
    dept, muni = int(str(answers.get("department", "1"))), int(str(answers.get("municipality", 1)))
    return tuple(c for c in courts_in(dept, kind=CourtKind.PAZ) if c.municipality == muni)


def _municipalities(answers: Answers) -> tuple[Choice, ...]:
    """The department's seat first (most cases are there), then the rest by name: a long list
    read by name, not by the INE's code order."""
    chosen = department(int(str(answers.get("department", "1"))))
    seat, *others = (Choice(str(code), name) for code, name in enumerate(chosen.municipalities, 1))
    return (seat, *sorted(others, key=lambda choice: _sort_key(str(choice.label))))


def _sort_key(name: str) -> str:
    """Alphabetical as a person reads it: accents do not move a name (Ánimas by Animas)."""
    plain = unicodedata.normalize("NFD", name.casefold())
    return "".join(char for char in plain if not unicodedata.combining(char))


def short_name(court: Court) -> str:
    """A court's name without its place (the screen already says where): «Juzgado Segundo de
    Paz», «Juzgado de Paz Penal de Turno»."""
    for place in (" del municipio", " del departamento"):
        if place in court.name:
            return court.name[: court.name.index(place)]
    return court.name


def _court_choices(answers: Answers) -> tuple[Choice, ...]:
    return tuple(Choice(c.id, short_name(c)) for c in _peace_courts(answers))


def _after_municipality(answers: Answers) -> str:
    """A municipality with one Juzgado de Paz needs no question about which."""
    return "court" if len(_peace_courts(answers)) > 1 else "year_sequence"


ASK = QuestionStep(
    id="number",
    title=_("¿Cuál es el número de su caso?"),
    intro=_("Está en la citación o en otro papel del Juzgado de Paz."),
    fields=(
        Field(
            "number",
            FieldKind.CASE_NUMBER,
            _("Número del caso"),
            hint=_("Por ejemplo 13028-2026-00018. Si su papel dice solo 18-2026, escriba eso."),
            max_length=60,
            validator=_peace_number,
        ),
    ),
    next=_after_number,
    alternative=Alternative(_("No sé cómo se escribe: construirlo paso a paso"), "department"),
)

WHERE = QuestionStep(
    id="where",
    title=_("¿En qué departamento está el juzgado?"),
    intro=_(
        "Muchos juzgados tienen un caso con ese número. Elija el departamento para encontrar el "
        "suyo."
    ),
    fields=(
        Field(
            "where",
            FieldKind.CHOICE,
            _("Departamento del juzgado"),
            choices=(*_departments(), Choice(EVERYWHERE, _("No sé: buscar en todo el país"))),
        ),
    ),
)

BUILD = (
    QuestionStep(
        id="department",
        title=_("¿En qué departamento está el Juzgado de Paz?"),
        fields=(Field("department", FieldKind.CHOICE, _("Departamento"), choices=_departments()),),
    ),
    QuestionStep(
        id="municipality",
        title=_("¿En qué municipio está el Juzgado de Paz?"),
        fields=(
            Field("municipality", FieldKind.CHOICE, _("Municipio"), choices_from=_municipalities),
        ),
        next=_after_municipality,
    ),
    QuestionStep(
        id="court",
        title=_("¿Cuál de los Juzgados de Paz del municipio?"),
        intro=_("El nombre del juzgado está arriba, en sus papeles."),
        fields=(Field("court", FieldKind.CHOICE, _("Juzgado"), choices_from=_court_choices),),
    ),
    year_sequence_step(
        lambda answers: searched_number(answers),
        next=SEARCH,
        intro=_("Son las dos últimas partes del número: el año y el número del caso."),
    ),
)


# --- the portal --------------------------------------------------------------------------------


def searched_number(answers: Answers) -> CaseNumber:
    """The number the visitor typed, or the one built from the court, year and number."""
    typed = answers.get("number")
    if isinstance(typed, CaseNumber):
        return typed
    courts = _peace_courts(answers)
    chosen = str(answers.get("court", ""))
    court = next((c for c in courts if c.id == chosen), courts[0])  # one court: no question
    return build_case_number(
        court.department,
        court.code,
        int(str(answers["year"])),
        int(str(answers["sequence"])),
        this_year=validation_year(),
    )


def _department_filter(number: CaseNumber, answers: Answers) -> int | None:
    """The department a short number is searched in (None: every one; a whole number needs
    none)."""
    where = str(answers.get("where", EVERYWHERE))
    return None if number.is_sgt or where == EVERYWHERE else int(where)


def searched_text(answers: Answers) -> Text:
    """What was searched, in words (above the results and on the paper)."""
    number = searched_number(answers)
    area = _department_filter(number, answers)
    if number.is_sgt:
        return Text("Número buscado: {number}", number=str(number))
    if area is None:
        return Text("Número buscado: {number}, en todo el país", number=str(number))
    return Text(
        "Número buscado: {number}, en {department}",
        number=str(number),
        department=department(area).name,
    )


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    number = searched_number(answers)
    cursor = answers.get(CURSOR)
    query: dict[str, str | int | None] = {
        "number": str(number),
        "department": _department_filter(number, answers),
        "limit": PAGE_SIZE,
        "cursor": str(cursor) if cursor else None,
    }
    try:
        page = await context.client.call(SEARCH_PEACE_CASES, query=query)
    except PortalRejected as error:
        if error.code not in ("case_number_invalid", "court_not_peace"):
            raise
        field = "number" if "number" in answers else "sequence"
        detail = Text("El portal no reconoce el número {number}: revíselo.", number=str(number))
        raise AnswerRejected.of(error, field, detail) from None
    rows = tuple(_row(item) for item in page.items)
    return ResultsPage(rows, page.total, page.next_cursor, searched_text(answers))


def _row(item: PeaceCaseSummary) -> ResultRow:
    title = Text("Caso {number}", number=item.number)
    if item.reserved or item.matter is None or item.state is None or item.started_on is None:
        return ResultRow(item.id, title, (item.court_name, Text(RESERVED)))
    return ResultRow(
        item.id,
        title,
        (
            item.court_name,
            Text(
                "{kind}, desde el {day}",
                kind=Text(MATTERS[item.matter][0]),
                day=formats.day(item.started_on),
            ),
            Text("Estado: {state}", state=Text(STATES[item.state][0])),
        ),
    )


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    return await context.client.call(PEACE_CASE, path={"case_id": str(answers[SELECTED])})


# --- the record ----------------------------------------------------------------------------------


def record(answers: Answers, results: dict[str, object]) -> Detail:
    case = fetched(results, PeaceCase)
    heading = Text("Caso {number}", number=case.number)
    place = (
        DetailRow("court", _("Juzgado"), case.court_name),
        DetailRow("municipality", _("Municipio"), case.municipality),
        DetailRow("department", _("Departamento"), case.department),
    )
    if case.reserved or case.matter is None or case.state is None or case.started_on is None:
        reserved = DetailRow("state", _("Estado"), Text(RESERVED), Text(RESERVED_EXPLAINED))
        note = Text("Si usted es parte del caso, vaya al juzgado con su DPI. Allí le informan.")
        return Detail(
            heading, (DetailSection("case", Text("El caso"), (*place, reserved), (), note),)
        )
    matter, matter_explained = MATTERS[case.matter]
    state, state_explained = STATES[case.state]
    rows = (
        *place,
        DetailRow("matter", _("Tipo de caso"), Text(matter), Text(matter_explained)),
        DetailRow("started_on", _("Inició el"), formats.day(case.started_on)),
        DetailRow("state", _("Estado"), Text(state), Text(state_explained)),
    )
    parties = tuple(
        DetailRow(
            f"party.{index}",
            ROLES[party.role][0],
            party.initials,
            Text(ROLES[party.role][1]),
        )
        for index, party in enumerate(case.parties)
    )
    hearing = case.next_hearing
    hearing_rows: tuple[DetailRow, ...] = ()
    if hearing is not None:
        kind, kind_explained = HEARINGS[hearing.kind]
        hearing_rows = (
            DetailRow("hearing.at", _("Fecha y hora"), formats.day_and_clock(hearing.at)),
            DetailRow("hearing.kind", _("Audiencia"), Text(kind), Text(kind_explained)),
            DetailRow("hearing.room", _("Lugar"), hearing.room),
        )
    newest_first = (
        Text(
            "Lo más reciente está primero. Datos actualizados el {day}.",
            day=formats.day_and_clock(case.updated_at),
        )
        if case.updated_at
        else Text("Lo más reciente está primero.")
    )
    return Detail(
        heading,
        (
            DetailSection("case", Text("El caso"), rows=rows),
            DetailSection(
                "parties",
                Text("Las personas del caso"),
                rows=parties,
                note=Text("Por privacidad, las partes aparecen solo con sus iniciales."),
            ),
            DetailSection(
                "hearing",
                Text("Próxima audiencia"),
                rows=hearing_rows,
                note=(
                    Text(
                        "Llegue temprano y lleve su DPI. La fecha puede cambiar: confirme en el "
                        "juzgado unos días antes."
                    )
                    if hearing
                    else Text("No hay ninguna audiencia programada por ahora.")
                ),
            ),
            DetailSection(
                "actuaciones",
                Text("Lo que ha hecho el juzgado"),
                timeline=tuple((formats.day(act.on), act.text) for act in case.actuaciones),
                note=newest_first,
            ),
        ),
    )


# --- the printout --------------------------------------------------------------------------------


async def case_record(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    """What the screen shows, on paper, in Spanish."""
    detail = record(dict(sources), dict(sources))
    return record_printout(
        "peace_case",
        "Caso de Juzgado de Paz OJ",
        detail,
        title=Text(SERVICE_TITLE),
        searched=searched_text(dict(sources)),
        kiosk_id=context.kiosk_id,
    )


SERVICE_TITLE = _("Consulta de Gestión de Tribunales de Paz")

FLOW = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(ASK, WHERE),
    extra=BUILD,
    results_title=_("Casos encontrados"),
    empty=Text(
        "No encontramos ningún caso con ese número. Revise que esté igual que en su papel. "
        "También puede construir el número paso a paso. Si no aparece, pregunte en el Juzgado "
        "de Paz."
    ),
    too_many=Text(
        "Son muchos juzgados. Toque «Atrás» y elija el departamento, o escriba el número "
        "completo, como 13028-2026-00018."
    ),
    record_title=SERVICE_TITLE,
    record=record,
    document="peace_case",
    searching=_("Estamos buscando su caso."),
    fetching=_("Estamos trayendo su caso."),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Tribunales de Paz"), "scales", "consultar", order=70),
    flow=FLOW,
    actions={"search": search, "fetch": fetch},
    printouts=(
        Printout(
            "peace_case",
            case_record,
            advice=_("Puede anotar el número del caso y consultarlo otra vez."),
        ),
    ),
)
