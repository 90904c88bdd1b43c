"""The sandbox's signing keys: an OJ root (signs the trust list) and an issuer (signs seals).

Generated on first start and kept in the database; the root's public key is also written as
``root.pub.pem`` in the data directory, which is what the embedded launcher pins in the kiosk.
Like the database, the key file is private to the sandbox's user (0600, in a 0700 folder).
"""

from __future__ import annotations

import base64
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.sandbox.store import Database, make_private_file, now
from kiosk.seals import keys as seal_keys
from kiosk.seals.codec import decode_seal
from kiosk.seals.envelope import TrustListEnvelope
from kiosk.seals.trustlist import TrustedKey, TrustList, revoked_document_id, sign_trust_list

ROOT_PUBLIC_PEM = "root.pub.pem"
ISSUER_NAME = "Organismo Judicial de Guatemala (sandbox)"
TRUST_LIST_VERSION = "trust_list_version"


def kid_text(public_key: ec.EllipticCurvePublicKey) -> str:
    return seal_keys.kid_to_text(seal_keys.key_id(public_key))


def kid_text_of_seal(seal: str) -> str:
    """The kid of the key that signed one of our own seals (as stored in ``signing_keys``)."""
    return seal_keys.kid_to_text(decode_seal(seal).kid)


@dataclass(frozen=True)
class IssuerKey:
    kid: str
    private_key: ec.EllipticCurvePrivateKey


class Keyring:
    def __init__(self, db: Database, data_dir: Path) -> None:
        self.db = db
        self.data_dir = data_dir
        with db.transaction() as conn:
            if self._active(conn, "root") is None:
                self._create(conn, "root", years=10)
            if self._active(conn, "issuer") is None:
                self._create(conn, "issuer", years=2)
        root = self._load("root")
        pem = seal_keys.public_key_to_pem(root.private_key.public_key())
        (data_dir / ROOT_PUBLIC_PEM).write_bytes(pem)
        make_private_file(data_dir / ROOT_PUBLIC_PEM)

    @property
    def root_public_pem_path(self) -> Path:
        return self.data_dir / ROOT_PUBLIC_PEM

    def issuer(self) -> IssuerKey:
        return self._load("issuer")

    def rotate_issuer(self, *, revoke_current: bool) -> IssuerKey:
        """Retire (or revoke) the active issuer and make a new one; the trust list version grows."""
        with self.db.transaction() as conn:
            self._rotate(conn, revoke_current=revoke_current)
        return self.issuer()

    def revoke_issuer(self) -> tuple[str, IssuerKey]:
        """Revoke the active issuer key and start a new one, so the sandbox keeps issuing.
        Returns the revoked kid and the new key. Every seal the old key signed turns REVOKED."""
        with self.db.transaction() as conn:
            revoked = self._rotate(conn, revoke_current=True)
        return revoked, self.issuer()

    def _rotate(self, conn: sqlite3.Connection, *, revoke_current: bool) -> str:
        current = self._active(conn, "issuer")
        status = "revoked" if revoke_current else "retired"
        conn.execute(
            "UPDATE signing_keys SET status = ?, revoked_at = ? "
            "WHERE role = 'issuer' AND status = 'active'",
            (status, now().isoformat() if revoke_current else None),
        )
        self._create(conn, "issuer", years=2)
        return "" if current is None else str(current["kid"])

    def signing_key_for(
        self, conn: sqlite3.Connection, moment: datetime
    ) -> ec.EllipticCurvePrivateKey:
        """An unrevoked issuer key whose period covers ``moment`` (a backdated document's iat).
        When none does, an archive key is added as if it had signed back then: retired today,
        so it vouches for old documents only (the trust list version grows)."""
        rows = conn.execute(
            "SELECT * FROM signing_keys WHERE role = 'issuer' AND status != 'revoked' "
            "ORDER BY status = 'active' DESC, valid_from DESC"
        ).fetchall()
        for row in rows:
            start = datetime.fromisoformat(row["valid_from"])
            if start <= moment <= datetime.fromisoformat(row["valid_until"]):
                return seal_keys.load_private_key_pem(row["private_pem"].encode())
        key = seal_keys.generate_private_key()
        self._insert(conn, "issuer", key, moment - timedelta(days=1), now(), "retired")
        return key

    @property
    def version(self) -> int:
        return int(self.db.meta(TRUST_LIST_VERSION) or "1")

    def bump_version(self, conn: sqlite3.Connection) -> None:
        version = self.version
        self.db.set_meta(conn, TRUST_LIST_VERSION, str(version + 1))

    def trust_list(self) -> TrustListEnvelope:
        issued = now()
        conn = self.db.connection()
        keys = [
            TrustedKey(
                kid=row["kid"],
                alg="ES256",
                public_key=base64.b64encode(row["public_der"]).decode(),
                valid_from=datetime.fromisoformat(row["valid_from"]),
                valid_until=datetime.fromisoformat(row["valid_until"]),
                status=row["status"],
                revoked_at=datetime.fromisoformat(row["revoked_at"]) if row["revoked_at"] else None,
            )
            for row in conn.execute(
                "SELECT * FROM signing_keys WHERE role = 'issuer' ORDER BY valid_from"
            )
        ]
        revoked = [
            revoked_document_id(row["code"])
            for row in conn.execute(
                "SELECT code FROM documents WHERE revoked_at IS NOT NULL ORDER BY code"
            )
        ]
        listing = TrustList(
            issuer=ISSUER_NAME,
            version=self.version,
            issued_at=issued,
            next_update=issued + timedelta(hours=24),
            keys=keys,
            revoked_documents=revoked,
        )
        return sign_trust_list(listing, self._load("root").private_key)

    def _active(self, conn: sqlite3.Connection, role: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = conn.execute(
            "SELECT * FROM signing_keys WHERE role = ? AND status = 'active' "
            "ORDER BY valid_from DESC LIMIT 1",
            (role,),
        ).fetchone()
        return row

    def _create(self, conn: sqlite3.Connection, role: str, *, years: int) -> None:
        start = now() - timedelta(days=1)  # a little slack for clocks that run behind
        key = seal_keys.generate_private_key()
        self._insert(conn, role, key, start, start + timedelta(days=365 * years), "active")

    def _insert(
        self,
        conn: sqlite3.Connection,
        role: str,
        key: ec.EllipticCurvePrivateKey,
        valid_from: datetime,
        valid_until: datetime,
        status: str,
    ) -> None:
        conn.execute(
            "INSERT INTO signing_keys(kid, role, private_pem, public_der, valid_from, "
            "valid_until, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                kid_text(key.public_key()),
                role,
                seal_keys.private_key_to_pem(key).decode(),
                seal_keys.public_key_der(key.public_key()),
                valid_from.isoformat(),
                valid_until.isoformat(),
                status,
            ),
        )
        self.bump_version(conn)

    def _load(self, role: str) -> IssuerKey:
        row = self._active(self.db.connection(), role)
        if row is None:  # pragma: no cover - __init__ always creates both
            raise RuntimeError(f"no active {role} key")
        return IssuerKey(row["kid"], seal_keys.load_private_key_pem(row["private_pem"].encode()))
