"""Consulta de Expedientes Laborales: a labour case found by its number, typed in any shape people
write it (SGT or the court's own old number) or built step by step (department, court, year,
number). Public by number; the parties appear by their initials only. The record shows the court,
the kind of proceedings and the stage, each explained in plain words, the next hearing and what
the court did, newest first; "Imprimir" gives a one-page printout of what is on screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.case_numbers import CaseNumber, build_case_number
from kiosk.courts import CourtKind, Matter, courts_in
from kiosk.flows.built_numbers import year_sequence_step
from kiosk.flows.fields import validation_today
from kiosk.flows.lookup import CURSOR, SELECTED, fetched, lookup
from kiosk.flows.model import (
    Alternative,
    Answers,
    Choice,
    Field,
    FieldKind,
    QuestionStep,
)
from kiosk.flows.records import Detail, DetailRow, DetailSection, ResultRow, ResultsPage
from kiosk.flows.text import _
from kiosk.geography import DEPARTMENTS
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.labor_cases import (
    LABOR_CASE,
    SEARCH_LABOR_CASES,
    HearingKind,
    LaborCase,
    LaborCaseKind,
    LaborStage,
    PartyRole,
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

SERVICE_ID = "expedientes-laborales"
PAGE_SIZE = 10

#: each kind of proceedings: its name and what it is, in a citizen's words
KINDS: dict[LaborCaseKind, tuple[str, str]] = {
    LaborCaseKind.ORDINARIO: (
        _("Juicio ordinario laboral"),
        _("Un trabajador reclama a su patrono, por ejemplo por un despido sin causa justa."),
    ),
    LaborCaseKind.PRESTACIONES: (
        _("Reclamo de prestaciones"),
        _("Se reclaman pagos que la ley da al trabajador: vacaciones, aguinaldo, bono 14."),
    ),
    LaborCaseKind.REINSTALACION: (
        _("Reinstalación"),
        _("Se pide que el trabajador vuelva a su puesto porque lo despidieron sin permiso."),
    ),
    LaborCaseKind.COLECTIVO: (
        _("Conflicto colectivo"),
        _("Un grupo de trabajadores o un sindicato y el patrono discuten sus condiciones."),
    ),
    LaborCaseKind.FALTAS: (
        _("Juicio de faltas"),
        _("Se juzga una falta a las leyes de trabajo, por ejemplo no pagar el salario mínimo."),
    ),
    LaborCaseKind.EJECUTIVO: (
        _("Juicio ejecutivo laboral"),
        _("Se cobra lo que ya se debe según un convenio o una sentencia."),
    ),
    LaborCaseKind.POST_MORTEM: (
        _("Prestación post mortem"),
        _("La familia de un trabajador fallecido reclama lo que la ley le da."),
    ),
    LaborCaseKind.PREVISION_SOCIAL: (
        _("Previsión social"),
        _("Se reclama una prestación de seguridad social, como una pensión del IGSS."),
    ),
}

#: each stage: its name and what it means now, in a citizen's words
STAGES: dict[LaborStage, tuple[str, str]] = {
    LaborStage.DEMANDA: (
        _("Demanda presentada"),
        _("El juzgado recibió la demanda y va a avisar a la otra parte."),
    ),
    LaborStage.CONCILIACION: (
        _("Conciliación"),
        _("El juez invita a las partes a ponerse de acuerdo antes de seguir el juicio."),
    ),
    LaborStage.CONTESTACION: (
        _("Contestación"),
        _("La parte demandada responde a la demanda y dice si está de acuerdo o no."),
    ),
    LaborStage.PRUEBA: (
        _("Pruebas"),
        _("Las partes presentan documentos, testigos y otras pruebas."),
    ),
    LaborStage.SENTENCIA: (
        _("Sentencia"),
        _("El juez decide el caso o ya lo decidió."),
    ),
    LaborStage.APELACION: (
        _("Apelación"),
        _("Una parte no estuvo de acuerdo con la sentencia y la revisa una Sala de Trabajo."),
    ),
    LaborStage.EJECUCION: (
        _("Ejecución"),
        _("El juzgado hace cumplir la sentencia, por ejemplo el pago de lo que se debe."),
    ),
    LaborStage.CONVENIO: (
        _("Convenio de pago"),
        _("Las partes se pusieron de acuerdo y se paga en cuotas por medio del juzgado."),
    ),
    LaborStage.ARCHIVADO: (
        _("Archivado"),
        _("El caso terminó y el expediente se guardó en el archivo."),
    ),
}

HEARINGS: dict[HearingKind, str] = {
    HearingKind.CONCILIACION: _("Audiencia de conciliación"),
    HearingKind.JUICIO_ORAL: _("Juicio oral (primera comparecencia)"),
    HearingKind.PRUEBA: _("Audiencia de pruebas"),
    HearingKind.VISTA: _("Vista en la Sala de Apelaciones"),
}

ROLES: dict[PartyRole, str] = {
    PartyRole.ACTOR: _("Demandante"),
    PartyRole.DEMANDADO: _("Demandado"),
}


# --- the questions -----------------------------------------------------------------------------


def _departments() -> tuple[Choice, ...]:
    return tuple(Choice(str(d.code), d.name) for d in DEPARTMENTS)


def _labour_courts(answers: Answers) -> tuple[Choice, ...]:
    """The courts of the chosen department that hear labour cases in first instance."""
    department = int(str(answers.get("department", "1")))
    return tuple(
        Choice(court.id, court.name)
        for court in courts_in(department, matter=Matter.TRABAJO, kind=CourtKind.PRIMERA_INSTANCIA)
    )


ASK = QuestionStep(
    id="number",
    title=_("¿Cuál es el número del expediente?"),
    intro=_("Está en la demanda, en las notificaciones o en cualquier papel del juzgado."),
    fields=(
        Field(
            "number",
            FieldKind.CASE_NUMBER,
            _("Número del expediente"),
            hint=_("Por ejemplo 01173-2019-00123, o el número del juzgado, como 485-2011 Of. 2."),
            max_length=60,
            keypad_override="text",
        ),
    ),
    alternative=Alternative(_("No sé cómo se escribe: construirlo paso a paso"), "department"),
)

BUILD = (
    QuestionStep(
        id="department",
        title=_("¿En qué departamento está el juzgado?"),
        fields=(Field("department", FieldKind.CHOICE, _("Departamento"), choices=_departments()),),
    ),
    QuestionStep(
        id="court",
        title=_("¿Qué juzgado lleva el caso?"),
        fields=(Field("court", FieldKind.CHOICE, _("Juzgado"), choices_from=_labour_courts),),
    ),
    year_sequence_step(lambda answers: searched_number(answers), next="search"),
)


# --- the portal --------------------------------------------------------------------------------


def validation_year() -> int:
    """This year: the flow's own "today" while answers are checked, the clock otherwise."""
    try:
        return validation_today().year
    except RuntimeError:
        return formats.now().year


def searched_number(answers: Answers) -> CaseNumber:
    """The number the visitor typed, or the one built from department, court, year, number."""
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


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    number = searched_number(answers)
    cursor = answers.get(CURSOR)
    query: dict[str, str | int | None] = {
        "number": str(number),
        "limit": PAGE_SIZE,
        "cursor": str(cursor) if cursor else None,
    }
    try:
        page = await context.client.call(SEARCH_LABOR_CASES, query=query)
    except PortalRejected as error:
        if error.code != "case_number_invalid":
            raise
        field = "number" if "number" in answers else "sequence"
        detail = Text("El portal no reconoce el número {number}: revíselo.", number=str(number))
        raise AnswerRejected.of(error, field, detail) from None
    rows = tuple(
        ResultRow(
            item.id,
            Text("Expediente {number}", number=item.number),
            (
                item.court_name,
                Text(
                    "{kind}, desde el {day}",
                    kind=Text(KINDS[item.kind][0]),
                    day=formats.day(item.started_on),
                ),
                Text("Etapa: {stage}", stage=Text(STAGES[item.stage][0])),
            ),
        )
        for item in page.items
    )
    searched = Text("Número buscado: {number}", number=str(number))
    return ResultsPage(rows, page.total, page.next_cursor, searched)


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    return await context.client.call(LABOR_CASE, path={"case_id": str(answers[SELECTED])})


# --- the record ----------------------------------------------------------------------------------


def record(answers: Answers, results: dict[str, object]) -> Detail:
    case = fetched(results, LaborCase)
    kind, kind_explained = KINDS[case.kind]
    stage, stage_explained = STAGES[case.stage]
    rows = [
        DetailRow("court", _("Juzgado"), case.court_name),
        DetailRow("department", _("Departamento"), case.department),
        DetailRow("kind", _("Tipo de proceso"), Text(kind), Text(kind_explained)),
        DetailRow("started_on", _("Inició el"), formats.day(case.started_on)),
        DetailRow("stage", _("Etapa"), Text(stage), Text(stage_explained)),
    ]
    if case.legacy_number:
        rows.append(DetailRow("legacy_number", _("Número anterior"), case.legacy_number))
    parties = tuple(
        DetailRow(f"party.{index}", ROLES[party.role], party.initials)
        for index, party in enumerate(case.parties)
    )
    hearing = case.next_hearing
    hearing_section = DetailSection(
        "hearing",
        Text("Próxima audiencia"),
        rows=(
            (
                DetailRow("hearing.at", _("Fecha y hora"), formats.day_and_clock(hearing.at)),
                DetailRow("hearing.kind", _("Audiencia"), Text(HEARINGS[hearing.kind])),
                DetailRow("hearing.room", _("Lugar"), hearing.room),
            )
            if hearing
            else ()
        ),
        note=(
            Text("Las audiencias pueden cambiar: confirme en el juzgado unos días antes.")
            if hearing
            else Text("No hay ninguna audiencia programada por ahora.")
        ),
    )
    return Detail(
        Text("Expediente {number}", number=case.number),
        (
            DetailSection("case", Text("El caso"), rows=tuple(rows)),
            DetailSection(
                "parties",
                Text("Partes"),
                rows=parties,
                note=Text("Por privacidad, las partes aparecen solo con sus iniciales."),
            ),
            hearing_section,
            DetailSection(
                "actuaciones",
                Text("Lo que ha hecho el juzgado"),
                timeline=tuple((formats.day(act.on), act.text) for act in case.actuaciones),
                note=Text(
                    "Datos actualizados el {day}.", day=formats.day_and_clock(case.updated_at)
                ),
            ),
        ),
    )


# --- the printout --------------------------------------------------------------------------------


async def case_record(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    """What the screen shows, on paper, in Spanish."""
    searched = Text("Número buscado: {number}", number=str(searched_number(dict(sources))))
    detail = record(dict(sources), dict(sources))
    return record_printout(
        "labor_case",
        "Expediente laboral OJ",
        detail,
        title=Text(SERVICE_TITLE),
        searched=searched,
        kiosk_id=context.kiosk_id,
    )


SERVICE_TITLE = _("Consulta de Expedientes Laborales")

FLOW = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(ASK,),
    extra=BUILD,
    results_title=_("Expedientes encontrados"),
    empty=Text(
        "No encontramos ningún expediente laboral con ese número. Revise que esté igual que en "
        "sus papeles, o construya el número paso a paso. Si el caso es muy antiguo, pregunte en "
        "el juzgado o en el Archivo de Tribunales."
    ),
    too_many=Text("Toque «Atrás» y escriba el número completo, con el juzgado."),
    record_title=SERVICE_TITLE,
    record=record,
    document="labor_case",
    fetching=_("Estamos trayendo el expediente."),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Expedientes laborales"), "briefcase", "consultar", order=20),
    flow=FLOW,
    actions={"search": search, "fetch": fetch},
    printouts=(
        Printout(
            "labor_case",
            case_record,
            advice=_("Puede anotar el número del expediente y consultarlo otra vez."),
        ),
    ),
)
