"""Run the CUPS client commands (lp, lpstat, cancel) without blocking the event loop.

Each command runs with ``asyncio.create_subprocess_exec`` and a timeout, in the C locale (so the
output can be parsed) and with ``CUPS_SERVER`` set when a server is given ("host:port" or a domain
socket path; None keeps the machine's own client configuration). A missing command becomes
``PrintingError(LP_MISSING)``; a command that does not answer in time is killed and becomes
``PrintingError(UNREACHABLE)``. Nothing else is raised.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.printing.model import ErrorKind, PrintingError

COMMAND_TIMEOUT = 10.0
"""Seconds one lp/lpstat/cancel may take; a local cupsd answers in a few milliseconds."""

_LOCALE_VARIABLES = ("LANGUAGE", "LANG", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def environment(server: str | None) -> dict[str, str]:
    """The environment for a CUPS command: C locale, and CUPS_SERVER when a server is given."""
    env = {key: value for key, value in os.environ.items() if key not in _LOCALE_VARIABLES}
    env["LC_ALL"] = "C"
    env["LANG"] = "C"
    if server:
        env["CUPS_SERVER"] = server
    return env


async def run(
    args: Sequence[str], *, server: str | None, timeout: float | None = None
) -> CommandResult:
    """Run one CUPS client command and return its exit status and decoded output."""
    timeout = COMMAND_TIMEOUT if timeout is None else timeout
    try:
        process = await asyncio.create_subprocess_exec(
            *args,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment(server),
        )
    except FileNotFoundError as exc:
        raise PrintingError(ErrorKind.LP_MISSING, f"{args[0]} is not installed") from exc
    except OSError as exc:
        raise PrintingError(ErrorKind.LP_MISSING, f"{args[0]} cannot run: {exc.strerror}") from exc
    try:
        # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow the caller's cancel when
        # the command ends at the same moment, and a kiosk's shutdown then waits for ever
        async with asyncio.timeout(timeout):
            stdout, stderr = await process.communicate()
    except TimeoutError:
        await _kill(process)
        raise PrintingError(
            ErrorKind.UNREACHABLE, f"{args[0]} did not answer in {timeout:g} s"
        ) from None
    except BaseException:  # cancelled by the caller: do not leave the child behind
        await _kill(process)
        raise
    return CommandResult(
        returncode=process.returncode if process.returncode is not None else -1,
        stdout=stdout.decode("utf-8", "replace"),
        stderr=stderr.decode("utf-8", "replace"),
    )


async def _kill(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    await process.wait()  # reaps the child and closes its pipes
