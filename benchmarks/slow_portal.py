"""A tiny, deliberately slow portal for the stall benchmark (run by benchmarks/run.py).

It serves two canned answers captured from the real sandbox: ``GET /v1/health`` at once and
``GET /v1/services`` after DELAY seconds. It runs in its own process so that its threads never
compete with the kiosk's GUI thread for the GIL. It reads the answers as one JSON object on stdin,
prints its URL on stdout, and serves until it is terminated.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DELAY = 2.0


def main() -> int:
    bodies: dict[str, str] = json.loads(sys.stdin.read())
    routes = {"/v1/health": (0.0, bodies["health"]), "/v1/services": (DELAY, bodies["services"])}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            delay, body = routes.get(self.path, (0.0, ""))
            if delay:
                time.sleep(delay)
            data = body.encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
