"""Seeded persons, read straight from a sandbox's database, for tests that make accounts."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.sandbox.app import DATABASE_FILE


@dataclass(frozen=True)
class Person:
    dpi: str
    birth_date: date


def person_without_account(data_dir: Path) -> Person:
    """A seeded person with no account yet (and no review), picked at random."""
    with closing(sqlite3.connect(data_dir / DATABASE_FILE)) as conn:
        row = conn.execute(
            "SELECT p.dpi, p.birth_date FROM persons p LEFT JOIN accounts a ON a.dpi = p.dpi "
            "WHERE a.id IS NULL AND p.review = 0 ORDER BY random() LIMIT 1"
        ).fetchone()
    return Person(row[0], date.fromisoformat(row[1]))
