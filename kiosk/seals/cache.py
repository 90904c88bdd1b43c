"""The kiosk's last good trust list (SEAL.md, "Trust list"): kept on disk, refreshed daily.

``TrustListCache`` loads the saved list at start and re-verifies its signature against the pinned
root key (a file that fails is ignored, never trusted). ``refresh(fetch)`` asks the portal when
the list is missing, older than ``max_age`` or when forced, and keeps a new list only if the root
signed it and its ``version`` is not lower than the one held. Portal and disk faults never reach
the caller: the cache keeps what it had and says why in ``last_error``. After a failed try it
waits ``retry_interval`` before asking again, so a portal that is down costs one wait, not one per
visitor. The file is named after the root's kid, so two roots (a sandbox, production) never
overwrite each other's list; it holds no personal data.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

import platformdirs
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.seals.envelope import TrustListEnvelope
from kiosk.seals.keys import key_id, kid_to_text, load_public_key_file
from kiosk.seals.trustlist import (
    EnvelopeLike,
    TrustList,
    TrustListError,
    parse_envelope,
    verify_trust_list,
)

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Fetch = Callable[[], Awaitable[EnvelopeLike]]

MAX_AGE = timedelta(hours=24)
RETRY_INTERVAL = timedelta(minutes=1)
FILE_FORMAT = 1
MAX_FILE_BYTES = 8 * 1024 * 1024


def utc_now() -> datetime:
    return datetime.now(UTC)


class CacheProblem(StrEnum):
    """Why the last load or refresh did not give a usable new list (stable codes, for logs)."""

    NO_ROOT_KEY = "no_root_key"  # nothing can be verified without the pinned root
    UNREACHABLE = "unreachable"  # the portal did not answer, or answered an error
    TIMEOUT = "timeout"
    REJECTED = "rejected"  # badly signed or malformed: ``last_error_detail`` has the code
    OLDER_VERSION = "older_version"  # a lower version than the list held
    BAD_FILE = "bad_file"  # the saved file was unreadable or failed verification
    DISK = "disk"  # the new list is in use but could not be saved


def default_cache_dir() -> Path:
    """Where the kiosk keeps its trust list when ``trust.cache_dir`` is empty."""
    return Path(platformdirs.user_cache_dir("oj-kiosk", appauthor=False))


def load_root_key(path: Path) -> ec.EllipticCurvePublicKey:
    """The pinned root public key from a PEM file; ``OSError`` or ``KeyFormatError`` if bad."""
    return load_public_key_file(path)


class TrustListCache:
    def __init__(
        self,
        root_key: ec.EllipticCurvePublicKey | None,
        cache_dir: Path | None,
        *,
        clock: Clock = utc_now,
        max_age: timedelta = MAX_AGE,
        retry_interval: timedelta = RETRY_INTERVAL,
    ) -> None:
        self.root_key = root_key
        self.cache_dir = cache_dir
        self.clock = clock
        self.max_age = max_age
        self.retry_interval = retry_interval
        self.current: TrustList | None = None
        self.fetched_at: datetime | None = None  # when ``current`` came from the portal
        self.last_error: CacheProblem | None = None
        self.last_error_detail = ""
        self.last_attempt: datetime | None = None
        self._attempt_failed = False
        self._lock = asyncio.Lock()
        if root_key is None:
            self._fail(CacheProblem.NO_ROOT_KEY)
        else:
            self.load()

    @property
    def path(self) -> Path | None:
        if self.cache_dir is None or self.root_key is None:
            return None
        return self.cache_dir / f"trust-list-{kid_to_text(key_id(self.root_key))}.json"

    # --- reading ---------------------------------------------------------------------------------

    def load(self) -> bool:
        """Take the saved list if the pinned root signed it; anything else is ignored."""
        path = self.path
        if path is None or self.root_key is None:
            return False
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("file too large")
            saved = json.loads(path.read_bytes())
            fetched_at = datetime.fromisoformat(saved["fetched_at"])
            if saved.get("format") != FILE_FORMAT or fetched_at.utcoffset() is None:
                raise ValueError("unknown file format")
            envelope = parse_envelope(json.dumps(saved["envelope"]))
            trust_list = verify_trust_list(envelope, self.root_key)
        except FileNotFoundError:
            return False
        except TrustListError as exc:
            self._fail(CacheProblem.BAD_FILE, exc.code.value)
            return False
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            self._fail(CacheProblem.BAD_FILE, type(exc).__name__)
            return False
        self.current, self.fetched_at = trust_list, fetched_at
        log.info("trust list loaded from cache: version %d", trust_list.version)
        return True

    def is_stale(self) -> bool:
        """No list, a list older than ``max_age``, or one fetched 'in the future' (clock moved)."""
        if self.current is None or self.fetched_at is None:
            return True
        age = self.clock() - self.fetched_at
        return age >= self.max_age or age < -timedelta(minutes=5)

    def needs_refresh(self) -> bool:
        """Stale, and not inside the pause that follows a failed try."""
        if self.root_key is None or not self.is_stale():
            return False
        if self._attempt_failed and self.last_attempt is not None:
            return self.clock() - self.last_attempt >= self.retry_interval
        return True

    # --- refreshing ------------------------------------------------------------------------------

    async def refresh(
        self, fetch: Fetch, *, force: bool = False, timeout: float | None = None
    ) -> bool:
        """Fetch, verify and keep a newer list when needed (or ``force``). Never raises for
        portal or disk faults. True when the list held is fresh (just fetched, or fetched less
        than ``max_age`` ago); False when a fetch was due and failed or was refused."""
        if not force and not self.needs_refresh():
            return not self.is_stale()
        async with self._lock:
            # Another task may have refreshed while this one waited for the lock.
            if not force and not self.needs_refresh():
                return not self.is_stale()
            return await self._refresh(fetch, timeout)

    async def _refresh(self, fetch: Fetch, timeout: float | None) -> bool:
        if self.root_key is None:
            self._fail(CacheProblem.NO_ROOT_KEY)
            return False
        self.last_attempt = self.clock()
        try:
            async with asyncio.timeout(timeout):
                envelope = await fetch()
        except TimeoutError:
            return self._fail(CacheProblem.TIMEOUT)
        except Exception as exc:  # any portal fault: the cache keeps what it has
            return self._fail(CacheProblem.UNREACHABLE, type(exc).__name__)
        try:
            fresh = verify_trust_list(envelope, self.root_key)
        except TrustListError as exc:
            return self._fail(CacheProblem.REJECTED, exc.code.value)
        if self.current is not None and fresh.version < self.current.version:
            return self._fail(CacheProblem.OLDER_VERSION, f"{fresh.version}<{self.current.version}")
        fetched_at = self.clock()
        previous = None if self.current is None else self.current.version
        self.current, self.fetched_at = fresh, fetched_at
        self._attempt_failed = False
        self.last_error, self.last_error_detail = None, ""
        if previous != fresh.version:
            log.info("trust list updated to version %d", fresh.version)
        copy = TrustListEnvelope(payload=envelope.payload, kid=envelope.kid, sig=envelope.sig)
        try:
            await asyncio.to_thread(self._save, copy, fetched_at)
        except OSError as exc:
            self.last_error, self.last_error_detail = CacheProblem.DISK, type(exc).__name__
            log.warning(
                "trust list kept in memory only",
                extra={"event": "trust_list", "reason": CacheProblem.DISK.value},
            )
        return True

    def _save(self, envelope: TrustListEnvelope, fetched_at: datetime) -> None:
        """Temp file in the same folder, flushed, then renamed over the old one: a crash
        leaves either the old list or the new one, never half a file."""
        path = self.path
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FILE_FORMAT,
            "fetched_at": fetched_at.isoformat(),
            "envelope": envelope.model_dump(),
        }
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".trust-list-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def _fail(self, problem: CacheProblem, detail: str = "") -> bool:
        self.last_error, self.last_error_detail = problem, detail
        self._attempt_failed = problem not in (CacheProblem.BAD_FILE, CacheProblem.NO_ROOT_KEY)
        log.warning(
            "trust list not updated: %s %s",
            problem.value,
            detail,
            extra={"event": "trust_list", "reason": problem.value},
        )
        return False


__all__ = [
    "MAX_AGE",
    "RETRY_INTERVAL",
    "CacheProblem",
    "Clock",
    "Fetch",
    "TrustListCache",
    "default_cache_dir",
    "load_root_key",
    "utc_now",
]
