"""The kiosk's last good trust list (SEAL.md, "Trust list"): kept on disk, refreshed daily.

``TrustListCache`` loads the saved list at start and re-verifies its signature against the pinned
root key (a file that fails is ignored, never trusted). ``refresh(fetch)`` asks the portal when
the list is missing, older than ``max_age`` or when forced, and keeps a new list only if the root
signed it and its ``version`` is not lower than the highest it has ever accepted. Portal and disk
faults never reach the caller: the cache keeps what it had and says why in ``last_error``. After a
failed try it waits ``retry_interval`` before asking again, so a portal that is down costs one
wait, not one per visitor. The file is named after the root's kid, so two roots (a sandbox,
production) never overwrite each other's list; it holds no personal data.

Rollback. A validly signed but older list is still genuine, so its signature cannot tell it from
the newest; only the version can. Next to the list the cache keeps a high-water file
(``trust-list-<kid>.highest``, written atomically, mode 0600) with the highest version it ever
accepted, and refuses anything lower, from the portal and from disk at load. The list is written
first and the high-water second: a crash in between leaves a saved list above the record, which
is accepted and raises it. Without a usable record the bar is never lowered:

* a saved list lower than the record (or than the highest held in memory) is refused
  (``ROLLED_BACK``);
* a saved list with no record at all, or with a record that cannot be read, and no higher
  version known in memory, is refused too (``UNKNOWN_HIGHEST``): nothing says how recent a list
  this kiosk has seen (the record may have been deleted along with the rollback). The portal's
  next list writes a new record; a kiosk upgraded from a version without the record therefore
  verifies offline again after its first refresh;
* an unreadable record never replaces the highest version held in memory, and the record is
  written as the highest of the two, so another process sharing the folder (``kiosk verify``)
  never lowers it either.

Staleness. A list says when it should be replaced (``next_update``). Past ``next_update`` plus
``offline_grace`` it may lack revocations: ``is_outdated()`` says so, and the verifier then gives
no "yes" on its word (kiosk.verification.service).
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
OFFLINE_GRACE = timedelta(days=3)  # the default of ``trust.offline_grace_days``
FILE_FORMAT = 1
MAX_FILE_BYTES = 8 * 1024 * 1024
HIGHEST_FORMAT = 1
MAX_HIGHEST_BYTES = 4096


def utc_now() -> datetime:
    return datetime.now(UTC)


class CacheProblem(StrEnum):
    """Why the last load or refresh did not give a usable new list (stable codes, for logs)."""

    NO_ROOT_KEY = "no_root_key"  # nothing can be verified without the pinned root
    UNREACHABLE = "unreachable"  # the portal did not answer, or answered an error
    TIMEOUT = "timeout"
    REJECTED = "rejected"  # badly signed or malformed: ``last_error_detail`` has the code
    OLDER_VERSION = "older_version"  # the portal's list is lower than the highest accepted
    BAD_FILE = "bad_file"  # the saved file was unreadable or failed verification
    ROLLED_BACK = "rolled_back"  # the saved list is lower than the highest accepted: refused
    UNKNOWN_HIGHEST = "unknown_highest"  # a saved list, but no usable high-water: refused
    DISK = "disk"  # the new list is in use but could not be saved


# Problems of the saved files: the portal may be asked at once (no retry pause).
_LOAD_PROBLEMS = frozenset(
    {
        CacheProblem.NO_ROOT_KEY,
        CacheProblem.BAD_FILE,
        CacheProblem.ROLLED_BACK,
        CacheProblem.UNKNOWN_HIGHEST,
    }
)


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
        offline_grace: timedelta = OFFLINE_GRACE,
    ) -> None:
        self.root_key = root_key
        self.cache_dir = cache_dir
        self.clock = clock
        self.max_age = max_age
        self.retry_interval = retry_interval
        self.offline_grace = offline_grace
        self.current: TrustList | None = None
        self.fetched_at: datetime | None = None  # when ``current`` came from the portal
        self.highest: int | None = None  # the highest version ever accepted (the high-water)
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

    @property
    def highest_path(self) -> Path | None:
        """The high-water file: the highest version accepted, next to the list it guards."""
        path = self.path
        return None if path is None else path.with_suffix(".highest")

    # --- reading ---------------------------------------------------------------------------------

    def load(self) -> bool:
        """Take the saved list if the pinned root signed it and it is not a rollback (see the
        module's docstring); anything else is ignored."""
        path = self.path
        if path is None or self.root_key is None:
            return False
        record_readable = self._remember_highest()
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
        if self.highest is None:
            self._fail(CacheProblem.UNKNOWN_HIGHEST, "missing" if record_readable else "unreadable")
            return False
        if trust_list.version < self.highest:
            self._fail(CacheProblem.ROLLED_BACK, f"{trust_list.version}<{self.highest}")
            return False
        if trust_list.version > self.highest:
            # Saved, then stopped before the high-water was written: the list is genuine and
            # newer, so it raises the record.
            self.highest = trust_list.version
            try:
                self._save_highest()
            except OSError as exc:
                log.warning("trust list high-water not saved: %s", type(exc).__name__)
        self.current, self.fetched_at = trust_list, fetched_at
        log.info("trust list loaded from cache: version %d", trust_list.version)
        return True

    def _read_highest(self) -> int | None:
        """The version in the high-water file, None when there is none. ``OSError`` or
        ``ValueError`` when it exists but cannot be read."""
        path = self.highest_path
        if path is None:
            return None
        try:
            with path.open("rb") as file:
                raw = file.read(MAX_HIGHEST_BYTES + 1)
        except FileNotFoundError:
            return None
        if len(raw) > MAX_HIGHEST_BYTES:
            raise ValueError("file too large")
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != HIGHEST_FORMAT:
            raise ValueError("unknown high-water format")
        version = data.get("version")
        if type(version) is not int or version < 0:
            raise ValueError("bad high-water version")
        return version

    def _remember_highest(self) -> bool:
        """Raise ``highest`` to the high-water file's version (never lower it). False when the
        file exists but cannot be read: the highest held in memory then stands."""
        try:
            stored = self._read_highest()
        except (OSError, ValueError, RecursionError) as exc:
            log.warning(
                "trust list high-water unreadable: %s",
                type(exc).__name__,
                extra={"event": "trust_list", "reason": "bad_high_water"},
            )
            return False
        if stored is not None and (self.highest is None or stored > self.highest):
            self.highest = stored
        return True

    def is_stale(self) -> bool:
        """No list, a list older than ``max_age``, or one fetched 'in the future' (clock moved)."""
        if self.current is None or self.fetched_at is None:
            return True
        age = self.clock() - self.fetched_at
        return age >= self.max_age or age < -timedelta(minutes=5)

    def is_outdated(self, now: datetime | None = None) -> bool:
        """The list held is past its own ``next_update`` by more than ``offline_grace``: it may
        lack revocations, so it must not vouch for a document on its own any more."""
        if self.current is None:
            return False
        moment = self.clock() if now is None else now
        return moment > self.current.next_update + self.offline_grace

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
        await asyncio.to_thread(self._remember_highest)  # another process may have raised it
        floor = self._floor()
        if floor is not None and fresh.version < floor:
            return self._fail(CacheProblem.OLDER_VERSION, f"{fresh.version}<{floor}")
        fetched_at = self.clock()
        previous = None if self.current is None else self.current.version
        self.current, self.fetched_at = fresh, fetched_at
        self.highest = fresh.version if floor is None else max(floor, fresh.version)
        self._attempt_failed = False
        self.last_error, self.last_error_detail = None, ""
        if previous != fresh.version:
            log.info("trust list updated to version %d", fresh.version)
        copy = TrustListEnvelope(payload=envelope.payload, kid=envelope.kid, sig=envelope.sig)
        failed = await asyncio.to_thread(self._persist, copy, fetched_at)
        if failed:
            self.last_error, self.last_error_detail = CacheProblem.DISK, failed
            log.warning(
                "trust list kept in memory only",
                extra={"event": "trust_list", "reason": CacheProblem.DISK.value},
            )
        return True

    def _floor(self) -> int | None:
        """The lowest version still acceptable: the highest ever accepted, or the one held."""
        held = None if self.current is None else self.current.version
        known = [v for v in (self.highest, held) if v is not None]
        return max(known) if known else None

    def _persist(self, envelope: TrustListEnvelope, fetched_at: datetime) -> str:
        """The list, then the high-water (see the module's docstring for the order); each is
        tried even if the other fails. Returns the failures' names, empty when both were saved."""
        failed = []
        try:
            self._save(envelope, fetched_at)
        except OSError as exc:
            failed.append(type(exc).__name__)
        try:
            self._save_highest()
        except OSError as exc:
            failed.append(type(exc).__name__)
        return ",".join(failed)

    def _save(self, envelope: TrustListEnvelope, fetched_at: datetime) -> None:
        path = self.path
        if path is None:
            return
        data = {
            "format": FILE_FORMAT,
            "fetched_at": fetched_at.isoformat(),
            "envelope": envelope.model_dump(),
        }
        _write_atomically(path, data)

    def _save_highest(self) -> None:
        """Write the high-water: the highest of memory and the file (never lowered)."""
        path = self.highest_path
        self._remember_highest()
        if path is None or self.highest is None:
            return
        _write_atomically(path, {"format": HIGHEST_FORMAT, "version": self.highest})

    def _fail(self, problem: CacheProblem, detail: str = "") -> bool:
        self.last_error, self.last_error_detail = problem, detail
        self._attempt_failed = problem not in _LOAD_PROBLEMS
        log.warning(
            "trust list not updated: %s %s",
            problem.value,
            detail,
            extra={"event": "trust_list", "reason": problem.value},
        )
        return False


def _write_atomically(path: Path, data: object) -> None:
    """Temp file in the same folder (mode 0600), flushed, then renamed over the old one, and the
    folder synced: a crash leaves either the old file or the new one, never half a file."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".trust-list-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), 0o600)
            json.dump(data, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):  # not every file system syncs a folder
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


__all__ = [
    "MAX_AGE",
    "OFFLINE_GRACE",
    "RETRY_INTERVAL",
    "CacheProblem",
    "Clock",
    "Fetch",
    "TrustListCache",
    "default_cache_dir",
    "load_root_key",
    "utc_now",
]
