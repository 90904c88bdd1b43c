"""The Archivo de Tribunales in plain words: each state of a file (where it is and what to do),
each matter and kind of proceedings, each kind of request and how it is charged. Spanish source
texts, translated where they are shown."""

from __future__ import annotations

from kiosk.flows.text import _
from kiosk.portal.models.court_archive import (
    ArchiveMatter,
    ArchivePartyRole,
    ArchiveProcess,
    ArchiveRequestKind,
    ArchiveStatus,
    ArchiveTariffBasis,
)

#: each state: its name, and what it means for the visitor (where to go)
STATES: dict[ArchiveStatus, tuple[str, str]] = {
    ArchiveStatus.DISPONIBLE: (
        _("En el archivo"),
        _("El expediente está guardado en el archivo. Puede pedir copias de él aquí."),
    ),
    ArchiveStatus.PRESTADO: (
        _("Prestado a un juzgado"),
        _(
            "El archivo lo prestó a un juzgado y lo va a recibir de vuelta. Puede pedir copias "
            "aquí; se hacen cuando regrese, por eso tardan más."
        ),
    ),
    ArchiveStatus.DIGITALIZACION: (
        _("En digitalización"),
        _(
            "El archivo lo está pasando a formato digital. Puede pedir copias aquí; tardan "
            "unos días más de lo normal."
        ),
    ),
    ArchiveStatus.EN_JUZGADO: (
        _("Todavía en el juzgado"),
        _(
            "El caso terminó, pero el juzgado no lo ha enviado al archivo. Pida las copias en "
            "la ventanilla de ese juzgado."
        ),
    ),
    ArchiveStatus.TRASLADADO: (
        _("Trasladado al Archivo General de Centro América"),
        _(
            "Por su antigüedad, el expediente pasó al Archivo General de Centro América, que "
            "guarda los documentos históricos. Pida allí la consulta o las copias."
        ),
    ),
    ArchiveStatus.DESTRUIDO: (
        _("Destruido por expurgo"),
        _(
            "El expediente se destruyó en un expurgo autorizado, como consta en el acta. Ya no "
            "hay copias que hacer; en la ventanilla del archivo le dan una constancia del acta."
        ),
    ),
    ArchiveStatus.EXTRAVIADO: (
        _("Extraviado"),
        _(
            "El expediente se perdió, como consta en el acta. Pregunte en la ventanilla del "
            "archivo: si hace falta, el juzgado puede reponerlo."
        ),
    ),
}

RESERVED = _("Reservado")
RESERVED_EXPLAINED = _(
    "Es un asunto de familia, de niñez o un delito que la ley protege: el portal no da más "
    "datos. Solo las partes o sus abogados piden copias, en la ventanilla del archivo, con su "
    "DPI."
)

MATTERS: dict[ArchiveMatter, str] = {
    ArchiveMatter.CIVIL: _("Civil"),
    ArchiveMatter.PENAL: _("Penal"),
    ArchiveMatter.TRABAJO: _("Trabajo"),
    ArchiveMatter.ECONOMICO_COACTIVO: _("Económico-coactivo"),
}

#: each kind of proceedings: its name and what it is, in a citizen's words
PROCESSES: dict[ArchiveProcess, tuple[str, str]] = {
    ArchiveProcess.ORDINARIO: (
        _("Juicio ordinario civil"),
        _("Un juicio largo en el que dos partes discuten un derecho o una deuda."),
    ),
    ArchiveProcess.SUMARIO: (
        _("Juicio sumario"),
        _("Un juicio más corto, por ejemplo por un alquiler o la posesión de un terreno."),
    ),
    ArchiveProcess.EJECUTIVO: (
        _("Juicio ejecutivo"),
        _("Se cobra una deuda que consta en un documento, como un cheque o un pagaré."),
    ),
    ArchiveProcess.VOLUNTARIA: (
        _("Jurisdicción voluntaria"),
        _("Un trámite sin pleito, por ejemplo corregir una partida de nacimiento."),
    ),
    ArchiveProcess.SUCESORIO: (
        _("Proceso sucesorio"),
        _("Se reparte la herencia de una persona que murió."),
    ),
    ArchiveProcess.PENAL_COMUN: (
        _("Proceso penal"),
        _("Se juzgó un delito que acusó el Ministerio Público."),
    ),
    ArchiveProcess.FALTAS: (
        _("Juicio de faltas"),
        _("Se juzgó una falta menor, en un Juzgado de Paz."),
    ),
    ArchiveProcess.ORDINARIO_LABORAL: (
        _("Juicio ordinario laboral"),
        _("Un trabajador reclamó a su patrono, por ejemplo por un despido."),
    ),
    ArchiveProcess.COLECTIVO: (
        _("Conflicto colectivo de trabajo"),
        _("Un sindicato o un grupo de trabajadores y el patrono discutieron sus condiciones."),
    ),
    ArchiveProcess.ECONOMICO_COACTIVO: (
        _("Juicio económico-coactivo"),
        _("El Estado cobró una deuda, por ejemplo impuestos o una multa."),
    ),
}

ROLES: dict[ArchivePartyRole, str] = {
    ArchivePartyRole.ACTOR: _("Demandante o denunciante"),
    ArchivePartyRole.DEMANDADO: _("Demandado o sindicado"),
}

#: each request: its name (as a choice and on paper) and what it is
REQUESTS: dict[ArchiveRequestKind, tuple[str, str]] = {
    ArchiveRequestKind.CERTIFICACION: (
        _("Certificación"),
        _("Copia firmada y sellada por el archivo: vale ante juzgados, bancos y oficinas."),
    ),
    ArchiveRequestKind.COPIAS: (
        _("Copias simples"),
        _("Fotocopias sin firma ni sello, para leer o guardar."),
    ),
    ArchiveRequestKind.CONSTANCIA: (
        _("Constancia"),
        _("Una hoja firmada que dice que el expediente existe, dónde está y en qué estado."),
    ),
}

#: how each basis is said, with its price ({price}) and, per page, the pages of a folio
BASES: dict[ArchiveTariffBasis, str] = {
    ArchiveTariffBasis.POR_FOLIO: _("{price} por folio"),
    ArchiveTariffBasis.POR_PAGINA: _("{price} por página; cada folio son {pages} páginas"),
    ArchiveTariffBasis.FIJO: _("precio fijo"),
}

#: what is counted ("{units} folios", "{units} páginas"); a fixed price counts nothing
COUNTED: dict[ArchiveTariffBasis, str] = {
    ArchiveTariffBasis.POR_FOLIO: _("{units} folios"),
    ArchiveTariffBasis.POR_PAGINA: _("{units} páginas"),
}
