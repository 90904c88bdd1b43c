"""Consulta de Amparos: an amparo found by its number-year and the tribunal that hears it.

The number is typed in any shape people write it (``1146-2022``, ``Amparo No. 1146-22``, or the
SGT number a Sala or a juzgado gives, ``01014-2022-00087``, which names the tribunal itself), or
built from its parts; the tribunal is chosen by touch: the CSJ first, otherwise a Sala or a
juzgado by department (and, where a department has many juzgados, by branch), or "no sé" to look
at every tribunal. Public by number: the autoridad impugnada is public, the postulantes appear by
their initials; a reserved amparo (family, children, sexual crimes) says "reservado" and nothing
more. The record explains every state in plain words and says, when the amparo went to the Corte
de Constitucionalidad, that the CC is not part of the Organismo Judicial and where to ask.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.case_numbers import MESSAGES as CASE_MESSAGES
from kiosk.case_numbers import CaseNumber, CaseNumberError, court_of, parse_case_number
from kiosk.courts import Court, CourtKind, Matter, courts_in
from kiosk.courts import court as find_court
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
from kiosk.flows.paths import alternative_key
from kiosk.flows.records import Detail, DetailRow, DetailSection, ResultRow, ResultsPage
from kiosk.flows.text import _
from kiosk.geography import DEPARTMENTS
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.amparos import (
    AMPARO,
    CSJ_ID,
    SEARCH_AMPAROS,
    Amparo,
    AmparoMatter,
    AmparoState,
    amparo_tribunal,
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

SERVICE_ID = "amparos"
PAGE_SIZE = 10
FIRST_YEAR = 1986  # [F] the Ley de Amparo (Decreto 1-86)
#: a department with more juzgados than this asks their branch first (a shorter list to touch)
BRANCH_FROM = 15
CC_SITE = "www.cc.gob.gt"

#: each state: its name and what it means, in a citizen's words
STATES: dict[AmparoState, tuple[str, str]] = {
    AmparoState.EN_TRAMITE: (
        _("En trámite"),
        _("El tribunal admitió el amparo y pidió a la autoridad que explique lo que hizo."),
    ),
    AmparoState.RECHAZADO: (
        _("Rechazado"),
        _(
            "El tribunal no admitió el amparo porque no cumple lo que pide la ley; quien lo "
            "presentó puede apelar ante la Corte de Constitucionalidad."
        ),
    ),
    AmparoState.PROVISIONAL_OTORGADO: (
        _("Amparo provisional otorgado"),
        _("Mientras el tribunal decide, lo que hizo la autoridad queda en pausa."),
    ),
    AmparoState.PROVISIONAL_DENEGADO: (
        _("Amparo provisional denegado"),
        _("Mientras el tribunal decide, lo que hizo la autoridad sigue valiendo."),
    ),
    AmparoState.VISTA: (
        _("Vista"),
        _("Es el último paso antes de la sentencia: el tribunal oye a las partes y luego decide."),
    ),
    AmparoState.SENTENCIA_OTORGA: (
        _("Sentencia: se otorga el amparo"),
        _(
            "El tribunal dio la razón a quien pidió el amparo: la autoridad debe dejar sin "
            "efecto lo que hizo."
        ),
    ),
    AmparoState.SENTENCIA_DENIEGA: (
        _("Sentencia: se deniega el amparo"),
        _(
            "El tribunal no dio la razón a quien pidió el amparo: lo que hizo la autoridad "
            "sigue valiendo."
        ),
    ),
    AmparoState.APELADO_CC: (
        _("Apelado ante la Corte de Constitucionalidad"),
        _("Una parte no estuvo de acuerdo con la sentencia y ahora la revisa la CC."),
    ),
    AmparoState.RESUELTO_CC: (
        _("Resuelto por la Corte de Constitucionalidad"),
        _("La CC ya decidió la apelación y devolvió el expediente al tribunal para que se cumpla."),
    ),
    AmparoState.ARCHIVADO: (
        _("Archivado"),
        _("El amparo terminó y el expediente se guardó en el archivo."),
    ),
}
RESERVED = (
    _("Reservado"),
    _(
        "La ley protege los datos de este amparo porque trata de familia, de niños o de un "
        "delito sexual: el quiosco no muestra nada más."
    ),
)

#: each matter: its name and what it is about
MATTERS: dict[AmparoMatter, tuple[str, str]] = {
    AmparoMatter.PENAL: (_("Penal"), _("Viene de un proceso por un delito.")),
    AmparoMatter.CIVIL: (
        _("Civil y mercantil"),
        _("Viene de un juicio por deudas, contratos, propiedades o empresas."),
    ),
    AmparoMatter.FAMILIA: (_("Familia"), _("Viene de un asunto de familia.")),
    AmparoMatter.NINEZ: (_("Niñez y adolescencia"), _("Viene de un asunto de niños.")),
    AmparoMatter.LABORAL: (
        _("Laboral"),
        _("Viene de un conflicto de trabajo: despidos, salarios o prestaciones."),
    ),
    AmparoMatter.ADMINISTRATIVO: (
        _("Administrativo"),
        _("Es contra una oficina pública: un ministerio, una municipalidad, una entidad."),
    ),
    AmparoMatter.TRIBUTARIO: (_("Tributario"), _("Es sobre impuestos o aduanas.")),
}

# --- the questions -------------------------------------------------------------------------------

CSJ, SALA, JUZGADO, ANY = "csj", "sala", "juzgado", "todos"
#: the courts an SGT number may name that hear no amparos, as a sentence says them
NOT_AMPARO_COURTS: dict[CourtKind, str] = {
    CourtKind.PAZ: _("un juzgado de paz"),
    CourtKind.SENTENCIA: _("un tribunal de sentencia"),
}
_KINDS = {SALA: CourtKind.SALA, JUZGADO: CourtKind.PRIMERA_INSTANCIA}
#: a juzgado's branch and the court matters it covers
BRANCHES: dict[str, tuple[Matter, ...]] = {
    "penal": (Matter.PENAL, Matter.FEMICIDIO, Matter.MAYOR_RIESGO),
    "civil": (Matter.CIVIL,),
    "familia": (Matter.FAMILIA,),
    "trabajo": (Matter.TRABAJO,),
    "ninez": (Matter.NINEZ,),
}


def _tribunals(kind: str, department: int) -> tuple[Court, ...]:
    return courts_in(department, kind=_KINDS[kind]) if kind in _KINDS else ()


def _needs_branch(answers: Answers) -> bool:
    """Only juzgados, and only where there are too many to list at once."""
    if answers.get("tribunal") != JUZGADO or "department" not in answers:
        return False
    return len(_tribunals(JUZGADO, int(str(answers["department"])))) > BRANCH_FROM


def _departments(answers: Answers) -> tuple[Choice, ...]:
    """The departments that have a tribunal of the kind chosen (not every one has a Sala)."""
    kind = str(answers.get("tribunal", JUZGADO))
    return tuple(Choice(str(d.code), d.name) for d in DEPARTMENTS if _tribunals(kind, d.code))


def _courts(answers: Answers) -> tuple[Choice, ...]:
    kind = str(answers.get("tribunal", JUZGADO))
    found = _tribunals(kind, int(str(answers.get("department", "1"))))
    if _needs_branch(answers) and answers.get("branch") in BRANCHES:
        matters = BRANCHES[str(answers["branch"])]
        found = tuple(c for c in found if set(matters) & set(c.matters))
    return tuple(Choice(c.id, c.name) for c in found)


def built(answers: Answers) -> bool:
    """The visitor builds the number from its parts (the number question's other way)."""
    return answers.get(alternative_key(ASK)) is True


def _to_number_parts(answers: Answers) -> str:
    return "year_sequence" if built(answers) else SEARCH


def _after_number(answers: Answers) -> str:
    number = answers.get("number")
    return SEARCH if isinstance(number, CaseNumber) and number.is_sgt else "tribunal"


def _after_tribunal(answers: Answers) -> str:
    return "department" if answers.get("tribunal") in _KINDS else _to_number_parts(answers)


def _after_department(answers: Answers) -> str:
    return "branch" if _needs_branch(answers) else "court"


def _amparo_number(value: object, answers: Answers) -> None:
    """An SGT number names its court: it must be one that hears amparos."""
    if not isinstance(value, CaseNumber) or not value.is_sgt:
        return
    court = court_of(value)
    if court is None:
        raise FieldError(
            "number",
            "court_unknown",
            Text(
                "Ningún tribunal tiene el código {court}: revise las cinco primeras cifras, o "
                "escriba solo el número y el año del amparo, por ejemplo 1146-2022.",
                court=str(value.court_id),
            ),
        )
    if amparo_tribunal(court.id) is None:
        raise FieldError(
            "number",
            "not_amparo_court",
            Text(
                "Ese número es de un expediente de {court}, y allí no se conocen amparos. "
                "Escriba el número del amparo, por ejemplo 1146-2022.",
                court=Text(NOT_AMPARO_COURTS.get(court.kind, _("otro tribunal"))),
            ),
        )


def _buildable(value: object, answers: Answers) -> None:
    """The parts must make a real number (a year not yet come says so here)."""
    sequence = answers.get("sequence")
    if not isinstance(sequence, int):  # the number itself is wrong: its own error says so
        return
    try:
        parse_case_number(f"{sequence}-{value}", this_year=validation_year())
    except CaseNumberError as error:
        template = CASE_MESSAGES[error.message_key]
        raise FieldError("year", error.code, Text(template, **error.params)) from None


ASK = QuestionStep(
    id="number",
    title=_("¿Cuál es el número del amparo?"),
    intro=_("Está en las resoluciones y notificaciones del tribunal: el número y el año."),
    fields=(
        Field(
            "number",
            FieldKind.CASE_NUMBER,
            _("Número del amparo"),
            hint=_("Por ejemplo 1146-2022. Un número como 01014-2022-00087 también sirve."),
            max_length=60,
            validator=_amparo_number,
        ),
    ),
    next=_after_number,
    alternative=Alternative(
        _("No sé cómo se escribe: elegir el tribunal, el año y el número"), "tribunal"
    ),
)

TRIBUNAL = QuestionStep(
    id="tribunal",
    title=_("¿Qué tribunal conoce el amparo?"),
    intro=_("Su nombre está en el encabezado de las resoluciones."),
    fields=(
        Field(
            "tribunal",
            FieldKind.CHOICE,
            _("Tribunal"),
            choices=(
                Choice(
                    CSJ,
                    _("Corte Suprema de Justicia"),
                    _("Cámara de Amparo y Antejuicio: conoce la mayoría de los amparos."),
                ),
                Choice(
                    SALA,
                    _("Una Sala de la Corte de Apelaciones"),
                    _("Por ejemplo una Sala de Trabajo o una Sala Regional Mixta."),
                ),
                Choice(
                    JUZGADO,
                    _("Un juzgado de primera instancia"),
                    _("Un juzgado que conoce el amparo como tribunal de amparo."),
                ),
                Choice(
                    ANY,
                    _("No sé cuál tribunal"),
                    _("Buscaremos el número en todos los tribunales."),
                ),
            ),
        ),
    ),
    next=_after_tribunal,
)

WHERE = (
    QuestionStep(
        id="department",
        title=_("¿En qué departamento está el tribunal?"),
        fields=(
            Field("department", FieldKind.CHOICE, _("Departamento"), choices_from=_departments),
        ),
        next=_after_department,
    ),
    QuestionStep(
        id="branch",
        title=_("¿De qué ramo es el juzgado?"),
        intro=_("En este departamento hay muchos juzgados: así la lista es más corta."),
        fields=(
            Field(
                "branch",
                FieldKind.CHOICE,
                _("Ramo"),
                choices=(
                    Choice("penal", _("Penal"), _("También femicidio y mayor riesgo.")),
                    Choice("civil", _("Civil y económico-coactivo")),
                    Choice("familia", _("Familia")),
                    Choice("trabajo", _("Trabajo y previsión social")),
                    Choice("ninez", _("Niñez y adolescencia")),
                ),
            ),
        ),
        next="court",
    ),
    QuestionStep(
        id="court",
        title=_("¿Cuál de estos tribunales conoce el amparo?"),
        fields=(Field("court", FieldKind.CHOICE, _("Tribunal"), choices_from=_courts),),
        next=_to_number_parts,
    ),
)

PARTS = QuestionStep(
    id="year_sequence",
    title=_("¿Qué número y qué año tiene el amparo?"),
    intro=_("En 1146-2022, el número es 1146 y el año es 2022."),
    fields=(
        Field("sequence", FieldKind.NUMBER, _("Número"), min_value=1, max_value=99999),
        Field(
            "year",
            FieldKind.NUMBER,
            _("Año"),
            min_value=FIRST_YEAR,
            max_value=2100,
            validator=_buildable,
        ),
    ),
)


# --- the portal ----------------------------------------------------------------------------------


def validation_year() -> int:
    """This year: the flow's own "today" while answers are checked, the clock otherwise."""
    try:
        return validation_today().year
    except RuntimeError:
        return formats.now().year


def searched(answers: Answers) -> tuple[CaseNumber, str | None]:
    """The amparo's number-year and its tribunal (None: every tribunal), from the answers."""
    typed = answers.get("number")
    if isinstance(typed, CaseNumber):
        number = CaseNumber(year=typed.year, sequence=typed.sequence)  # a desk (Of.) is dropped
        if typed.is_sgt:
            return number, typed.court_id
    else:
        number = CaseNumber(year=int(str(answers["year"])), sequence=int(str(answers["sequence"])))
    kind = answers.get("tribunal")
    if kind == CSJ:
        return number, CSJ_ID
    if kind in _KINDS:
        return number, str(answers["court"])
    return number, None


def searched_text(answers: Answers) -> Text:
    number, tribunal = searched(answers)
    if tribunal is None:
        return Text("Número buscado: {number}, en todos los tribunales", number=str(number))
    return Text(
        "Número buscado: {number}, en {tribunal}",
        number=str(number),
        tribunal=find_court(tribunal).name,
    )


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    number, tribunal = searched(answers)
    cursor = answers.get(CURSOR)
    query: dict[str, str | int | None] = {
        "number": str(number),
        "tribunal": tribunal,
        "limit": PAGE_SIZE,
        "cursor": str(cursor) if cursor else None,
    }
    try:
        page = await context.client.call(SEARCH_AMPAROS, query=query)
    except PortalRejected as error:
        if error.code == "tribunal_invalid":
            detail = Text("El portal no reconoce ese tribunal: elija otro.")
            field = "court" if "court" in answers else "number"
            raise AnswerRejected.of(error, field, detail) from None
        if error.code != "amparo_number_invalid":
            raise
        field = "number" if "number" in answers else "sequence"
        detail = Text("El portal no reconoce el número {number}: revíselo.", number=str(number))
        raise AnswerRejected.of(error, field, detail) from None
    # the number is the one searched: the tribunal is what tells two rows apart
    rows = tuple(
        ResultRow(item.id, item.tribunal_name, (Text("Reservado: sus datos no se muestran."),))
        if item.reserved or item.state is None or item.filed_on is None or item.matter is None
        else ResultRow(
            item.id,
            item.tribunal_name,
            (
                Text(
                    "{matter}, presentado el {day}",
                    matter=Text(MATTERS[item.matter][0]),
                    day=formats.day(item.filed_on),
                ),
                Text("Estado: {state}", state=Text(STATES[item.state][0])),
            ),
        )
        for item in page.items
    )
    return ResultsPage(rows, page.total, page.next_cursor, searched_text(answers))


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    return await context.client.call(AMPARO, path={"amparo_id": str(answers[SELECTED])})


# --- the record ----------------------------------------------------------------------------------


def record(answers: Answers, results: dict[str, object]) -> Detail:
    amparo = fetched(results, Amparo)
    heading = Text("Amparo {number}", number=amparo.number)
    where = (
        DetailRow("tribunal", _("Tribunal"), amparo.tribunal_name),
        DetailRow("department", _("Departamento"), amparo.department),
    )
    if amparo.reserved or amparo.state is None:  # nothing of it was sent: say so, nothing more
        name, explained = RESERVED
        return Detail(
            heading,
            (
                DetailSection(
                    "amparo",
                    Text("El amparo"),
                    rows=(*where, DetailRow("state", _("Estado"), Text(name), Text(explained))),
                    note=Text(
                        "Quienes son parte del amparo, y sus abogados, pueden consultarlo en el "
                        "tribunal con su documento de identificación."
                    ),
                ),
            ),
        )
    return Detail(heading, (_facts(amparo, where), *_sections(amparo)))


def _facts(amparo: Amparo, where: tuple[DetailRow, ...]) -> DetailSection:
    state, state_explained = STATES[amparo.state or AmparoState.EN_TRAMITE]
    rows = [*where]
    if amparo.filed_on is not None:
        rows.append(DetailRow("filed_on", _("Presentado el"), formats.day(amparo.filed_on)))
    if amparo.matter is not None:
        matter, matter_explained = MATTERS[amparo.matter]
        rows.append(DetailRow("matter", _("Materia"), Text(matter), Text(matter_explained)))
    rows += [
        DetailRow(
            "authority",
            _("Autoridad impugnada"),
            amparo.authority or "",
            Text("La autoridad contra la que se pidió el amparo."),
        ),
        DetailRow(
            "act",
            _("Acto reclamado"),
            amparo.act or "",
            Text("Lo que hizo la autoridad y que el amparo pide dejar sin efecto."),
        ),
        DetailRow("state", _("Estado"), Text(state), Text(state_explained)),
        DetailRow(
            "ruled_on",
            _("Fecha de la sentencia"),
            formats.day(amparo.ruled_on) if amparo.ruled_on else Text("Todavía no hay sentencia."),
        ),
    ]
    return DetailSection("amparo", Text("El amparo"), rows=tuple(rows))


def _sections(amparo: Amparo) -> tuple[DetailSection, ...]:
    sections: list[DetailSection] = []
    if amparo.appealed_to_cc:
        still = amparo.state is AmparoState.APELADO_CC
        sections.append(
            DetailSection(
                "cc",
                Text("Corte de Constitucionalidad"),
                rows=(DetailRow("cc_site", _("Dónde consultar"), CC_SITE),),
                note=Text(
                    "La apelación está en la Corte de Constitucionalidad (CC). La CC no es parte "
                    "del Organismo Judicial: pregunte por ella en la consulta de la CC, en {site}, "
                    "o en sus oficinas.",
                    site=CC_SITE,
                )
                if still
                else Text(
                    "Este amparo fue apelado ante la Corte de Constitucionalidad (CC), que ya "
                    "decidió. La CC no es parte del Organismo Judicial: su sentencia se consulta "
                    "en {site}.",
                    site=CC_SITE,
                ),
            )
        )
    sections.append(
        DetailSection(
            "parties",
            Text("Quién pidió el amparo"),
            rows=tuple(
                DetailRow(f"party.{index}", _("Postulante"), initials)
                for index, initials in enumerate(amparo.postulantes)
            ),
            note=Text("Por privacidad, quien pidió el amparo aparece solo con sus iniciales."),
        )
    )
    if amparo.vista_at is not None:
        sections.append(
            DetailSection(
                "vista",
                Text("Vista"),
                rows=(
                    DetailRow(
                        "vista.at", _("Fecha y hora"), formats.day_and_clock(amparo.vista_at)
                    ),
                ),
                note=Text("Las fechas pueden cambiar: confirme en el tribunal unos días antes."),
            )
        )
    updated = (
        Text("Datos actualizados el {day}.", day=formats.day_and_clock(amparo.updated_at))
        if amparo.updated_at
        else ""
    )
    sections.append(
        DetailSection(
            "actuaciones",
            Text("Lo que ha hecho el tribunal"),
            timeline=tuple((formats.day(act.on), act.text) for act in amparo.actuaciones),
            note=updated,
        )
    )
    return tuple(sections)


# --- the printout --------------------------------------------------------------------------------


async def amparo_record(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    """What the screen shows, on paper, in Spanish."""
    detail = record(dict(sources), dict(sources))
    return record_printout(
        "amparo",
        "Amparo OJ",
        detail,
        title=Text(SERVICE_TITLE),
        searched=searched_text(dict(sources)),
        kiosk_id=context.kiosk_id,
    )


SERVICE_TITLE = _("Consulta de Amparos")

FLOW = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(ASK, TRIBUNAL, *WHERE, PARTS),
    results_title=_("Amparos encontrados"),
    empty=Text(
        "No encontramos ningún amparo con ese número. Revise el número, el año y el tribunal en "
        "sus papeles. Si el amparo se presentó ante la Corte de Constitucionalidad, consúltelo "
        "en www.cc.gob.gt."
    ),
    too_many=Text(
        "Toque «Atrás» y elija el tribunal que conoce el amparo: así encontramos el suyo."
    ),
    record_title=SERVICE_TITLE,
    record=record,
    document="amparo_record",
    searching=_("Estamos buscando el amparo en el portal del Organismo Judicial."),
    fetching=_("Estamos trayendo el amparo."),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Amparos"), "shield", "consultar", order=30),
    flow=FLOW,
    actions={"search": search, "fetch": fetch},
    printouts=(
        Printout(
            "amparo_record",
            amparo_record,
            advice=_("Puede anotar el número del amparo y el tribunal, y consultarlo otra vez."),
        ),
    ),
)
