"""The record: the place's figures for the year, the year's departments as horizontal bars (the
chosen one set apart), the place's years as a trend (the chosen year set apart), each chart with
its numbers and one sentence, the matters of a mediation, and a lead to the directory to find a
centre or a facilitador nearby."""

from __future__ import annotations

from kiosk.flows.charts import Chart, ChartKind, ChartSeries
from kiosk.flows.lookup import FETCH
from kiosk.flows.model import Answers
from kiosk.flows.records import Detail, DetailRow, DetailSection, Lead
from kiosk.flows.text import _
from kiosk.portal.models.mediation_stats import (
    DepartmentFacilitators,
    DepartmentMediation,
    FacilitatorYear,
    MediationYear,
)
from kiosk.services.mediation_stats.actions import FacilitatorFigures, MediationFigures
from kiosk.services.mediation_stats.questions import FACILITATORS, MEDIATION, chosen_department
from kiosk.services.mediation_stats.words import (
    MATTERS,
    count,
    count_and_share,
    facilitator_bars_sentence,
    facilitator_trend_sentence,
    mediation_bars_sentence,
    mediation_trend_sentence,
    place_name,
)
from kiosk.text import Shown, Text

DIRECTORY = "directorio"  # the service a lead opens: it finds centres and facilitadores


def record(answers: Answers, results: dict[str, object]) -> Detail:
    figures = results.get(FETCH)
    department = chosen_department(answers)
    if isinstance(figures, MediationFigures):
        return mediation_record(figures, department)
    if isinstance(figures, FacilitatorFigures):
        return facilitator_record(figures, department)
    raise TypeError("fetch returns the figures of mediation or of facilitadores")


def directory_lead(label: Shown, kind: str, department: int | None) -> Lead:
    """«Buscar…» opens the directory by place, in the same department (the visitor picks the
    municipality there), for the kind of office asked."""
    answers = [("way", "place")]
    if department is not None:
        answers.append(("department", str(department)))
    answers.append(("kind", kind))
    return Lead("directory", label, DIRECTORY, tuple(answers))


def _highlighted(names: list[str], department: int | None, year: MediationYear | FacilitatorYear,
                 ) -> int | None:  # fmt: skip
    if department is None:
        return None
    return names.index(year.departments[department - 1].name)


# --- mediation -------------------------------------------------------------------------------


def mediation_record(figures: MediationFigures, department: int | None) -> Detail:
    year = figures.year
    scope = year.country if department is None else year.departments[department - 1]
    place = place_name(None if department is None else scope_name(year, department))
    rows = (
        DetailRow("started", _("Mediaciones"), count(scope.started)),
        DetailRow(
            "agreements",
            _("Terminaron en acuerdo"),
            count_and_share(scope.agreements, scope.started),
            Text("Las partes firmaron un acuerdo. En las demás no llegaron a uno o no volvieron."),
        ),
        DetailRow("centres", _("Centros de mediación"), count(scope.centres)),
    )
    matters = tuple(
        DetailRow(
            f"matter.{m.matter.value}",
            MATTERS[m.matter][0],
            count_and_share(m.started, scope.started),
            Text(MATTERS[m.matter][1]),  # an explanation is a Text: shown translated
        )
        for m in scope.matters
    )
    return Detail(
        Text("Mediación en {place}, {year}", place=place, year=str(year.year)),
        (
            DetailSection(
                "figures",
                Text("Las cifras de {year}", year=str(year.year)),
                rows=rows,
                note=Text(
                    "Mediar es buscar un acuerdo con ayuda de una persona neutral, sin juicio. "
                    "En los centros de mediación del Organismo Judicial es gratuito."
                ),
            ),
            DetailSection(
                "by_department",
                Text("Por departamento"),
                chart=mediation_bars(year, department),
            ),
            DetailSection(
                "by_year",
                Text("Año por año"),
                chart=mediation_trend(figures, place),
            ),
            DetailSection("matters", Text("De qué trataron"), rows=matters),
            DetailSection(
                "nearby",
                Text("¿Dónde hay un centro de mediación?"),
                note=Text(
                    "El directorio dice dónde está cada centro de mediación, su teléfono y su "
                    "horario."
                ),
                leads=(
                    directory_lead(Text("Buscar un centro de mediación"), MEDIATION, department),
                ),
            ),
        ),
    )


def scope_name(year: MediationYear | FacilitatorYear, department: int) -> str:
    return year.departments[department - 1].name


def mediation_bars(year: MediationYear, department: int | None) -> Chart:
    ranked: list[DepartmentMediation] = sorted(
        year.departments, key=lambda d: (-d.started, d.department)
    )
    names = [d.name for d in ranked]
    highlight = _highlighted(names, department, year)
    top = ranked[0].name
    own = year.departments[department - 1] if department is not None else None
    return Chart(
        ChartKind.BARS,
        Text("Mediaciones en {year}, por departamento", year=str(year.year)),
        tuple(names),
        (
            ChartSeries(
                Text("Mediaciones"),
                tuple(float(d.started) for d in ranked),
                tuple(count(d.started) for d in ranked),
            ),
            ChartSeries(
                Text("Terminaron en acuerdo"),
                tuple(float(d.agreements) for d in ranked),
                tuple(count(d.agreements) for d in ranked),
            ),
        ),
        mediation_bars_sentence(
            year.year,
            year.country.started,
            year.country.agreements,
            top,
            own.name if own else None,
            (highlight or 0) + 1,
            own.started if own else 0,
        ),
        unit=Text("mediaciones"),
        highlight=highlight,
    )


def mediation_trend(figures: MediationFigures, place: Shown) -> Chart:
    points = figures.trend.years
    years = [p.year for p in points]
    started = [p.started for p in points]
    return Chart(
        ChartKind.TREND,
        Text("Mediaciones por año en {place}", place=place),
        tuple(str(y) for y in years),
        (
            ChartSeries(
                Text("Mediaciones"),
                tuple(float(v) for v in started),
                tuple(count(v) for v in started),
            ),
            ChartSeries(
                Text("Terminaron en acuerdo"),
                tuple(float(p.agreements) for p in points),
                tuple(count(p.agreements) for p in points),
            ),
        ),
        mediation_trend_sentence(years, started, place),
        unit=Text("mediaciones"),
        highlight=years.index(figures.year.year) if figures.year.year in years else None,
    )


# --- facilitadores judiciales ------------------------------------------------------------------


def facilitator_record(figures: FacilitatorFigures, department: int | None) -> Detail:
    year = figures.year
    scope = year.country if department is None else year.departments[department - 1]
    place = place_name(None if department is None else scope_name(year, department))
    rows = (
        DetailRow("facilitators", _("Facilitadores judiciales"), count(scope.facilitators)),
        DetailRow(
            "municipalities",
            _("Municipios con facilitadores"),
            Text(
                "{some} de {all}",
                some=count(scope.municipalities),
                all=count(scope.municipalities_total),
            ),
        ),
        DetailRow("attended", _("Personas atendidas"), count(scope.people_attended)),
        DetailRow(
            "referred",
            _("Casos llevados al juez de paz"),
            count(scope.cases_referred),
            Text("Los demás se resolvieron en la comunidad, con la orientación del facilitador.")
            if scope.cases_referred
            else "",
        ),
    )
    note: Shown = Text(
        "Un facilitador judicial es una persona de la comunidad, nombrada por el juez de paz, "
        "que orienta gratis a sus vecinos y los acompaña al juzgado cuando hace falta."
    )
    if scope.facilitators == 0:  # nothing to count there yet: say so, and where to go instead
        note = Text(
            "En {year} todavía no había facilitadores judiciales en {place}. Para orientarse, "
            "acuda al juzgado de paz de su municipio: el directorio dice dónde está.",
            year=str(year.year),
            place=place,
        )
    return Detail(
        Text("Facilitadores judiciales en {place}, {year}", place=place, year=str(year.year)),
        (
            DetailSection(
                "figures", Text("Las cifras de {year}", year=str(year.year)), rows=rows, note=note
            ),
            DetailSection(
                "by_department",
                Text("Por departamento"),
                chart=facilitator_bars(year, department),
            ),
            DetailSection(
                "by_year",
                Text("Año por año"),
                chart=facilitator_trend(figures, place),
            ),
            DetailSection(
                "nearby",
                Text("¿Dónde hay un facilitador judicial?"),
                note=Text(
                    "Cada facilitador trabaja con el juzgado de paz de su municipio. El directorio "
                    "dice dónde buscarlos."
                ),
                leads=(
                    directory_lead(
                        Text("Buscar facilitadores judiciales"), FACILITATORS, department
                    ),
                ),
            ),
        ),
    )


def facilitator_bars(year: FacilitatorYear, department: int | None) -> Chart:
    ranked: list[DepartmentFacilitators] = sorted(
        year.departments, key=lambda d: (-d.facilitators, d.department)
    )
    names = [d.name for d in ranked]
    own = year.departments[department - 1] if department is not None else None
    return Chart(
        ChartKind.BARS,
        Text("Facilitadores judiciales en {year}, por departamento", year=str(year.year)),
        tuple(names),
        (
            ChartSeries(
                Text("Facilitadores judiciales"),
                tuple(float(d.facilitators) for d in ranked),
                tuple(count(d.facilitators) for d in ranked),
            ),
        ),
        facilitator_bars_sentence(
            year.year,
            year.country.facilitators,
            year.country.municipalities,
            ranked[0].name,
            own.name if own else None,
            own.facilitators if own else 0,
            own.municipalities if own else 0,
            own.municipalities_total if own else 0,
        ),
        unit=Text("facilitadores"),
        highlight=_highlighted(names, department, year),
    )


def facilitator_trend(figures: FacilitatorFigures, place: Shown) -> Chart:
    points = figures.trend.years
    years = [p.year for p in points]
    serving = [p.facilitators for p in points]
    return Chart(
        ChartKind.TREND,
        Text("Facilitadores judiciales por año en {place}", place=place),
        tuple(str(y) for y in years),
        (
            ChartSeries(
                Text("Facilitadores judiciales"),
                tuple(float(v) for v in serving),
                tuple(count(v) for v in serving),
            ),
        ),
        facilitator_trend_sentence(years, serving, place),
        unit=Text("facilitadores"),
        highlight=years.index(figures.year.year) if figures.year.year in years else None,
    )
