"""Per-host politeness, shared by every client in the process.

One ``PoliteClient`` serves one task, but a report page on one host links
attachments and reports on others, and a redirect can land anywhere, so two
tasks may well want the same host at once. The gate therefore belongs to
the host, not to the client: a lock so at most one request is in flight,
and a "not before" time so requests are at least the interval apart (end of
one to start of the next). Other hosts proceed in parallel threads. The
time is wall-clock so it can travel between processes (Dask workers) with
the task arguments.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

# Added to a non-zero pause: the server stops its clock a little after we stop ours (it still has to
# log and close), and an interval measured on its side must not come out a few milliseconds short.
_MARGIN = 0.025


class HostGate:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.not_before = 0.0  # wall-clock seconds, so it can travel between processes
        self.crawl_delay = 0.0  # robots.txt Crawl-delay: wins over our own interval when larger
        self._resting_until = 0.0
        self._rest_reason = ""

    def defer(self, until: float) -> None:
        """No request starts before ``until``; an earlier promise never shortens a later one."""
        self.not_before = max(self.not_before, until)

    def slow_to(self, crawl_delay: float) -> None:
        """Adopt a robots.txt Crawl-delay; the robots.txt request that brought it is the first it spaces out."""
        if crawl_delay > self.crawl_delay:
            self.crawl_delay = crawl_delay
            self.hold_off(crawl_delay + _MARGIN)

    def hold_off(self, seconds: float) -> None:
        """Keep away for ``seconds`` (a Retry-After, or a request we gave up on that the server may still serve)."""
        self.defer(time.time() + seconds)

    def rest(self, seconds: float, reason: str) -> None:
        """The server asked for a longer break than we wait for: leave it alone until then, failing fast."""
        self._resting_until = max(self._resting_until, time.time() + seconds)
        self._rest_reason = reason

    def resting(self) -> str | None:
        """Why the host is not to be asked now, if it is resting."""
        return self._rest_reason if time.time() < self._resting_until else None

    @contextmanager
    def turn(self, interval: float) -> Iterator[None]:
        """Wait for the host to be free and due, hold it for one request, then set when the next may start."""
        with self._lock:
            wait = self.not_before - time.time()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                pause = max(interval, self.crawl_delay)
                self.defer(time.time() + pause + (_MARGIN if pause else 0.0))


_GATES: dict[str, HostGate] = {}
_GATES_LOCK = threading.Lock()


def gate(host: str) -> HostGate:
    """The process-wide gate of ``host`` (as ``host_of`` names it)."""
    with _GATES_LOCK:
        return _GATES.setdefault(host, HostGate())


def host_of(url: str) -> str:
    """The server a URL names, spelt one way: ``WWW.X.gov.cn:80`` and ``www.x.gov.cn`` are one host.

    A port other than the scheme's default makes another host, as robots.txt sees it.
    """
    parts = urlsplit(url)
    name = parts.hostname or ""
    name = f"[{name}]" if ":" in name else name
    try:
        port = parts.port
    except ValueError:  # out of range: no request will reach it, but it still needs a name
        return parts.netloc.lower()
    return name if port in (None, {"http": 80, "https": 443}.get(parts.scheme)) else f"{name}:{port}"
