"""Consulta de Antejuicios: the antejuicios of Decreto 85-2002, found by number or by official.

An antejuicio decides whether a public official loses the immunity of the post for one matter, so
that an ordinary criminal court may investigate it. Public officials are public: a search by the
official's name or post answers the official's full name and post. The promovente, when a private
person, is shown by initials only. A reserved matter (sexual violence, violence against women,
children, family) never appears in a search by name, and by number answers its number and
``reserved`` only: none of its data is in the response.

Numbers are ``sequence-year`` (``413-2016``), the shape ``kiosk.case_numbers`` parses and writes;
the Corte Suprema de Justicia and each Sala de Apelaciones number their own, so one number may
belong to several bodies and a search answers a page.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50
QUERY_MAX_LENGTH = 80
QUERY_MAX_WORDS = 8

#: opaque and not enumerable: an antejuicio is found by its number or its official, never by id
AntejuicioId = Annotated[str, Field(pattern=r"^aj_[0-9a-f]{16}$", examples=["aj_3f9a0c21d4e5b677"])]


class Body(StrEnum):
    """Who decides, by the official's post (Decreto 85-2002)."""

    CONGRESO = "congreso"  # the highest officials; the CSJ screens the request first
    CSJ = "csj"  # diputados, alcaldes, magistrados de Sala, viceministros, ...
    SALA = "sala"  # jueces: a Sala de la Corte de Apelaciones


class PostKind(StrEnum):
    PRESIDENTE = "presidente"
    VICEPRESIDENTE = "vicepresidente"
    MINISTRO = "ministro"
    MAGISTRADO_CSJ = "magistrado_csj"
    MAGISTRADO_TSE = "magistrado_tse"
    MAGISTRADO_CC = "magistrado_cc"
    FISCAL_GENERAL = "fiscal_general"
    PROCURADOR_DDHH = "procurador_ddhh"
    CONTRALOR = "contralor"
    PROCURADOR_GENERAL = "procurador_general"
    DIPUTADO = "diputado"
    DIPUTADO_PARLACEN = "diputado_parlacen"
    VICEMINISTRO = "viceministro"
    SECRETARIO = "secretario"
    GOBERNADOR = "gobernador"
    ALCALDE = "alcalde"
    MAGISTRADO_SALA = "magistrado_sala"
    JUEZ = "juez"  # primera instancia or tribunal de sentencia
    JUEZ_PAZ = "juez_paz"


class AntejuicioStage(StrEnum):
    """Where the antejuicio is; the kiosk explains each one in a sentence."""

    EN_TRAMITE = "en_tramite"  # received; the body examines whether it goes on
    RECHAZADO_IN_LIMINE = "rechazado_in_limine"  # refused at the outset, without investigating
    JUEZ_PESQUISIDOR = "juez_pesquisidor"  # an investigating judge was named
    TRASLADADO_CONGRESO = "trasladado_congreso"  # the CSJ sent it to Congress, which decides
    COMISION_PESQUISIDORA = "comision_pesquisidora"  # Congress named an investigating commission
    HA_LUGAR = "ha_lugar"  # immunity lifted for this matter: the criminal courts go on
    NO_HA_LUGAR = "no_ha_lugar"  # immunity kept
    SIN_MATERIA = "sin_materia"  # the official left the post: nothing left to decide


class PromoventeKind(StrEnum):
    MINISTERIO_PUBLICO = "ministerio_publico"
    PARTICULAR = "particular"  # a private person: initials only


class Promovente(ApiModel):
    kind: ByValue[PromoventeKind]
    name: str = Field(
        max_length=120,
        description="the Ministerio Público and its office, or a private person's initials only",
        examples=["Ministerio Público, Fiscalía contra la Corrupción", "J. C. G. H."],
    )


class AntejuicioActuacion(ApiModel):
    on: IsoDate
    text: str = Field(max_length=300, description="what was done, in Spanish")


class AntejuicioSummary(ApiModel):
    """One line of a search's results. A reserved antejuicio carries its id, number and
    ``reserved`` only: every other field is null."""

    id: AntejuicioId
    number: str = Field(description="sequence-year, canonical", examples=["413-2016"])
    reserved: bool = False
    body: ByValue[Body] | None = None
    body_name: str | None = Field(default=None, description="who decides, by name")
    official: str | None = Field(default=None, description="the official's full name")
    post: str | None = Field(default=None, description="the post when the antejuicio was filed")
    filed_on: IsoDate | None = None
    stage: ByValue[AntejuicioStage] | None = None


class AntejuicioPage(ApiModel):
    items: list[AntejuicioSummary] = Field(description="newest first")
    total: Integer = Field(ge=0, description="how many antejuicios match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class Antejuicio(ApiModel):
    """An antejuicio's public record. Reserved: id, number and ``reserved`` only, the rest null
    or empty."""

    id: AntejuicioId
    number: str = Field(examples=["413-2016"])
    reserved: bool = False
    body: ByValue[Body] | None = None
    body_name: str | None = None
    court_id: str | None = Field(
        default=None,
        pattern=rf"^{DIGITS}{{5}}$",
        description="the OJ court that keeps the file (the CSJ, 01001, for Congress's too)",
    )
    official: str | None = None
    post: str | None = None
    post_kind: ByValue[PostKind] | None = None
    department: str | None = Field(default=None, description="where the official serves")
    alleged: str | None = Field(default=None, description="the crime the request alleges")
    promovente: Promovente | None = None
    filed_on: IsoDate | None = None
    stage: ByValue[AntejuicioStage] | None = None
    actuaciones: list[AntejuicioActuacion] = Field(
        default_factory=list, description="the latest things done (at most 12), newest first"
    )
    updated_at: IsoDateTime | None = Field(default=None, description="when it last changed")


#: ?number= (canonical sequence-year) &body= | ?q= (name or post words) &department= (1..22);
#: &limit= &cursor=. Exactly one of number and q.
SEARCH_ANTEJUICIOS = Endpoint("GET", "/antejuicios", AntejuicioPage)
ANTEJUICIO = Endpoint("GET", "/antejuicios/{antejuicio_id}", Antejuicio)
