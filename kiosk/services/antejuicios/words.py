"""What the antejuicio's terms mean, in a citizen's words: every stage, who decides, who promoted
it. Spanish source texts, translated on screen."""

from __future__ import annotations

from kiosk.flows.text import _
from kiosk.portal.models.antejuicios import AntejuicioStage, Body, PromoventeKind

#: each stage: its name and what it means now, in one sentence
STAGES: dict[AntejuicioStage, tuple[str, str]] = {
    AntejuicioStage.EN_TRAMITE: (
        _("En trámite"),
        _("Se recibió la solicitud y se está revisando si hay motivos para investigar."),
    ),
    AntejuicioStage.RECHAZADO_IN_LIMINE: (
        _("Rechazado in limine"),
        _(
            "Se rechazó desde el inicio, sin investigar, porque no se encontró fundamento o se "
            "vio un motivo político; el funcionario conserva su inmunidad."
        ),
    ),
    AntejuicioStage.JUEZ_PESQUISIDOR: (
        _("Juez pesquisidor nombrado"),
        _("Un juez nombrado para este caso investiga los hechos y después dará su informe."),
    ),
    AntejuicioStage.TRASLADADO_CONGRESO: (
        _("Trasladado al Congreso"),
        _(
            "La Corte Suprema de Justicia lo envió al Congreso de la República, que es quien "
            "decide sobre este funcionario."
        ),
    ),
    AntejuicioStage.COMISION_PESQUISIDORA: (
        _("Comisión pesquisidora"),
        _("Una comisión de diputados investiga los hechos para informar al Pleno del Congreso."),
    ),
    AntejuicioStage.HA_LUGAR: (
        _("Ha lugar"),
        _(
            "Se decidió que sí hay motivos: el funcionario perdió la inmunidad para este caso y "
            "un juez penal puede investigarlo."
        ),
    ),
    AntejuicioStage.NO_HA_LUGAR: (
        _("No ha lugar"),
        _("Se decidió que no hay motivos para quitarle la inmunidad; por este caso no sigue."),
    ),
    AntejuicioStage.SIN_MATERIA: (
        _("Sin materia"),
        _(
            "Ya no hace falta decidir: el funcionario dejó el cargo y perdió la inmunidad, y la "
            "denuncia sigue ante el Ministerio Público como cualquier otra."
        ),
    ),
}

#: who decides, explained (the name itself comes from the portal)
BODIES: dict[Body, str] = {
    Body.CONGRESO: _(
        "Decide el Congreso porque es uno de los funcionarios más altos del Estado; la Corte "
        "Suprema de Justicia lo revisa primero."
    ),
    Body.CSJ: _("Decide la Corte Suprema de Justicia, como manda la ley para este cargo."),
    Body.SALA: _("Decide una Sala de la Corte de Apelaciones, como manda la ley para los jueces."),
}

PROMOVENTES: dict[PromoventeKind, str] = {
    PromoventeKind.MINISTERIO_PUBLICO: _("El Ministerio Público, que investiga los delitos."),
    PromoventeKind.PARTICULAR: _(
        "Una persona particular; por privacidad se muestran solo sus iniciales."
    ),
}

RESERVED = _("Reservado")
RESERVED_EXPLAINED = _(
    "La ley protege a las víctimas de este tipo de caso y no se da ningún dato. Solo las partes "
    "pueden consultarlo, con su documento de identificación, en la secretaría que lo tramita."
)
#: what an antejuicio is: said on the record, so nobody reads it as a conviction
WHAT_IT_IS = _(
    "Un antejuicio no es un juicio: decide si el funcionario pierde su inmunidad para que un "
    "juez penal lo investigue. Mientras tanto, se presume inocente."
)
