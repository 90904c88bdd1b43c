"""Collect every translatable Spanish text from the code and merge it into the .po catalogs.

Usage: ``python -m kiosk.i18n_extract`` updates ``resources/i18n/en.po`` from ``kiosk/``;
``--check`` writes nothing and exits 1 listing the texts with no English translation yet.

What counts as a text (read with ``ast``; nothing is imported):

* the first argument of ``_("…")``, ``tr("…")``, ``translate("…")`` and ``i18n.tr("…")`` when it is
  a string literal (implicit concatenation included); an f-string, ``"…".format()``, ``%`` or ``+``
  there is an error, because the result cannot be looked up: use ``{placeholders}`` and params;
* the values of a module-level ``MESSAGES`` dict literal (``kiosk/identity.py``,
  ``kiosk/seals/reasons.py``), string literals or names of module-level string constants;
* in ``kiosk/flows/`` and ``kiosk/services/``, string literals passed as ``label=``, ``title=``,
  ``hint=``, ``intro=``, ``body=``, ``busy_text=`` or ``required_message=`` (flows are data).
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.i18n import PoEntry, catalog_from_entries, parse_po

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CATALOG = PACKAGE_DIR.parent / "resources" / "i18n" / "en.po"
SKIPPED_DIRS = frozenset({"sandbox", "resources", "__pycache__"})  # the sandbox is the portal
MARKERS = frozenset({"_", "tr", "translate", "label", "button", "Text"})  # + the screens' helpers
FLOW_KEYWORDS = frozenset(
    {"label", "title", "hint", "intro", "body", "busy_text", "required_message"}
)
_PLACEHOLDER = re.compile(r"(?<!\{)\{[A-Za-z_][^{}]*\}")
_HEADER = (
    "Language: {language}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
)


@dataclass
class Message:
    msgid: str
    references: list[str] = field(default_factory=list)  # "path:line", first = where it sorts


@dataclass(frozen=True)
class Stats:
    messages: int  # live entries written
    added: int  # new msgids, with an empty msgstr
    obsolete: int  # #~ entries written (no longer in the code)
    untranslated: int  # live entries with no usable translation


class ExtractionError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def python_files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
                found += [Path(root) / name for name in sorted(names) if name.endswith(".py")]
        else:
            found.append(path)
    return found


def _reference(path: Path, root: Path, line: int) -> str:
    try:
        shown = path.resolve().relative_to(root.resolve())
    except ValueError:
        shown = path
    return f"{shown.as_posix()}:{line}"


def _is_marker(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in MARKERS
    return (
        isinstance(func, ast.Attribute)
        and func.attr in ("tr", "translate")
        and isinstance(func.value, ast.Name)
        and func.value.id == "i18n"
    )


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _untranslatable(node: ast.expr) -> str | None:
    """Why ``node`` is a text that was built before translation, or None."""
    if isinstance(node, ast.JoinedStr):
        return "an f-string cannot be translated; use {placeholders} and tr(text, name=value)"
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant | ast.JoinedStr)
    ):
        return "translate the text, then format it: tr(text, name=value)"
    if isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right)):
        return "a text built with + or % cannot be translated; use {placeholders}"
    return None


def _assignments(tree: ast.Module) -> Iterator[tuple[str, ast.expr]]:
    """(name, value) of each module-level ``NAME = value`` or ``NAME: type = value``."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target: ast.expr = node.targets[0]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target = node.target
        else:
            continue
        if isinstance(target, ast.Name) and node.value is not None:
            yield target.id, node.value


def _scan_file(path: Path, root: Path, found: dict[str, Message], problems: list[str]) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parts = path.resolve().parts
    in_flows = any(
        parts[i : i + 2] in (("kiosk", "flows"), ("kiosk", "services"))
        for i in range(len(parts) - 1)
    )

    def add(text: str, line: int) -> None:
        if not text:
            return
        reference = _reference(path, root, line)
        message = found.setdefault(text, Message(text))
        if reference not in message.references:
            message.references.append(reference)

    def check(node: ast.expr) -> bool:
        """Add a literal text; report a pre-built one. True if ``node`` was a text at all."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            add(node.value, node.lineno)
            return True
        problem = _untranslatable(node)
        if problem is not None:
            problems.append(f"{_reference(path, root, node.lineno)}: {problem}")
        return problem is not None

    constants = {
        name: (value.value, value.lineno)
        for name, value in _assignments(tree)
        if isinstance(value, ast.Constant) and isinstance(value.value, str)
    }
    for name, table in _assignments(tree):
        if name == "MESSAGES" and isinstance(table, ast.Dict):
            for item in table.values:
                if isinstance(item, ast.Name) and item.id in constants:
                    add(*constants[item.id])
                elif isinstance(item, ast.Call) and _is_marker(item):
                    continue  # ``_("…")``: the marker walk collects it
                elif not check(item):
                    where = _reference(path, root, item.lineno)
                    problems.append(f"{where}: a MESSAGES value must be a string literal")
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        if _is_marker(call) and call.args:
            check(call.args[0])
        if in_flows:
            for keyword in call.keywords:
                if keyword.arg in FLOW_KEYWORDS:
                    check(keyword.value)


def scan(paths: list[Path], root: Path | None = None) -> tuple[list[Message], list[str]]:
    """(messages sorted by first reference, problems as "path:line: what to do")."""
    root = Path.cwd() if root is None else root
    found: dict[str, Message] = {}
    problems: list[str] = []
    for path in python_files(paths):
        _scan_file(path, root, found, problems)
    for message in found.values():
        message.references.sort(key=_reference_order)
    return sorted(found.values(), key=_message_order), problems


def extract(paths: list[Path], root: Path | None = None) -> list[Message]:
    """Every translatable text under ``paths``; ExtractionError lists texts that cannot be."""
    messages, problems = scan(paths, root)
    if problems:
        raise ExtractionError(problems)
    return messages


def _reference_order(reference: str) -> tuple[str, int]:
    path, _sep, line = reference.rpartition(":")
    return (path, int(line)) if line.isdigit() else (reference, 0)


def _message_order(message: Message) -> tuple[str, int, str]:
    first = _reference_order(message.references[0]) if message.references else ("", 0)
    return (*first, message.msgid)


# --- writing the catalog -------------------------------------------------------------------------


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\r", "\\r").replace("\n", "\\n") + '"'


def _chunks(text: str, width: int = 76) -> list[str]:
    """Split after each line break and at spaces so quoted lines stay under 80 columns."""
    chunks: list[str] = []
    for line in text.splitlines(keepends=True):
        while len(_quote(line)) > width:
            cut = line.rfind(" ", 0, width - 8) + 1 or width - 8
            chunks.append(line[:cut])
            line = line[cut:]
        chunks.append(line)
    return chunks


def _keyword(keyword: str, text: str) -> list[str]:
    single = f"{keyword} {_quote(text)}"
    if len(single) <= 79 and "\n" not in text.rstrip("\n"):
        return [single]
    return [f'{keyword} ""', *(_quote(chunk) for chunk in _chunks(text))]


def _render(entry: PoEntry) -> list[str]:
    lines = [f"# {comment}".rstrip() for comment in entry.comments]
    if not entry.obsolete:
        lines += [f"#: {reference}" for reference in entry.references]
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    body = [] if entry.msgctxt is None else _keyword("msgctxt", entry.msgctxt)
    body += _keyword("msgid", entry.msgid) + _keyword("msgstr", entry.msgstr)
    lines += [f"#~ {line}" for line in body] if entry.obsolete else body
    return lines


def update_catalog(po_path: Path, messages: list[Message]) -> Stats:
    """Merge ``messages`` into ``po_path``: keep translations, add new ones, retire the rest."""
    old = parse_po(po_path.read_text(encoding="utf-8")) if po_path.exists() else []
    header = next((e for e in old if not e.msgid and not e.obsolete), None)
    live = {(e.msgctxt, e.msgid): e for e in old if e.msgid and not e.obsolete}
    retired = {(e.msgctxt, e.msgid): e for e in old if e.msgid and e.obsolete}
    entries: list[PoEntry] = []
    used: set[tuple[str | None, str]] = set()
    for message in sorted(messages, key=_message_order):
        key = (None, message.msgid)
        if key in used:
            continue
        previous = live.get(key) or retired.get(key)
        used.add(key)
        flags = [f for f in (previous.flags if previous else ()) if f != "python-brace-format"]
        if _PLACEHOLDER.search(message.msgid):
            flags.append("python-brace-format")
        entries.append(
            PoEntry(
                msgid=message.msgid,
                msgstr=previous.msgstr if previous else "",
                flags=tuple(flags),
                references=tuple(message.references),
                comments=previous.comments if previous else (),
            )
        )
    gone = {**retired, **live}  # a live entry wins over an obsolete copy of itself
    obsolete = sorted(
        (
            replace(entry, references=(), obsolete=True)
            for key, entry in gone.items()
            if key not in used and entry.msgstr  # nothing to keep from an untranslated one
        ),
        key=lambda e: (e.msgid, e.msgctxt or ""),
    )
    out = _render(header or PoEntry("", _HEADER.format(language=po_path.stem)))
    for entry in [*entries, *obsolete]:
        out += ["", *_render(entry)]
    tmp = po_path.with_suffix(".po.tmp")
    tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
    tmp.replace(po_path)
    translated = catalog_from_entries(entries)
    return Stats(
        messages=len(entries),
        added=sum(1 for key in used if key not in live and key not in retired),
        obsolete=len(obsolete),
        untranslated=sum(1 for e in entries if e.msgid not in translated),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.i18n_extract",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: kiosk/)")
    parser.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, help="the .po to update")
    parser.add_argument("--check", action="store_true", help="only list untranslated texts")
    args = parser.parse_args(argv)
    messages, problems = scan(args.paths or [PACKAGE_DIR], root=PACKAGE_DIR.parent)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    catalog: dict[str, str] = {}
    if args.catalog.exists():
        catalog = catalog_from_entries(parse_po(args.catalog.read_text(encoding="utf-8")))
    if args.check:
        missing = [m for m in messages if m.msgid not in catalog]
        for message in missing:
            print(f"{message.references[0]}: {message.msgid!r}")
        print(f"{len(missing)} of {len(messages)} texts have no translation in {args.catalog}")
        return 1 if missing else 0
    stats = update_catalog(args.catalog, messages)
    print(
        f"{args.catalog}: {stats.messages} texts, {stats.added} new, "
        f"{stats.untranslated} untranslated, {stats.obsolete} obsolete"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
