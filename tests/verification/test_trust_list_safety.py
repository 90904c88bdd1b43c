"""The Verifier and an unsafe saved trust list, with the real sandbox portal: a list rolled back on
disk gives no verdict at all, and a list past its next_update plus the grace gives no "yes"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support import sandbox_tools
from verification.sealed import MakeVerifier, resigned

from kiosk.portal.client import PortalClient
from kiosk.portal.models import Certificate
from kiosk.seals import keys
from kiosk.seals.cache import OFFLINE_GRACE, CacheProblem
from kiosk.seals.reasons import InvalidReason, Verdict
from kiosk.verification import CheckReason, Source

pytestmark = pytest.mark.timeout(60)


def saved_list(make_verifier: MakeVerifier) -> Path:
    path = make_verifier(None).cache.path
    assert path is not None
    return path


async def test_a_list_rolled_back_on_disk_does_not_make_a_revoked_document_valid_offline(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier
) -> None:
    online = make_verifier(client)
    assert await online.refresh_trust_list(force=True)
    assert online.cache.current is not None
    version = online.cache.current.version
    before = saved_list(make_verifier).read_bytes()  # genuine, signed, the document not revoked

    await sandbox_tools.sandbox_revoke_document(client, certificate.code)
    assert await online.refresh_trust_list(force=True)
    assert online.cache.current is not None and online.cache.current.version > version
    check = await make_verifier(None).check_text(certificate.seal)
    assert (check.verdict, check.reason) == (Verdict.REVOKED, InvalidReason.DOCUMENT_REVOKED)

    saved_list(make_verifier).write_bytes(before)  # the older list put back on disk
    offline = make_verifier(None)  # a restart: a new cache reads the folder
    assert offline.cache.current is None
    assert offline.cache.last_error is CacheProblem.ROLLED_BACK
    check = await offline.check_text(certificate.seal)
    assert (check.verdict, check.reason) == (Verdict.CANNOT_VERIFY, InvalidReason.NO_TRUST_LIST)
    assert not check.accepted and check.document is None

    # online, the portal's newer list replaces the refused one at the first check
    check = await make_verifier(client).check_text(certificate.seal)
    assert check.verdict is Verdict.REVOKED


def late(days: timedelta) -> datetime:
    """A kiosk clock ``days`` after the sandbox list's next_update (issued now, valid 24 h)."""
    return datetime.now(UTC) + timedelta(hours=24) + days


async def test_offline_verdicts_inside_the_grace_are_as_before(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier
) -> None:
    assert await make_verifier(client).refresh_trust_list(force=True)
    inside = late(OFFLINE_GRACE - timedelta(hours=1))
    check = await make_verifier(None, clock=lambda: inside).check_text(certificate.seal)
    assert (check.verdict, check.reason) == (Verdict.VALID_OFFLINE, None)
    assert check.document is not None and check.document.code == certificate.code


async def test_a_list_past_its_grace_gives_no_yes(
    client: PortalClient,
    certificate: Certificate,
    make_verifier: MakeVerifier,
) -> None:
    assert await make_verifier(client).refresh_trust_list(force=True)
    past = late(OFFLINE_GRACE + timedelta(hours=1))
    offline = make_verifier(None, clock=lambda: past)
    assert offline.cache.is_outdated(past)
    check = await offline.check_text(certificate.seal)
    assert (check.verdict, check.reason) == (
        Verdict.CANNOT_VERIFY,
        CheckReason.TRUST_LIST_OUTDATED,
    )
    assert check.source is Source.SEAL and check.document is None and not check.accepted
    assert "demasiado antigua" in check.message

    # a key the old list does not know may be a newer one: not "invalid", just not verifiable
    foreign = resigned(certificate.seal, keys.generate_private_key())
    check = await offline.check_text(foreign)
    assert (check.verdict, check.reason) == (
        Verdict.CANNOT_VERIFY,
        CheckReason.TRUST_LIST_OUTDATED,
    )

    # even with the portal's "valid": the old list cannot say the issuer key is still good
    online = make_verifier(client, clock=lambda: past)
    check = await online.check_text(certificate.seal)
    assert check.reason is CheckReason.TRUST_LIST_OUTDATED

    # what an old list still proves stands: a revocation it carries
    await sandbox_tools.sandbox_revoke_document(client, certificate.code)
    assert await make_verifier(client).refresh_trust_list(force=True)
    check = await make_verifier(None, clock=lambda: past).check_text(certificate.seal)
    assert (check.verdict, check.reason) == (Verdict.REVOKED, InvalidReason.DOCUMENT_REVOKED)


async def test_the_grace_comes_from_the_cache(
    client: PortalClient, certificate: Certificate, make_verifier: MakeVerifier
) -> None:
    verifier = make_verifier(client)
    assert await verifier.refresh_trust_list(force=True)
    offline = make_verifier(None, clock=lambda: late(timedelta(hours=1)))
    offline.cache.offline_grace = timedelta(0)  # trust.offline_grace_days = 0
    check = await offline.check_text(certificate.seal)
    assert check.reason is CheckReason.TRUST_LIST_OUTDATED
