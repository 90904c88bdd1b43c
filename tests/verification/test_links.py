"""Typed codes and verification links, without a portal (pure functions)."""

from __future__ import annotations

import pytest

from kiosk.verification import CodeFormatError, link_code, normalise_code

PORTAL = "http://127.0.0.1:8123"
PUBLIC = "https://servicios.oj.gob.gt/en-linea"


@pytest.mark.parametrize(
    "typed",
    [
        "CAP-2026-7KQM-X4PD",
        "cap-2026-7kqm-x4pd",
        " CAP 2026 7KQM X4PD ",
        "CAP2026 7KQMX4PD",
        "cap–2026—7kqm‐x4pd",  # dashes a phone keyboard or a word processor puts in
        "CAP-2026-7KQM-X4PD\r\n",
    ],
)
def test_codes_are_accepted_with_any_spacing_dashes_and_case(typed: str) -> None:
    assert normalise_code(typed) == "CAP-2026-7KQM-X4PD"


@pytest.mark.parametrize(
    ("typed", "key", "message"),
    [
        ("", "code.empty", "Escriba el código de verificación impreso en el documento."),
        (" - ", "code.empty", "Escriba el código de verificación impreso en el documento."),
        ("CAP-2026-7KQM-X4P", "code.short.one", "sin contar los guiones; falta 1."),
        ("CAP-2026-7KQM", "code.short.other", "El código tiene 15 letras y números"),
        ("CAP-2026-7KQM", "code.short.other", "faltan 4."),
        ("CAP-2026-7KQM-X4PDZ", "code.long.one", "sobra 1."),
        ("CAP-2026-7KQM-X4PD-ZZ", "code.long.other", "sobran 2."),
        ("XYZ-2026-7KQM-X4PD", "code.prefix", "empieza con las letras CAP"),
        ("CAP-20Z6-7KQM-X4PD", "code.year", "los cuatro números del año"),
        ("CAP-2026-7KQM-X4P!", "code.characters", "solo lleva letras y números"),
        ("CAP-2026-7KQM-X4PÑ", "code.characters", "solo lleva letras y números"),
    ],
)
def test_a_code_that_cannot_be_says_how_to_fix_it(typed: str, key: str, message: str) -> None:
    with pytest.raises(CodeFormatError) as err:
        normalise_code(typed)
    assert err.value.message_key == key
    assert message in err.value.message


@pytest.mark.parametrize(
    "text",
    [
        f"{PORTAL}/verificar/CAP-2026-7KQM-X4PD",
        f"{PORTAL}/verificar/CAP-2026-7KQM-X4PD/",
        f"{PORTAL}/VERIFICAR/CAP-2026-7KQM-X4PD?lang=es#arriba",
        "HTTP://127.0.0.1:8123/verificar/CAP-2026-7KQM-X4PD",
        "https://SERVICIOS.OJ.GOB.GT/en-linea/verificar/CAP-2026-7KQM-X4PD",
        "https://servicios.oj.gob.gt./en-linea/verificar/CAP%2D2026%2D7KQM%2DX4PD",
        "  https://servicios.oj.gob.gt/en-linea/verificar/CAP-2026-7KQM-X4PD\n",
    ],
)
def test_links_to_a_trusted_portals_verification_page(text: str) -> None:
    assert link_code(text, (PORTAL, PUBLIC)) == "CAP-2026-7KQM-X4PD"


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/verificar/CAP-2026-7KQM-X4PD",  # another site
        "https://servicios.oj.gob.gt.example.com/en-linea/verificar/CAP-2026-7KQM-X4PD",
        "https://evil.example@servicios.oj.gob.gt/en-linea/verificar/CAP-2026-7KQM-X4PD",
        "http://127.0.0.1:9999/verificar/CAP-2026-7KQM-X4PD",  # the same host, another port
        "https://servicios.oj.gob.gt/verificar/CAP-2026-7KQM-X4PD",  # outside the portal's path
        "https://servicios.oj.gob.gt/en-linea/verificar/",
        "https://servicios.oj.gob.gt/en-linea/verificar/CAP/2026",
        "https://servicios.oj.gob.gt/en-linea/pagar/123456789012",
        "ftp://servicios.oj.gob.gt/en-linea/verificar/CAP-2026-7KQM-X4PD",
        "CAP-2026-7KQM-X4PD",
        "http://127.0.0.1:99999/verificar/CAP-2026-7KQM-X4PD",
        "https://servicios.oj.gob.gt/en-linea/verificar/CAP 2026",
        "",
    ],
)
def test_anything_else_is_not_a_verification_link(text: str) -> None:
    assert link_code(text, (PORTAL, PUBLIC)) is None


def test_no_portal_configured_means_no_link_is_ours() -> None:
    assert link_code(f"{PORTAL}/verificar/CAP-2026-7KQM-X4PD", ("",)) is None
