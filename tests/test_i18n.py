"""The translation mechanism: .po parser, runtime switch, pseudo-locale, extraction and merge."""

from __future__ import annotations

import logging
import re
import string
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.i18n import PoSyntaxError, catalog_from_entries, parse_po, pseudo_translate, tr
from kiosk.i18n_extract import ExtractionError, Message, extract, main, update_catalog
from kiosk.identity import MESSAGES as IDENTITY_MESSAGES
from kiosk.text import Text

EN_PO = Path(i18n.__file__).parent.parent / "resources" / "i18n" / "en.po"
KEPT = re.compile(r"\{\{|\}\}|\{[^{}]*\}|<[^<>]*>|&#?\w+;")


def placeholders(text: str) -> list[str]:
    """The replacement fields of a format string, with conversion and spec: ["{n}", "{x!r:>5}"]."""
    fields = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append("{" + name + (f"!{conversion}" if conversion else "") + f":{spec}}}")
    return fields


@pytest.fixture(autouse=True)
def spanish_again() -> Iterator[None]:
    i18n.set_language("es")
    yield
    i18n.set_language("es")


def _write(root: Path, relative: str, source: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


# --- parser --------------------------------------------------------------------------------------

SAMPLE_PO = r"""
# A translator's note
msgid ""
msgstr ""
"Language: en\n"

#: kiosk/flows/account.py:57
msgid "Crear una cuenta"
msgstr "Create an account"

#, fuzzy
msgid "Continuar"
msgstr "Go on"

msgid ""
"Primera línea\n"
"Segunda con \"comillas\" y \\ barra"
msgstr ""
"First line\n"
"Second with \"quotes\" and \\ backslash"

msgctxt "button"
msgid "Atrás"
msgstr "Back"

msgid "Sin traducir"
msgstr ""
msgid "Pegado"
msgstr "Stuck"

#~ msgid "Viejo"
#~ msgstr "Old"
"""


def test_parser_reads_multiline_strings_escapes_and_comments() -> None:
    entries = {entry.msgid: entry for entry in parse_po(SAMPLE_PO)}
    multi = entries['Primera línea\nSegunda con "comillas" y \\ barra']
    assert multi.msgstr == 'First line\nSecond with "quotes" and \\ backslash'
    assert entries["Crear una cuenta"].references == ("kiosk/flows/account.py:57",)
    assert entries["Continuar"].fuzzy
    assert entries["Atrás"].msgctxt == "button"
    assert entries["Viejo"].obsolete
    assert entries["Pegado"].msgstr == "Stuck"  # an entry right after another, no blank line
    assert entries[""].comments == ("A translator's note",)


def test_catalog_skips_header_fuzzy_obsolete_and_empty_entries() -> None:
    catalog = catalog_from_entries(parse_po(SAMPLE_PO))
    assert catalog == {
        "Crear una cuenta": "Create an account",
        'Primera línea\nSegunda con "comillas" y \\ barra': (
            'First line\nSecond with "quotes" and \\ backslash'
        ),
        "button\x04Atrás": "Back",
        "Pegado": "Stuck",
    }


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "sin cerrar\nmsgstr ""\n', 1),
        ('msgid "a"\nmsgstr "b\\q"\n', 2),
        ('msgid "a"\n\nmsgstr "b"\n', 1),
        ('"suelto"\n', 1),
        ('msgid "a"\nmsgstr "b"\nbasura\n', 3),
    ],
)
def test_parser_rejects_broken_files_with_the_line(text: str, line: int) -> None:
    with pytest.raises(PoSyntaxError) as caught:
        parse_po(text)
    assert caught.value.line == line


def test_a_broken_catalog_falls_back_to_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _write(tmp_path, "resources/i18n/en.po", 'msgid "Continuar"\nmsgstr "Continue\n')
    monkeypatch.setattr(i18n, "files", lambda package: tmp_path)
    monkeypatch.setattr(i18n, "_catalogs", {})
    i18n.set_language("en")
    assert tr("Continuar") == "Continuar"
    assert "catalog unusable" in caplog.text


# --- runtime -------------------------------------------------------------------------------------


def test_tr_in_spanish_english_and_pseudo() -> None:
    assert tr("Continuar") == "Continuar"
    i18n.set_language("en")
    assert tr("Continuar") == "Continue"
    assert i18n.show("Crear una cuenta del portal") == "Crear una cuenta del portal"  # data
    said = Text(
        "Escriba como máximo {maximum} caracteres; ahora hay {length}.", maximum=3, length=4
    )
    assert tr(said) == "Use at most 3 characters; there are 4 now."  # said now, in English
    assert str(said) == "Escriba como máximo 3 caracteres; ahora hay 4."
    nested = Text("Escriba «{label}».", label=Text("Número de DPI"))
    assert tr(nested) == i18n.show(nested) == "Enter “DPI number”."
    i18n.set_language("xx")
    assert tr("Continuar") == "⟦Ćöñţîñûåŕ ~~~~⟧"


def test_tr_fills_placeholders_in_every_language() -> None:
    source = IDENTITY_MESSAGES["dpi_length.missing.other"]
    assert tr(source, missing=2) == "El DPI tiene 13 dígitos; faltan 2."
    i18n.set_language("en")
    assert tr(source, missing=2) == "A DPI has 13 digits; 2 are missing."
    i18n.set_language("xx")
    assert "2" in tr(source, missing=2)
    assert "{missing}" not in tr(source, missing=2)


def test_a_translation_with_wrong_placeholders_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(i18n._catalogs, "en", {"Hola {name}": "Hello {nombre}"})
    i18n.set_language("en")
    assert tr("Hola {name}", name="Ana") == "Hola Ana"


def test_missing_english_is_logged_once_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    i18n.set_language("en")
    with caplog.at_level(logging.DEBUG, logger="kiosk.i18n"):
        assert tr("Texto que nadie tradujo 1234") == "Texto que nadie tradujo 1234"
        tr("Texto que nadie tradujo 1234")
    missing = [r for r in caplog.records if "missing translation" in r.getMessage()]
    assert len(missing) == 1
    assert missing[0].levelno == logging.DEBUG


def test_language_listeners_fire_on_change_and_unsubscribe() -> None:
    heard: list[str] = []
    unsubscribe = i18n.on_language_changed(heard.append)
    i18n.set_language("en")
    i18n.set_language("en")  # no change, no call
    i18n.set_language("xx")
    unsubscribe()
    unsubscribe()  # twice is harmless
    i18n.set_language("es")
    assert heard == ["en", "xx"]
    assert i18n.current_language() == "es"


def test_a_failing_listener_does_not_stop_the_others() -> None:
    heard: list[str] = []

    def broken(code: str) -> None:
        raise RuntimeError("screen gone")

    unsubscribe = [i18n.on_language_changed(broken), i18n.on_language_changed(heard.append)]
    try:
        with pytest.raises(RuntimeError):
            i18n.set_language("en")
    finally:
        for function in unsubscribe:
            function()
    assert heard == ["en"]
    assert i18n.current_language() == "en"


def test_unknown_language_is_refused_and_pseudo_is_not_listed() -> None:
    with pytest.raises(ValueError, match="fr"):
        i18n.set_language("fr")
    assert i18n.current_language() == "es"
    assert "xx" not in i18n.LANGUAGES
    assert set(i18n.LANGUAGES) == {"es", "en"}
    i18n.set_language("xx")
    assert i18n.current_language() == "xx"


@pytest.mark.parametrize(
    "source",
    [
        "Continuar",
        "Sí",
        IDENTITY_MESSAGES["dpi_municipality"],
        "Organismo Judicial\nServicios Electrónicos",
        "Paso {n} de {m}",
        "Un {{literal}} <b>fuerte</b> &amp; {x!r:>5}",
    ],
)
def test_pseudo_locale_is_longer_and_keeps_placeholders(source: str) -> None:
    pseudo = pseudo_translate(source)
    assert len(pseudo) >= 1.3 * len(source)
    assert pseudo.startswith("⟦")
    assert pseudo.endswith("⟧")
    assert placeholders(pseudo) == placeholders(source)
    assert pseudo.count("\n") == source.count("\n")
    assert not re.search("[A-Za-z]", KEPT.sub("", pseudo))  # every letter outside them accented
    for kept in KEPT.findall(source):
        assert kept in pseudo


# --- extraction ----------------------------------------------------------------------------------


def _tree(root: Path) -> None:
    _write(
        root,
        "kiosk/flows/demo.py",
        """\
        from kiosk.flows.text import _
        FLOW = Flow(title=_("Título del trámite"), steps=(
            Step(hint="Una pista " "en dos partes", label=_("Etiqueta")),
            Step(body=make_body, title=variable),
        ))
        """,
    )
    _write(
        root,
        "kiosk/ui/screen.py",
        """\
        from kiosk import i18n
        from kiosk.i18n import tr
        button.setText(tr("Continuar"))
        status.setText(tr("Paso {n} de {m}", n=1, m=3))
        other.setText(i18n.tr("Atrás"))
        title.setText(tr(step.title))
        widget.setProperty(title="No es un flujo")
        again = tr("Continuar")
        """,
    )
    _write(
        root,
        "kiosk/identity.py",
        """\
        _SHARED = "Texto compartido."
        MESSAGES: dict[str, str] = {
            "a": "Falta {n}.",
            "b": _SHARED,
            "c": _SHARED,
            "e": _("Marcado en la tabla."),
        }
        OTHER = {"d": "No es visible"}
        """,
    )
    _write(root, "kiosk/seals/reasons.py", 'MESSAGES = {"VALID": "Documento válido."}\n')
    _write(root, "kiosk/sandbox/app.py", 'tr("Del portal de prueba")\n')


def test_extract_finds_markers_flow_keywords_and_message_tables(tmp_path: Path) -> None:
    _tree(tmp_path)
    messages = extract([tmp_path / "kiosk"], root=tmp_path)
    found = {message.msgid: message.references for message in messages}
    assert found == {
        "Título del trámite": ["kiosk/flows/demo.py:2"],
        "Una pista en dos partes": ["kiosk/flows/demo.py:3"],
        "Etiqueta": ["kiosk/flows/demo.py:3"],
        "Texto compartido.": ["kiosk/identity.py:1"],
        "Falta {n}.": ["kiosk/identity.py:3"],
        "Marcado en la tabla.": ["kiosk/identity.py:6"],
        "Documento válido.": ["kiosk/seals/reasons.py:1"],
        "Continuar": ["kiosk/ui/screen.py:3", "kiosk/ui/screen.py:8"],
        "Paso {n} de {m}": ["kiosk/ui/screen.py:4"],
        "Atrás": ["kiosk/ui/screen.py:5"],
    }
    assert [m.msgid for m in messages][:2] == ["Título del trámite", "Etiqueta"]


@pytest.mark.parametrize(
    "call",
    [
        'tr(f"Hola {name}")',
        '_("Hola {name}".format(name=name))',
        'tr("Hola " + name)',
        'Step(title=f"Paso {n}")',
    ],
)
def test_extract_reports_texts_built_before_translation(tmp_path: Path, call: str) -> None:
    _write(tmp_path, "kiosk/flows/bad.py", f'ok = _("Bien")\nbad = {call}\n')
    with pytest.raises(ExtractionError) as caught:
        extract([tmp_path / "kiosk"], root=tmp_path)
    assert caught.value.problems[0].startswith("kiosk/flows/bad.py:2: ")


def test_extract_reports_a_message_table_value_that_is_not_text(tmp_path: Path) -> None:
    _write(tmp_path, "kiosk/identity.py", 'MESSAGES = {"a": make_text()}\n')
    with pytest.raises(ExtractionError, match="MESSAGES value"):
        extract([tmp_path / "kiosk"], root=tmp_path)


# --- merging the catalog -------------------------------------------------------------------------

OLD_CATALOG = """\
msgid ""
msgstr ""
"Language: en\\n"

# keep this note
#: kiosk/a.py:1
msgid "Continuar"
msgstr "Continue"

#: kiosk/a.py:2
msgid "Ya no se usa"
msgstr "No longer used"

#: kiosk/a.py:3
msgid "Tampoco, sin traducir"
msgstr ""

#~ msgid "Vuelve"
#~ msgstr "Comes back"
"""


def test_update_catalog_keeps_adds_and_retires(tmp_path: Path) -> None:
    po = tmp_path / "en.po"
    po.write_text(OLD_CATALOG, encoding="utf-8")
    messages = [
        Message("Vuelve", ["kiosk/b.py:9"]),
        Message("Continuar", ["kiosk/b.py:1"]),
        Message("Paso {n}", ["kiosk/b.py:5"]),
    ]
    stats = update_catalog(po, messages)
    entries = parse_po(po.read_text(encoding="utf-8"))
    live = [e for e in entries if e.msgid and not e.obsolete]
    assert [(e.msgid, e.msgstr) for e in live] == [
        ("Continuar", "Continue"),
        ("Paso {n}", ""),
        ("Vuelve", "Comes back"),
    ]
    assert live[0].comments == ("keep this note",)
    assert live[0].references == ("kiosk/b.py:1",)
    assert live[1].flags == ("python-brace-format",)
    assert [(e.msgid, e.msgstr) for e in entries if e.obsolete] == [
        ("Ya no se usa", "No longer used")
    ]
    assert '#~ msgid "Ya no se usa"' in po.read_text(encoding="utf-8")
    assert (stats.messages, stats.added, stats.obsolete, stats.untranslated) == (3, 1, 1, 1)
    written = po.read_bytes()
    update_catalog(po, messages)
    assert po.read_bytes() == written  # deterministic: a second run changes nothing


def test_update_catalog_round_trips_long_and_multiline_texts(tmp_path: Path) -> None:
    po = tmp_path / "new.po"
    long_text = "Una frase larga " * 12 + '"citada" \\ y\ncon salto\n'
    update_catalog(po, [Message(long_text, ["kiosk/x.py:1"])])
    assert max(len(line) for line in po.read_text(encoding="utf-8").splitlines()) < 80
    assert [e.msgid for e in parse_po(po.read_text(encoding="utf-8"))] == ["", long_text]


def test_main_check_lists_untranslated_and_update_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, "kiosk/ui/screen.py", 'tr("Continuar")\ntr("Nuevo texto")\n')
    po = tmp_path / "en.po"
    po.write_text('msgid "Continuar"\nmsgstr "Continue"\n', encoding="utf-8")
    args = [str(tmp_path / "kiosk"), "--catalog", str(po)]
    assert main([*args, "--check"]) == 1
    assert "Nuevo texto" in capsys.readouterr().out
    assert main(args) == 0
    assert 'msgid "Nuevo texto"' in po.read_text(encoding="utf-8")
    text = po.read_text(encoding="utf-8")
    new = 'msgid "Nuevo texto"\nmsgstr ""\n'
    assert new in text
    po.write_text(text.replace(new, 'msgid "Nuevo texto"\nmsgstr "New text"\n'), encoding="utf-8")
    assert main([*args, "--check"]) == 0
    _write(tmp_path, "kiosk/ui/bad.py", 'tr(f"{x}")\n')
    assert main([*args, "--check"]) == 2


# --- the shipped English catalog -----------------------------------------------------------------


def test_every_english_entry_is_translated_with_the_same_placeholders() -> None:
    entries = [e for e in parse_po(EN_PO.read_text(encoding="utf-8")) if e.msgid]
    live = [e for e in entries if not e.obsolete]
    assert len(live) > 100
    untranslated = [e.msgid for e in live if not e.msgstr or e.fuzzy]
    assert untranslated == []
    wrong = [
        e.msgid for e in live if sorted(placeholders(e.msgid)) != sorted(placeholders(e.msgstr))
    ]
    assert wrong == []
