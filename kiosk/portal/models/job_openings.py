"""Gerencia de Recursos Humanos, the public part: the OJ's convocatorias (job openings) and their
results.

[F] OJ staff enter by competitive exam: administrative and auxiliary posts under the Ley de
Servicio Civil del Organismo Judicial (Decreto 48-99), judges under the Ley de la Carrera Judicial
(Decreto 32-2016, by the Consejo de la Carrera Judicial). [A] Everything else: a convocatoria is
numbered ``NNN-YYYY`` (one sequence a year, internal and external together), receives papers
between two moments (the closing hour matters), and publishes its results by application number,
never by name: a visitor finds their own with the number on the receipt of their papers.

Search: words (accent- and case-insensitive, singular or plural, ranked; the excerpt marks them),
open or closed, department; the detail by id; one application's result by its number.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, ExcerptPart
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime, Money

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50
QUERY_MAX_LENGTH = 80
APPLICATION_MAX = 99999
#: the canonical number of a convocatoria: three digits, a dash, the year
NUMBER_PATTERN = rf"^{DIGITS}{{3}}-{DIGITS}{{4}}$"

#: opaque: a convocatoria is found by a search or its number, never by walking ids
JobId = Annotated[str, Field(pattern=r"^jo_[0-9a-f]{16}$", examples=["jo_3f9a0c21d4e5b677"])]
JobNumber = Annotated[str, Field(pattern=NUMBER_PATTERN, examples=["015-2026"])]


class JobStatus(StrEnum):
    """Where a convocatoria stands for someone who wants to apply, by the portal's clock."""

    ABIERTA = "abierta"  # published; papers are received now or from a coming day
    CERRADA = "cerrada"  # its papers' deadline has passed (results pending or published)


class OpeningKind(StrEnum):
    EXTERNA = "externa"  # anyone who meets the requirements
    INTERNA = "interna"  # OJ staff only (a promotion or a transfer)


class HiringLaw(StrEnum):
    SERVICIO_CIVIL = "servicio_civil"  # Ley de Servicio Civil del OJ, Decreto 48-99
    CARRERA_JUDICIAL = "carrera_judicial"  # Ley de la Carrera Judicial, Decreto 32-2016


class JobPost(StrEnum):
    """The posts the OJ calls for (its own names are the kiosk's to say)."""

    OFICIAL_I = "oficial_i"
    OFICIAL_II = "oficial_ii"
    OFICIAL_III = "oficial_iii"
    NOTIFICADOR = "notificador"
    COMISARIO = "comisario"
    SECRETARIO = "secretario"  # secretario de juzgado de primera instancia
    JUEZ_PAZ = "juez_paz"
    INTERPRETE = "interprete"  # intérprete de un idioma maya
    PSICOLOGO = "psicologo"
    TRABAJADOR_SOCIAL = "trabajador_social"
    AUXILIAR_ADMINISTRATIVO = "auxiliar_administrativo"
    TECNICO_INFORMATICA = "tecnico_informatica"
    PILOTO = "piloto"
    AGENTE_SEGURIDAD = "agente_seguridad"
    CONSERJE = "conserje"


class JobDeliveryMode(StrEnum):
    PRESENCIAL = "presencial"  # papers handed in at an office, in its hours
    EN_LINEA = "en_linea"  # papers uploaded on the OJ's employment page


class ApplicationOutcome(StrEnum):
    """One application's result, as the published list says it."""

    NOMBRADO = "nombrado"  # passed and appointed to one of the places
    APROBADO = "aprobado"  # passed: on the list of eligibles (banco de elegibles)
    NO_APROBADO = "no_aprobado"  # took the exam and did not reach the pass mark
    NO_SE_PRESENTO = "no_se_presento"  # admitted, did not come to the exam
    NO_ADMITIDO = "no_admitido"  # papers incomplete or a requirement not met


class JobSummary(ApiModel):
    """One row of a search: enough to choose."""

    model_config = ConfigDict(strict=False)  # every field's type is strict already (see labor)

    id: JobId
    number: JobNumber
    kind: ByValue[OpeningKind]
    post: ByValue[JobPost]
    places: Integer = Field(ge=1, le=500, description="how many people will be hired")
    workplace: str = Field(max_length=200, description="the court or office, as the OJ names it")
    court_id: str | None = Field(
        default=None, pattern=rf"^{DIGITS}{{5}}$", description="DDCCC when it is a court"
    )
    department: Integer = Field(ge=1, le=22, description="kiosk.geography code")
    municipality: Integer = Field(ge=1, le=40, description="code within the department")
    salary: Money = Field(description="monthly starting salary, quetzales")
    status: ByValue[JobStatus]
    papers_from: IsoDateTime = Field(description="papers are received from this moment")
    papers_until: IsoDateTime = Field(description="and until this one (the closing hour)")
    results_on: IsoDate | None = Field(default=None, description="when results were published")
    excerpt: list[ExcerptPart] = Field(
        default_factory=list,
        max_length=40,
        description="where the searched words are (empty without words)",
    )


class JobPage(ApiModel):
    items: list[JobSummary]
    total: Integer = Field(ge=0, description="how many match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class JobDelivery(ApiModel):
    """Where and how papers are handed in."""

    mode: ByValue[JobDeliveryMode]
    office: str = Field(max_length=200, description="who receives them")
    address: str = Field(default="", max_length=300, description="in person: where")
    hours: str = Field(default="", max_length=200, description="in person: when, in Spanish")
    url: str | None = Field(default=None, max_length=300, description="online: the page")
    map_url: str | None = Field(default=None, max_length=300, description="a map of the office")


class JobResults(ApiModel):
    published_on: IsoDate
    applicants: Integer = Field(ge=0, description="applications received")
    admitted: Integer = Field(ge=0, description="met the requirements and were called")
    passed: Integer = Field(ge=0, description="reached the pass mark")
    appointed: Integer = Field(ge=0, description="appointed to a place")
    pass_mark: Integer = Field(ge=0, le=100, description="the lowest passing score, of 100")


class Job(ApiModel):
    """A convocatoria, all of it."""

    model_config = ConfigDict(strict=False)  # as JobSummary

    id: JobId
    number: JobNumber
    kind: ByValue[OpeningKind]
    post: ByValue[JobPost]
    law: ByValue[HiringLaw]
    places: Integer = Field(ge=1, le=500)
    workplace: str = Field(max_length=200)
    court_id: str | None = Field(default=None, pattern=rf"^{DIGITS}{{5}}$")
    department: Integer = Field(ge=1, le=22)
    municipality: Integer = Field(ge=1, le=40)
    salary: Money
    status: ByValue[JobStatus]
    published_on: IsoDate
    papers_from: IsoDateTime
    papers_until: IsoDateTime
    exam_at: IsoDateTime | None = Field(default=None, description="the written evaluation")
    requirements: list[str] = Field(max_length=20, description="each a sentence, in Spanish")
    documents: list[str] = Field(max_length=20, description="papers to hand in, in Spanish")
    delivery: JobDelivery
    results: JobResults | None = Field(default=None, description="once published")
    updated_at: IsoDateTime


class JobResult(ApiModel):
    """One application's result: by its number only (the list never holds a name)."""

    model_config = ConfigDict(strict=False)  # as JobSummary

    job_id: JobId
    number: JobNumber
    application: Integer = Field(ge=1, le=APPLICATION_MAX)
    outcome: ByValue[ApplicationOutcome]
    score: Integer | None = Field(default=None, ge=0, le=100, description="of 100, if examined")
    rank: Integer | None = Field(
        default=None, ge=1, description="place among those who passed, best first"
    )
    pass_mark: Integer = Field(ge=0, le=100)
    published_on: IsoDate


#: ?status= &q= (words) &department= &number= (NNN-YYYY) &limit= &cursor=
SEARCH_JOBS = Endpoint("GET", "/jobs", JobPage)
JOB = Endpoint("GET", "/jobs/{job_id}", Job)
JOB_RESULT = Endpoint("GET", "/jobs/{job_id}/results/{application}", JobResult)
