"""The agenda in a citizen's words: each kind of hearing and each state with a one-sentence
explanation, the parties' roles, days written out («lunes 7 de diciembre») and lengths. Spanish
source texts, translated when a screen shows them (a day is a Text whose weekday and month are
translated too)."""

from __future__ import annotations

from datetime import date, datetime

from kiosk import formats
from kiosk.flows.text import _
from kiosk.portal.models.hearings import HearingKind, HearingState, PartyRole
from kiosk.text import Text

KINDS: dict[HearingKind, tuple[str, str]] = {
    HearingKind.PRIMERA_DECLARACION: (
        _("Primera declaración"),
        _(
            "La primera vez que la persona acusada habla ante el juez, que decide si el proceso "
            "sigue y con qué medidas."
        ),
    ),
    HearingKind.ETAPA_INTERMEDIA: (
        _("Etapa intermedia"),
        _("El juez revisa la acusación del Ministerio Público y decide si el caso va a juicio."),
    ),
    HearingKind.REVISION_MEDIDA: (
        _("Revisión de medida"),
        _(
            "El juez revisa una medida, como la prisión preventiva o el arresto domiciliario, y "
            "decide si la cambia."
        ),
    ),
    HearingKind.PROCEDIMIENTO_ABREVIADO: (
        _("Procedimiento abreviado"),
        _(
            "Un juicio corto: la persona acusada acepta los hechos y el juez dicta sentencia en "
            "la misma audiencia."
        ),
    ),
    HearingKind.OFRECIMIENTO_PRUEBA: (
        _("Ofrecimiento de prueba"),
        _("Las partes dicen qué pruebas llevarán al juicio y el tribunal decide cuáles acepta."),
    ),
    HearingKind.DEBATE: (
        _("Juicio penal (debate oral y público)"),
        _(
            "El tribunal escucha a las partes, a los testigos y a los peritos, y después decide "
            "el caso."
        ),
    ),
    HearingKind.LECTURA_SENTENCIA: (
        _("Lectura de sentencia"),
        _("El tribunal lee la sentencia completa a las partes."),
    ),
    HearingKind.JUICIO_FALTAS: (
        _("Juicio de faltas"),
        _("Un juicio corto en un Juzgado de Paz por una falta menor, como una riña o un daño."),
    ),
    HearingKind.CONCILIACION: (
        _("Conciliación"),
        _("El juez invita a las partes a ponerse de acuerdo sin seguir el juicio."),
    ),
    HearingKind.JUICIO_ORAL: (
        _("Juicio oral"),
        _("Las partes dicen ante el juez, de palabra, lo que piden y lo que responden."),
    ),
    HearingKind.RECEPCION_PRUEBA: (
        _("Recepción de pruebas"),
        _("El juez escucha a los testigos y recibe los documentos y los peritajes."),
    ),
    HearingKind.INCIDENTE: (
        _("Audiencia de incidente"),
        _("El juez resuelve una cuestión aparte que surgió durante el proceso."),
    ),
    HearingKind.VISTA_PUBLICA: (
        _("Vista pública"),
        _(
            "Un tribunal superior escucha a las partes antes de resolver una apelación o un "
            "recurso."
        ),
    ),
}

STATES: dict[HearingState, tuple[str, str]] = {
    HearingState.PROGRAMADA: (
        _("Programada"),
        _("Está en la agenda del juzgado para ese día y esa hora."),
    ),
    HearingState.REALIZADA: (
        _("Realizada"),
        _("La audiencia ya se llevó a cabo."),
    ),
    HearingState.SUSPENDIDA: (
        _("Suspendida"),
        _("No se llevó a cabo ese día. El juzgado fija una fecha nueva."),
    ),
    HearingState.REPROGRAMADA: (
        _("Reprogramada"),
        _("Se cambió la fecha o la hora: la que se muestra es la nueva."),
    ),
    HearingState.CANCELADA: (
        _("Cancelada"),
        _("Ya no se va a realizar."),
    ),
}

ROLES: dict[PartyRole, str] = {
    PartyRole.SINDICADO: _("Persona sindicada"),
    PartyRole.AGRAVIADO: _("Agraviado"),
    PartyRole.ACTOR: _("Demandante"),
    PartyRole.DEMANDADO: _("Demandado"),
}

WEEKDAYS = (_("lunes"), _("martes"), _("miércoles"), _("jueves"), _("viernes"), _("sábado"),
            _("domingo"))  # fmt: skip
MONTHS = (
    _("enero"), _("febrero"), _("marzo"), _("abril"), _("mayo"), _("junio"), _("julio"),
    _("agosto"), _("septiembre"), _("octubre"), _("noviembre"), _("diciembre"),
)  # fmt: skip


def spoken_day(day: date | datetime, *, year: bool = False) -> Text:
    """«lunes 7 de diciembre» (with «de 2026» when ``year``); a time is first moved to
    Guatemala."""
    if isinstance(day, datetime):
        day = formats.local(day).date()
    weekday, month = Text(WEEKDAYS[day.weekday()]), Text(MONTHS[day.month - 1])
    if year:
        return Text(
            "{weekday} {day} de {month} de {year}",
            weekday=weekday,
            day=day.day,
            month=month,
            year=day.year,
        )
    return Text("{weekday} {day} de {month}", weekday=weekday, day=day.day, month=month)


def spoken_days(first: date, last: date) -> Text:
    """One day, or «del lunes 14 de diciembre al viernes 18 de diciembre»."""
    if first == last:
        return spoken_day(first)
    return Text("del {first} al {last}", first=spoken_day(first), last=spoken_day(last))


def length(minutes: int) -> Text:
    """An estimated length in words: «Unos 45 minutos», «Alrededor de 1 hora y 30 minutos»."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return Text("Unos {minutes} minutos", minutes=rest)
    if not rest:
        if hours == 1:
            return Text("Alrededor de 1 hora")
        return Text("Alrededor de {hours} horas", hours=hours)
    if hours == 1:
        return Text("Alrededor de 1 hora y {minutes} minutos", minutes=rest)
    return Text("Alrededor de {hours} horas y {minutes} minutos", hours=hours, minutes=rest)
