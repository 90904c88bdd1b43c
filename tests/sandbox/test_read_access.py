"""Reads bound to who may read: a request (it carries the download code) is read back only by the
kiosk that made it, and one made with an account only with that account's session; a visitor's
token is good only at the kiosk that got it; look-ups by a bearer code or a reference are limited
per kiosk so that they cannot be walked."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from support import sandbox_tools
from support.devices import enrolled_kiosk
from support.people import person_without_account
from support.requests import guest_request

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.errors import PortalNotFound, PortalUnauthorized
from kiosk.portal.models import (
    AccountCreate,
    Bank,
    BoletaPayment,
    CriminalRecordRequest,
    CriminalRecordRequestCreate,
    SandboxBoletaCreate,
    SessionCreate,
    criminal_records,
)
from kiosk.sandbox.demo import DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD, DEMO_CLEAN
from kiosk.sandbox.state import SandboxOptions

PASSWORD = "el volcán de agua al amanecer"


@pytest.fixture
async def other(sandbox: PortalEndpoint) -> AsyncIterator[PortalClient]:
    """A second enrolled kiosk."""
    kiosk = enrolled_kiosk(sandbox, "GT-OTHER")
    async with PortalClient(sandbox.url, kiosk_id=kiosk, kiosk_token=sandbox.device_token) as c:
        yield c


async def boleta(client: PortalClient) -> BoletaPayment:
    made = await sandbox_tools.sandbox_create_boleta(client, SandboxBoletaCreate(bank=Bank.GYT))
    return BoletaPayment(
        bank=made.bank, number=made.number, paid_on=made.paid_on, amount=made.amount
    )


async def read(client: PortalClient, request_id: str, token: str | None = None) -> object:
    return await client.call(
        criminal_records.CRIMINAL_RECORD_REQUEST, path={"request_id": request_id}, token=token
    )


async def test_a_request_is_read_back_only_by_the_kiosk_that_made_it(
    client: PortalClient, other: PortalClient, sandbox: PortalEndpoint
) -> None:
    made = await client.request_criminal_record(
        guest_request(DEMO_CLEAN, await sandbox_tools.sandbox_create_boleta(
            client, SandboxBoletaCreate(bank=Bank.BANRURAL))),
        idempotency_key=new_idempotency_key(),
    )  # fmt: skip
    assert isinstance(await read(client, made.id), CriminalRecordRequest)
    with pytest.raises(PortalNotFound) as err:
        await read(other, made.id)
    assert err.value.code == "request_not_found"  # the same as an id that does not exist
    stranger = httpx.get(f"{sandbox.url}/v1/criminal-records/requests/{made.id}", timeout=10)
    assert stranger.status_code == 401 and made.download_code not in stranger.text


async def test_a_request_made_with_an_account_is_read_only_with_its_session(
    client: PortalClient, sandbox_dir: Path
) -> None:
    person = person_without_account(sandbox_dir)
    email = f"lectura.{new_idempotency_key()[:8]}@ejemplo.gt"
    await client.create_account(
        AccountCreate(dpi=person.dpi, birth_date=person.birth_date, email=email, password=PASSWORD),
        idempotency_key=new_idempotency_key(),
    )
    own = await client.log_in(SessionCreate(login=email, password=PASSWORD))
    made = await client.request_criminal_record(
        CriminalRecordRequestCreate(payment=await boleta(client)),
        idempotency_key=new_idempotency_key(),
        token=own.token,
    )
    someone_else = await client.log_in(
        SessionCreate(login=DEMO_ACCOUNT_EMAIL, password=DEMO_ACCOUNT_PASSWORD)
    )
    for token in (None, someone_else.token):  # same kiosk, but not the account's session
        with pytest.raises(PortalNotFound):
            await read(client, made.id, token)
    seen = await read(client, made.id, own.token)
    assert isinstance(seen, CriminalRecordRequest) and seen.download_code == made.download_code


async def test_a_visitor_token_is_good_only_at_the_kiosk_that_got_it(
    client: PortalClient, other: PortalClient
) -> None:
    session = await client.log_in(
        SessionCreate(login=DEMO_ACCOUNT_EMAIL, password=DEMO_ACCOUNT_PASSWORD)
    )
    with pytest.raises(PortalUnauthorized):
        await other.request_criminal_record(
            CriminalRecordRequestCreate(payment=await boleta(other)),
            idempotency_key=new_idempotency_key(),
            token=session.token,
        )
    with pytest.raises(PortalUnauthorized):
        await other.log_out(session.token)
    await client.log_out(session.token)  # where it was given, it still works


@pytest.mark.parametrize(
    "path",
    [
        "/v1/documents/CAP-2026-ZZZZ-{n:04d}",
        "/v1/certificates/ZZZZ-ZZZZ-{n:04d}",
        "/v1/payment-orders?reference={n:012d}",
    ],
)
def test_lookups_by_code_or_reference_are_limited_per_kiosk(
    sandbox: PortalEndpoint, path: str
) -> None:
    limit = SandboxOptions.lookup_limit  # a minute's worth for a busy clerk, not for a walker

    def kiosk() -> httpx.Client:
        headers = {"X-Kiosk-Id": enrolled_kiosk(sandbox), "X-Kiosk-Token": sandbox.device_token}
        return httpx.Client(base_url=sandbox.url, headers=headers, timeout=10)

    with kiosk() as walker, kiosk() as clerk:
        codes = [walker.get(path.format(n=n)).status_code for n in range(limit + 1)]
        assert set(codes[:limit]) == {404} and codes[limit] == 429
        assert clerk.get(path.format(n=1)).status_code == 404  # another kiosk is not affected
