"""The court table is consistent with kiosk.geography and close to the OJ's published structure."""

from __future__ import annotations

from collections import Counter

import pytest

from kiosk.courts import COURTS, Court, CourtKind, Matter, _build, court, courts_in
from kiosk.geography import DEPARTMENTS, Department, municipality_count


def _count(kind: CourtKind) -> int:
    return sum(1 for c in COURTS if c.kind is kind)


def test_total_and_counts_by_kind_are_in_the_published_ranges() -> None:
    assert 619 <= len(COURTS) <= 660
    assert _count(CourtKind.CSJ) == 1
    assert 28 <= _count(CourtKind.SALA) <= 32
    assert 210 <= _count(CourtKind.PRIMERA_INSTANCIA) <= 226
    assert 30 <= _count(CourtKind.SENTENCIA) <= 38
    assert 360 <= _count(CourtKind.PAZ) <= 380


def test_guatemala_department_has_by_far_the_most_courts() -> None:
    per_department = Counter(c.department for c in COURTS)
    first, second = per_department.most_common(2)
    assert first[0] == 1
    assert first[1] >= 2 * second[1]


def test_the_csj_sits_in_the_capital_and_hears_amparos_and_antejuicios() -> None:
    (csj,) = (c for c in COURTS if c.kind is CourtKind.CSJ)
    assert (csj.department, csj.municipality) == (1, 1)
    assert set(csj.matters) == {Matter.AMPARO, Matter.ANTEJUICIO, Matter.PENAL, Matter.CIVIL}
    assert csj.name == "Corte Suprema de Justicia"


def test_departments_and_municipalities_exist() -> None:
    for c in COURTS:
        assert 1 <= c.department <= len(DEPARTMENTS)
        assert 1 <= c.municipality <= municipality_count(c.department)
        assert 1 <= c.code <= 999


def test_ids_codes_and_names_are_unique() -> None:
    assert len({c.id for c in COURTS}) == len(COURTS)
    assert len({(c.department, c.code) for c in COURTS}) == len(COURTS)
    assert len({c.name for c in COURTS}) == len(COURTS)


def test_names_are_clean_and_every_court_hears_something() -> None:
    for c in COURTS:
        assert c.name == c.name.strip() and "  " not in c.name
        assert c.matters and len(set(c.matters)) == len(c.matters)


@pytest.mark.parametrize("dept", DEPARTMENTS, ids=lambda d: d.name)
def test_every_municipality_has_a_juzgado_de_paz(dept: Department) -> None:
    seats = {c.municipality for c in courts_in(dept.code, kind=CourtKind.PAZ)}
    assert seats == set(range(1, municipality_count(dept.code) + 1))


def test_busy_municipalities_have_more_than_one_juzgado_de_paz_and_some_are_de_turno() -> None:
    per_seat = Counter((c.department, c.municipality) for c in COURTS if c.kind is CourtKind.PAZ)
    assert per_seat[(1, 1)] >= 5
    assert sum(1 for n in per_seat.values() if n > 1) >= 10
    assert any("de Turno" in c.name for c in COURTS if c.kind is CourtKind.PAZ)


@pytest.mark.parametrize("code", [d.code for d in DEPARTMENTS])
def test_every_department_has_a_labour_court_of_first_instance(code: int) -> None:
    labour = courts_in(code, matter=Matter.TRABAJO, kind=CourtKind.PRIMERA_INSTANCIA)
    assert labour
    assert all("Trabajo" in c.name for c in labour)


@pytest.mark.parametrize("code", [d.code for d in DEPARTMENTS])
def test_every_department_has_penal_family_and_children_courts(code: int) -> None:
    for matter in (Matter.PENAL, Matter.FAMILIA, Matter.NINEZ):
        assert courts_in(code, matter=matter, kind=CourtKind.PRIMERA_INSTANCIA), matter
    assert courts_in(code, kind=CourtKind.SENTENCIA)


def test_capital_has_labour_appeal_chambers_and_high_risk_courts() -> None:
    labour_salas = courts_in(1, matter=Matter.TRABAJO, kind=CourtKind.SALA)
    assert len(labour_salas) >= 3
    assert all("Trabajo y Previsión Social" in c.name for c in labour_salas)
    assert courts_in(1, matter=Matter.MAYOR_RIESGO)
    assert len(courts_in(1, matter=Matter.FEMICIDIO)) >= 3


def test_mixed_courts_say_so_and_list_their_matters() -> None:
    mixed = [
        c for c in COURTS if c.kind is CourtKind.PRIMERA_INSTANCIA and Matter.MIXTO in c.matters
    ]
    assert mixed
    assert all(len(c.matters) >= 3 for c in mixed)


def test_court_id_is_department_and_code_zero_padded() -> None:
    c = Court(9, 11, 1, CourtKind.PAZ, (Matter.MIXTO,), "x")
    assert c.id == "09011"


@pytest.mark.parametrize(
    ("court_id", "department", "words"),
    [
        ("01001", 1, "Corte Suprema de Justicia"),
        ("01173", 1, "Juzgado Quinto de Primera Instancia de Trabajo y Previsión Social"),
        ("13004", 13, "Primera Instancia de Trabajo y Previsión Social"),
    ],
)
def test_known_codes(court_id: str, department: int, words: str) -> None:
    found = court(court_id)
    assert found.id == court_id and found.department == department
    assert words in found.name


def test_the_services_example_court_exists_in_quetzaltenango() -> None:
    assert court("09011").department == 9


@pytest.mark.parametrize("court_id", ["", "1173", "99001", "01999", "011730", "x"])
def test_unknown_ids_raise_key_error(court_id: str) -> None:
    with pytest.raises(KeyError):
        court(court_id)


def test_every_court_is_found_by_its_id() -> None:
    assert all(court(c.id) is c for c in COURTS)


def test_courts_in_filters_and_keeps_code_order() -> None:
    everything = courts_in(9)
    assert everything and all(c.department == 9 for c in everything)
    assert [c.code for c in everything] == sorted(c.code for c in everything)
    assert sum(len(courts_in(d.code)) for d in DEPARTMENTS) == len(COURTS)
    penal_paz = courts_in(9, matter=Matter.PENAL, kind=CourtKind.PAZ)
    assert penal_paz and all(
        Matter.PENAL in c.matters and c.kind is CourtKind.PAZ for c in penal_paz
    )
    assert courts_in(2, kind=CourtKind.CSJ) == ()


@pytest.mark.parametrize("bad", [0, 23, -1])
def test_courts_in_unknown_department(bad: int) -> None:
    with pytest.raises(ValueError, match="department"):
        courts_in(bad)


def test_the_table_is_deterministic() -> None:
    assert _build() == COURTS
