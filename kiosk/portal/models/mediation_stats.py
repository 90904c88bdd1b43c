"""Estadísticas de Mediación y Facilitadores Judiciales: yearly figures by department.

Public and aggregate (SERVICES.md, Information): counts per year and department, never a
person. Two topics, each asked two ways, which is what the kiosk's record draws:

* a year's figures for the 22 departments (INE order) and the whole country: the bars;
* a department's (or the country's) figures over every published year: the trend.

Mediation is the OJ's Centros de Mediación: how many mediations started in the year, how many
ended in an agreement the parties signed, by matter, and how many centres worked. Facilitadores
judiciales (Decreto 12-2016) are community volunteers named by the jueces de paz: how many served,
in how many municipalities, how many people they attended and how many cases they took to the
juez de paz. A year is published once it is over; one not published yet is a 404
(``year_not_published``) whose detail names the latest.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import ByValue, Integer

#: [F] the first year the figures are published for
FIRST_YEAR = 2015
#: the years a request may name at all (a later one is not published yet: 404)
YEAR_MIN, YEAR_MAX = 2000, 2100
#: [A] statistics reads a kiosk may make in a minute (a record is two of them)
READS_PER_MINUTE = 60

DepartmentCode = Annotated[
    Integer, Field(ge=1, le=22, description="INE code: 1 Guatemala ... 22 Jutiapa")
]
Count = Annotated[Integer, Field(ge=0)]
Year = Annotated[Integer, Field(ge=YEAR_MIN, le=YEAR_MAX)]


class Matter(StrEnum):
    """What a mediation was about, as the centres report it."""

    FAMILIA = "familia"  # pensión alimenticia agreed, visits, division of goods
    CIVIL = "civil"  # debts, rents, contracts, property boundaries
    PENAL = "penal"  # delitos de acción privada o dependientes de instancia particular
    LABORAL = "laboral"  # wages, dismissal, benefits (before a labour claim)
    COMUNITARIA = "comunitaria"  # neighbours: noise, water, passage, animals
    MERCANTIL = "mercantil"  # between traders: sales, supply, credit


class MatterFigures(ApiModel):
    matter: ByValue[Matter]
    started: Count
    agreements: Count = Field(description="of those started, how many ended in an agreement")


class MediationFigures(ApiModel):
    """One place in one year."""

    started: Count = Field(description="mediations started in the year")
    agreements: Count = Field(description="of those, how many ended in a signed agreement")
    centres: Count = Field(description="mediation centres that worked in the year")
    matters: list[MatterFigures] = Field(description="every matter, in Matter's order")


class DepartmentMediation(MediationFigures):
    department: DepartmentCode
    name: str = Field(max_length=40, examples=["Quetzaltenango"])


class MediationYear(ApiModel):
    year: Year
    country: MediationFigures
    departments: list[DepartmentMediation] = Field(description="all 22, in INE order")


class MediationPoint(ApiModel):
    """A place's mediation figures in one year of a trend."""

    year: Year
    started: Count
    agreements: Count
    centres: Count


class MediationTrend(ApiModel):
    department: DepartmentCode | None = Field(description="null: the whole country")
    name: str | None = Field(max_length=40, description="the department's name; null: country")
    years: list[MediationPoint] = Field(description="every published year, oldest first")


class FacilitatorFigures(ApiModel):
    """One place in one year."""

    facilitators: Count = Field(description="facilitadores judiciales serving in the year")
    municipalities: Count = Field(description="municipalities with at least one of them")
    municipalities_total: Count = Field(description="the municipalities the place has")
    people_attended: Count = Field(description="people they advised or accompanied")
    cases_referred: Count = Field(description="cases they took to the juez de paz")


class DepartmentFacilitators(FacilitatorFigures):
    department: DepartmentCode
    name: str = Field(max_length=40, examples=["Huehuetenango"])


class FacilitatorYear(ApiModel):
    year: Year
    country: FacilitatorFigures
    departments: list[DepartmentFacilitators] = Field(description="all 22, in INE order")


class FacilitatorPoint(ApiModel):
    """A place's facilitadores in one year of a trend."""

    year: Year
    facilitators: Count
    municipalities: Count
    people_attended: Count
    cases_referred: Count


class FacilitatorTrend(ApiModel):
    department: DepartmentCode | None = Field(description="null: the whole country")
    name: str | None = Field(max_length=40, description="the department's name; null: country")
    municipalities_total: Count = Field(description="the municipalities the place has")
    years: list[FacilitatorPoint] = Field(description="every published year, oldest first")


#: a year's mediation figures, all 22 departments and the country
MEDIATION_YEAR = Endpoint("GET", "/mediation-stats/mediation/years/{year}", MediationYear)
#: ?department= (1-22; none: the country): its mediation figures over every published year
MEDIATION_TREND = Endpoint("GET", "/mediation-stats/mediation/trend", MediationTrend)
#: a year's facilitadores judiciales, all 22 departments and the country
FACILITATOR_YEAR = Endpoint("GET", "/mediation-stats/facilitators/years/{year}", FacilitatorYear)
#: ?department= (1-22; none: the country): its facilitadores over every published year
FACILITATOR_TREND = Endpoint("GET", "/mediation-stats/facilitators/trend", FacilitatorTrend)
