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

DEMO_ROOT = Path(__file__).resolve().parent.parent / "data" / "demo_portal"
DEMO_PORT = 8731  # fixed, so the demo's URLs (the crawl state's keys) are the same every night


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def demo_portal(root: Path = DEMO_ROOT, port: int = DEMO_PORT) -> Iterator[str]:
    """Serve ``root`` until the block ends; yields the base URL (``http://127.0.0.1:<port>``).

    The portal is built from the generated seed renditions on first use rather
    than committed as a second copy of them; it is never rebuilt once there,
    because its file times are what the second night's conditional requests see.
    """
    if not root.exists():
        from flows.build_demo_portal import build

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
