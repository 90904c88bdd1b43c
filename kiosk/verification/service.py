"""The verification service: from a scanned or typed text to a ``Check`` a screen or a clerk reads.

``Verifier.check_text`` takes any QR text. An ``OJ1:`` seal is judged with the cached trust list
and the portal's word on its code (``verify_seal`` decides, in the order its docstring gives); a
link to the portal's verification page is looked up online by its code; anything else is NOT_OJ.
``check_code`` looks up a code typed by hand (online only). Neither raises on any input.

A trust list past its own ``next_update`` by more than the cache's ``offline_grace`` may lack
revocations (keys and documents annulled since), so it gives no "yes" any more: a seal that would
be VALID or VALID_OFFLINE, or that it rejects only for not knowing its key (unknown_key,
not_valid_for_key_period: a newer list may), is CANNOT_VERIFY trust_list_outdated. What such a
list still proves stands: a revoked key or document, an expiry, a broken signature.

Waits are short (``lookup_timeout``): a portal that does not answer in time counts as
unreachable, so a seal is VALID_OFFLINE instead of keeping a visitor waiting. When the trust list
is due for a refresh, the refresh and the portal lookup run together. Only the verdict, the
reason and the kind of input are logged; never a code, a name or a DPI.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from kiosk.i18n import tr
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalError, PortalNotFound
from kiosk.portal.models import DocumentCheck, DocumentState
from kiosk.seals.cache import Clock, TrustListCache, utc_now
from kiosk.seals.codec import decode_seal, looks_like_seal
from kiosk.seals.model import DOCUMENT_TYPE_LABELS, DocumentType, SealedDocument
from kiosk.seals.reasons import MESSAGES as SEAL_MESSAGES
from kiosk.seals.reasons import InvalidReason, SealFormatError, Verdict, message_for
from kiosk.seals.verify import PortalAnswer, VerificationResult, verify_seal
from kiosk.verification.links import CodeFormatError, link_code, normalise_code
from kiosk.verification.messages import MESSAGES, CheckReason

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT = 1.5  # seconds for one portal answer; a visitor should wait less than ~2 s
NOT_FOUND_CODE = "document_not_found"  # the contract's 404 code for an unknown document
_NEEDS_PORTAL = frozenset({Verdict.VALID_OFFLINE, Verdict.CANNOT_VERIFY})
# What an outdated trust list cannot say (see the module's docstring).
_YES = frozenset({Verdict.VALID, Verdict.VALID_OFFLINE})
_KEY_NEWS = frozenset({InvalidReason.UNKNOWN_KEY, InvalidReason.NOT_VALID_FOR_KEY_PERIOD})
_NO_PARAMS: Mapping[str, int | str] = MappingProxyType({})


class Source(StrEnum):
    SEAL = "seal"  # an OJ1: text: signed fields
    LINK = "link"  # <portal>/verificar/<code>: looked up online
    CODE = "code"  # typed by hand: looked up online
    OTHER = "other"  # anything else (NOT_OJ)


@dataclass(frozen=True)
class PortalRecord:
    """A document as the portal describes it. NOT signed: show it as "según el portal"."""

    code: str
    type: str
    state: DocumentState
    issued_at: datetime
    expires_at: datetime
    full_name: str = field(repr=False)
    dpi_last4: str = field(repr=False)
    revoked_at: datetime | None = None

    @classmethod
    def from_check(cls, found: DocumentCheck) -> PortalRecord:
        return cls(
            code=found.code,
            type=found.type,
            state=found.state,
            issued_at=found.issued_at,
            expires_at=found.expires_at,
            full_name=found.full_name,
            dpi_last4=found.dpi_last4,
            revoked_at=found.revoked_at,
        )

    @property
    def type_label(self) -> str:
        try:
            return DOCUMENT_TYPE_LABELS[DocumentType(self.type)]
        except ValueError:
            return self.type


@dataclass(frozen=True)
class Check:
    """The outcome of one check. ``message`` is the Spanish text; ``translated()`` gives it in
    the current language. ``document`` holds signed fields, ``portal_record`` the portal's
    unsigned ones; at most one of them is set."""

    verdict: Verdict
    reason: InvalidReason | CheckReason | None
    source: Source
    message_template: str
    params: Mapping[str, int | str] = field(default_factory=lambda: _NO_PARAMS)
    seal: VerificationResult | None = None
    portal_record: PortalRecord | None = None

    @property
    def message(self) -> str:
        return self.message_template.format(**self.params) if self.params else self.message_template

    def translated(self) -> str:
        return tr(self.message_template, **self.params)

    @property
    def accepted(self) -> bool:
        """VALID or VALID_OFFLINE: the document may be taken as genuine."""
        return self.verdict in (Verdict.VALID, Verdict.VALID_OFFLINE)

    @property
    def document(self) -> SealedDocument | None:
        """The signed fields, when the seal was signed by a trusted key."""
        return None if self.seal is None else self.seal.document

    @property
    def code(self) -> str | None:
        if self.document is not None:
            return self.document.code
        return None if self.portal_record is None else self.portal_record.code


def _from_seal(result: VerificationResult) -> Check:
    source = Source.SEAL if result.text_kind == "seal" else Source.OTHER
    key = result.reason if result.reason is not None else result.verdict
    return Check(result.verdict, result.reason, source, SEAL_MESSAGES[key], seal=result)


def _message(reason: CheckReason | str, **params: int | str) -> tuple[str, Mapping[str, int | str]]:
    return MESSAGES[reason], MappingProxyType(dict(params))


class Verifier:
    def __init__(
        self,
        client: PortalClient | None,
        cache: TrustListCache,
        portal_url: str,
        *,
        public_urls: Sequence[str] = (),
        clock: Clock = utc_now,
        lookup_timeout: float = LOOKUP_TIMEOUT,
    ) -> None:
        """``client`` None: offline, nothing is asked (seals are VALID_OFFLINE at best).
        ``portal_url`` and ``public_urls``: whose ``/verificar/<code>`` links are the OJ's."""
        self.client = client
        self.cache = cache
        self.portal_urls = tuple(url for url in (portal_url, *public_urls) if url)
        self.clock = clock
        self.lookup_timeout = lookup_timeout

    async def refresh_trust_list(self, *, force: bool = False) -> bool:
        """Fetch the trust list now if it is due (or ``force``); for start-up and a daily timer."""
        if self.client is None:
            return False
        return await self.cache.refresh(
            self.client.trust_list, force=force, timeout=self.lookup_timeout
        )

    async def check_text(self, text: str) -> Check:
        """Any scanned or typed QR text; never raises."""
        try:
            check = await self._check_text(text if isinstance(text, str) else "")
        except Exception as exc:  # a last guard: the visitor still gets an answer
            log.error("verification failed", extra={"error": type(exc).__name__})
            check = Check(
                Verdict.CANNOT_VERIFY, CheckReason.CHECK_FAILED, Source.OTHER,
                MESSAGES[CheckReason.CHECK_FAILED],
            )  # fmt: skip
        return self._logged(check)

    async def check_code(self, code: str) -> Check:
        """A verification code typed by hand (online only); never raises."""
        try:
            check = await self._check_code(code if isinstance(code, str) else "", Source.CODE)
        except Exception as exc:
            log.error("verification failed", extra={"error": type(exc).__name__})
            check = Check(
                Verdict.CANNOT_VERIFY, CheckReason.CHECK_FAILED, Source.CODE,
                MESSAGES[CheckReason.CHECK_FAILED],
            )  # fmt: skip
        return self._logged(check)

    # --- seals -----------------------------------------------------------------------------------

    async def _check_text(self, text: str) -> Check:
        if looks_like_seal(text):
            return await self._check_seal(text)
        code = link_code(text, self.portal_urls)
        if code is not None:
            return await self._check_code(code, Source.LINK)
        return _from_seal(verify_seal(text, trust_list=None, now=self.clock()))

    def _verify(self, text: str, answer: PortalAnswer) -> VerificationResult:
        return verify_seal(text, trust_list=self.cache.current, now=self.clock(), portal=answer)

    async def _check_seal(self, text: str) -> Check:
        try:
            code = decode_seal(text).document.code
        except SealFormatError:
            return self._seal_check(self._verify(text, PortalAnswer.UNREACHABLE))
        if self.client is None:
            return self._seal_check(self._verify(text, PortalAnswer.UNREACHABLE))
        if self.cache.needs_refresh():
            # Both waits overlap: a portal that is down costs one timeout, not two.
            _, (answer, found) = await asyncio.gather(self.refresh_trust_list(), self._ask(code))
        else:
            local = self._verify(text, PortalAnswer.UNREACHABLE)
            if local.verdict not in _NEEDS_PORTAL:
                return self._seal_check(local)  # the seal itself says no: no need to ask
            answer, found = await self._ask(code)
        result = self._verify(text, answer)
        if (
            result.verdict is Verdict.VALID
            and found is not None
            and found.state is DocumentState.EXPIRED
        ):
            # The portal's clock says it ran out; this kiosk's clock may be behind.
            result = VerificationResult(
                Verdict.EXPIRED,
                InvalidReason.EXPIRED,
                message_for(Verdict.EXPIRED, InvalidReason.EXPIRED),
                result.document,
                "seal",
            )
        return self._seal_check(result)

    def _seal_check(self, result: VerificationResult) -> Check:
        """The seal's verdict, unless it rests on a trust list that is outdated."""
        if (result.verdict in _YES or result.reason in _KEY_NEWS) and self.cache.is_outdated(
            self.clock()
        ):
            reason = CheckReason.TRUST_LIST_OUTDATED
            return Check(Verdict.CANNOT_VERIFY, reason, Source.SEAL, MESSAGES[reason])
        return _from_seal(result)

    async def _ask(self, code: str) -> tuple[PortalAnswer, DocumentCheck | None]:
        """The portal's word on ``code`` within ``lookup_timeout``; every fault is UNREACHABLE,
        and only the contract's own "not found" counts as UNKNOWN (a wrong URL's 404 does not)."""
        if self.client is None:
            return PortalAnswer.UNREACHABLE, None
        try:
            async with asyncio.timeout(self.lookup_timeout):
                found = await self.client.document(code)
        except PortalNotFound as exc:
            if exc.code == NOT_FOUND_CODE:
                return PortalAnswer.UNKNOWN, None
            return PortalAnswer.UNREACHABLE, None
        except (PortalError, TimeoutError):
            return PortalAnswer.UNREACHABLE, None
        if found.code.upper() != code.upper():
            return PortalAnswer.UNREACHABLE, None  # an answer about another document says nothing
        if found.state is DocumentState.REVOKED:
            return PortalAnswer.REVOKED, found
        return PortalAnswer.VALID, found

    # --- codes and links -------------------------------------------------------------------------

    async def _check_code(self, raw: str, source: Source) -> Check:
        try:
            code = normalise_code(raw)
        except CodeFormatError as error:
            return Check(
                Verdict.INVALID, CheckReason.CODE_FORMAT, source,
                MESSAGES[error.message_key], MappingProxyType(dict(error.params)),
            )  # fmt: skip
        if self.client is None:
            reason = CheckReason.OFFLINE
            return Check(Verdict.CANNOT_VERIFY, reason, source, *_message(reason))
        answer, found = await self._ask(code)
        if answer is PortalAnswer.UNKNOWN:
            reason = CheckReason.UNKNOWN_CODE
            return Check(Verdict.INVALID, reason, source, *_message(reason))
        if found is None:
            reason = CheckReason.PORTAL_UNREACHABLE
            return Check(Verdict.CANNOT_VERIFY, reason, source, *_message(reason))
        record = PortalRecord.from_check(found)
        if found.state is DocumentState.REVOKED:
            verdict, reason_or_none = Verdict.REVOKED, CheckReason.PORTAL_REVOKED
        elif found.state is DocumentState.EXPIRED:
            verdict, reason_or_none = Verdict.EXPIRED, CheckReason.PORTAL_EXPIRED
        else:
            verdict, reason_or_none = Verdict.VALID, None
        template, params = _message(reason_or_none or "portal_valid")
        return Check(verdict, reason_or_none, source, template, params, portal_record=record)

    @staticmethod
    def _logged(check: Check) -> Check:
        log.info(
            "document checked",
            extra={
                "verdict": check.verdict.value,
                "reason": None if check.reason is None else check.reason.value,
                "event": check.source.value,
            },
        )
        return check
