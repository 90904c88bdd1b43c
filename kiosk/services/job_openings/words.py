"""Every term of a convocatoria in a visitor's words: the posts and what each does, internal or
external, the law it is called under, each result, and the papers' deadline counted honestly
(calendar days and the closing hour, by the kiosk's clock in Guatemala)."""

from __future__ import annotations

from datetime import datetime

from kiosk import formats
from kiosk.flows.text import _
from kiosk.geography import department, municipality_name
from kiosk.portal.models.job_openings import (
    ApplicationOutcome,
    HiringLaw,
    JobPost,
    OpeningKind,
)
from kiosk.services.hearings.words import spoken_day
from kiosk.text import Text

#: each post: its name and what the person does, in plain words
POSTS: dict[JobPost, tuple[str, str]] = {
    JobPost.OFICIAL_I: (
        _("Oficial I"),
        _("Tramita expedientes del juzgado: recibe escritos, prepara resoluciones y atiende al "
          "público."),
    ),
    JobPost.OFICIAL_II: (
        _("Oficial II"),
        _("Tramita expedientes más complejos y apoya al secretario del juzgado."),
    ),
    JobPost.OFICIAL_III: (
        _("Oficial III"),
        _("Tramita los expedientes más complejos y coordina el trabajo de otros oficiales."),
    ),
    JobPost.NOTIFICADOR: (
        _("Notificador"),
        _("Lleva las notificaciones y citaciones del juzgado a las personas, donde vivan o "
          "trabajen."),
    ),
    JobPost.COMISARIO: (
        _("Comisario"),
        _("Ordena y guarda los expedientes, recibe documentos y atiende la ventanilla."),
    ),
    JobPost.SECRETARIO: (
        _("Secretario de juzgado"),
        _("Dirige el trabajo del personal del juzgado y firma con el juez lo que se resuelve."),
    ),
    JobPost.JUEZ_PAZ: (
        _("Juez de Paz"),
        _("Resuelve los asuntos pequeños y las faltas de su municipio."),
    ),
    JobPost.INTERPRETE: (
        _("Intérprete de idioma maya"),
        _("Interpreta en las audiencias para las personas que hablan un idioma maya."),
    ),
    JobPost.PSICOLOGO: (
        _("Psicólogo"),
        _("Evalúa y acompaña a niños, adolescentes y familias para que el juez decida."),
    ),
    JobPost.TRABAJADOR_SOCIAL: (
        _("Trabajador social"),
        _("Visita a las familias y hace estudios socioeconómicos para informar al juez."),
    ),
    JobPost.AUXILIAR_ADMINISTRATIVO: (
        _("Auxiliar administrativo"),
        _("Hace trabajo de oficina: documentos, archivo, registros y llamadas."),
    ),
    JobPost.TECNICO_INFORMATICA: (
        _("Técnico en informática"),
        _("Instala y repara computadoras, impresoras y redes de juzgados y oficinas."),
    ),
    JobPost.PILOTO: (
        _("Piloto"),
        _("Maneja los vehículos del Organismo Judicial para llevar personal y documentos."),
    ),
    JobPost.AGENTE_SEGURIDAD: (
        _("Agente de seguridad"),
        _("Cuida el edificio, controla quién entra y protege a las personas que están en él."),
    ),
    JobPost.CONSERJE: (
        _("Conserje"),
        _("Limpia y cuida el edificio, y ayuda a mover documentos y muebles."),
    ),
}  # fmt: skip

KINDS: dict[OpeningKind, str] = {
    OpeningKind.EXTERNA: _("Puede participar cualquier persona que cumpla los requisitos."),
    OpeningKind.INTERNA: _("Solo para personas que ya trabajan en el Organismo Judicial."),
}

LAWS: dict[HiringLaw, tuple[str, str]] = {
    HiringLaw.SERVICIO_CIVIL: (
        _("Ley de Servicio Civil del Organismo Judicial (Decreto 48-99)"),
        _("Recursos Humanos evalúa a quienes se presentan y se nombra a quienes sacan la mejor "
          "nota."),
    ),
    HiringLaw.CARRERA_JUDICIAL: (
        _("Ley de la Carrera Judicial (Decreto 32-2016)"),
        _("El Consejo de la Carrera Judicial convoca y evalúa; la Corte Suprema de Justicia "
          "nombra a los jueces."),
    ),
}  # fmt: skip

OUTCOMES: dict[ApplicationOutcome, tuple[str, str]] = {
    ApplicationOutcome.NOMBRADO: (
        _("Nombrado"),
        _("Aprobó y obtuvo una de las plazas. Recursos Humanos le llamará para su nombramiento."),
    ),
    ApplicationOutcome.APROBADO: (
        _("Aprobado"),
        _("Aprobó, pero no obtuvo una de las plazas: queda en la lista de elegibles, por si se "
          "abre otra plaza igual."),
    ),
    ApplicationOutcome.NO_APROBADO: (
        _("No aprobado"),
        _("Hizo la evaluación, pero no llegó a la nota mínima."),
    ),
    ApplicationOutcome.NO_SE_PRESENTO: (
        _("No se presentó"),
        _("Sus papeles fueron admitidos, pero no llegó a la evaluación."),
    ),
    ApplicationOutcome.NO_ADMITIDO: (
        _("No admitido"),
        _("Sus papeles estaban incompletos o no cumplían un requisito: no pasó a la evaluación."),
    ),
}  # fmt: skip


def opening_name(kind: OpeningKind, number: str) -> Text:
    """«Convocatoria externa 015-2026»."""
    if kind is OpeningKind.INTERNA:
        return Text("Convocatoria interna {number}", number=number)
    return Text("Convocatoria externa {number}", number=number)


def places(count: int) -> Text:
    if count == 1:
        return Text("1 plaza")
    return Text("{count} plazas", count=count)


def place(dept: int, muni: int) -> str:
    """«Chiquimula, Chiquimula»: the municipality and its department (names are data)."""
    return f"{municipality_name(dept, muni)}, {department(dept).name}"


def closing(papers_from: datetime, until: datetime, moment: datetime) -> Text:
    """A result row's deadline: when papers are received, or that they no longer are."""
    if moment >= until:
        return Text("Cerrada: ya no recibe papelería")
    if moment < papers_from:
        return Text(
            "Recibe papelería desde el {start}, hasta el {day} a las {hour}",
            start=spoken_day(papers_from),
            day=spoken_day(until),
            hour=formats.clock(until),
        )
    return Text(
        "Recibe papelería hasta el {day} a las {hour}",
        day=spoken_day(until),
        hour=formats.clock(until),
    )


def remaining(papers_from: datetime, until: datetime, moment: datetime) -> Text:
    """How long is left, counted honestly: calendar days from today to the last day, and the
    hour the reception closes on it (after it, papers are not received)."""
    hour = formats.clock(until)
    if moment >= until:
        return Text(
            "Ya no recibe papelería: cerró el {day} a las {hour}.",
            day=spoken_day(until),
            hour=hour,
        )
    days = (formats.local(until).date() - formats.local(moment).date()).days
    if moment < papers_from:
        return Text(
            "Todavía no recibe papelería: empieza el {start} a las {start_hour}. El último día "
            "es el {day}, hasta las {hour}.",
            start=spoken_day(papers_from),
            start_hour=formats.clock(papers_from),
            day=spoken_day(until),
            hour=hour,
        )
    if days == 0:
        return Text("Hoy es el último día: recibe papelería hasta las {hour}.", hour=hour)
    if days == 1:
        return Text("Mañana es el último día: recibe papelería hasta las {hour}.", hour=hour)
    return Text(
        "Quedan {days} días calendario: el último día es el {day}, hasta las {hour}.",
        days=days,
        day=spoken_day(until),
        hour=hour,
    )
