"""Seals checked by the Verifier against the real sandbox portal: every verdict, with its reason."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from pathlib import Path

import pytest
from support import sandbox_tools
from verification.sealed import (
    MakeVerifier,
    active_issuer_key,
    from_the_future,
    issue_constancia,
    resigned,
    with_changed_byte,
)

from kiosk.portal.client import PortalClient
from kiosk.portal.models import Certificate
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.seals import base45, keys
from kiosk.seals.codec import seal_to_cose
from kiosk.seals.reasons import InvalidReason, Verdict
from kiosk.verification import Source

pytestmark = pytest.mark.timeout(60)


async def test_valid_online_shows_the_signed_fields(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier
) -> None:
    verifier = make_verifier(client)
    check = await verifier.check_text(certificate.seal + "\r\n")  # a scanner's line end
    assert (check.verdict, check.reason, check.source) == (Verdict.VALID, None, Source.SEAL)
    assert check.accepted and check.portal_record is None
    assert check.document is not None
    assert check.document.dpi == DEMO_CLEAN.dpi and check.document.code == certificate.code
    assert check.code == certificate.code
    assert "confirmado en línea" in check.message
    assert verifier.cache.current is not None  # the first check fetched the trust list


async def test_valid_offline_when_the_portal_is_down_or_not_asked(
    client: PortalClient,
    down_client: PortalClient,
    certificate: Certificate,
    make_verifier: MakeVerifier,
) -> None:
    assert await make_verifier(client).refresh_trust_list()  # the kiosk had a list from before
    for offline in (make_verifier(down_client), make_verifier(None)):
        assert offline.cache.current is not None  # loaded from the cache file
        check = await offline.check_text(certificate.seal)
        assert (check.verdict, check.reason) == (Verdict.VALID_OFFLINE, None)
        assert check.document is not None and check.accepted
        assert "revocación no comprobada" in check.message


async def test_a_hung_portal_keeps_the_visitor_waiting_under_two_seconds(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier, silent_port: int
) -> None:
    assert await make_verifier(client).refresh_trust_list()
    async with PortalClient(
        f"http://127.0.0.1:{silent_port}", kiosk_id="TEST-HUNG-1", kiosk_token="x"
    ) as hung:
        verifier = make_verifier(hung)
        verifier.cache.fetched_at -= timedelta(days=2)  # type: ignore[operator]  # stale: refresh too
        started = time.monotonic()
        check = await verifier.check_text(certificate.seal)
        elapsed = time.monotonic() - started
    assert check.verdict is Verdict.VALID_OFFLINE
    assert elapsed < 2.0, f"{elapsed:.2f} s"
    assert verifier.cache.last_error is not None  # it tried, and says why it kept the old list


async def test_no_trust_list_and_no_portal_cannot_verify(
    certificate: Certificate, make_verifier: MakeVerifier, down_client: PortalClient
) -> None:
    check = await make_verifier(down_client).check_text(certificate.seal)
    assert (check.verdict, check.reason) == (Verdict.CANNOT_VERIFY, InvalidReason.NO_TRUST_LIST)
    assert check.document is None and not check.accepted


async def test_revoked_document_by_the_portal_and_by_the_list(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier, tmp_path: Path
) -> None:
    verifier = make_verifier(client)
    assert (await verifier.check_text(certificate.seal)).verdict is Verdict.VALID
    await sandbox_tools.sandbox_revoke_document(client, certificate.code)
    # the cached list is still fresh: the portal's word revokes it
    check = await verifier.check_text(certificate.seal)
    assert (check.verdict, check.reason) == (Verdict.REVOKED, InvalidReason.REVOKED_BY_PORTAL)
    assert check.document is not None  # authentic, but annulled
    # a newer list carries it: even offline the kiosk knows
    assert await verifier.refresh_trust_list(force=True)
    offline = make_verifier(None)
    check = await offline.check_text(certificate.seal)
    assert (check.verdict, check.reason) == (Verdict.REVOKED, InvalidReason.DOCUMENT_REVOKED)


async def test_expired_document(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier
) -> None:
    backdated = await sandbox_tools.sandbox_backdate_document(client, certificate.code, days=200)
    assert backdated.valid_until < certificate.issued_at
    verifier = make_verifier(client)
    check = await verifier.check_text(backdated.seal)
    assert (check.verdict, check.reason) == (Verdict.EXPIRED, InvalidReason.EXPIRED)
    assert check.document is not None and check.document.code == certificate.code
    assert not check.accepted


async def test_the_portals_expiry_wins_over_a_kiosk_clock_that_runs_behind(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier
) -> None:
    backdated = await sandbox_tools.sandbox_backdate_document(client, certificate.code, days=200)
    behind = backdated.issued_at + timedelta(days=30)
    check = await make_verifier(client, clock=lambda: behind).check_text(backdated.seal)
    assert (check.verdict, check.reason) == (Verdict.EXPIRED, InvalidReason.EXPIRED)


async def test_invalid_seals_say_why(
    client: PortalClient,
    certificate: Certificate,
    make_verifier: MakeVerifier,
    sandbox_dir: Path,
) -> None:
    verifier = make_verifier(client)
    issuer = active_issuer_key(sandbox_dir)
    seal = certificate.seal
    cases = {
        "changed byte": (with_changed_byte(seal), InvalidReason.BAD_SIGNATURE),
        "foreign key": (resigned(seal, keys.generate_private_key()), InvalidReason.UNKNOWN_KEY),
        "future iat": (from_the_future(seal, issuer), InvalidReason.NOT_YET_VALID),
        "unknown code": (
            resigned(seal, issuer, code="CAP-2026-ZZZZ-ZZZZ"),
            InvalidReason.UNKNOWN_TO_PORTAL,
        ),
        "truncated": (seal[: len(seal) // 2], None),
        "changed character": (seal[:40] + ("A" if seal[40] != "A" else "B") + seal[41:], None),
    }
    for name, (text, reason) in cases.items():
        check = await verifier.check_text(text)
        assert check.verdict is Verdict.INVALID, name
        if reason is not None:
            assert check.reason is reason, name
        assert check.document is None and check.code is None, name
        assert check.message and not check.accepted, name


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/verificar/CAP-2026-ABCD-EFGH",
        "Hola, esto es texto",
        "",
        "WIFI:S:Sala;T:WPA;P:secreto;;",
    ],
)
async def test_not_oj(client: PortalClient, make_verifier: MakeVerifier, text: str) -> None:
    check = await make_verifier(client).check_text(text)
    assert (check.verdict, check.reason) == (Verdict.NOT_OJ, InvalidReason.NOT_OJ)
    assert check.source is Source.OTHER
    assert check.message == "Este código QR no es un documento del Organismo Judicial."


async def test_an_eu_certificate_is_not_oj(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier
) -> None:
    import zlib

    hc1 = "HC1:" + base45.encode(zlib.compress(seal_to_cose(certificate.seal)))
    check = await make_verifier(client).check_text(hc1)
    assert check.verdict is Verdict.NOT_OJ


#: a record's own numbers (a timestamp may well contain "0101"), not what the kiosk logged
_NOT_DATA = frozenset(
    {"args", "msg", "created", "msecs", "relativeCreated", "thread", "process", "lineno"}
)


async def test_only_the_verdict_and_reason_are_logged(
    client: PortalClient,
    certificate: Certificate,
    make_verifier: MakeVerifier,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    verifier = make_verifier(client)
    for text in (certificate.seal, f"{verifier.portal_urls[0]}/verificar/{certificate.code}"):
        await verifier.check_text(text)
    await verifier.check_code(certificate.code)
    checked = [r for r in caplog.records if r.getMessage() == "document checked"]
    assert [r.__dict__["verdict"] for r in checked] == ["VALID"] * 3
    secrets = (certificate.code, DEMO_CLEAN.dpi, DEMO_CLEAN.dpi[-4:], "Pérez", "María")
    for record in caplog.records:
        if not record.name.startswith("kiosk"):
            continue  # httpx and httpcore are kept quiet by kiosk.logs.configure
        text = record.getMessage() + repr(
            {k: v for k, v in record.__dict__.items() if k not in _NOT_DATA}
        )
        for secret in secrets:
            assert secret not in text, (record.name, record.getMessage())


async def test_a_second_seal_from_the_same_kiosk(
    client: PortalClient, make_verifier: MakeVerifier
) -> None:
    verifier = make_verifier(client)
    first, second = await issue_constancia(client), await issue_constancia(client)
    assert (await verifier.check_text(first.seal)).verdict is Verdict.VALID
    assert (await verifier.check_text(second.seal)).verdict is Verdict.VALID
    assert first.code != second.code
