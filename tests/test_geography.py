"""The department/municipality table matches Guatemala's 22 departments and 340 municipalities."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.geography import (
    DEPARTMENTS,
    Department,
    department,
    municipality_count,
    municipality_name,
)

EXPECTED_COUNTS = (17, 8, 16, 16, 14, 14, 19, 8, 24, 21, 9, 30, 33, 21, 8, 17, 14, 5, 11, 11, 7, 17)
EXPECTED_NAMES = (
    "Guatemala", "El Progreso", "Sacatepéquez", "Chimaltenango", "Escuintla", "Santa Rosa",
    "Sololá", "Totonicapán", "Quetzaltenango", "Suchitepéquez", "Retalhuleu", "San Marcos",
    "Huehuetenango", "Quiché", "Baja Verapaz", "Alta Verapaz", "Petén", "Izabal", "Zacapa",
    "Chiquimula", "Jalapa", "Jutiapa",
)  # fmt: skip


def test_twenty_two_departments_in_code_order() -> None:
    assert len(DEPARTMENTS) == 22
    assert [d.code for d in DEPARTMENTS] == list(range(1, 23))
    assert tuple(d.name for d in DEPARTMENTS) == EXPECTED_NAMES


def test_three_hundred_forty_municipalities() -> None:
    assert sum(len(d.municipalities) for d in DEPARTMENTS) == 340


def test_counts_per_department() -> None:
    assert tuple(municipality_count(code) for code in range(1, 23)) == EXPECTED_COUNTS


@pytest.mark.parametrize("dept", DEPARTMENTS, ids=lambda d: d.name)
def test_names_are_clean_and_unique_within_department(dept: Department) -> None:
    names = dept.municipalities
    assert all(name and name == name.strip() and "  " not in name for name in names)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(
    ("dept", "muni", "name"),
    [
        (1, 1, "Guatemala"),
        (1, 8, "Mixco"),
        (1, 15, "Villa Nueva"),
        (3, 1, "Antigua Guatemala"),
        (5, 14, "Sipacate"),
        (9, 1, "Quetzaltenango"),
        (12, 30, "La Blanca"),
        (13, 33, "Petatán"),
        (16, 1, "Cobán"),
        (17, 1, "Flores"),
        (17, 13, "Las Cruces"),
        (17, 14, "El Chal"),
        (19, 11, "San Jorge"),
        (22, 17, "Quesada"),
    ],
)
def test_known_codes(dept: int, muni: int, name: str) -> None:
    assert municipality_name(dept, muni) == name


def test_department_lookup() -> None:
    assert department(1).name == "Guatemala"
    assert department(22).name == "Jutiapa"


@given(st.integers().filter(lambda n: not 1 <= n <= 22))
def test_unknown_department_is_value_error(code: int) -> None:
    with pytest.raises(ValueError, match="department"):
        department(code)
    with pytest.raises(ValueError, match="department"):
        municipality_count(code)


@given(st.data())
def test_municipality_codes_in_range(data: st.DataObject) -> None:
    dept = data.draw(st.integers(1, 22))
    count = municipality_count(dept)
    valid = data.draw(st.integers(1, count))
    assert municipality_name(dept, valid) == department(dept).municipalities[valid - 1]
    invalid = data.draw(st.integers().filter(lambda n: not 1 <= n <= count))
    with pytest.raises(ValueError, match="municipality"):
        municipality_name(dept, invalid)


def test_department_is_immutable() -> None:
    with pytest.raises(AttributeError):
        department(1).name = "Otro"  # type: ignore[misc]
