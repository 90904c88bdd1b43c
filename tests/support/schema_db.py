"""A sandbox service's tables alone, for tests of its seed and queries without a running portal."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def schema_db(schema: str, path: Path | str = ":memory:") -> sqlite3.Connection:
    """A connection to ``path`` (memory by default) holding the tables ``schema`` creates."""
    conn = sqlite3.connect(path)
    for statement in schema.split(";"):
        if statement.strip():
            conn.execute(statement)
    return conn
