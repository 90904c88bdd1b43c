"""Diligencias Judiciales: what became of a court's commission to another court (a notification,
an embargo, a lanzamiento...), found by the diligence's own number or by the number of its case.

The visitor says which number they have. A diligence number is typed as it comes
(``kiosk.portal.models.diligences.parse_diligence_number``); a case number with the shared
case-number field, or built step by step (department, kind of court, court, year, number). A
case may have many diligences: they are listed newest first, a page at a time, and a case with
too many asks for the diligence's own number instead. The record says which court asked and
which court carries it out, the kind and the task, the state (each explained in plain words),
the dates and what the commissioned court did; parties by initials only. A reserved matter
(family, children, alimony, sexual crimes) shows "Reservado" and nothing else, because the
portal sends nothing else. "Imprimir" prints what is on screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from kiosk import formats
from kiosk.case_numbers import CaseNumber, build_case_number
from kiosk.courts import CourtKind, courts_in
from kiosk.flows.built_numbers import year_sequence_step
from kiosk.flows.fields import validation_today
from kiosk.flows.lookup import CURSOR, FETCH, RESULTS, SEARCH, SELECTED, lookup
from kiosk.flows.model import (
    ActionStep,
    Alternative,
    Answers,
    Choice,
    DetailStep,
    Field,
    FieldError,
    FieldKind,
    Flow,
    QuestionStep,
)
from kiosk.flows.records import Detail, DetailRow, DetailSection, ResultRow, ResultsPage
from kiosk.flows.text import _
from kiosk.geography import DEPARTMENTS
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.diligences import (
    DILIGENCE,
    SEARCH_DILIGENCES,
    CourtRef,
    Diligence,
    DiligenceKind,
    DiligenceNumber,
    DiligenceNumberError,
    DiligenceState,
    DiligenceTask,
    Matter,
    PartyRole,
    parse_diligence_number,
)
from kiosk.portal.models.diligences import MESSAGES as NUMBER_MESSAGES
from kiosk.services.base import (
    ActionContext,
    AnswerRejected,
    Printout,
    RenderContext,
    Rendered,
    Service,
    Tile,
)
from kiosk.text import Text

SERVICE_ID = "diligencias-judiciales"
PAGE_SIZE = 10
#: more than this in one case: the kiosk asks for the diligence's own number instead
MOST = 30
DOCUMENT = "diligence"
RESERVED = "reserved"  # the step that says "Reservado"
#: the record's sections that name a court (one line each on paper)
COURT_SECTIONS = ("requesting", "commissioned")

#: each kind of commission: its name and what it is, in a citizen's words
KINDS: dict[DiligenceKind, tuple[str, str]] = {
    DiligenceKind.EXHORTO: (
        _("Exhorto"),
        _("Un juzgado pide a otro juzgado del mismo nivel, en otro lugar, que haga algo por él."),
    ),
    DiligenceKind.DESPACHO: (
        _("Despacho"),
        _("Un juzgado o una sala encarga a un juzgado de menor nivel, como un Juzgado de Paz, "
          "que haga algo por él."),
    ),
    DiligenceKind.SUPLICATORIO: (
        _("Suplicatorio"),
        _("Un juzgado pide a un tribunal de mayor nivel que haga algo por él."),
    ),
    DiligenceKind.COMISION_ROGATORIA: (
        _("Comisión rogatoria"),
        _("Un juez de otro país pide a un juzgado de Guatemala que haga algo, por medio del "
          "Ministerio de Relaciones Exteriores."),
    ),
}  # fmt: skip

#: each task: its name and what it means, in a citizen's words
TASKS: dict[DiligenceTask, tuple[str, str]] = {
    DiligenceTask.NOTIFICACION: (
        _("Notificación"),
        _("Entregar a una persona una resolución del juez, para que sepa lo que se decidió."),
    ),
    DiligenceTask.CITACION: (
        _("Citación"),
        _("Avisar a una persona que debe presentarse al juzgado el día y la hora indicados."),
    ),
    DiligenceTask.EMBARGO: (
        _("Embargo"),
        _("Inmovilizar bienes, cuentas o parte del salario de alguien para asegurar un pago."),
    ),
    DiligenceTask.REQUERIMIENTO_PAGO: (
        _("Requerimiento de pago"),
        _("Pedir formalmente a una persona que pague lo que debe; si no paga, puede seguir un "
          "embargo."),
    ),
    DiligenceTask.LANZAMIENTO: (
        _("Lanzamiento"),
        _("Sacar por orden del juez a quienes ocupan un inmueble, por ejemplo al terminar un "
          "arrendamiento."),
    ),
    DiligenceTask.DECLARACION: (
        _("Declaración"),
        _("Escuchar a un testigo o a una parte que vive lejos del juzgado que lleva el caso."),
    ),
    DiligenceTask.RECONOCIMIENTO: (
        _("Reconocimiento judicial"),
        _("El juez visita un lugar o examina una cosa y deja constancia de cómo está."),
    ),
    DiligenceTask.REINSTALACION: (
        _("Reinstalación"),
        _("Hacer que un trabajador despedido vuelva a su puesto, por orden del juez de trabajo."),
    ),
}  # fmt: skip

#: each state: its name and what it means now, in a citizen's words
STATES: dict[DiligenceState, tuple[str, str]] = {
    DiligenceState.ENVIADA: (
        _("Enviada"),
        _("El juzgado que la pidió ya la envió; el juzgado que debe realizarla aún no la recibe."),
    ),
    DiligenceState.RECIBIDA: (
        _("Recibida"),
        _("El juzgado que debe realizarla la recibió y va a darle trámite."),
    ),
    DiligenceState.EN_TRAMITE: (
        _("En trámite"),
        _("El juzgado está preparando lo que se pidió o ya fijó el día para hacerlo."),
    ),
    DiligenceState.DILIGENCIADA: (
        _("Diligenciada"),
        _("Ya se hizo lo que se pidió; falta devolverla al juzgado que la pidió."),
    ),
    DiligenceState.NO_DILIGENCIADA: (
        _("No diligenciada"),
        _("No se pudo hacer lo que se pidió, por ejemplo porque no se encontró a la persona. "
          "El motivo está en lo que ha hecho el juzgado, abajo."),
    ),
    DiligenceState.DEVUELTA: (
        _("Devuelta"),
        _("Terminó: se devolvió con su resultado al juzgado que la pidió. Para saber qué sigue, "
          "pregunte en ese juzgado."),
    ),
}  # fmt: skip

MATTERS: dict[Matter, str] = {
    Matter.PENAL: _("Penal"),
    Matter.CIVIL: _("Civil"),
    Matter.TRABAJO: _("Trabajo y previsión social"),
}

ROLES: dict[PartyRole, str] = {
    PartyRole.ACTOR: _("Demandante"),
    PartyRole.DEMANDADO: _("Demandado"),
    PartyRole.AGRAVIADO: _("Agraviado"),
    PartyRole.SINDICADO: _("Sindicado"),
}

#: the kinds of court a case number can be built with, in the order people know them
COURT_KINDS: tuple[tuple[CourtKind, str, str], ...] = (
    (CourtKind.PRIMERA_INSTANCIA, _("Juzgado de Primera Instancia"),
     _("Penal, civil, de familia, de trabajo o de la niñez.")),
    (CourtKind.PAZ, _("Juzgado de Paz"), _("Hay uno en cada municipio.")),
    (CourtKind.SENTENCIA, _("Tribunal de Sentencia"), _("Donde se hacen los juicios penales.")),
    (CourtKind.SALA, _("Sala de la Corte de Apelaciones"),
     _("Revisa lo que decidieron los juzgados.")),
)  # fmt: skip


# --- what a visit answers ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReservedAnswer:
    """The portal's whole answer for a reserved matter: that it is reserved. What is shown
    besides is what the visitor typed."""

    heading: Text  # "Diligencia DJ-..." or "Expediente ..."
    searched: Text


def validation_year() -> int:
    """This year: the flow's own "today" while answers are checked, the clock otherwise."""
    try:
        return validation_today().year
    except RuntimeError:
        return formats.now().year


def diligence_number(answers: Answers) -> DiligenceNumber | None:
    """The diligence number on the visitor's path, parsed (None when they search by case)."""
    typed = answers.get("diligence")
    if not isinstance(typed, str):
        return None
    return parse_diligence_number(typed, this_year=validation_year())


def case_number(answers: Answers) -> CaseNumber:
    """The case number the visitor typed, or the one built from its parts."""
    typed = answers.get("number")
    if isinstance(typed, CaseNumber):
        return typed
    court = str(answers["court"])
    return build_case_number(
        int(court[:2]),
        int(court[2:]),
        int(str(answers["year"])),
        int(str(answers["sequence"])),
        this_year=validation_year(),
    )


def searched_text(answers: Answers) -> Text:
    number = diligence_number(answers)
    if number is not None:
        return Text("Diligencia buscada: {number}", number=str(number))
    return Text("Expediente buscado: {number}", number=str(case_number(answers)))


# --- the questions -----------------------------------------------------------------------------


def _check_diligence(value: object, answers: Answers) -> None:
    try:
        parse_diligence_number(str(value), this_year=validation_year())
    except DiligenceNumberError as error:
        template = NUMBER_MESSAGES[error.message_key]
        raise FieldError("diligence", error.code, Text(template, **error.params)) from None


def _by_what(answers: Answers) -> str:
    return "diligence" if answers.get("search_by") == "diligence" else "number"


def _departments() -> tuple[Choice, ...]:
    return tuple(Choice(str(d.code), d.name) for d in DEPARTMENTS)


def _court_kinds(answers: Answers) -> tuple[Choice, ...]:
    """The kinds of court the chosen department has."""
    department = int(str(answers.get("department", "1")))
    return tuple(
        Choice(kind.value, label, hint)
        for kind, label, hint in COURT_KINDS
        if courts_in(department, kind=kind)
    )


def _courts(answers: Answers) -> tuple[Choice, ...]:
    department = int(str(answers.get("department", "1")))
    kind = CourtKind(str(answers.get("court_kind", CourtKind.PRIMERA_INSTANCIA.value)))
    return tuple(Choice(court.id, court.name) for court in courts_in(department, kind=kind))


SEARCH_BY = QuestionStep(
    id="search_by",
    title=_("¿Con qué número quiere buscar?"),
    intro=_(
        "Una diligencia es un encargo de un juzgado a otro: notificar a alguien, hacer un "
        "embargo, escuchar a un testigo que vive lejos."
    ),
    fields=(
        Field(
            "search_by",
            FieldKind.CHOICE,
            _("Buscar con"),
            choices=(
                Choice(
                    "diligence",
                    _("El número de la diligencia"),
                    _("Está en la cédula o el oficio que le entregaron; empieza con DJ."),
                ),
                Choice(
                    "case",
                    _("El número del expediente"),
                    _("El del caso en el juzgado que pidió la diligencia: verá todas las "
                      "diligencias del caso."),
                ),
            ),
        ),
    ),
    next=_by_what,
)  # fmt: skip

ASK_DILIGENCE = QuestionStep(
    id="diligence",
    title=_("¿Cuál es el número de la diligencia?"),
    intro=_("Está en la cédula, el oficio o la constancia del juzgado, arriba a la derecha."),
    fields=(
        Field(
            "diligence",
            FieldKind.TEXT,
            _("Número de la diligencia"),
            hint=_("Por ejemplo DJ-09006-2025-0187. Puede escribirlo sin las letras DJ."),
            max_length=40,
            validator=_check_diligence,
            keypad_override="numeric",
        ),
    ),
)

ASK_CASE = QuestionStep(
    id="number",
    title=_("¿Cuál es el número del expediente?"),
    intro=_("Es el número del caso en el juzgado que pidió la diligencia."),
    fields=(
        Field(
            "number",
            FieldKind.CASE_NUMBER,
            _("Número del expediente"),
            hint=_("Por ejemplo 01023-2024-01187, o el número del juzgado, como 485-2011 Of. 2."),
            max_length=60,
            keypad_override="text",
        ),
    ),
    next=SEARCH,
    alternative=Alternative(_("No sé cómo se escribe: construirlo paso a paso"), "department"),
)

BUILD = (
    QuestionStep(
        id="department",
        title=_("¿En qué departamento está el juzgado que lleva el caso?"),
        fields=(Field("department", FieldKind.CHOICE, _("Departamento"), choices=_departments()),),
    ),
    QuestionStep(
        id="court_kind",
        title=_("¿Qué clase de juzgado es?"),
        fields=(
            Field("court_kind", FieldKind.CHOICE, _("Clase de juzgado"), choices_from=_court_kinds),
        ),
    ),
    QuestionStep(
        id="court",
        title=_("¿Qué juzgado lleva el caso?"),
        fields=(Field("court", FieldKind.CHOICE, _("Juzgado"), choices_from=_courts),),
    ),
    year_sequence_step(lambda answers: case_number(answers), next=SEARCH),
)


# --- the portal --------------------------------------------------------------------------------


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    """One page of what the number finds, newest first; a reserved matter's whole answer."""
    number = diligence_number(answers)
    cursor = answers.get(CURSOR)
    query: dict[str, str | int | None] = {
        "limit": PAGE_SIZE,
        "cursor": str(cursor) if cursor else None,
    }
    if number is not None:
        query["number"] = str(number)
        typed, heading = str(number), Text("Diligencia {number}", number=str(number))
    else:
        typed = str(case_number(answers))
        query["case"] = typed
        heading = Text("Expediente {number}", number=typed)
    try:
        page = await context.client.call(SEARCH_DILIGENCES, query=query)
    except PortalRejected as error:
        if error.code not in ("diligence_number_invalid", "case_number_invalid"):
            raise
        field = "diligence" if number is not None else "number" if "number" in answers else "year"
        detail = Text("El portal no reconoce el número {number}: revíselo.", number=typed)
        raise AnswerRejected.of(error, field, detail) from None
    searched = searched_text(answers)
    if page.reserved:
        return ReservedAnswer(heading, searched)
    rows = tuple(
        ResultRow(
            item.id,
            Text("Diligencia {number}", number=item.number),
            (
                Text(
                    "{kind}: {task}",
                    kind=Text(KINDS[item.kind][0]),
                    task=Text(TASKS[item.task][0]),
                ),
                Text("La realiza: {court}", court=item.commissioned_court),
                Text(
                    "Enviada el {day}. Estado: {state}",
                    day=formats.day(item.sent_on),
                    state=Text(STATES[item.state][0]),
                ),
            ),
        )
        for item in page.items
    )
    return ResultsPage(rows, page.total, page.next_cursor, searched)


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    return await context.client.call(DILIGENCE, path={"diligence_id": str(answers[SELECTED])})


def _after_search(answers: Answers, result: object) -> str:
    return RESERVED if isinstance(result, ReservedAnswer) else RESULTS


# --- the record ----------------------------------------------------------------------------------


def _court_rows(prefix: str, court: CourtRef) -> tuple[DetailRow, ...]:
    rows = [DetailRow(f"{prefix}.court", _("Juzgado"), court.name)]
    if court.municipality:
        rows.append(DetailRow(f"{prefix}.municipality", _("Municipio"), court.municipality))
    if court.department:
        rows.append(DetailRow(f"{prefix}.department", _("Departamento"), court.department))
    if court.country != "Guatemala":
        rows.append(DetailRow(f"{prefix}.country", _("País"), court.country))
    return tuple(rows)


def record(answers: Answers, results: dict[str, object]) -> Detail:
    found = results.get(FETCH)
    if not isinstance(found, Diligence):
        raise TypeError("fetch returns a Diligence")
    kind, kind_explained = KINDS[found.kind]
    task, task_explained = TASKS[found.task]
    state, state_explained = STATES[found.state]
    rows = [
        DetailRow("state", _("Estado"), Text(state), Text(state_explained)),
        DetailRow("kind", _("Tipo"), Text(kind), Text(kind_explained)),
        DetailRow("task", _("Qué se pidió"), Text(task), Text(task_explained)),
    ]
    if found.case_number:
        rows.append(DetailRow("case_number", _("Expediente"), found.case_number))
    rows.append(DetailRow("matter", _("Materia"), Text(MATTERS[found.matter])))
    rows.append(DetailRow("sent_on", _("Enviada el"), formats.day(found.sent_on)))
    if found.received_on:
        rows.append(DetailRow("received_on", _("Recibida el"), formats.day(found.received_on)))
    if found.scheduled_at:
        when = formats.day_and_clock(found.scheduled_at)
        rows.append(DetailRow("scheduled_at", _("Día fijado"), when))
    if found.returned_on:
        rows.append(DetailRow("returned_on", _("Devuelta el"), formats.day(found.returned_on)))
    foreign = found.requesting.country != "Guatemala"
    parties = tuple(
        DetailRow(f"party.{index}", ROLES[party.role], party.initials)
        for index, party in enumerate(found.parties)
    )
    return Detail(
        Text("Diligencia {number}", number=found.number),
        (
            DetailSection(
                "diligence",
                Text("La diligencia"),
                rows=tuple(rows),
                note=(
                    Text("El día fijado puede cambiar: confirme en el juzgado unos días antes.")
                    if found.scheduled_at
                    else ""
                ),
            ),
            DetailSection(
                "requesting",
                Text("Juzgado que la pidió"),
                rows=_court_rows("requesting", found.requesting),
                note=(
                    Text("Llegó de otro país por medio del Ministerio de Relaciones Exteriores.")
                    if foreign
                    else ""
                ),
            ),
            DetailSection(
                "commissioned",
                Text("Juzgado que la realiza"),
                rows=_court_rows("commissioned", found.commissioned),
                note=Text(
                    "Para saber más, pregunte en este juzgado con el número de la diligencia."
                ),
            ),
            DetailSection(
                "parties",
                Text("Partes del caso"),
                rows=parties,
                note=Text("Por privacidad, las partes aparecen solo con sus iniciales."),
            ),
            DetailSection(
                "actuaciones",
                Text("Lo que ha hecho el juzgado"),
                timeline=tuple((formats.day(act.on), act.text) for act in found.actuaciones),
                note=Text(
                    "Datos actualizados el {day}.", day=formats.day_and_clock(found.updated_at)
                ),
            ),
        ),
    )


def reserved_record(answers: Answers, results: dict[str, object]) -> Detail:
    """All there is to say of a reserved matter: that it is reserved, and why."""
    found = results.get(SEARCH)
    if not isinstance(found, ReservedAnswer):
        raise TypeError("the search answered no reserved matter")
    return Detail(
        found.heading,
        (
            DetailSection(
                RESERVED,
                Text("Asunto reservado"),
                rows=(
                    DetailRow(
                        RESERVED,
                        _("Estado"),
                        Text("Reservado"),
                        Text(
                            "Es de un asunto de familia, de niñez, de pensión alimenticia o de "
                            "un delito sexual: la ley protege a las personas de estos casos y "
                            "sus datos no se muestran aquí."
                        ),
                    ),
                ),
                note=Text(
                    "Si usted es parte del caso o su abogado, pregunte en el juzgado con su DPI."
                ),
            ),
        ),
    )


# --- the printout --------------------------------------------------------------------------------


async def diligence_record(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    """What the screen shows, on paper, in Spanish (a paper outlives the language switch): the
    record, or that the matter is reserved. One Letter page: each court on one line, the state
    explained."""
    from kiosk import documents

    answers = dict(sources)
    reserved = isinstance(sources.get(SEARCH), ReservedAnswer)
    detail = (reserved_record if reserved else record)(answers, answers)
    sections: list[documents.RecordSection] = []
    courts: list[tuple[str, str]] = []
    for section in detail.sections:
        if section.id in COURT_SECTIONS:  # "Juzgado: name (municipio, departamento)"
            name, *place = (str(row.value) for row in section.rows)
            where = f"{name} ({', '.join(place)})" if place else name
            courts.append((str(section.title), where))
            continue
        sections.append(
            documents.RecordSection(
                title=str(section.title),
                rows=tuple((str(row.label), _paper_row(row)) for row in section.rows),
                timeline=tuple((day, str(what)) for day, what in section.timeline),
                note=str(section.note),
            )
        )
    if courts:
        note = (
            "Para saber más, pregunte en el juzgado que la realiza con el número de la diligencia."
        )
        sections.insert(1, documents.RecordSection("Juzgados", tuple(courts), note=note))
    printed = documents.PrintedRecord(
        title=str(Text(SERVICE_TITLE)),
        heading=str(detail.heading),
        searched=str(searched_text(answers)),
        printed_at=datetime.now(UTC),
        sections=tuple(sections),
        kiosk_id=context.kiosk_id,
    )
    return [Rendered(DOCUMENT, "Diligencia judicial OJ", lambda: documents.render_record(printed))]


def _paper_row(row: DetailRow) -> str:
    """A row's value; the state's with its explanation (the kind's and the task's would push
    the actuaciones off the page)."""
    explained = row.explain and row.id in ("state", RESERVED)
    return f"{row.value}. {row.explain}" if explained else str(row.value)


# --- the service ---------------------------------------------------------------------------------

SERVICE_TITLE = _("Consulta de Diligencias Judiciales")


def _flow() -> Flow:
    """``lookup()``'s flow, with one more way its search may end: a reserved matter, said on a
    record of its own (the list would say "nothing found", which is not true)."""
    base = lookup(
        id=SERVICE_ID,
        title=SERVICE_TITLE,
        ask=(SEARCH_BY, ASK_DILIGENCE),
        extra=(ASK_CASE, *BUILD),
        results_title=_("Diligencias encontradas"),
        empty=Text(
            "No encontramos ninguna diligencia con ese número. Revise que esté igual que en sus "
            "papeles, o toque «Atrás» y busque con el otro número (el de la diligencia o el del "
            "expediente). Si se envió hace pocos días, puede que aún no esté registrada: "
            "pregunte en el juzgado que la pidió."
        ),
        too_many=Text(
            "Toque «Atrás» y busque con el número de la diligencia, que está en la cédula o el "
            "oficio que le entregaron: así verá solo la suya."
        ),
        most=MOST,
        record_title=SERVICE_TITLE,
        record=record,
        document=DOCUMENT,
        fetching=_("Estamos trayendo la diligencia."),
    )
    steps = tuple(
        replace(step, next=_after_search)
        if isinstance(step, ActionStep) and step.id == SEARCH
        else step
        for step in base.steps
    )
    reserved = DetailStep(RESERVED, SERVICE_TITLE, reserved_record, document=DOCUMENT)
    flow = Flow(id=base.id, title=base.title, steps=(*steps, reserved), start=base.start)
    flow.validate_graph()
    return flow


FLOW = _flow()

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Diligencias judiciales"), "search", "consultar", order=60),
    flow=FLOW,
    actions={SEARCH: search, FETCH: fetch},
    printouts=(
        Printout(
            DOCUMENT,
            diligence_record,
            advice=_("Puede anotar el número de la diligencia y consultarlo otra vez."),
        ),
    ),
)
