"""Sends the audit log's pending entries to the portal, oldest first, one at a time.

Each entry goes with its hash as the Idempotency-Key, and is acknowledged in the log only once the
portal answered 201 (new) or 200 (it already had it: the answer to an earlier try was lost). The
first failure stops the round and leaves the rest queued: the next round starts again at the same
entry, so nothing is skipped, reordered or sent twice into the chain. A portal that cannot be
reached is a normal state (try later); a refusal is logged by its code only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.audit.log import AuditLog
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalError, PortalRejected
from kiosk.portal.models.audit import POST_AUDIT

log = logging.getLogger(__name__)

BATCH = 50  # entries read from the log at a time; a round sends every pending one


@dataclass(frozen=True)
class SendResult:
    sent: int  # entries acknowledged in this round
    pending: int  # entries still queued after it
    stopped_by: str | None = None  # the portal's code, "unavailable", or None when all went


class AuditSender:
    def __init__(self, log: AuditLog, client: PortalClient) -> None:
        self.log = log
        self.client = client

    async def send_pending(self) -> SendResult:
        sent = 0
        stopped: str | None = None
        while stopped is None:
            batch = self.log.pending(BATCH)
            if not batch:
                break
            for entry in batch:
                try:
                    receipt = await self.client.call(
                        POST_AUDIT, body=entry.upload(), idempotency_key=entry.hash
                    )
                except PortalRejected as exc:
                    # audit_out_of_order names the expected seq in its detail: for the
                    # technician, from the portal's side; the kiosk keeps the entry queued
                    extra = {"event": "audit_refused", "error": exc.code}
                    log.warning("audit entry %s refused", entry.seq, extra=extra)
                    stopped = exc.code
                    break
                except PortalError:
                    extra = {"event": "audit_deferred"}
                    log.info(
                        "portal unreachable: audit entry %s stays queued", entry.seq, extra=extra
                    )
                    stopped = "unavailable"
                    break
                if receipt.seq != entry.seq or receipt.hash != entry.hash:
                    extra = {"event": "audit_refused", "error": "receipt_mismatch"}
                    log.warning("audit entry %s: receipt for another", entry.seq, extra=extra)
                    stopped = "receipt_mismatch"
                    break
                self.log.acknowledge(entry.seq)
                sent += 1
        return SendResult(sent, len(self.log.pending(BATCH)), stopped)
