"""What a portal service is to the kiosk: one Qt-free descriptor that owns everything specific to
it. The shell, the home screen, the print path and the error messages derive their tables from
the descriptors (``kiosk.services.registry``); none of them names a service.

* ``id``: the catalogue id, the one id used everywhere: the portal's ``GET /services``, the tile
  (``tile.<id>``), the screens (``screen.<id>.<step>``) and the logs.
* ``tile``: the words, icon and category of its home tile.
* ``flow`` and ``actions``: the guided questions and the portal calls behind its action steps.
* ``printouts``: each document a step may name, with its CUPS title, its renderer and what the
  visitor can do when it did not print.
* ``screen``: for a service that is not a flow (Verificar un documento), the key of its own
  controller, which the UI's table maps to a class.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.flows.model import Answers, Flow
from kiosk.portal.errors import PortalRejected
from kiosk.services.tile import Tile as Tile  # a service module names its tile from here
from kiosk.text import Text

if TYPE_CHECKING:
    from kiosk.portal.client import PortalClient
    from kiosk.session import Session


@dataclass(frozen=True)
class ActionContext:
    """What an action may use: the portal, and the visit (its log-in is shared by services)."""

    client: PortalClient
    session: Session
    poll_interval: float = 3.0  # seconds between two looks at something the portal finishes later
    wait_limit: float = 600.0  # how long a waiting action waits before it says "come back"


#: an action step's portal call: the context, the answers on the visitor's path (with earlier
#: actions' results under their step ids) and the step's Idempotency-Key
Action = Callable[[ActionContext, Answers, str], Awaitable[object]]


class AnswerRejected(PortalRejected):
    """The portal refused an answer the visitor can fix: ``field`` is the flow's field id, and
    "Atrás" leads to the question that asks it."""

    @classmethod
    def of(
        cls, error: PortalRejected, field_id: str, detail: str | Text | None = None
    ) -> AnswerRejected:
        """The same refusal on the flow's ``field_id``; ``detail`` in the kiosk's words (a
        Text keeps its parameters until the screen translates it)."""
        text = Text(detail) if isinstance(detail, str) else detail
        update = {"field": field_id, "detail": str(text) if text else error.detail}
        return cls(error.problem.model_copy(update=update), text)


class PortalPending(PortalRejected):
    """Not done at the portal yet (a payment not confirmed): trying again later may work."""

    transient = True


@dataclass(frozen=True)
class RenderContext:
    client: PortalClient
    kiosk_id: str


@dataclass(frozen=True)
class Rendered:
    """One print job: a file name in the session's folder, its CUPS title and its PDF maker (CPU
    work, run off the GUI thread)."""

    name: str
    title: str
    make: Callable[[], bytes]


#: a printout's renderer: what the flow gathered (answers and results) to the jobs to print
Render = Callable[[RenderContext, Mapping[str, object]], Awaitable[Sequence[Rendered]]]


@dataclass(frozen=True)
class Printout:
    kind: str  # what a step names in ``document=``
    render: Render
    #: what the visitor can do when it did not print (Spanish source, translated on screen)
    advice: str = ""


@dataclass(frozen=True)
class Service:
    id: str
    title: str  # its name as a heading (Spanish source)
    tile: Tile | None
    flow: Flow | None = None
    actions: Mapping[str, Action] = field(default_factory=dict)
    printouts: tuple[Printout, ...] = ()
    screen: str | None = None
    #: the catalogue id whose availability it follows (a second tile of one portal service)
    portal_service: str | None = None

    @property
    def availability_id(self) -> str:
        return self.portal_service or self.id
