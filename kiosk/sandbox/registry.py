"""The RENAP-like civil registry of the sandbox: a DPI, its birth date and names as on the DPI."""

from __future__ import annotations

import sqlite3
from datetime import date

from kiosk.identity import names_match
from kiosk.sandbox.problems import ApiProblem


def find_person(conn: sqlite3.Connection, dpi: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute("SELECT * FROM persons WHERE dpi = ?", (dpi,)).fetchone()
    return row


def require_person(
    conn: sqlite3.Connection,
    dpi: str,
    birth_date: date,
    first_names: str | None = None,
    last_names: str | None = None,
) -> sqlite3.Row:
    """The person, or a problem that says which data does not match RENAP's record.

    A DPI RENAP does not know and a birth date that is not the DPI's get the same answer: the
    visitor checks both on the document either way, and nobody learns which numbers are real
    DPIs. The names are compared only once the DPI and the birth date match."""
    person = find_person(conn, dpi)
    if person is None or person["birth_date"] != birth_date.isoformat():
        raise ApiProblem(
            422,
            "renap_mismatch",
            "El DPI y la fecha de nacimiento no coinciden con el Registro Nacional de las "
            "Personas. Revíselos en su documento.",
            field="birth_date",
        )
    if first_names is not None and not names_match(first_names, person["first_names"]):
        raise ApiProblem(
            422,
            "renap_mismatch",
            "Los nombres no coinciden con los del DPI. Escríbalos tal como aparecen en él.",
            field="first_names",
        )
    if last_names is not None and not names_match(last_names, person["last_names"]):
        raise ApiProblem(
            422,
            "renap_mismatch",
            "Los apellidos no coinciden con los del DPI. Escríbalos tal como aparecen en él.",
            field="last_names",
        )
    return person


def full_name(person: sqlite3.Row) -> str:
    return f"{person['first_names']} {person['last_names']}"
