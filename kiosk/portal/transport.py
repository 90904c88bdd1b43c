"""The portal client's HTTP transport, made at its first request instead of before the home
screen paints (kiosk.app gives it to PortalClient)."""

from __future__ import annotations

import asyncio
import contextlib
import threading

import httpx


class TransportOnFirstCall(httpx.AsyncBaseTransport):
    """httpx's own transport (``httpx.AsyncHTTPTransport()``, the one ``httpx.AsyncClient`` makes
    by default, same settings), made at the first request instead of with the client: making it
    imports httpcore (and trio, where installed) and loads the system's certificates, some
    100 ms the home screen need not wait for. It is made on a thread of its own, so the GUI
    thread keeps turning meanwhile, and nobody waits for that thread: a kiosk that quits before
    its first answer quits at once. Concurrent first requests share the one transport."""

    def __init__(self) -> None:
        self._made: asyncio.Future[httpx.AsyncHTTPTransport] | None = None

    def _make(self) -> asyncio.Future[httpx.AsyncHTTPTransport]:
        loop = asyncio.get_running_loop()
        made: asyncio.Future[httpx.AsyncHTTPTransport] = loop.create_future()

        def settle(transport: httpx.AsyncHTTPTransport | None, error: Exception | None) -> None:
            if made.done():
                return
            if error is not None:
                made.set_exception(error)
            else:
                made.set_result(transport)  # type: ignore[arg-type]

        def make() -> None:
            try:
                transport, error = httpx.AsyncHTTPTransport(), None
            except Exception as exc:  # e.g. unreadable certificates
                transport, error = None, exc
            with contextlib.suppress(RuntimeError):  # the loop is closed: the kiosk quit
                loop.call_soon_threadsafe(settle, transport, error)

        threading.Thread(target=make, name="http-transport", daemon=True).start()
        return made

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._made is None:
            self._made = self._make()
        made = self._made
        try:
            transport = await asyncio.shield(made)  # a cancelled request leaves it to others
        except (OSError, ValueError) as exc:  # to the client, as an unreachable portal
            if self._made is made:
                self._made = None  # the next request tries again
            raise httpx.ConnectError(f"transport: {type(exc).__name__}", request=request) from exc
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        made, self._made = self._made, None
        if made is None or not made.done() or made.cancelled() or made.exception() is not None:
            return  # none yet: one still being made holds no connection
        await made.result().aclose()
