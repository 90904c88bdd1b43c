"""Schemathesis against the sandbox over real HTTP, every check on: the OpenAPI document tells the
truth about what the portal accepts and answers.

The bounded run is part of `make test`: a few derandomized examples per operation (the examples,
coverage and fuzzing phases) against the session's sandbox, as an enrolled kiosk. Two operator
tools stay out of it because they change what the other tests see (the issuer key revoked, a
service marked unavailable). `make fuzz` runs the long one (``-m fuzz``): every operation, many
more examples and the stateful phase, on a sandbox of its own.

Business rules answer 422 with their own ``code`` (an unknown boleta, a DPI whose check digit is
wrong): a schema cannot say them, so 422 counts as an answer to schema-valid data. What the
schema allows must never fail the portal's validation itself (``invalid_input``), though.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case, CheckContext, Response
from schemathesis.checks import CHECKS, load_all_checks
from support.devices import enroll

from kiosk.embedded_portal import EmbeddedPortal, PortalEndpoint
from kiosk.sandbox.cli import openapi_document

#: `make fuzz` raises it; `make test` keeps the run to seconds
LONG_EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "300"))
BOUNDED_EXAMPLES = 6
#: these change what every other test of the session sees: only `make fuzz` runs them
DISTURBING = r"^/v1/sandbox/(keys/issuer/revoke|services/)"
#: schema-valid data may meet a business rule: 422 with a code of its own (see the docstring)
POSITIVE_STATUSES = ["2xx", "401", "403", "404", "409", "422", "429"]


#: the long run's kiosk, enrolled in its own sandbox. Schemathesis sends it as the contract's
#: KioskId/KioskToken security schemes, so a case that leaves the device headers out on purpose
#: really goes without them (headers added to every call made such a case look accepted).
LONG_KIOSK = ("FUZZ-LONG-0001", "fuzz-long-run-device-token-0123456789")


def fuzz_config(
    examples: int, *, stateful: bool, device: tuple[str, str] | None = None
) -> schemathesis.Config:
    config: dict[str, Any] = {
        "generation": {
            "max-examples": examples,
            "deterministic": True,  # the same cases on every run: CI stays stable
            "database": "none",
        },
        "checks": {
            "enabled": True,  # every check, as `st run --checks all`
            "positive_data_acceptance": {"expected-statuses": POSITIVE_STATUSES},
        },
        "phases": {"stateful": {"enabled": stateful}},
        "request-timeout": 15,
    }
    if device is not None:
        kiosk_id, token = device
        config["auth"] = {
            "openapi": {"KioskId": {"api_key": kiosk_id}, "KioskToken": {"api_key": token}}
        }
    return schemathesis.Config.from_dict(config)


def validation_agrees_with_the_schema(ctx: CheckContext, response: Response, case: Case) -> None:
    """Data the document allows is never refused as ``invalid_input`` (the portal's own model
    validation): that would be a type or a pattern the document does not tell."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return
    problem: Any = response.json()
    assert problem.get("code") != "invalid_input", (
        f"schema-valid data refused as invalid_input (field {problem.get('field')!r}): "
        "the OpenAPI document does not say what the portal validates"
    )


load_all_checks()
bounded = schemathesis.openapi.from_dict(
    openapi_document(), config=fuzz_config(BOUNDED_EXAMPLES, stateful=False)
).exclude(path_regex=DISTURBING)
long = schemathesis.openapi.from_dict(
    openapi_document(), config=fuzz_config(LONG_EXAMPLES, stateful=True, device=LONG_KIOSK)
)


def test_every_check_is_on() -> None:
    for schema in (bounded, long):
        for operation in (schema["/v1/payment-orders"]["POST"], schema["/v1/health"]["GET"]):
            config = schema.config.checks_config_for(operation=operation, phase=None)
            for name in CHECKS.get_all_names():
                assert getattr(config, name).enabled, name


# One kiosk per operation, the same for all its examples (fresh rate limits per operation).


def device_headers(kiosk_id: str, token: str) -> dict[str, str]:
    return {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": token}


@bounded.parametrize()
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_sandbox_keeps_its_contract(case: Case, sandbox: PortalEndpoint, kiosk_id: str) -> None:
    case.call_and_validate(
        base_url=sandbox.url,
        headers=device_headers(kiosk_id, sandbox.device_token),
        additional_checks=[validation_agrees_with_the_schema],
    )


# --- the long run: `make fuzz` ------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_sandbox() -> Iterator[PortalEndpoint]:
    """A sandbox of the long run's own (a temp data folder), LONG_KIOSK enrolled in it: the
    operator tools may revoke its key and close its services."""
    with tempfile.TemporaryDirectory(prefix="kiosk-fuzz-") as folder:
        portal = EmbeddedPortal(Path(folder) / "data", seed=7, start_timeout=90)
        portal.start()
        try:
            endpoint = portal.wait_ready()
            enroll(endpoint, *LONG_KIOSK)
            yield endpoint
        finally:
            portal.stop()


@pytest.mark.fuzz
@pytest.mark.timeout(900)
@long.parametrize()
@settings(deadline=None)
def test_the_sandbox_keeps_its_contract_long(case: Case, own_sandbox: PortalEndpoint) -> None:
    case.call_and_validate(
        base_url=own_sandbox.url, additional_checks=[validation_agrees_with_the_schema]
    )


@pytest.mark.fuzz
@pytest.mark.timeout(1800)
def test_the_sandbox_keeps_its_contract_in_sequences(own_sandbox: PortalEndpoint) -> None:
    """The stateful phase: operations chained by what one answers and the next takes (an order
    created, then read, paid and spent)."""

    class Sequences(long.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Case) -> dict[str, Any]:
            return {"base_url": own_sandbox.url}

        def validate_response(
            self, response: Response, case: Case, additional_checks: Any = None, **kwargs: Any
        ) -> None:
            checks = [validation_agrees_with_the_schema]
            super().validate_response(response, case, additional_checks=checks, **kwargs)

    Sequences.run(
        settings=settings(
            max_examples=max(LONG_EXAMPLES // 10, 10),
            stateful_step_count=8,
            deadline=None,
            derandomize=True,
            database=None,
        )
    )
