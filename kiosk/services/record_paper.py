"""A lookup's record on paper: what the screen shows (the flow's ``Detail``), in Spanish, on the
shared record paper (``kiosk.documents.render_record``). Spanish whatever the screen's language:
a paper outlives the language switch and goes to a court that reads Spanish."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from kiosk.flows.records import Detail, DetailRow
from kiosk.services.base import Rendered
from kiosk.text import Shown


def spanish_row(row: DetailRow) -> str:
    """The value and its explanation as one sentence after another (a value may end in a dot)."""
    value = str(row.value)
    if not row.explain:
        return value
    return f"{value if value.endswith('.') else value + '.'} {row.explain}"


def record_printout(
    name: str,
    job_title: str,
    detail: Detail,
    *,
    title: Shown,
    searched: Shown,
    kiosk_id: str,
    row_text: Callable[[DetailRow], str] = spanish_row,
    keep_row: Callable[[DetailRow], bool] = lambda _row: True,
) -> list[Rendered]:
    """One job: ``detail`` under ``title`` and what was ``searched``; ``name`` is its file in
    the session's folder and ``job_title`` its CUPS title (never personal data)."""
    from kiosk import documents  # reportlab: only when something is printed

    printed = documents.PrintedRecord(
        title=str(title),
        heading=str(detail.heading),
        searched=str(searched),
        printed_at=datetime.now(UTC),
        sections=tuple(
            documents.RecordSection(
                title=str(section.title),
                rows=tuple(
                    (str(row.label), row_text(row)) for row in section.rows if keep_row(row)
                ),
                timeline=tuple((day, str(what)) for day, what in section.timeline),
                note=str(section.note),
                entry_words=section.entry_words,
            )
            for section in detail.sections
        ),
        kiosk_id=kiosk_id,
    )
    return [Rendered(name, job_title, lambda: documents.render_record(printed))]
