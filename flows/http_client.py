"""A polite HTTP client for small government portals.

One ``PoliteClient`` is used by one task, but the per-host gates are shared
by every client in the process: a report page on one host links attachments
and reports on others, and a redirect can land anywhere, so two tasks may
well want the same host at once. Each host has a lock and a "not before"
time, so at most one request is in flight per host and requests to a host
are at least ``interval`` seconds apart (end of one to start of the next),
while other hosts proceed in parallel threads. Between processes (Dask
workers) the "not before" times travel with the task arguments instead.
Redirects are followed by hand so every hop passes robots.txt and its own
host's gate.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from flows.settings import ROBOTS_TOKEN, CrawlSettings
from gongkai.errors import UserError


class FetchError(UserError):
    """A URL could not be fetched; the message is one line for the failure log and the terminal."""

    def __init__(self, url: str, message: str, *, retryable: bool) -> None:
        super().__init__(f"{message}: {url}")
        self.url = url
        self.reason = message
        self.retryable = retryable


@dataclass(frozen=True, slots=True)
class Fetched:
    """One response. ``body`` is None for a 304 (the stored copy is still current)."""

    url: str  # after redirects
    status: int
    body: bytes | None
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class RobotsRecord:
    """A host's robots.txt as last fetched; kept between runs so re-checks are conditional."""

    text: str
    etag: str | None = None
    last_modified: str | None = None
    checked: bool = False  # fetched (or confirmed by 304) during this run


class _Gate:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.not_before = 0.0  # wall-clock seconds, so it can travel between processes
        self.extra = 0.0  # robots.txt Crawl-delay beyond our own interval


# Added to a non-zero interval: the server stops its clock a little after we stop ours (it still has to
# log and close), and an interval measured on its side must not come out a few milliseconds short.
_MARGIN = 0.025
_GATES: dict[str, _Gate] = {}
_GATES_LOCK = threading.Lock()


def _gate(host: str) -> _Gate:
    with _GATES_LOCK:
        return _GATES.setdefault(host, _Gate())


class PoliteClient:
    def __init__(
        self,
        settings: CrawlSettings | None = None,
        robots: dict[str, RobotsRecord] | None = None,
        not_before: dict[str, float] | None = None,
    ) -> None:
        self.settings = settings or CrawlSettings()
        s = self.settings
        self.robots: dict[str, RobotsRecord] = dict(robots or {})
        self._parsed: dict[str, Protego] = {}
        self._hosts: set[str] = set()
        for host, at in (not_before or {}).items():
            gate = _gate(host)
            gate.not_before = max(gate.not_before, at)
            self._hosts.add(host)
        self._http = httpx.Client(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip"},
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            follow_redirects=False,
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    def last_request_at(self) -> dict[str, float]:
        """Per host, the earliest wall-clock time the next request may start."""
        return {host: _gate(host).not_before for host in self._hosts}

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET with robots.txt, the host gate, retries, a size cap and conditional headers."""
        headers = _conditional(etag, last_modified)
        for _ in range(self.settings.max_redirects + 1):
            if not self.allowed(url):
                raise FetchError(url, "disallowed by robots.txt", retryable=False)
            fetched = self._with_retries(url, headers)
            if isinstance(fetched, Fetched):
                return fetched
            url = fetched  # a redirect target
        raise FetchError(url, "too many redirects", retryable=False)

    def allowed(self, url: str) -> bool:
        host = _host(url)
        if host not in self._parsed:
            self._parsed[host] = Protego.parse(self._robots_text(url).text)
            delay = self._parsed[host].crawl_delay(ROBOTS_TOKEN)
            if delay and delay > self.settings.interval:
                _gate(host).extra = float(delay) - self.settings.interval
        return self._parsed[host].can_fetch(url, ROBOTS_TOKEN)

    def _robots_text(self, url: str) -> RobotsRecord:
        """robots.txt: a 4xx means no rules; a 5xx or network failure means keep out of the host this run."""
        parts = urlsplit(url)
        host = parts.netloc
        known = self.robots.get(host)
        if known and known.checked:
            return known
        robots_url = f"{parts.scheme}://{host}/robots.txt"
        try:
            got = self._with_retries(robots_url, _conditional(known.etag, known.last_modified) if known else {})
        except FetchError as exc:
            if exc.reason.startswith("HTTP 4"):
                got = None
            else:
                raise FetchError(url, f"robots.txt unavailable ({exc.reason})", retryable=True) from exc
        if isinstance(got, str):  # robots.txt redirected: treat like no rules, as major crawlers do off-host
            got = None
        if got is None:
            record = RobotsRecord("", checked=True)
        elif got.not_modified and known:
            record = RobotsRecord(known.text, known.etag, known.last_modified, checked=True)
        else:
            text = (got.body or b"").decode("utf-8", "replace")
            record = RobotsRecord(text, got.etag, got.last_modified, checked=True)
        self.robots[host] = record
        return record

    def _with_retries(self, url: str, headers: dict[str, str]) -> Fetched | str:
        s = self.settings
        retrying = Retrying(
            stop=stop_after_attempt(s.attempts),
            wait=wait_exponential(multiplier=s.backoff, min=s.backoff, max=60),
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        try:
            return retrying(self._attempt, url, headers)
        except _Transient as exc:
            raise FetchError(url, f"{exc} after {s.attempts} attempts", retryable=True) from None

    def _attempt(self, url: str, headers: dict[str, str]) -> Fetched | str:
        with self._turn(_host(url)):
            try:
                with self._http.stream("GET", url, headers=headers) as response:
                    return self._read(url, response)
            except httpx.TimeoutException:
                # The server may still be working on the request we gave up on: give it as long
                # again before the next one, so a slow host never has two of ours in hand.
                self._hold_off(url, self.settings.read_timeout)
                raise _Transient("timed out") from None
            except httpx.RemoteProtocolError as exc:
                raise _Transient("truncated body" if "body" in str(exc) else "connection closed") from None
            except httpx.NetworkError as exc:
                raise _Transient(f"network error ({exc.__class__.__name__})") from None

    def _read(self, url: str, response: httpx.Response) -> Fetched | str:
        code = response.status_code
        if code in (301, 302, 303, 307, 308) and "location" in response.headers:
            return urljoin(url, response.headers["location"])
        if code >= 500 or code == 429:
            retry_after = response.headers.get("retry-after", "").strip()
            if retry_after.isdigit():
                self._hold_off(url, min(float(retry_after), self.settings.max_retry_after))
            raise _Transient(f"HTTP {code}")
        if code >= 400:
            raise FetchError(url, f"HTTP {code}", retryable=False)
        h = response.headers
        body = None
        if code != 304:
            body = self._body(url, response)
        etag, last_modified = h.get("etag"), h.get("last-modified")
        if not etag and not last_modified:
            # No validators: the response's own date still makes the next request conditional,
            # which a static server can answer with 304 (RFC 9110 13.1.3).
            last_modified = h.get("date")
        return Fetched(url, code, body, h.get("content-type"), etag, last_modified)

    def _body(self, url: str, response: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(url, f"response of {int(declared):,} bytes exceeds the {cap:,}-byte cap", retryable=False)
        chunks, size = [], 0
        deadline = time.monotonic() + self.settings.total_timeout
        for chunk in response.iter_raw():
            if time.monotonic() > deadline:  # a server trickling bytes never trips the per-read timeout
                raise _Transient(f"timed out (body still arriving after {self.settings.total_timeout:g} s)")
            size += len(chunk)
            if size > cap:
                raise FetchError(url, f"response exceeds the {cap:,}-byte cap", retryable=False)
            chunks.append(chunk)
        if declared and declared.isdigit() and size != int(declared):
            raise _Transient(f"truncated body ({size} of {declared} bytes)")
        raw = b"".join(chunks)
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding == "gzip":
            return httpx.Response(200, headers={"content-encoding": encoding}, content=raw).content
        return raw

    @contextmanager
    def _turn(self, host: str) -> Iterator[None]:
        self._hosts.add(host)
        gate = _gate(host)
        with gate.lock:
            wait = gate.not_before - time.time()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                pause = self.settings.interval + gate.extra
                gate.not_before = max(gate.not_before, time.time() + pause + (_MARGIN if pause else 0.0))

    def _hold_off(self, url: str, seconds: float) -> None:
        """No request to this URL's host for ``seconds`` (on top of the interval that follows every request)."""
        gate = _gate(_host(url))
        gate.not_before = max(gate.not_before, time.time() + seconds)


class _Transient(Exception):
    """Worth another try: 5xx, 429, timeouts, resets, truncated bodies."""


def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _host(url: str) -> str:
    return urlsplit(url).netloc


def fetch_once(url: str, settings: CrawlSettings | None = None) -> tuple[bytes, str | None]:
    """Fetch one document politely (for ``gongkai extract URL``); raises FetchError with a one-line message."""
    with PoliteClient(settings) as client:
        got = client.get(url)
    return got.body or b"", got.content_type
