"""What a flow step shows, as tests compare it: its codes as (label, value) pairs and its words
in Spanish."""

from __future__ import annotations

from kiosk.flows.engine import FlowRun


def shown_codes(run: FlowRun) -> tuple[tuple[str, str], ...]:
    return tuple((code.label, code.value) for code in run.codes())


def body_of(run: FlowRun) -> str:
    """The words of the current info or confirmation step, in Spanish, paragraphs joined."""
    return "\n\n".join(str(part) for part in run.body())
