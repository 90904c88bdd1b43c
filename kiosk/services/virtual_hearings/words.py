"""Audiencias Virtuales in a citizen's words: each role and reason with a one-line hint, and the
rule a hearing must meet, said the same on its row, on a refusal and on paper. Spanish source
texts, translated when a screen shows them."""

from __future__ import annotations

from datetime import datetime

from kiosk import formats
from kiosk.flows.text import _
from kiosk.portal.models.hearings import HearingState
from kiosk.portal.models.virtual_hearings import (
    MIN_NOTICE_WORKING_DAYS,
    AttendeeRole,
    Reason,
    early_enough,
    last_day_to_ask,
)
from kiosk.services.hearings.words import spoken_day
from kiosk.text import Text

#: each role: its name and who that is
ROLES: dict[AttendeeRole, tuple[str, str]] = {
    AttendeeRole.PARTE_ACTORA: (
        _("Parte demandante (actora)"),
        _("Quien presentó la demanda."),
    ),
    AttendeeRole.PARTE_DEMANDADA: (
        _("Parte demandada"),
        _("A quien se demandó."),
    ),
    AttendeeRole.SINDICADO: (
        _("Persona sindicada"),
        _("La persona acusada de un delito."),
    ),
    AttendeeRole.DEFENSA: (
        _("Abogado defensor (defensa técnica)"),
        _("Quien defiende a la persona sindicada. Necesitará su número de colegiado."),
    ),
    AttendeeRole.AGRAVIADO: (
        _("Agraviado o víctima"),
        _("La persona afectada por el delito."),
    ),
    AttendeeRole.QUERELLANTE: (
        _("Querellante adhesivo"),
        _("Quien se unió a la acusación del Ministerio Público."),
    ),
    AttendeeRole.ABOGADO: (
        _("Abogado de una de las partes"),
        _("Necesitará su número de colegiado."),
    ),
    AttendeeRole.FISCAL: (
        _("Fiscal del Ministerio Público"),
        _("Quien acusa en nombre del Estado."),
    ),
    AttendeeRole.TESTIGO: (
        _("Testigo"),
        _("El juzgado le citó para declarar lo que sabe."),
    ),
    AttendeeRole.PERITO: (
        _("Perito"),
        _("Presenta un dictamen técnico: médico, contable, de un oficio."),
    ),
    AttendeeRole.INTERPRETE: (
        _("Intérprete"),
        _("Traduce para alguien que habla un idioma maya, garífuna, xinka, de señas u otro."),
    ),
}

REASONS: dict[Reason, tuple[str, str]] = {
    Reason.DISTANCIA: (
        _("Vivo o trabajo lejos del juzgado"),
        _("Viajar al juzgado me toma mucho tiempo o dinero."),
    ),
    Reason.FUERA_DEL_PAIS: (
        _("Estoy fuera del país"),
        _("O voy a estarlo el día de la audiencia."),
    ),
    Reason.SALUD: (
        _("Por salud, discapacidad o edad"),
        _("Me cuesta llegar o estar en el juzgado."),
    ),
    Reason.SEGURIDAD: (
        _("Por mi seguridad"),
        _("Por ejemplo, una víctima o un testigo que no debe encontrarse con la otra parte."),
    ),
    Reason.OTRA: (
        _("Otra razón"),
        _("El juzgado puede pedirle que la explique."),
    ),
}

#: the consent's terms ([F] every party must agree; [A] the rest), on screen and on paper
TERMS = _(
    "La audiencia se graba en audio y video, como todas las audiencias. Todas las partes deben "
    "estar de acuerdo con que usted participe por videoconferencia: el juzgado les pregunta y "
    "decide. Los casos con personas detenidas tienen prioridad. Si la aprueba, conéctese 15 "
    "minutos antes desde un lugar tranquilo, con su DPI a la vista, y no grabe ni comparta la "
    "audiencia."
)
RULE = Text(
    "La audiencia virtual se pide a más tardar {days} días hábiles antes de la audiencia.",
    days=MIN_NOTICE_WORKING_DAYS,
)


def refusal(at: datetime, state: HearingState, clock: datetime) -> Text | None:
    """Why this hearing cannot be asked for now (the portal's own rule), or None."""
    if at <= clock:
        return Text("Esa audiencia ya pasó: ya no se puede pedir participar por videoconferencia.")
    if state is HearingState.CANCELADA:
        return Text(
            "Esa audiencia fue cancelada: no se va a realizar. El juzgado le avisará la nueva "
            "fecha; entonces puede pedirla por videoconferencia."
        )
    local = formats.local(at)
    if not early_enough(formats.local(clock).date(), local.date()):
        return Text(
            "{rule} Para la audiencia del {day}, el último día fue el {last}: ya no hay tiempo "
            "para que el juzgado decida y le envíe el enlace. Asista en persona, o llame al "
            "juzgado para preguntar.",
            rule=RULE,
            day=spoken_day(local),
            last=spoken_day(last_day_to_ask(local.date())),
        )
    return None


def availability(at: datetime, state: HearingState, clock: datetime) -> Text:
    """What a hearing's row says about asking for it."""
    if state is HearingState.CANCELADA:
        return Text("No se puede pedir: fue cancelada")
    local = formats.local(at)
    if not early_enough(formats.local(clock).date(), local.date()):
        return Text(
            "No se puede pedir: faltan menos de {days} días hábiles", days=MIN_NOTICE_WORKING_DAYS
        )
    return Text("Puede pedirla hasta el {day}", day=spoken_day(last_day_to_ask(local.date())))


def role_name(role: AttendeeRole) -> Text:
    return Text(ROLES[role][0])


def masked_email(email: str) -> str:
    """ "ma•••@gmail.com": enough to recognise one's own address, not to read it over a
    shoulder or on a paper left behind."""
    local, _at, domain = email.partition("@")
    return f"{local[:2]}•••@{domain}"


def masked_phone(phone: str) -> str:
    return f"•••• {phone[-4:]}"
