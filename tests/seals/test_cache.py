"""The trust-list cache: keeps the last good list, refreshes daily, refuses older or badly signed
lists, survives portal and disk faults, and trusts a saved file only after checking it again."""

from __future__ import annotations

import asyncio
import json
import stat
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalUnavailable
from kiosk.seals import keys
from kiosk.seals.cache import (
    MAX_AGE,
    OFFLINE_GRACE,
    RETRY_INTERVAL,
    CacheProblem,
    TrustListCache,
    load_root_key,
)
from kiosk.seals.envelope import TrustListEnvelope
from kiosk.seals.model import SealedDocument
from kiosk.seals.reasons import InvalidReason, Verdict
from kiosk.seals.trustlist import TrustedKey, TrustList, revoked_document_id, sign_trust_list
from kiosk.seals.verify import verify_seal

START = datetime.fromisoformat("2025-03-10T15:00:00+00:00")


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class Portal:
    """What the cache fetches from: the envelope it is given, counting the calls."""

    def __init__(self, envelope: TrustListEnvelope | None = None) -> None:
        self.envelope = envelope
        self.calls = 0
        self.error: Exception | None = None
        self.delay = 0.0

    async def fetch(self) -> TrustListEnvelope:
        self.calls += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.error is not None:
            raise self.error
        assert self.envelope is not None
        return self.envelope


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def listing(
    issuer_key: ec.EllipticCurvePrivateKey,
    make_trusted_key: Callable[..., TrustedKey],
    make_trust_list: Callable[..., TrustList],
) -> Callable[[int], TrustList]:
    base = make_trust_list([make_trusted_key(issuer_key)])

    def make(version: int) -> TrustList:
        return TrustList.model_validate({**base.model_dump(), "version": version})

    return make


@pytest.fixture
def signed(
    root_key: ec.EllipticCurvePrivateKey, listing: Callable[[int], TrustList]
) -> Callable[[int], TrustListEnvelope]:
    return lambda version: sign_trust_list(listing(version), root_key)


def new_cache(root: ec.EllipticCurvePrivateKey, folder: Path, clock: Clock) -> TrustListCache:
    return TrustListCache(root.public_key(), folder, clock=clock)


async def test_first_refresh_fetches_verifies_and_saves_for_the_next_start(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    assert cache.current is None and cache.is_stale() and cache.last_error is None
    portal = Portal(signed(3))
    assert await cache.refresh(portal.fetch)
    assert cache.current is not None and cache.current.version == 3
    assert cache.fetched_at == START and not cache.is_stale()
    assert cache.path is not None and cache.highest_path is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [cache.path.name, cache.highest_path.name]
    )

    clock.advance(timedelta(hours=2))
    restarted = new_cache(root_key, tmp_path, clock)
    assert restarted.current == cache.current
    assert restarted.fetched_at == START and not restarted.is_stale()


async def test_a_fresh_list_is_kept_for_24_hours_unless_forced(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    portal = Portal(signed(3))
    await cache.refresh(portal.fetch)
    clock.advance(MAX_AGE - timedelta(seconds=1))
    assert await cache.refresh(portal.fetch)
    assert portal.calls == 1
    assert await cache.refresh(portal.fetch, force=True)
    assert portal.calls == 2 and cache.fetched_at == clock.now
    clock.advance(MAX_AGE)
    assert cache.is_stale()
    portal.envelope = signed(4)
    assert await cache.refresh(portal.fetch)
    assert portal.calls == 3 and cache.current is not None and cache.current.version == 4


async def test_a_lower_version_is_refused_and_the_cached_list_kept(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    await cache.refresh(Portal(signed(5)).fetch)
    saved = cache.path.read_bytes()  # type: ignore[union-attr]
    assert not await cache.refresh(Portal(signed(4)).fetch, force=True)
    assert cache.current is not None and cache.current.version == 5
    assert cache.last_error is CacheProblem.OLDER_VERSION
    assert cache.path.read_bytes() == saved  # type: ignore[union-attr]
    # the same version again is accepted (a routine re-issue of the same list)
    clock.advance(timedelta(minutes=5))
    assert await cache.refresh(Portal(signed(5)).fetch, force=True)
    assert cache.last_error is None and cache.fetched_at == clock.now


async def test_badly_signed_lists_are_refused(
    root_key: ec.EllipticCurvePrivateKey,
    listing: Callable[[int], TrustList],
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    await cache.refresh(Portal(signed(3)).fetch)
    foreign = sign_trust_list(listing(9), keys.generate_private_key())
    assert not await cache.refresh(Portal(foreign).fetch, force=True)
    assert (cache.last_error, cache.last_error_detail) == (CacheProblem.REJECTED, "wrong_kid")
    # a higher version pasted into a genuine envelope: the signature no longer matches
    genuine = signed(3)
    forged = genuine.model_copy(update={"payload": signed(9).payload})
    assert not await cache.refresh(Portal(forged).fetch, force=True)
    assert cache.last_error_detail == "bad_signature"
    assert cache.current is not None and cache.current.version == 3


async def test_portal_faults_never_raise_and_say_why(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    await cache.refresh(Portal(signed(3)).fetch)
    clock.advance(MAX_AGE)
    down = Portal()
    down.error = PortalUnavailable("el portal respondió 503")
    assert not await cache.refresh(down.fetch)
    assert cache.last_error is CacheProblem.UNREACHABLE
    assert cache.last_error_detail == "PortalUnavailable"
    assert cache.current is not None and cache.current.version == 3  # still usable

    slow = Portal(signed(4))
    slow.delay = 5
    assert not await cache.refresh(slow.fetch, force=True, timeout=0.05)
    assert cache.last_error is CacheProblem.TIMEOUT
    assert cache.current.version == 3


async def test_after_a_failure_the_portal_is_not_asked_again_at_once(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    portal = Portal(signed(3))
    portal.error = PortalUnavailable("down")
    assert not await cache.refresh(portal.fetch)
    assert not cache.needs_refresh()
    assert not await cache.refresh(portal.fetch)
    assert portal.calls == 1  # a portal that is down costs one wait, not one per visitor
    clock.advance(RETRY_INTERVAL)
    portal.error = None
    assert cache.needs_refresh()
    assert await cache.refresh(portal.fetch)
    assert portal.calls == 2 and cache.last_error is None


async def test_concurrent_checks_share_one_fetch(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    portal = Portal(signed(3))
    portal.delay = 0.05
    results = await asyncio.gather(*(cache.refresh(portal.fetch) for _ in range(5)))
    assert results == [True] * 5
    assert portal.calls == 1


def saved_file(cache: TrustListCache) -> Path:
    assert cache.path is not None
    return cache.path


async def test_a_tampered_or_foreign_file_is_ignored_not_trusted(
    root_key: ec.EllipticCurvePrivateKey,
    listing: Callable[[int], TrustList],
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    await cache.refresh(Portal(signed(3)).fetch)
    path = saved_file(cache)
    data = json.loads(path.read_text())

    data["envelope"]["payload"] = signed(7).payload  # someone edits the version on disk
    path.write_text(json.dumps(data))
    reloaded = new_cache(root_key, tmp_path, clock)
    assert reloaded.current is None
    assert (reloaded.last_error, reloaded.last_error_detail) == (
        CacheProblem.BAD_FILE,
        "bad_signature",
    )
    assert reloaded.needs_refresh()  # and the portal is asked at once

    data["envelope"] = sign_trust_list(listing(7), keys.generate_private_key()).model_dump()
    path.write_text(json.dumps(data))
    assert new_cache(root_key, tmp_path, clock).current is None

    for garbage in ("", "{", "[]", '{"format": 1}', '{"format": 1, "fetched_at": "x"}'):
        path.write_text(garbage)
        broken = new_cache(root_key, tmp_path, clock)
        assert broken.current is None and broken.last_error is CacheProblem.BAD_FILE


async def test_each_root_has_its_own_file(
    root_key: ec.EllipticCurvePrivateKey,
    listing: Callable[[int], TrustList],
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    other_root = keys.generate_private_key()
    first = new_cache(root_key, tmp_path, clock)
    second = new_cache(other_root, tmp_path, clock)
    await first.refresh(Portal(signed(3)).fetch)
    await second.refresh(Portal(sign_trust_list(listing(8), other_root)).fetch)
    assert first.path != second.path
    assert new_cache(root_key, tmp_path, clock).current.version == 3  # type: ignore[union-attr]
    assert new_cache(other_root, tmp_path, clock).current.version == 8  # type: ignore[union-attr]


async def test_disk_faults_keep_the_new_list_in_memory(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    cache = new_cache(root_key, not_a_folder, clock)
    assert await cache.refresh(Portal(signed(3)).fetch)
    assert cache.current is not None and cache.last_error is CacheProblem.DISK

    # the target is in the way: the rename fails, and no temporary file is left behind
    blocked = new_cache(root_key, tmp_path / "cache", clock)
    saved_file(blocked).mkdir(parents=True)
    assert await blocked.refresh(Portal(signed(3)).fetch)
    assert blocked.last_error is CacheProblem.DISK
    assert blocked.highest_path is not None
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(
        [saved_file(blocked).name, blocked.highest_path.name]
    )


async def test_without_a_root_key_nothing_is_fetched_or_trusted(
    signed: Callable[[int], TrustListEnvelope], tmp_path: Path, clock: Clock
) -> None:
    cache = TrustListCache(None, tmp_path, clock=clock)
    portal = Portal(signed(3))
    assert not await cache.refresh(portal.fetch, force=True)
    assert portal.calls == 0 and cache.current is None
    assert cache.last_error is CacheProblem.NO_ROOT_KEY


async def test_with_the_sandbox_portal(
    sandbox: PortalEndpoint, client: PortalClient, tmp_path: Path
) -> None:
    cache = TrustListCache(load_root_key(sandbox.root_key), tmp_path)
    assert await cache.refresh(client.trust_list)
    assert cache.current is not None and cache.current.keys
    assert any(key.status == "active" for key in cache.current.keys)
    reloaded = TrustListCache(load_root_key(sandbox.root_key), tmp_path)
    assert reloaded.current == cache.current


# --- rollback: the highest version ever accepted --------------------------------------------------


def high_water(cache: TrustListCache) -> Path:
    assert cache.highest_path is not None
    return cache.highest_path


def revoked_id(document: SealedDocument) -> str:
    return revoked_document_id(document.code)


async def test_a_list_rolled_back_on_disk_is_refused_and_the_revoked_document_not_valid(
    root_key: ec.EllipticCurvePrivateKey,
    issuer_key: ec.EllipticCurvePrivateKey,
    make_trusted_key: Callable[..., TrustedKey],
    make_trust_list: Callable[..., TrustList],
    document: SealedDocument,
    seal_text: str,
    tmp_path: Path,
    clock: Clock,
) -> None:
    trusted = [make_trusted_key(issuer_key)]
    before = make_trust_list(trusted).model_copy(update={"version": 7})
    after = TrustList.model_validate(
        {**before.model_dump(), "version": 8, "revoked_documents": [revoked_id(document)]}
    )
    cache = new_cache(root_key, tmp_path, clock)
    assert await cache.refresh(Portal(sign_trust_list(before, root_key)).fetch)
    old_file = saved_file(cache).read_bytes()  # a genuine, validly signed version 7
    assert await cache.refresh(Portal(sign_trust_list(after, root_key)).fetch, force=True)
    revoked = verify_seal(seal_text, trust_list=cache.current, now=clock.now)
    assert (revoked.verdict, revoked.reason) == (Verdict.REVOKED, InvalidReason.DOCUMENT_REVOKED)

    saved_file(cache).write_bytes(old_file)  # someone puts version 7 back
    restarted = new_cache(root_key, tmp_path, clock)
    assert restarted.current is None and restarted.highest == 8
    assert (restarted.last_error, restarted.last_error_detail) == (CacheProblem.ROLLED_BACK, "7<8")
    offline = verify_seal(seal_text, trust_list=restarted.current, now=clock.now)
    assert offline.verdict is Verdict.CANNOT_VERIFY and not offline.authentic
    assert restarted.needs_refresh()  # refused: the portal is asked at once

    # nor does the portal get version 7 past a kiosk that holds no list any more
    assert not await restarted.refresh(Portal(sign_trust_list(before, root_key)).fetch)
    assert restarted.last_error is CacheProblem.OLDER_VERSION and restarted.current is None
    assert await restarted.refresh(Portal(sign_trust_list(after, root_key)).fetch, force=True)
    assert restarted.current is not None and restarted.current.version == 8


async def test_the_high_water_is_a_private_file_that_survives_restarts(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path / "trust", clock)
    await cache.refresh(Portal(signed(5)).fetch)
    assert json.loads(high_water(cache).read_text()) == {"format": 1, "version": 5}
    assert stat.S_IMODE(high_water(cache).stat().st_mode) == 0o600
    assert stat.S_IMODE(saved_file(cache).stat().st_mode) == 0o600
    # the list file deleted: a restart remembers 5 all the same
    saved_file(cache).unlink()
    restarted = new_cache(root_key, tmp_path / "trust", clock)
    assert restarted.current is None and restarted.highest == 5
    assert not await restarted.refresh(Portal(signed(4)).fetch)
    assert restarted.last_error is CacheProblem.OLDER_VERSION
    assert json.loads(high_water(restarted).read_text())["version"] == 5


async def test_a_missing_or_damaged_high_water_never_lowers_the_bar(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    await cache.refresh(Portal(signed(5)).fetch)
    old = new_cache(root_key, tmp_path / "elsewhere", clock)
    await old.refresh(Portal(signed(4)).fetch)
    saved_file(cache).write_bytes(saved_file(old).read_bytes())  # version 4 put back...

    for damage in (None, "", "{", '{"format": 1, "version": "9"}', '{"format": 1, "version": -1}'):
        if damage is None:
            high_water(cache).unlink()  # ...and the record deleted, or spoilt
        else:
            high_water(cache).write_text(damage)
        restarted = new_cache(root_key, tmp_path, clock)
        assert restarted.current is None, damage
        assert restarted.last_error is CacheProblem.UNKNOWN_HIGHEST, damage
        assert restarted.last_error_detail == ("missing" if damage is None else "unreadable")

    # a record spoilt while running: the highest held in memory stands
    high_water(cache).write_text('{"format": 1, "version": 5}')
    running = new_cache(root_key, tmp_path, clock)
    assert running.highest == 5 and running.last_error is CacheProblem.ROLLED_BACK
    high_water(cache).write_text("garbage")
    assert not running.load()
    assert running.last_error is CacheProblem.ROLLED_BACK and running.highest == 5
    assert not await running.refresh(Portal(signed(4)).fetch, force=True)
    assert await running.refresh(Portal(signed(5)).fetch, force=True)
    assert json.loads(high_water(cache).read_text())["version"] == 5  # rewritten, not lowered


async def test_a_list_saved_before_a_crash_raises_the_high_water(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    await cache.refresh(Portal(signed(5)).fetch)
    high_water(cache).write_text('{"format": 1, "version": 4}')  # the list was written first
    restarted = new_cache(root_key, tmp_path, clock)
    assert restarted.current is not None and restarted.current.version == 5
    assert restarted.last_error is None
    assert json.loads(high_water(cache).read_text())["version"] == 5


async def test_another_process_on_the_same_folder_raises_the_bar_for_both(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    tmp_path: Path,
    clock: Clock,
) -> None:
    kiosk = new_cache(root_key, tmp_path, clock)
    await kiosk.refresh(Portal(signed(4)).fetch)
    desk = new_cache(root_key, tmp_path, clock)  # `kiosk verify` on the same machine
    await desk.refresh(Portal(signed(6)).fetch, force=True)
    assert not await kiosk.refresh(Portal(signed(5)).fetch, force=True)
    assert (kiosk.last_error, kiosk.last_error_detail) == (CacheProblem.OLDER_VERSION, "5<6")
    assert kiosk.current is not None and kiosk.current.version == 4  # kept what it had
    assert json.loads(high_water(kiosk).read_text())["version"] == 6


# --- a list past its own next_update --------------------------------------------------------------


async def test_a_list_is_outdated_past_next_update_plus_the_grace(
    root_key: ec.EllipticCurvePrivateKey,
    signed: Callable[[int], TrustListEnvelope],
    listing: Callable[[int], TrustList],
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache = new_cache(root_key, tmp_path, clock)
    assert not cache.is_outdated()  # no list: nothing to be outdated (it is CANNOT_VERIFY anyway)
    await cache.refresh(Portal(signed(3)).fetch)
    next_update = listing(3).next_update
    assert cache.offline_grace == OFFLINE_GRACE == timedelta(days=3)
    assert not cache.is_outdated()
    assert not cache.is_outdated(next_update + OFFLINE_GRACE)
    assert cache.is_outdated(next_update + OFFLINE_GRACE + timedelta(seconds=1))
    clock.now = next_update + OFFLINE_GRACE + timedelta(seconds=1)
    assert cache.is_outdated()
    strict = TrustListCache(root_key.public_key(), tmp_path, clock=clock, offline_grace=timedelta())
    assert strict.is_outdated(next_update + timedelta(seconds=1))
    assert not strict.is_outdated(next_update)
