"""Case numbers: what people type parses back to one canonical value, or to a plain error."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kiosk.case_numbers import (
    MESSAGES,
    CaseNumber,
    CaseNumberError,
    build_case_number,
    court_of,
    parse_case_number,
)

THIS_YEAR = 2026


def parse(text: str) -> CaseNumber:
    return parse_case_number(text, this_year=THIS_YEAR)


# --- the examples of SERVICES.md and other real-world spellings --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09011-2012-00051", CaseNumber(2012, 51, department=9, court=11)),
        ("C-485-2011", CaseNumber(2011, 485)),
        ("00485-2011", CaseNumber(2011, 485)),  # a leading zero, but department 00: a court's own
        ("12345-2011", CaseNumber(2011, 12345)),
        ("26-2000 Of. 2º", CaseNumber(2000, 26, office=2)),
        ("Ordinario Laboral No. 46-06 Of. 1º", CaseNumber(2006, 46, office=1)),
        ("1146-2022", CaseNumber(2022, 1146)),
        ("413-2016", CaseNumber(2016, 413)),
        ("C-01173-2019-00123", CaseNumber(2019, 123, department=1, court=173)),
        ("1-173-2019-123", CaseNumber(2019, 123, department=1, court=173)),
        ("Cj: 1173.2019.123", CaseNumber(2019, 123, department=1, court=173)),
        ("expediente 01173 2019 123", CaseNumber(2019, 123, department=1, court=173)),
        ("01173/2019/00123", CaseNumber(2019, 123, department=1, court=173)),
        ("01173201900123", CaseNumber(2019, 123, department=1, court=173)),
        ("01173–2019—00123", CaseNumber(2019, 123, department=1, court=173)),
        ("  Exp. 13004-2023- 00530 ", CaseNumber(2023, 530, department=13, court=4)),
        ("01173-2016-07137, Oficial 1º", CaseNumber(2016, 7137, department=1, court=173)),
        ("c485-2011", CaseNumber(2011, 485)),
        ("No.485/2011", CaseNumber(2011, 485)),
        ("Nº 485-2011", CaseNumber(2011, 485)),
        ("485-2011 of 2", CaseNumber(2011, 485, office=2)),
        ("485-2011 OF.2°", CaseNumber(2011, 485, office=2)),
        ("485-2011 Of. 2o", CaseNumber(2011, 485, office=2)),
        ("485-2011 Of. 3er", CaseNumber(2011, 485, office=3)),
        ("485-2011 oficial II", CaseNumber(2011, 485, office=2)),
        ("485-2011 Oficial segundo", CaseNumber(2011, 485, office=2)),
        ("485-2011 oficial Séptimo", CaseNumber(2011, 485, office=7)),
        ("Of. 4 485-2011", CaseNumber(2011, 485, office=4)),
        ("０４８５－２０１１", CaseNumber(2011, 485)),  # full-width digits and dash
    ],
)
def test_real_world_spellings(text: str, expected: CaseNumber) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "year"),
    [("46-06", 2006), ("485-99", 1999), ("485-00", 2000), ("485-26", 2026), ("485-27", 1927)],
)
def test_two_digit_years_expand_around_this_year(text: str, year: int) -> None:
    assert parse(text).year == year


def test_canonical_text() -> None:
    assert str(parse("1-173-2019-123")) == "01173-2019-00123"
    assert str(parse("C-485-2011")) == "485-2011"
    assert str(parse("26-2000 Of. 2º")) == "26-2000 Of. 2"
    assert str(parse("Ordinario Laboral No. 46-06 Of. 1º")) == "46-2006 Of. 1"


def test_properties() -> None:
    sgt = parse("09011-2012-00051")
    assert sgt.is_sgt and sgt.court_id == "09011" and sgt.office is None
    legacy = parse("26-2000 Of. 2º")
    assert not legacy.is_sgt and legacy.court_id is None and legacy.office == 2


def test_the_desk_after_an_sgt_number_is_dropped() -> None:
    assert parse("01173-2016-07137 Of. 1º").office is None


def test_inconsistent_values_are_refused() -> None:
    with pytest.raises(ValueError, match="both"):
        CaseNumber(2019, 1, department=1)
    with pytest.raises(ValueError, match="office"):
        CaseNumber(2019, 1, department=1, court=173, office=2)


def test_court_of() -> None:
    found = court_of(parse("01173-2016-07137"))
    assert found is not None and found.id == "01173" and "Trabajo" in found.name
    assert court_of(parse("485-2011")) is None
    assert court_of(parse("22999-2019-1")) is None  # a valid number for a court we do not list


# --- errors: one example per code, in plain Spanish ----------------------------------------------

ERROR_EXAMPLES = [
    ("", "empty", {}),
    ("   ", "empty", {}),
    ("expediente", "empty", {}),
    ("O1173-2019-00123", "not_digits", {"character": "O"}),
    ("01173-2O19-00123", "not_digits", {"character": "O"}),
    ("485-2011x", "not_digits", {"character": "x"}),
    ("485", "missing_year", {}),
    ("4852011", "missing_separators", {}),
    ("1-2-3-4-5", "too_many_parts", {}),
    ("173-2019-00123", "missing_department", {}),
    ("01-173-2019", "missing_sequence", {}),
    ("01173-2019", "missing_sequence", {}),  # DDCCC-YYYY: an SGT number cut short
    ("C-09006-2025", "missing_sequence", {}),
    ("23001-2019-00001", "department", {"department": "23"}),
    ("00173-2019-00001", "department", {"department": "00"}),
    ("123456-2019-00001", "court_digits", {"part": "123456"}),
    ("1-1730-2019-5", "court_digits", {"part": "1-1730"}),
    ("01000-2019-00001", "court_range", {"court": "000"}),
    ("485-201", "year_digits", {"year": "201"}),
    ("01173-2030-00001", "year_future", {"year": 2030}),
    ("485-1899", "year_too_old", {"year": 1899}),
    ("01173-2001-00001", "sgt_before_2006", {"year": 2001}),
    ("01173-2019-123456", "sequence_digits", {"sequence": "123456", "length": 6}),
    ("0-2011", "sequence_zero", {}),
    ("485-2011 Of. 12", "office_range", {"office": "12"}),
    ("485-2011 of 0", "office_range", {"office": "0"}),
]


@pytest.mark.parametrize(("text", "code", "params"), ERROR_EXAMPLES)
def test_errors(text: str, code: str, params: dict[str, object]) -> None:
    with pytest.raises(CaseNumberError) as caught:
        parse(text)
    error = caught.value
    assert (error.code, error.params) == (code, params)
    assert error.message == MESSAGES[code].format(**params) == str(error)
    assert isinstance(error, ValueError)


def test_every_message_has_an_example() -> None:
    build_only: set[str] = set()
    assert {code for _text, code, _params in ERROR_EXAMPLES} | build_only == set(MESSAGES)


def test_the_wording_the_screens_rely_on() -> None:
    with pytest.raises(CaseNumberError) as caught:
        parse("23001-2019-1")
    assert str(caught.value) == "El número empieza con el departamento, de 01 a 22; 23 no existe."
    with pytest.raises(CaseNumberError) as caught:
        parse("485")
    assert str(caught.value) == "Falta el año: por ejemplo 485-2011."
    with pytest.raises(CaseNumberError) as caught:
        parse("01173-2001-1")
    assert "desde 2006" in str(caught.value) and "485-2001" in str(caught.value)


# --- building the number step by step ------------------------------------------------------------


def test_build_case_number() -> None:
    number = build_case_number(1, 173, 2019, 123, this_year=THIS_YEAR)
    assert str(number) == "01173-2019-00123"
    assert parse(str(number)) == number


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((0, 173, 2019, 1), "department"),
        ((23, 173, 2019, 1), "department"),
        ((1, 0, 2019, 1), "court_range"),
        ((1, 1000, 2019, 1), "court_range"),
        ((1, 173, 2027, 1), "year_future"),
        ((1, 173, 2005, 1), "sgt_before_2006"),
        ((1, 173, 1899, 1), "year_too_old"),
        ((1, 173, 2019, 0), "sequence_zero"),
        ((1, 173, 2019, 100_000), "sequence_digits"),
    ],
)
def test_build_case_number_errors(args: tuple[int, int, int, int], code: str) -> None:
    with pytest.raises(CaseNumberError) as caught:
        build_case_number(*args, this_year=THIS_YEAR)
    assert caught.value.code == code


# --- properties ----------------------------------------------------------------------------------

sgt_numbers = st.builds(
    CaseNumber,
    year=st.integers(2006, THIS_YEAR),
    sequence=st.integers(1, 99_999),
    department=st.integers(1, 22),
    court=st.integers(1, 999),
)
legacy_numbers = st.builds(
    CaseNumber,
    year=st.integers(1900, THIS_YEAR),
    sequence=st.integers(1, 99_999),
    office=st.none() | st.integers(1, 9),
)
case_numbers = sgt_numbers | legacy_numbers

SEPARATORS = ["-", " ", ".", "/", " - ", " / ", "–", "—", "‐", "−", "  ", "- "]
PREFIXES = [
    "", "C-", "c-", "C ", "C", "Cj:", "cj: ", "Exp. ", "exp.", "No. ", "No.", "N° ", "Nº ",
    "expediente ", "Expediente No. ", "Ordinario Laboral No. ", "Expediente número ",
]  # fmt: skip
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
WORDS = [
    "primero",
    "segundo",
    "tercero",
    "cuarto",
    "quinto",
    "sexto",
    "séptimo",
    "octavo",
    "noveno",
]
OFFICE_FORMS = [
    " Of. {n}º", " Of. {n}°", " of {n}", " Of.{n}", " OF. {n}o", " Oficial {n}º", " Of. {n}",
    ", Of. {n}º", " oficial {roman}", " Of. {roman}", " oficial {word}",
]  # fmt: skip


def _number(draw: st.DrawFn, value: int, width: int) -> str:
    return str(value).zfill(width) if draw(st.booleans()) else str(value)


def _year(draw: st.DrawFn, year: int) -> str:
    short = year % 100
    expands_back = (2000 if short <= THIS_YEAR % 100 else 1900) + short == year
    return f"{short:02d}" if expands_back and draw(st.booleans()) else str(year)


@st.composite
def typed(draw: st.DrawFn, number: CaseNumber) -> str:
    """``number`` as a person might type it."""
    sep = [draw(st.sampled_from(SEPARATORS)) for _ in range(3)]
    if number.department is not None and number.court is not None:
        form = draw(st.sampled_from(["joined", "apart", "compact"]))
        if form == "compact":
            core = f"{number.department:02d}{number.court:03d}{number.year}{number.sequence:05d}"
        else:
            if form == "joined":
                head = f"{number.department:02d}{number.court:03d}"
                head = head.lstrip("0") if draw(st.booleans()) else head
            else:
                head = _number(draw, number.department, 2) + sep[2]
                head += _number(draw, number.court, 3)
            year, sequence = _year(draw, number.year), _number(draw, number.sequence, 5)
            core = f"{head}{sep[0]}{year}{sep[1]}{sequence}"
    else:
        # padded to 4 at most: five digits with a leading zero read as DDCCC, an SGT court
        core = f"{_number(draw, number.sequence, 4)}{sep[0]}{_year(draw, number.year)}"
        if number.office is not None:
            form = draw(st.sampled_from(OFFICE_FORMS))
            n = number.office
            core += form.format(n=n, roman=ROMAN[n - 1], word=WORDS[n - 1])
    text = draw(st.sampled_from(PREFIXES)) + core + draw(st.sampled_from(["", " ", ".", "  "]))
    case = draw(st.sampled_from(["as typed", "upper", "lower"]))
    text = text.upper() if case == "upper" else text.lower() if case == "lower" else text
    return draw(st.sampled_from(["", " ", "\t"])) + text


@given(st.data())
@settings(max_examples=500)
def test_typed_forms_parse_back_to_the_same_number(data: st.DataObject) -> None:
    number = data.draw(case_numbers)
    text = data.draw(typed(number))
    assert parse(text) == number, text


@given(case_numbers)
def test_canonical_text_parses_back(number: CaseNumber) -> None:
    assert parse(str(number)) == number


NOISY = st.text(
    alphabet=st.sampled_from(list("0123456789-./ ,:ofOFcjCJºª°ivxIVXNnoExpé\u2013\u2014\t_")),
    max_size=40,
)


PIECES = st.lists(
    st.text(alphabet="0123456789", min_size=1, max_size=8)
    | st.sampled_from([*SEPARATORS, *PREFIXES, " Of. 2º", " of 12", "oficial ix", "O", "x", "º"]),
    max_size=9,
).map("".join)


@given(st.text() | NOISY | PIECES)
@settings(max_examples=500)
@example("9" * 5000)
@example("0" * 5000 + "1-2019")
@example("485-" + "0" * 5000 + "2019")
@example("1-" + "0" * 5000 + "173-2019-1")
@example("485-2011 of " + "0" * 5000 + "2")
@example("of of of 1")
def test_anything_typed_either_parses_idempotently_or_raises_case_number_error(text: str) -> None:
    try:
        number = parse(text)
    except CaseNumberError as error:
        failure: CaseNumberError | None = error
    else:
        failure = None
    if failure is not None:
        assert failure.code in MESSAGES and failure.message
        return
    assert parse(str(number)) == number
    assert parse_case_number(str(number), this_year=number.year) == number
