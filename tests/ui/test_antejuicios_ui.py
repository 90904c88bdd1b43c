"""Consulta de Antejuicios through the kiosk's screens, by object names, against the sandbox over
HTTP: found by number, a malformed number, by name (no accents, no second surname), more than a
page with «Ver más», too many (narrowed by the department), a number two bodies share, a reserved
one, nothing found, the portal down and slow, the printer's advice, and nothing left after the
visit or in the logs."""

from __future__ import annotations

import io
from collections.abc import Callable

from faults import PortalProxy
from kiosk_driver import Driver
from PySide6.QtWidgets import QWidget
from record_visit import here, shown, text_here

from kiosk.sandbox.services.antejuicios import (
    DEMO_MANY_QUERY,
    DEMO_MANY_TOTAL,
    DEMO_MIXCO_ALCALDE,
    DEMO_NAME_TOTAL,
    DEMO_NUMBER,
    DEMO_OPEN_NUMBER,
    DEMO_RESERVED_NUMBER,
    DEMO_SHARED_NUMBER,
)

MakeDriver = Callable[..., Driver]
SERVICE = "antejuicios"
PROMOVENTE = "Ana Beatriz Solórzano Méndez"  # the sandbox stores it; the kiosk shows A. B. S. M.


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)


def choose(kiosk: Driver, mode: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("mode")
    kiosk.tap(f"field.mode.{mode}")
    kiosk.tap("action.continue")


def by_number(kiosk: Driver, typed: str) -> None:
    choose(kiosk, "numero")
    assert kiosk.screen() == screen("number")
    kiosk.type("field.number", typed)
    kiosk.tap("action.continue")


def by_official(kiosk: Driver, typed: str, department: str = "0") -> None:
    choose(kiosk, "funcionario")
    assert kiosk.screen() == screen("official")
    kiosk.type("field.official", typed)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("department")
    kiosk.tap(f"field.department.{department}")
    kiosk.tap("action.continue")


def said(kiosk: Driver, name: str) -> str:
    """A widget's words, however its button wrapped them."""
    return " ".join(text_here(kiosk, name).split())


def rows(kiosk: Driver) -> list[str]:
    current = kiosk.shell.current_screen
    names = [w.objectName() for w in current.findChildren(QWidget)] if current else []
    return [name for name in names if name.startswith("action.select.")]


def test_found_by_number_with_every_term_explained(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_number(kiosk, "Antejuicio No. 413/2016")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == f"Antejuicio {DEMO_NUMBER}"
    assert text_here(kiosk, "value.official") == "Édgar Rolando Mazariegos Ordóñez"
    assert "Quetzaltenango" in text_here(kiosk, "value.post")
    assert text_here(kiosk, "value.stage") == "Ha lugar"
    assert "perdió la inmunidad" in text_here(kiosk, "hint.stage")  # every state explained
    assert text_here(kiosk, "value.body") == "Corte Suprema de Justicia"
    assert "como manda la ley" in text_here(kiosk, "hint.body")
    assert "no es un juicio" in text_here(kiosk, "note.case")
    assert "declaró con lugar" in text_here(kiosk, "value.actuaciones.0")  # newest first
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.back")  # one match went straight to the record: back to the question
    assert kiosk.screen() == screen("number")
    assert text_here(kiosk, "field.number") == "Antejuicio No. 413/2016"


def test_a_malformed_number_says_what_is_wrong_and_keeps_it(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_number(kiosk, "01173-2019-00123")
    assert kiosk.screen() == screen("number")
    assert "413-2016" in text_here(kiosk, "error.number")
    assert text_here(kiosk, "field.number") == "01173-2019-00123"
    kiosk.type("field.number", "413")
    kiosk.tap("action.continue")
    assert "Falta el año" in text_here(kiosk, "error.number")


def test_the_number_written_as_year_and_number_apart(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    choose(kiosk, "numero")
    kiosk.tap("action.alternative")
    assert kiosk.screen() == screen("year_sequence")
    kiosk.type("field.year", "2016")
    kiosk.type("field.sequence", "413")
    kiosk.tap("action.continue")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == f"Antejuicio {DEMO_NUMBER}"


def test_by_name_without_accents_and_the_promovente_by_initials(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_official(kiosk, "mynor quinonez")
    reach(kiosk, "results")
    assert f"Encontramos {DEMO_NAME_TOTAL} resultados" in text_here(kiosk, "label.count")
    assert "«mynor quinonez», en todo el país" in text_here(kiosk, "label.searched")
    found = rows(kiosk)
    assert len(found) == DEMO_NAME_TOTAL and not kiosk.exists("action.more")
    for name in found:
        assert here(kiosk, name).height() >= 64  # a target for a finger
        assert DEMO_MIXCO_ALCALDE in said(kiosk, name)
    opened = next(n for n in found if DEMO_OPEN_NUMBER in said(kiosk, n))
    kiosk.tap(opened)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.promovente") == "A. B. S. M."
    assert "solo sus iniciales" in text_here(kiosk, "hint.promovente")
    assert text_here(kiosk, "value.stage") == "Juez pesquisidor nombrado"
    assert PROMOVENTE not in shown(kiosk) and "Solórzano" not in shown(kiosk)
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")


def test_more_than_a_page_shows_ver_mas(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_official(kiosk, DEMO_MANY_QUERY)
    reach(kiosk, "results")
    assert len(rows(kiosk)) == 10
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(rows(kiosk)) == DEMO_MANY_TOTAL)
    assert not kiosk.exists("action.more")  # no third page
    assert f"Encontramos {DEMO_MANY_TOTAL} resultados" in text_here(kiosk, "label.count")


def test_too_many_asks_to_narrow_and_the_department_narrows(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_official(kiosk, "diputado")
    reach(kiosk, "results")
    assert "demasiados" in text_here(kiosk, "label.count")
    assert "departamento" in text_here(kiosk, "label.too_many")
    assert rows(kiosk) == []  # no dumping of pages
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("department")
    kiosk.tap("field.department.15")  # Baja Verapaz
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert rows(kiosk) and "en Baja Verapaz" in text_here(kiosk, "label.searched")
    assert all("Baja Verapaz" in said(kiosk, name) for name in rows(kiosk))


def test_a_number_two_bodies_share_lists_both(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_number(kiosk, DEMO_SHARED_NUMBER)
    reach(kiosk, "results")
    found = rows(kiosk)
    assert len(found) == 2
    sala = next(n for n in found if "Sala" in said(kiosk, n))
    kiosk.tap(sala)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.stage") == "Sin materia"
    assert "dejó el cargo" in text_here(kiosk, "hint.stage")


def test_a_reserved_one_shows_reservado_and_nothing_else(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_number(kiosk, DEMO_RESERVED_NUMBER)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.stage") == "Reservado"
    assert "Solo las partes" in text_here(kiosk, "hint.stage")
    assert not kiosk.exists("value.official") and not kiosk.exists("section.actuaciones")
    for hidden in ("Baltazar", "Coyoy", "Momostenango", "Violencia"):
        assert hidden not in shown(kiosk)


def test_nothing_found_says_what_to_do_and_keeps_the_words(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_official(kiosk, "Xbalanqué Zzyzx")
    reach(kiosk, "results")
    assert "No encontramos ningún antejuicio" in text_here(kiosk, "label.empty")
    kiosk.tap("action.back")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("official")
    assert text_here(kiosk, "field.official") == "Xbalanqué Zzyzx"


def test_a_bad_name_says_how_to_fix_it(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    choose(kiosk, "funcionario")
    kiosk.type("field.official", "Pérez; DROP TABLE")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("official")
    assert "Quite «;»" in text_here(kiosk, "error.official")
    assert text_here(kiosk, "field.official") == "Pérez; DROP TABLE"


def test_portal_down_says_so_and_the_retry_finds_it(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    choose(kiosk, "numero")
    kiosk.type("field.number", DEMO_NUMBER)
    proxy.cut()  # the portal stops answering while the visitor types
    kiosk.tap("action.continue")
    kiosk.wait(lambda: here(kiosk, "label.message").isVisible())
    assert "No hay conexión con el portal" in text_here(kiosk, "label.message")
    assert here(kiosk, "action.retry").isVisible() and kiosk.find("action.back").isEnabled()
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == f"Antejuicio {DEMO_NUMBER}"


def test_a_slow_portal_shows_progress_until_it_answers(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    choose(kiosk, "numero")
    kiosk.type("field.number", DEMO_NUMBER)
    proxy.slow(1.5)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("search")
    assert "Estamos buscando" in text_here(kiosk, "label.heading")
    assert here(kiosk, "progress").isVisible()
    reach(kiosk, "record", timeout=20)


def test_printing_that_fails_gives_the_advice(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # a printer that does not answer
    by_number(kiosk, DEMO_NUMBER)
    reach(kiosk, "record")
    kiosk.tap("action.print")
    kiosk.wait(lambda: text_here(kiosk, "label.print_status").startswith("No se imprimió"), 30)
    assert "anotar el número del antejuicio" in text_here(kiosk, "label.print_status")
    assert kiosk.find("action.print").text() == "Imprimir otra vez"


def test_nothing_is_kept_after_the_visit_nor_in_the_logs(
    make_driver: MakeDriver, kiosk_log: io.StringIO
) -> None:
    kiosk = make_driver()
    by_official(kiosk, "Mynor Quiñónez", department="1")
    reach(kiosk, "results")
    kiosk.tap(rows(kiosk)[0])
    reach(kiosk, "record")
    folder = kiosk.ui.session.temp_dir()
    kiosk.tap("action.finish")  # «Terminar y borrar mis datos»
    assert kiosk.screen() == "screen.home" and not folder.exists()
    choose(kiosk, "funcionario")
    assert text_here(kiosk, "field.official") == ""  # nothing typed survives the visit
    logged = kiosk_log.getvalue()
    for word in ("mynor", "quiñónez", "quinonez", "department=1", "aj_"):
        assert word not in logged.casefold(), word
    assert '"route": "/antejuicios"' in logged  # the calls were logged: by their templates
    assert '"route": "/antejuicios/{antejuicio_id}"' in logged
