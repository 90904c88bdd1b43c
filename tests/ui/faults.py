"""A loopback HTTP proxy between the kiosk and a real portal, with the network faults a kiosk meets:
the portal stops answering (``cut``), or one answer is lost on the way back after the portal did
the work (``lose_next_answer``). Everything else passes through unchanged, and every exchange that
reached the portal is recorded (``exchanges``), so a test can tell what the portal really did.

It runs in threads of its own, so it keeps serving while the test drives the Qt loop.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

# Per hop: never forwarded either way (RFC 9110 section 7.6.1), or recomputed here.
HOP_HEADERS = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "content-encoding",
    }
)


@dataclass(frozen=True)
class Exchange:
    """One request the portal answered (whether or not the kiosk got the answer)."""

    method: str
    path: str
    status: int
    body: bytes
    replayed: bool  # the portal answered from its Idempotency-Key record
    delivered: bool  # False: the proxy dropped the answer


class PortalProxy:
    """``url`` is what the kiosk is configured with; ``upstream`` is the portal behind it."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.exchanges: list[Exchange] = []
        self.refused = 0  # requests that arrived while cut
        self._cut = False
        self._lose: tuple[str, str] | None = None
        self._delay = 0.0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> PortalProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # --- faults ------------------------------------------------------------------------------

    def cut(self) -> None:
        """From now on every request is dropped unanswered: nothing reaches the portal."""
        self._cut = True

    def restore(self) -> None:
        self._cut = False

    def slow(self, seconds: float) -> None:
        """From now on every request waits ``seconds`` before it goes on (a slow portal)."""
        self._delay = seconds

    def lose_next_answer(self, method: str, path: str) -> None:
        """The next ``method path`` reaches the portal, which does the work; its answer is lost."""
        self._lose = (method, path)

    def to(self, method: str, path: str) -> list[Exchange]:
        with self._lock:
            return [e for e in self.exchanges if (e.method, e.path) == (method, path)]

    # --- the proxy itself -------------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like the portal: httpx reuses connections

            def do_GET(self) -> None:
                proxy._forward(self)

            def do_POST(self) -> None:
                proxy._forward(self)

            def do_PUT(self) -> None:
                proxy._forward(self)

            def do_DELETE(self) -> None:
                proxy._forward(self)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: a request line may carry a visitor's reference."""

        return Handler

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        if self._delay:
            time.sleep(self._delay)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        if self._cut:
            with self._lock:
                self.refused += 1
            request.close_connection = True  # hang up without a word
            return
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_HEADERS}
        with httpx.Client(base_url=self.upstream, timeout=30) as upstream:
            answer = upstream.request(request.command, request.path, headers=headers, content=body)
        path = request.path.split("?", 1)[0]
        with self._lock:
            lose = self._lose == (request.command, path)
            if lose:
                self._lose = None
            self.exchanges.append(
                Exchange(
                    request.command,
                    path,
                    answer.status_code,
                    answer.content,
                    answer.headers.get("Idempotent-Replayed") == "true",
                    delivered=not lose,
                )
            )
        if lose:
            request.close_connection = True  # the work is done; the kiosk never hears of it
            return
        request.send_response(answer.status_code)
        for name, value in answer.headers.multi_items():
            if name.lower() not in HOP_HEADERS and name.lower() not in ("date", "server"):
                request.send_header(name, value)
        request.send_header("Content-Length", str(len(answer.content)))
        request.end_headers()
        request.wfile.write(answer.content)
