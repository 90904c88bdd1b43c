"""Solicitud de Información Pública in plain words: the ways to receive an answer, the states of
a request and the law's deadlines, each said the way a visitor reads it (Spanish source strings,
translated where they are shown; on paper they stay Spanish)."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.flows.text import _
from kiosk.portal.models.public_information import (
    DeliveryMethod,
    PublicInformationRequest,
    PublicInformationStatus,
)
from kiosk.services.hearings.words import spoken_day
from kiosk.text import Text

D, S = DeliveryMethod, PublicInformationStatus

#: each way of receiving the answer: its name, and what it means (what it costs)
DELIVERIES: dict[DeliveryMethod, tuple[str, str]] = {
    D.EMAIL: (
        _("Por correo electrónico"),
        _("Gratis. Le enviamos la respuesta y los documentos a su correo."),
    ),
    D.INSPECTION: (
        _("Consultarla en la oficina"),
        _("Gratis. Usted va a la Unidad de Información Pública y revisa los documentos allí."),
    ),
    D.PRINTED_COPY: (
        _("Copia impresa"),
        _("La recoge en la Unidad de Información Pública. Solo se paga el costo de las copias."),
    ),
    D.ELECTRONIC_COPY: (
        _("Copia electrónica (CD o memoria USB)"),
        _("La recoge en la Unidad de Información Pública. Lleve una memoria USB o pague el disco."),
    ),
}

#: what happens when the answer is ready, for each way of receiving it
WHEN_READY: dict[DeliveryMethod, str] = {
    D.EMAIL: _("La respuesta llegará a {contact}."),
    D.INSPECTION: _(
        "Cuando esté lista le avisaremos a {contact} para que pase a consultarla en la Unidad "
        "de Información Pública del Organismo Judicial."
    ),
    D.PRINTED_COPY: _(
        "Cuando esté lista le avisaremos a {contact} para que pase a recoger las copias en la "
        "Unidad de Información Pública; allí se paga solo el costo de las copias."
    ),
    D.ELECTRONIC_COPY: _(
        "Cuando esté lista le avisaremos a {contact} para que pase a recogerla en la Unidad de "
        "Información Pública, con una memoria USB o pagando el disco."
    ),
}

#: each state of a request: its name, and what it means now
STATUSES: dict[PublicInformationStatus, tuple[str, str]] = {
    S.RECEIVED: (
        _("Recibida"),
        _("La Unidad de Información Pública recibió su solicitud y la va a tramitar."),
    ),
    S.IN_PROGRESS: (
        _("En trámite"),
        _("La Unidad pidió la información a la oficina del Organismo Judicial que la tiene."),
    ),
    S.EXTENDED: (
        _("Plazo prorrogado"),
        _("Reunir la información lleva más tiempo: el plazo se alargó 10 días hábiles, una vez."),
    ),
    S.ANSWERED: (
        _("Respondida"),
        _("Ya se entregó la información, por la vía que usted eligió."),
    ),
    S.DENIED: (
        _("Denegada"),
        _(
            "La información es reservada o confidencial según la ley, y por eso no se entregó. "
            "Puede presentar un recurso de revisión."
        ),
    ),
    S.NONEXISTENT: (
        _("Información inexistente"),
        _("El Organismo Judicial no tiene esa información. Se le explicó en la respuesta."),
    ),
    S.REFERRED: (
        _("Trasladada a otra institución"),
        _("Esa información la tiene otra institución: en la respuesta se le dice a cuál pedirla."),
    ),
    S.UNDER_REVIEW: (
        _("En recurso de revisión"),
        _("Se presentó un recurso de revisión contra la respuesta y se está resolviendo."),
    ),
}

#: [F] Decreto 57-2008, arts. 42 and 43
DEADLINE_RULE = _(
    "El Organismo Judicial debe responderle dentro de {answer_days} días hábiles, contados "
    "desde el día siguiente al que recibió su solicitud. Si necesita más tiempo, puede "
    "prorrogar el plazo una sola vez por {extension_days} días hábiles más, y debe avisarle "
    "antes de que venza (Decreto 57-2008, artículos 42 y 43). Los días hábiles son los de "
    "{place}: no cuentan sábados, domingos, feriados, la Semana Santa ni la feria del lugar."
)
#: [F] arts. 54 and following: before the highest authority, within fifteen days of the
#: notification; [A] that a missed deadline may be appealed the same way
APPEAL_RULE = _(
    "Si no le responden a tiempo, le niegan la información o no está de acuerdo con la "
    "respuesta, puede presentar un recurso de revisión ante la Presidencia del Organismo "
    "Judicial, su máxima autoridad, dentro de los {appeal_days} días hábiles siguientes a la "
    "notificación o al vencimiento del plazo. Se entrega en la Unidad de Información Pública."
)


def delivery_name(delivery: DeliveryMethod) -> Text:
    return Text(DELIVERIES[delivery][0])


def status_name(status: PublicInformationStatus) -> Text:
    return Text(STATUSES[status][0])


def status_meaning(status: PublicInformationStatus) -> Text:
    return Text(STATUSES[status][1])


def day_said(day: date | datetime) -> Text:
    """«jueves 16 de abril de 2026»: a deadline read without counting on a calendar (a time is
    first moved to Guatemala)."""
    return spoken_day(day, year=True)


def deadline_rule(request: PublicInformationRequest) -> Text:
    return Text(
        DEADLINE_RULE,
        answer_days=request.answer_days,
        extension_days=request.extension_days,
        place=request.calendar_place,
    )


def appeal_rule(request: PublicInformationRequest) -> Text:
    return Text(APPEAL_RULE, appeal_days=request.appeal_days)


def when_ready(request: PublicInformationRequest) -> Text:
    return Text(WHEN_READY[request.delivery], contact=request.contact)
