"""The words of Registro Central de Detenidos that are not questions: what each answer means,
said in plain Spanish next to it (UX.md: every state explained)."""

from __future__ import annotations

from kiosk.flows.text import _
from kiosk.portal.models.detainees import DetentionStatus, PlaceKind

SERVICE_ID = "registro-detenidos"
SERVICE_TITLE = _("Registro Central de Detenidos")
DOCUMENT = "detainee_record"

STATUS_EXPLAINED: dict[DetentionStatus, str] = {
    DetentionStatus.DETENIDO: _(
        "La persona está registrada como detenida hoy; el juzgado indicado lleva su caso."
    ),
    DetentionStatus.RESERVADO: _(
        "La ley protege los datos de este caso. La persona, su abogado o un familiar pueden "
        "pedirlos en la ventanilla del Organismo Judicial, con su documento de identificación."
    ),
}
PLACE_EXPLAINED: dict[PlaceKind, str] = {
    PlaceKind.PREVENTIVA: _(
        "Centro de detención preventiva: para quien espera su juicio o está en juicio."
    ),
    PlaceKind.CONDENA: _(
        "Centro de cumplimiento de condena: para quien ya tiene sentencia y cumple su pena."
    ),
}
#: «No registra detención»: what it does and does not mean, in one sentence
NOT_REGISTERED = _(
    "Quiere decir que hoy no hay ninguna detención pública registrada con estos datos; no es una "
    "constancia de antecedentes penales ni dice nada de casos ya terminados."
)
