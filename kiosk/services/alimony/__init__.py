"""Pensión Alimenticia: the account of an alimony case, for the person who pays it and the one
who receives it. The visitor enters their DPI and the personal PIN the court gave them (masked,
never on a review or in a log); the first use of a temporary PIN asks for a new one, twice. Then
their cases (one goes straight on), the chosen case's account (what is owed and the months
without a deposit in large type, each figure explained), its deposits and withdrawals newest
first («Ver más»), and a movement's statement, which prints. Children and the other party by
their initials only. A few wrong PINs lock the PIN for a while: the kiosk says how long and
where to go instead.

``questions`` asks, ``actions`` calls the portal (and revokes the PIN session when the visit
ends), ``record`` shows and prints, ``words`` says each thing in plain Spanish.
"""

from __future__ import annotations

from kiosk.flows.lookup import SELECTED
from kiosk.flows.model import (
    ActionStep,
    Answers,
    DetailStep,
    Flow,
    InfoStep,
    ResultsStep,
)
from kiosk.flows.text import _
from kiosk.portal.models.alimony import CASES_LIMIT_MAX, AlimonySession
from kiosk.services.alimony.actions import ACTIONS, CASE, LOG_IN, MOVEMENT
from kiosk.services.alimony.questions import IDENTITY, NEW_PIN
from kiosk.services.alimony.record import (
    MOVEMENTS_STEP,
    account_body,
    account_codes,
    statement,
    statement_paper,
)
from kiosk.services.alimony.words import DOCUMENT, SERVICE_ID, SERVICE_TITLE
from kiosk.services.base import Printout, Service, Tile
from kiosk.text import Text

__all__ = ["FLOW", "SERVICE"]


def after_log_in(answers: Answers, session: object) -> str:
    """A temporary PIN is changed before anything else."""
    assert isinstance(session, AlimonySession)
    return "new_pin" if session.must_change_pin else "search"


FLOW = Flow(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    start=IDENTITY.id,
    steps=(
        IDENTITY,
        # the PIN screen is behind the visitor once in: "Atrás" never leads back to it
        ActionStep(
            LOG_IN,
            _("Ingresando"),
            LOG_IN,
            next=after_log_in,
            busy_text=_("Estamos revisando su DPI y su PIN."),
        ),
        NEW_PIN,
        ActionStep(
            "change_pin",
            _("Guardando su PIN"),
            "change_pin",
            next="pin_changed",
            busy_text=_("Estamos guardando su PIN nuevo."),
        ),
        InfoStep(
            "pin_changed",
            _("Su PIN nuevo quedó guardado"),
            body=_(
                "Desde ahora use su PIN nuevo en cualquier quiosco; el PIN temporal ya no sirve. "
                "No se lo diga a nadie: con su DPI, da acceso a su cuenta."
            ),
            next="search",
        ),
        ActionStep(
            "search",
            _("Buscando"),
            "cases",
            next="cases",
            locks=False,
            busy_text=_("Estamos buscando sus casos de pensión alimenticia."),
        ),
        ResultsStep(
            "cases",
            _("Sus casos"),
            source="search",
            field=SELECTED,
            next=CASE,
            empty=Text(
                "No encontramos casos de pensión alimenticia a su nombre. Si tiene uno, pregunte "
                "en el Juzgado de Familia que lo lleva o en la ventanilla de atención."
            ),
            most=CASES_LIMIT_MAX,
            too_many=Text(
                "Tiene más casos de los que caben en esta pantalla. Pida su estado de cuenta en "
                "el juzgado o en la ventanilla de atención."
            ),
        ),
        ActionStep(
            CASE,
            _("Abriendo"),
            "case",
            next="account",
            locks=False,
            busy_text=_("Estamos trayendo su cuenta."),
        ),
        InfoStep(
            "account",
            _("Su cuenta de pensión alimenticia"),
            body=account_body,
            codes=account_codes,
            next=MOVEMENTS_STEP,
        ),
        ActionStep(
            MOVEMENTS_STEP,
            _("Abriendo"),
            "movements",
            next="movements",
            locks=False,
            busy_text=_("Estamos trayendo los depósitos y retiros."),
        ),
        ResultsStep(
            "movements",
            _("Depósitos y retiros"),
            source=MOVEMENTS_STEP,
            field=MOVEMENT,
            next="statement",
            more="movements",
            most=10_000,  # an account's movements are never too many to page through
            empty=Text(
                "Esta cuenta todavía no tiene depósitos ni retiros registrados. Si ya depositó, "
                "guarde su boleta y pregunte en el juzgado."
            ),
        ),
        DetailStep("statement", _("Estado de cuenta"), statement, document=DOCUMENT),
    ),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Pensión alimenticia"), "money", "consultar", order=50),
    flow=FLOW,
    actions=ACTIONS,
    printouts=(
        Printout(
            DOCUMENT,
            statement_paper,
            advice=_(
                "Puede consultar su cuenta otra vez en cualquier quiosco con su DPI y su PIN, o "
                "pedir su estado de cuenta en el juzgado."
            ),
        ),
    ),
)
