"""Sandbox operator tools: revoke a document, revoke the issuer key, backdate a document. Each shows
in the signed trust list (with a higher version) and in GET /v1/documents/{code}."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from support import sandbox_tools
from support.devices import enroll
from verification.sealed import issue_constancia, portal_client, running_sandbox

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalNotFound, PortalUnauthorized
from kiosk.portal.models import DocumentState
from kiosk.seals.cache import load_root_key
from kiosk.seals.codec import decode_seal
from kiosk.seals.keys import kid_to_text
from kiosk.seals.reasons import InvalidReason, Verdict
from kiosk.seals.trustlist import TrustList, revoked_document_id, verify_trust_list
from kiosk.seals.verify import PortalAnswer, verify_seal

pytestmark = pytest.mark.timeout(90)


async def signed_list(client: PortalClient, endpoint: PortalEndpoint) -> TrustList:
    return verify_trust_list(await client.trust_list(), load_root_key(endpoint.root_key))


async def test_revoking_a_document_shows_in_the_list_and_the_portal(
    client: PortalClient, sandbox: PortalEndpoint
) -> None:
    certificate = await issue_constancia(client)
    before = await signed_list(client, sandbox)
    assert not before.is_document_revoked(certificate.code)

    done = await sandbox_tools.sandbox_revoke_document(client, certificate.code.lower())
    assert (done.kind, done.revoked) == ("document", certificate.code)
    after = await signed_list(client, sandbox)
    assert after.version == done.trust_list_version > before.version
    assert revoked_document_id(certificate.code) in after.revoked_documents
    check = await client.document(certificate.code)
    assert check.state is DocumentState.REVOKED and check.revoked_at == done.revoked_at

    again = await sandbox_tools.sandbox_revoke_document(client, certificate.code)  # changes nothing
    assert again.revoked_at == done.revoked_at
    assert (await signed_list(client, sandbox)).version == after.version
    result = verify_seal(certificate.seal, trust_list=after, now=check.issued_at)
    assert (result.verdict, result.reason) == (Verdict.REVOKED, InvalidReason.DOCUMENT_REVOKED)


async def test_unknown_documents_and_strangers_are_refused(
    client: PortalClient, sandbox: PortalEndpoint
) -> None:
    with pytest.raises(PortalNotFound) as err:
        await sandbox_tools.sandbox_revoke_document(client, "CAP-2026-ZZZZ-ZZZZ")
    assert err.value.code == "document_not_found"
    with pytest.raises(PortalNotFound):
        await sandbox_tools.sandbox_backdate_document(client, "CAP-2026-ZZZZ-ZZZZ", days=10)
    async with PortalClient(sandbox.url, kiosk_id="GT-ROGUE-1", kiosk_token="nope") as rogue:
        for call in (
            sandbox_tools.sandbox_revoke_document(rogue, "CAP-2026-ZZZZ-ZZZZ"),
            sandbox_tools.sandbox_revoke_issuer_key(rogue),
        ):
            with pytest.raises(PortalUnauthorized):
                await call
    days_kiosk = enroll(sandbox, "TEST-DAYS-1")
    bad_days = httpx.post(
        f"{sandbox.url}/v1/sandbox/documents/CAP-2026-ZZZZ-ZZZZ/backdate",
        json={"days": 0},
        headers={"X-Kiosk-Id": days_kiosk, "X-Kiosk-Token": sandbox.device_token},
        timeout=10,
    )
    assert bad_days.status_code == 422 and bad_days.json()["field"] == "days"


async def test_backdating_signs_again_with_a_key_of_that_time(
    client: PortalClient, sandbox: PortalEndpoint
) -> None:
    certificate = await issue_constancia(client)
    old = await sandbox_tools.sandbox_backdate_document(client, certificate.code, days=400)
    assert (old.code, old.dpi, old.full_name) == (
        certificate.code,
        certificate.dpi,
        certificate.full_name,
    )
    assert (certificate.issued_at - old.issued_at).days == 400
    assert old.valid_until < certificate.issued_at
    listing = await signed_list(client, sandbox)
    key = listing.find_key(decode_seal(old.seal).kid)
    assert key is not None and key.status == "retired" and key.covers(old.issued_at)
    result = verify_seal(old.seal, trust_list=listing, now=certificate.issued_at)
    assert (result.verdict, result.reason) == (Verdict.EXPIRED, InvalidReason.EXPIRED)
    assert (await client.document(certificate.code)).state is DocumentState.EXPIRED


@pytest.fixture(scope="module")
def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PortalEndpoint, Path]]:
    """Revoking the issuer key turns every seal it signed REVOKED: not in the shared sandbox."""
    data = tmp_path_factory.mktemp("revocation-sandbox")
    with running_sandbox(data) as endpoint:
        yield endpoint, data


@pytest.fixture
async def own_client(own_sandbox: tuple[PortalEndpoint, Path]) -> AsyncIterator[PortalClient]:
    async with portal_client(own_sandbox[0]) as portal:
        yield portal


async def test_revoking_the_issuer_key_revokes_its_seals_and_a_new_key_takes_over(
    own_client: PortalClient, own_sandbox: tuple[PortalEndpoint, Path]
) -> None:
    endpoint = own_sandbox[0]
    signed_before = await issue_constancia(own_client)
    old_kid = kid_to_text(decode_seal(signed_before.seal).kid)
    before = await signed_list(own_client, endpoint)

    done = await sandbox_tools.sandbox_revoke_issuer_key(own_client)
    assert (done.kind, done.revoked) == ("issuer_key", old_kid)
    assert done.active_kid and done.active_kid != old_kid
    after = await signed_list(own_client, endpoint)
    assert after.version == done.trust_list_version > before.version
    statuses = {key.kid: key.status for key in after.keys}
    assert statuses[old_kid] == "revoked" and statuses[done.active_kid] == "active"

    check = await own_client.document(signed_before.code)
    assert check.state is DocumentState.REVOKED and check.revoked_at == done.revoked_at
    result = verify_seal(
        signed_before.seal, trust_list=after, now=check.issued_at, portal=PortalAnswer.VALID
    )
    assert (result.verdict, result.reason) == (Verdict.REVOKED, InvalidReason.KEY_REVOKED)

    signed_after = await issue_constancia(own_client)  # the sandbox keeps issuing
    assert kid_to_text(decode_seal(signed_after.seal).kid) == done.active_kid
    assert (await own_client.document(signed_after.code)).state is DocumentState.VALID
    fresh = verify_seal(
        signed_after.seal, trust_list=after, now=signed_after.issued_at, portal=PortalAnswer.VALID
    )
    assert fresh.verdict is Verdict.VALID


def sandbox_cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "sandbox", "--data", str(data), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_the_operator_commands(
    own_client: PortalClient, own_sandbox: tuple[PortalEndpoint, Path]
) -> None:
    endpoint, data = own_sandbox
    certificate = await issue_constancia(own_client)
    version = (await signed_list(own_client, endpoint)).version

    done = sandbox_cli(data, "revoke-document", certificate.code)
    assert done.returncode == 0, done.stderr
    assert certificate.code in done.stdout and f"versión {version + 1}" in done.stdout
    assert (await own_client.document(certificate.code)).state is DocumentState.REVOKED

    missing = sandbox_cli(data, "revoke-document", "CAP-2026-ZZZZ-ZZZZ")
    assert missing.returncode == 1 and "ningún documento" in missing.stderr

    other = await issue_constancia(own_client)
    moved = sandbox_cli(data, "backdate", other.code, "--days", "200")
    assert moved.returncode == 0, moved.stderr
    assert (await own_client.document(other.code)).state is DocumentState.EXPIRED
    assert sandbox_cli(data, "backdate", other.code, "--days", "0").returncode == 2

    old_kid = kid_to_text(decode_seal((await issue_constancia(own_client)).seal).kid)
    rotated = sandbox_cli(data, "revoke-key")
    assert rotated.returncode == 0, rotated.stderr
    assert old_kid in rotated.stdout
    listing = await signed_list(own_client, endpoint)
    assert {key.kid: key.status for key in listing.keys}[old_kid] == "revoked"
    new = await issue_constancia(own_client)
    assert kid_to_text(decode_seal(new.seal).kid) != old_kid
