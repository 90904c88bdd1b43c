"""A slow link to the private cupsd, for the race between a reset and ``lp`` (test_job_cleanup)."""

from __future__ import annotations

import asyncio
import contextlib


class GatedCupsd:
    """A TCP relay to the private cupsd that holds ``lp`` (its POST to /printers/...) until
    ``released`` is set: a test can then act while lp is under way, before the job id is known.

    Only the timing changes: every request still reaches the real cupsd, byte for byte.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.holding = asyncio.Event()
        self.released = asyncio.Event()
        self.server: asyncio.Server | None = None
        self.port = 0

    async def __aenter__(self) -> GatedCupsd:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self.server is not None
        self.server.close()
        self.released.set()

    async def _relay(
        self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter
    ) -> None:
        server_in, server_out = await asyncio.open_connection("127.0.0.1", self.upstream_port)

        async def pipe(
            source: asyncio.StreamReader, sink: asyncio.StreamWriter, gate: bool
        ) -> None:
            with contextlib.suppress(ConnectionError):
                while data := await source.read(65536):
                    if gate and b"POST /printers/" in data and not self.released.is_set():
                        self.holding.set()
                        await self.released.wait()
                    sink.write(data)
                    await sink.drain()
            sink.close()

        await asyncio.gather(
            pipe(client_in, server_out, gate=True), pipe(server_in, client_out, gate=False)
        )
