"""The laws the sandbox's Normativas y Resoluciones holds by their real number and title.

[F] The numbers, titles and issuing bodies below are those of real Guatemalan laws. [A] Their
sizes, their division in Títulos and Capítulos, their dates within the year and every word of
their text are the sandbox's (``legal_texts_writer``): each document the portal serves says so
in its ``note``. The laws are always seeded, at any volume (they are few, and the demo records of
the README are among them); acuerdos, circulars and rulings are generated at the volume asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.portal.models.legal_texts import LegalState

CONGRESO = "Congreso de la República de Guatemala"
CONSTITUYENTE = "Asamblea Nacional Constituyente"
JEFE_DE_GOBIERNO = "Jefe del Gobierno de la República"


@dataclass(frozen=True)
class LawSpec:
    slug: str  # the text's id
    number: str  # as the OJ writes it
    title: str
    year: int
    issuer: str
    topics: tuple[str, ...]  # legal_texts_topics keys: the first is what the law is about
    articles: int
    state: LegalState
    #: what repealed it (a law of this catalogue); a reformed law names its last reform, made
    #: by the writer
    state_by: str | None = None
    short_name: str = ""  # how a reform names it: «Ley del Organismo Judicial»


LAWS: tuple[LawSpec, ...] = (
    LawSpec("ley-2-89", "Decreto 2-89", "Ley del Organismo Judicial", 1989, CONGRESO,
            ("organizacion", "notificaciones", "horarios", "carrera", "disciplina", "tasas",
             "archivo", "expediente_electronico"), 240, LegalState.REFORMADA),
    LawSpec("ley-1441", "Decreto 1441", "Código de Trabajo", 1961, CONGRESO,
            ("trabajo", "notificaciones", "mediacion", "tasas", "servicio_civil"), 430,
            LegalState.REFORMADA),
    LawSpec("ley-51-92", "Decreto 51-92", "Código Procesal Penal", 1992, CONGRESO,
            ("penal", "notificaciones", "violencia_mujer", "amparo", "expediente_electronico"),
            300, LegalState.REFORMADA),
    LawSpec("decreto-ley-107", "Decreto Ley 107", "Código Procesal Civil y Mercantil", 1963,
            JEFE_DE_GOBIERNO, ("civil", "notificaciones", "familia", "tasas"), 180,
            LegalState.REFORMADA),
    LawSpec("ley-32-2016", "Decreto 32-2016", "Ley de la Carrera Judicial", 2016, CONGRESO,
            ("carrera", "disciplina", "capacitacion"), 90, LegalState.VIGENTE),
    LawSpec("ley-41-99", "Decreto 41-99", "Ley de la Carrera Judicial", 1999, CONGRESO,
            ("carrera", "disciplina", "capacitacion"), 48, LegalState.DEROGADA,
            state_by="Decreto 32-2016"),
    LawSpec("ley-48-99", "Decreto 48-99", "Ley de Servicio Civil del Organismo Judicial", 1999,
            CONGRESO, ("servicio_civil", "disciplina", "horarios"), 70, LegalState.VIGENTE),
    LawSpec("ley-57-2008", "Decreto 57-2008", "Ley de Acceso a la Información Pública", 2008,
            CONGRESO, ("informacion_publica", "archivo"), 72, LegalState.VIGENTE),
    LawSpec("ley-22-2008", "Decreto 22-2008",
            "Ley contra el Femicidio y otras Formas de Violencia contra la Mujer", 2008,
            CONGRESO, ("violencia_mujer",), 28, LegalState.VIGENTE),
    LawSpec("ley-1-86", "Decreto 1-86",
            "Ley de Amparo, Exhibición Personal y de Constitucionalidad", 1986, CONSTITUYENTE,
            ("amparo", "notificaciones"), 110, LegalState.REFORMADA),
    LawSpec("ley-27-2003", "Decreto 27-2003",
            "Ley de Protección Integral de la Niñez y Adolescencia", 2003, CONGRESO,
            ("ninez", "familia"), 64, LegalState.VIGENTE),
    LawSpec("ley-97-96", "Decreto 97-96",
            "Ley para Prevenir, Sancionar y Erradicar la Violencia Intrafamiliar", 1996,
            CONGRESO, ("violencia_mujer", "familia"), 15, LegalState.REFORMADA),
    LawSpec("ley-9-2009", "Decreto 9-2009",
            "Ley contra la Violencia Sexual, Explotación y Trata de Personas", 2009, CONGRESO,
            ("violencia_mujer", "penal"), 36, LegalState.VIGENTE),
    LawSpec("ley-67-95", "Decreto 67-95", "Ley de Arbitraje", 1995, CONGRESO,
            ("mediacion", "civil"), 50, LegalState.VIGENTE),
    LawSpec("ley-129-97", "Decreto 129-97", "Ley del Servicio Público de Defensa Penal", 1997,
            CONGRESO, ("penal",), 60, LegalState.VIGENTE),
    LawSpec("ley-40-94", "Decreto 40-94", "Ley Orgánica del Ministerio Público", 1994, CONGRESO,
            ("penal", "organizacion"), 80, LegalState.REFORMADA),
    LawSpec("ley-55-2010", "Decreto 55-2010", "Ley de Extinción de Dominio", 2010, CONGRESO,
            ("penal", "tasas"), 60, LegalState.VIGENTE),
    LawSpec("ley-89-2002", "Decreto 89-2002",
            "Ley de Probidad y Responsabilidades de Funcionarios y Empleados Públicos", 2002,
            CONGRESO, ("disciplina", "servicio_civil"), 40, LegalState.VIGENTE),
    LawSpec("ley-47-2008", "Decreto 47-2008",
            "Ley para el Reconocimiento de las Comunicaciones y Firmas Electrónicas", 2008,
            CONGRESO, ("expediente_electronico", "notificaciones"), 56, LegalState.VIGENTE),
)  # fmt: skip

#: the numbers a generated reform must not take (the catalogue's own)
TAKEN_NUMBERS = frozenset(law.number for law in LAWS)
