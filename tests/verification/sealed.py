"""Genuine and doctored seals for the verification tests, made by a real sandbox portal.

Imported as ``verification.sealed`` (``tests/`` is on the path through tests/conftest.py), also by
tests/test_verify_cli.py and tests/sandbox/test_revocation.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec
from support import sandbox_tools
from support.devices import enrolled_kiosk
from support.requests import guest_request

from kiosk.embedded_portal import EmbeddedPortal, PortalEndpoint
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.models import (
    Bank,
    Certificate,
    SandboxBoletaCreate,
)
from kiosk.sandbox.demo import DEMO_CLEAN, DemoPerson
from kiosk.seals import keys
from kiosk.seals.codec import cose_to_seal, decode_seal, encode_seal, seal_to_cose
from kiosk.seals.model import SealedDocument, add_months
from kiosk.verification import Verifier

PRIVATE_SEED = 11
MakeVerifier = Callable[..., Verifier]  # the make_verifier fixture (tests/verification/conftest.py)


@contextmanager
def running_sandbox(data_dir: Path) -> Iterator[PortalEndpoint]:
    """A sandbox of the test's own, for changes others must not see (a revoked issuer key)."""
    portal = EmbeddedPortal(data_dir, PRIVATE_SEED, start_timeout=60)
    portal.start()
    try:
        yield portal.wait_ready()
    finally:
        portal.stop()


def portal_client(endpoint: PortalEndpoint) -> PortalClient:
    """A client with an enrolled kiosk id of its own (rate limits are per kiosk)."""
    kiosk_id = enrolled_kiosk(endpoint)
    return PortalClient(
        endpoint.url, kiosk_id=kiosk_id, kiosk_token=endpoint.device_token, read_timeout=15
    )


async def issue_constancia(client: PortalClient, person: DemoPerson = DEMO_CLEAN) -> Certificate:
    """A constancia issued the way a visitor gets one: a paid boleta and a guest request."""
    boleta = await sandbox_tools.sandbox_create_boleta(client, SandboxBoletaCreate(bank=Bank.GYT))
    request = guest_request(person, boleta)
    created = await client.request_criminal_record(request, idempotency_key=new_idempotency_key())
    return await client.certificate(created.download_code)


def active_issuer_key(data_dir: Path) -> ec.EllipticCurvePrivateKey:
    """The sandbox's own signing key, read from its database: to sign what it never would."""
    return _active_key(data_dir, "issuer")


def active_root_key(data_dir: Path) -> ec.EllipticCurvePrivateKey:
    """The sandbox's root key (it signs the trust list): to sign lists it would not serve."""
    return _active_key(data_dir, "root")


def _active_key(data_dir: Path, role: str) -> ec.EllipticCurvePrivateKey:
    conn = sqlite3.connect(data_dir / "portal.sqlite3")
    try:
        row = conn.execute(
            "SELECT private_pem FROM signing_keys WHERE role = ? AND status = 'active'", (role,)
        ).fetchone()
    finally:
        conn.close()
    return keys.load_private_key_pem(row[0].encode())


def resigned(seal: str, key: ec.EllipticCurvePrivateKey, **changes: object) -> str:
    """The seal's document with ``changes``, signed with ``key``."""
    document = decode_seal(seal).document
    fields = {name: getattr(document, name) for name in SealedDocument.__dataclass_fields__}
    fields.update(changes)
    return encode_seal(SealedDocument(**fields), key)  # type: ignore[arg-type]


def from_the_future(seal: str, key: ec.EllipticCurvePrivateKey) -> str:
    issued = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    return resigned(seal, key, issued_at=issued, expires_at=add_months(issued, 6))


def with_changed_byte(seal: str) -> str:
    """One byte of the signed payload changed (a letter of the name): the signature breaks."""
    cose = bytearray(seal_to_cose(seal))
    name = decode_seal(seal).document.full_name.encode("utf-8")
    at = bytes(cose).index(name)
    cose[at] ^= 0x01  # "M" -> "L": still text, still a name
    return cose_to_seal(bytes(cose))
