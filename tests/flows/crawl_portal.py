"""A real HTTP server for the crawl tests: it serves bytes we control and misbehaves on request.

Every request is logged (host, path, request headers, start and end time) so
tests can assert on politeness: conditional headers, intervals, requests in
flight per host. One server answers for several host names (127.0.0.1 and
localhost), each with its own routes when they are added with ``host=``.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0  # answer this many requests with `failure` before behaving
    failure: str = "500"  # an HTTP status ("500", "429", "503"...), "reset", "truncate", "slow"
    fault: str | None = None  # always: "reset", "truncate", "slow", "huge", "trickle" (a byte every 0.1 s), "chunked"
    delay: float = 0.0
    validators: bool = True  # send ETag / Last-Modified and honour conditional requests
    etag: bool = True  # with validators: False sends Last-Modified alone (If-Modified-Since is then honoured)
    volatile: bool = False  # a new ETag and Last-Modified on every response, though the bytes stay the same
    counter: bool = False  # a view counter in the (UTF-8) page's footer: the bytes change on every response
    served: int = 0


@dataclass(frozen=True)
class Hit:
    path: str
    headers: dict[str, str]
    start: float
    end: float
    status: int

    @property
    def host(self) -> str:
        """The host name the client asked for (without the port)."""
        return self.headers.get("Host", "").rsplit(":", 1)[0]

    @property
    def conditional(self) -> bool:
        return "If-None-Match" in self.headers or "If-Modified-Since" in self.headers


class Portal:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Route] = {}  # (host or "*", path)
        self._hits: list[Hit] = []
        self._in_flight = 0
        self.lock = threading.Lock()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                start = time.time()
                with portal.lock:
                    portal._in_flight += 1
                status = 0  # a fault that drops the connection records no HTTP status
                try:
                    status = portal.answer(self)
                finally:
                    with portal.lock:
                        portal._hits.append(Hit(self.path, dict(self.headers), start, time.time(), status))
                        portal._in_flight -= 1

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        # A short poll: shutdown() waits for the next one, and every test stops a server.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> Portal:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", host: str = "*", **kwargs: object) -> Route:
        route = Route(body=body.encode() if isinstance(body, str) else body, **kwargs)  # type: ignore[arg-type]
        self.routes[(host, path)] = route
        return route

    @property
    def hits(self) -> list[Hit]:
        """Requests served so far; waits briefly for a handler still writing its record.

        The client can see a response before the server thread has recorded the
        request, so reading the log right after a fetch must let that thread finish.
        """
        deadline = time.time() + 5
        while self._in_flight and time.time() < deadline:
            time.sleep(0.005)
        with self.lock:
            return list(self._hits)

    def requests_to(self, path: str, host: str | None = None) -> list[Hit]:
        return [h for h in self.hits if h.path == path and host in (None, h.host)]

    def answer(self, handler: BaseHTTPRequestHandler) -> int:
        path = handler.path.split("#")[0]
        host = handler.headers.get("Host", "").rsplit(":", 1)[0]
        route = self.routes.get((host, path)) or self.routes.get(("*", path))
        if route is None:
            return _send(handler, 404, b"not found", {"Content-Type": "text/plain"})
        route.served += 1
        fault = route.failure if route.served <= route.fail_first else route.fault
        if fault and fault.isdigit():  # an error status, with the route's headers (a Retry-After, say)
            return _send(handler, int(fault), b"busy", {"Content-Type": "text/plain", **route.headers})
        if fault == "reset":
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            handler.close_connection = True
            handler.connection.close()
            return 0
        if fault == "slow" or route.delay:
            time.sleep(route.delay or 5.0)
        body = with_counter(route.body, route.served) if route.counter else route.body
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.validators:
            change = route.served if route.volatile else 0
            headers["Last-Modified"] = formatdate(1_700_000_000 + change, usegmt=True)
            if route.etag:
                headers["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:16]}{f"-{change}" if change else ""}"'
            if _fresh(handler.headers, headers):
                return _send(handler, 304, b"", headers)
        if fault == "huge":
            headers["Content-Length"] = str(200 * 1024 * 1024)
            return _send(handler, 200, b"\0" * 65536, headers, exact=False)
        if fault == "trickle":
            headers["Content-Length"] = str(len(route.body))
            handler.send_response(200)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            try:
                for byte in route.body:
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return 200
        if fault == "chunked":  # no Content-Length: the body in two chunks, then the closing empty one
            handler.send_response(200)
            for name, value in (headers | {"Transfer-Encoding": "chunked"}).items():
                handler.send_header(name, value)
            handler.end_headers()
            half = len(route.body) // 2
            for part in (route.body[:half], route.body[half:], b""):
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            return 200
        if fault == "truncate":
            headers["Content-Length"] = str(len(route.body) + 1000)
            return _send(handler, 200, route.body, headers, exact=False)
        return _send(handler, route.status, body, headers)


def with_counter(body: bytes, served: int) -> bytes:
    """The page as a CMS renders it on the ``served``-th view: the same report, a footer that ticks."""
    footer = f'<div class="footer">浏览次数：{1000 + served} 更新时间：2024-01-20 08:{served % 60:02d}</div></body>'
    return body.replace(b"</body>", footer.encode(), 1)


def _fresh(request: Message, response: dict[str, str]) -> bool:
    """Whether the client's copy is current (RFC 9110 13.2.2): If-None-Match decides when sent, else
    If-Modified-Since against Last-Modified."""
    if "If-None-Match" in request:
        return request["If-None-Match"] == response.get("ETag")
    since = request.get("If-Modified-Since")
    if since is None or "Last-Modified" not in response:
        return False
    try:
        return parsedate_to_datetime(response["Last-Modified"]) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def _send(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str], exact: bool = True
) -> int:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    if exact:
        handler.send_header("Content-Length", str(len(body) if status != 304 else 0))
    else:
        handler.close_connection = True
    handler.end_headers()
    if status != 304:
        try:
            handler.wfile.write(body)
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
    return status
