"""Pensión Alimenticia in plain Spanish: who the visitor is in the case, the kinds of pension and
of movement, and how long without a deposit, each said so that anyone understands it."""

from __future__ import annotations

from kiosk.flows.text import _
from kiosk.portal.models.alimony import AlimonyRole, MovementKind, PensionKind
from kiosk.text import Text

SERVICE_ID = "pension-alimenticia"
SERVICE_TITLE = _("Pensión Alimenticia")
DOCUMENT = "alimony_statement"

#: who the visitor is in the case: a name, and what it means
ROLES: dict[AlimonyRole, tuple[str, str]] = {
    AlimonyRole.OBLIGADO: (
        _("Obligado a pagar"),
        _("Usted deposita la pensión cada mes en la cuenta del juzgado."),
    ),
    AlimonyRole.REPRESENTANTE: (
        _("Representante de los beneficiarios"),
        _("Usted recibe la pensión para los hijos o hijas y la retira con orden del juzgado."),
    ),
}

KINDS: dict[PensionKind, tuple[str, str]] = {
    PensionKind.PROVISIONAL: (
        _("Provisional"),
        _("El juez la fijó al recibir la demanda; vale mientras termina el juicio."),
    ),
    PensionKind.DEFINITIVA: (
        _("Definitiva"),
        _("La fijó la sentencia o un convenio aprobado por el juez."),
    ),
}

MOVEMENTS: dict[MovementKind, str] = {
    MovementKind.DEPOSITO: _("Depósito"),
    MovementKind.RETIRO: _("Retiro"),
}

BALANCE_EXPLAINED = _(
    "Es lo que falta depositar según la pensión fijada, contando hasta este mes. La pensión se "
    "paga por mes adelantado."
)
AVAILABLE_EXPLAINED = _("Es lo depositado que todavía no se ha retirado.")
NO_DEPOSIT = _("No hay depósitos registrados.")
WAY_ON = _(
    "Si tiene dudas sobre su cuenta, pregunte en el juzgado que lleva su caso o en la ventanilla "
    "de atención."
)


def months_without(months: int) -> Text:
    """«3 meses sin depósito», said plainly; none: there was a deposit in the last month."""
    if months == 0:
        return Text("Hubo un depósito en el último mes")
    if months == 1:
        return Text("1 mes sin depósito")
    return Text("{months} meses sin depósito", months=months)


def months_explained(months: int, role: AlimonyRole) -> Text:
    """What the months without a deposit mean for this visitor, and what they can do."""
    if months == 0:
        return Text("La pensión se está depositando.")
    if role is AlimonyRole.REPRESENTANTE:
        return Text(
            "Desde el último depósito no ha entrado dinero a la cuenta. Si la pensión no se paga, "
            "puede pedir al juzgado que la haga cumplir."
        )
    return Text(
        "Desde su último depósito no ha entrado dinero a la cuenta. Deposite lo pendiente en el "
        "banco con el número del expediente; si no puede pagar, consulte en el juzgado."
    )


def locked_message(seconds: int) -> Text:
    """The PIN is locked: how long in minutes, and the way on."""
    minutes = max(1, -(-seconds // 60))
    wait = (
        Text("Podrá intentar de nuevo en 1 minuto.")
        if minutes == 1
        else Text("Podrá intentar de nuevo en {minutes} minutos.", minutes=minutes)
    )
    return Text(
        "Por seguridad, el PIN de este DPI quedó bloqueado después de varios intentos con un PIN "
        "equivocado. {wait} Si olvidó su PIN, pida uno nuevo en el Juzgado de Familia que lleva "
        "su caso (lleve su DPI), o pida ayuda en la ventanilla de atención.",
        wait=wait,
    )
