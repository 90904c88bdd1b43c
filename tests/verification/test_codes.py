"""Codes typed by hand and links to the portal's verification page, looked up online."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import sandbox_tools
from verification.sealed import MakeVerifier, issue_constancia

from kiosk.portal.client import PortalClient
from kiosk.portal.models import Certificate, DocumentState
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.seals.reasons import Verdict
from kiosk.verification import CheckReason, Source

pytestmark = pytest.mark.timeout(60)


async def test_a_typed_code_shows_the_portals_unsigned_fields(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier
) -> None:
    typed = "  " + certificate.code.lower().replace("-", " ") + " "
    check = await make_verifier(client).check_code(typed)
    assert (check.verdict, check.reason, check.source) == (Verdict.VALID, None, Source.CODE)
    assert check.document is None  # nothing signed: the fields are the portal's word
    record = check.portal_record
    assert record is not None and record.code == certificate.code
    assert record.state is DocumentState.VALID
    assert record.dpi_last4 == DEMO_CLEAN.dpi[-4:] and record.full_name == certificate.full_name
    assert record.type_label == "Constancia de Carencia de Antecedentes Penales"
    assert "Según el portal" in check.message and "no de una firma" in check.message
    assert check.code == certificate.code and check.accepted


async def test_a_link_to_the_portals_verification_page(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier
) -> None:
    verifier = make_verifier(client, public_urls=("https://servicios.oj.gob.gt",))
    for link in (
        f"{verifier.portal_urls[0].upper()}/verificar/{certificate.code.lower()}/?x=1#y",
        f"https://servicios.oj.gob.gt/verificar/{certificate.code}",
    ):
        check = await verifier.check_text(link)
        assert (check.verdict, check.source) == (Verdict.VALID, Source.LINK), link
        assert check.portal_record is not None and check.portal_record.code == certificate.code


async def test_revoked_and_expired_codes(
    client: PortalClient,
    certificate: Certificate,
    make_verifier: MakeVerifier,
) -> None:
    verifier = make_verifier(client)
    await sandbox_tools.sandbox_revoke_document(client, certificate.code)
    check = await verifier.check_code(certificate.code)
    assert (check.verdict, check.reason) == (Verdict.REVOKED, CheckReason.PORTAL_REVOKED)
    assert check.portal_record is not None and check.portal_record.revoked_at is not None

    other = await issue_constancia(client)
    old = await sandbox_tools.sandbox_backdate_document(client, other.code, days=190)
    assert old.valid_until < other.issued_at - timedelta(days=1)
    check = await verifier.check_code(other.code)
    assert (check.verdict, check.reason) == (Verdict.EXPIRED, CheckReason.PORTAL_EXPIRED)
    assert "ya venció" in check.message and not check.accepted


async def test_an_unknown_code(client: PortalClient, make_verifier: MakeVerifier) -> None:
    check = await make_verifier(client).check_code("CAP-2026-ZZZZ-ZZZ2")
    assert (check.verdict, check.reason) == (Verdict.INVALID, CheckReason.UNKNOWN_CODE)
    assert check.portal_record is None


async def test_a_badly_typed_code_is_not_sent_and_says_how_to_fix_it(
    down_client: PortalClient, make_verifier: MakeVerifier
) -> None:
    check = await make_verifier(down_client).check_code("CAP-2026-7KQM")
    assert (check.verdict, check.reason) == (Verdict.INVALID, CheckReason.CODE_FORMAT)
    assert check.message.endswith("faltan 4.")
    assert check.params == {"length": 15, "count": 4}


async def test_without_the_portal_a_code_cannot_be_verified(
    down_client: PortalClient, make_verifier: MakeVerifier
) -> None:
    check = await make_verifier(down_client).check_code("CAP-2026-7KQM-X4PD")
    assert (check.verdict, check.reason) == (Verdict.CANNOT_VERIFY, CheckReason.PORTAL_UNREACHABLE)
    assert "Intente de nuevo" in check.message and "ventanilla" in check.message
    offline = await make_verifier(None).check_code("CAP-2026-7KQM-X4PD")
    assert (offline.verdict, offline.reason) == (Verdict.CANNOT_VERIFY, CheckReason.OFFLINE)


async def test_wrong_input_types_never_raise(make_verifier: MakeVerifier) -> None:
    verifier = make_verifier(None)
    assert (await verifier.check_text(None)).verdict is Verdict.NOT_OJ  # type: ignore[arg-type]
    assert (await verifier.check_code(42)).verdict is Verdict.INVALID  # type: ignore[arg-type]
    huge = await verifier.check_text("x" * 1_000_000)
    assert huge.verdict is Verdict.NOT_OJ
