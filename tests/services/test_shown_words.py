"""A record's words are data or a ``Text``: the screen shows a plain string as it is (a name, a
code), so a message written with ``_()`` there stays Spanish in English. This reads every
service module and finds ``_()`` where a record shows its words as they are."""

from __future__ import annotations

import ast
from pathlib import Path

import kiosk.services

#: what a record shows as it is: (positional indexes, keywords) per constructor
SHOWN_AS_IS = {
    "DetailRow": ({2, 3}, {"value", "explain"}),
    "DetailSection": ({1}, {"title", "note", "qr_caption"}),
    "ResultRow": ({1}, {"title"}),
    "Detail": ({0}, {"heading"}),
    "ResultsPage": ({3}, {"searched"}),
}


def _message(node: ast.expr) -> bool:
    branches = [node.body, node.orelse] if isinstance(node, ast.IfExp) else [node]
    return any(
        isinstance(b, ast.Call) and isinstance(b.func, ast.Name) and b.func.id == "_"
        for b in branches
    )


def messages_shown_as_data(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in SHOWN_AS_IS:
            continue
        positions, keywords = SHOWN_AS_IS[node.func.id]
        args = [a for i, a in enumerate(node.args) if i in positions]
        args += [k.value for k in node.keywords if k.arg in keywords]
        found += [f"{name}:{a.lineno} {node.func.id}" for a in args if _message(a)]
    return found


def test_no_record_shows_a_message_as_data() -> None:
    root = Path(kiosk.services.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        found += messages_shown_as_data(path.read_text(encoding="utf-8"), path.name)
    assert found == []


def test_the_check_finds_a_message_where_data_goes() -> None:
    source = 'DetailRow("a", _("Label"), value, _("Se explica."))\nDetailSection("s", _("T"))'
    assert messages_shown_as_data(source, "m.py") == ["m.py:1 DetailRow", "m.py:2 DetailSection"]
