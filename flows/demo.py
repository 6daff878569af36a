"""The bundled demo portal, served by a real HTTP server on 127.0.0.1 so the real crawl path runs.

``http.server`` answers If-Modified-Since with 304 from file times, which is
enough for the second run to download nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from gongkai.errors import UserError

DEMO_PORT = 8731  # fixed, so the demo's URLs (the crawl state's keys) are the same every night


class _QuietHandler(SimpleHTTPRequestHandler):
    # Keep-alive, as the nginx and IIS servers of real portals do: http.server's HTTP/1.0 default would make
    # every request pay for a new connection, which is the server's cost, not the crawler's.
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms delayed-ACK stall

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def demo_portal(root: Path | None = None, port: int = DEMO_PORT) -> Iterator[str]:
    """Serve ``root`` (as it is) or the bundled demo until the block ends; yields ``http://127.0.0.1:<port>``.

    The bundled demo is built from the generated seed renditions on first use
    rather than committed as a second copy of them; it is rebuilt only when
    its recipe changed, because its file times are what the second night's
    conditional requests see.
    """
    if root is None:
        from flows.build_demo_portal import OUT, build, is_current

        root = OUT
        if not is_current(root):
            build(root)
    handler = partial(_QuietHandler, directory=str(root))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise UserError(
            f"cannot serve the demo portal on 127.0.0.1:{port} ({exc.strerror}); is another run going?"
        ) from None
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="demo-portal", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    # ``python -m flows.demo [ROOT [PORT]]``: serve a portal in a process of its own (the crawl benchmark
    # does, so the server's work is not billed to the crawler); prints the base URL, serves until stdin closes.
    import sys

    with demo_portal(
        Path(sys.argv[1]) if len(sys.argv) > 1 else None, int(sys.argv[2]) if len(sys.argv) > 2 else DEMO_PORT
    ) as url:
        print(url, flush=True)
        sys.stdin.read()
