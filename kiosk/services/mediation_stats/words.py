"""Figures as people read them: numbers grouped by thousands with a space (13 482), a share as
«41 %», each matter named and explained, and the one sentence that says what a chart shows.

The space inside a number and before «%» is a no-break space: a number never breaks across two
lines on screen or on paper.
"""

from __future__ import annotations

from kiosk.flows.text import _
from kiosk.portal.models.mediation_stats import Matter
from kiosk.text import Shown, Text

NBSP = "\u00a0"

#: each matter: its name and what it covers, in a visitor's words
MATTERS: dict[Matter, tuple[str, str]] = {
    Matter.FAMILIA: (
        _("Familia"),
        _("Pensión alimenticia, visitas a los hijos, reparto de bienes."),
    ),
    Matter.CIVIL: (
        _("Civil"),
        _("Deudas, alquileres, contratos, linderos de terrenos."),
    ),
    Matter.PENAL: (
        _("Penal"),
        _("Delitos menores que las partes pueden arreglar, como amenazas o lesiones leves."),
    ),
    Matter.LABORAL: (
        _("Laboral"),
        _("Salarios, despidos y prestaciones, antes de ir a juicio."),
    ),
    Matter.COMUNITARIA: (
        _("Entre vecinos"),
        _("Ruido, agua, paso por un terreno, animales."),
    ),
    Matter.MERCANTIL: (
        _("Comercio"),
        _("Compras, ventas y créditos entre comerciantes."),
    ),
}


def count(value: int) -> str:
    """13482 as «13 482» (a no-break space between thousands)."""
    return f"{value:,}".replace(",", NBSP)


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as «41 %», rounded half up; «0 %» of nothing."""
    if whole <= 0:
        return f"0{NBSP}%"
    return f"{(200 * part + whole) // (2 * whole)}{NBSP}%"


def count_and_share(part: int, whole: int) -> str:
    """«6 199 (42 %)»."""
    return f"{count(part)} ({percent(part, whole)})"


def the_country() -> Text:
    return Text("todo el país")


def place_name(name: str | None) -> Shown:
    """A department by its name, or the whole country."""
    return name if name else the_country()


# --- the sentences: one per chart ------------------------------------------------------------


def mediation_bars_sentence(
    year: int, total: int, agreements: int, top: str, place: str | None, rank: int, own: int
) -> Text:
    """The year by department: the country's total and its agreements, who had the most, and
    where the chosen department stands."""
    if place is None:
        return Text(
            "En {year} hubo {total} mediaciones en todo el país y el {share} terminó en "
            "acuerdo; {top} tuvo la mayor cantidad.",
            year=str(year),
            total=count(total),
            share=percent(agreements, total),
            top=top,
        )
    if rank == 1:
        return Text(
            "En {year} hubo {total} mediaciones en todo el país; {place} tuvo la mayor "
            "cantidad: {own}.",
            year=str(year),
            total=count(total),
            place=place,
            own=count(own),
        )
    return Text(
        "En {year} hubo {total} mediaciones en todo el país; {place} tuvo {own}, el lugar "
        "{rank} de 22 departamentos.",
        year=str(year),
        total=count(total),
        place=place,
        own=count(own),
        rank=str(rank),
    )


def mediation_trend_sentence(years: list[int], started: list[int], place: Shown) -> Text:
    peak = years[max(range(len(years)), key=lambda i: (started[i], years[i]))]
    return Text(
        "De {first} a {last}, las mediaciones en {place} pasaron de {start} a {end} al año; "
        "el año con más fue {peak}.",
        first=str(years[0]),
        last=str(years[-1]),
        place=place,
        start=count(started[0]),
        end=count(started[-1]),
        peak=str(peak),
    )


def facilitator_bars_sentence(
    year: int,
    total: int,
    municipalities: int,
    top: str,
    place: str | None,
    own: int,
    own_municipalities: int,
    all_municipalities: int,
) -> Text:
    if place is None:
        return Text(
            "En {year} había {total} facilitadores judiciales en {municipalities} municipios "
            "del país; {top} tenía la mayor cantidad.",
            year=str(year),
            total=count(total),
            municipalities=count(municipalities),
            top=top,
        )
    if own == 0:
        return Text(
            "En {year} había {total} facilitadores judiciales en el país; {place} todavía no "
            "tenía ninguno.",
            year=str(year),
            total=count(total),
            place=place,
        )
    return Text(
        "En {year} había {total} facilitadores judiciales en el país; {place} tenía {own}, en "
        "{some} de sus {all} municipios.",
        year=str(year),
        total=count(total),
        place=place,
        own=count(own),
        some=count(own_municipalities),
        all=count(all_municipalities),
    )


def facilitator_trend_sentence(years: list[int], serving: list[int], place: Shown) -> Text:
    if not any(serving):
        return Text(
            "De {first} a {last} no hubo facilitadores judiciales en {place}.",
            first=str(years[0]),
            last=str(years[-1]),
            place=place,
        )
    return Text(
        "De {first} a {last}, los facilitadores judiciales en {place} pasaron de {start} a {end}.",
        first=str(years[0]),
        last=str(years[-1]),
        place=place,
        start=count(serving[0]),
        end=count(serving[-1]),
    )
