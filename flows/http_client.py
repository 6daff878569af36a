"""A polite HTTP client for small government portals.

One ``PoliteClient`` is used by one fetch task. Each host gets a lock and a
"not before" time, so at most one request is in flight per host and requests
to a host are at least ``interval`` seconds apart (end of one to start of the
next), while other hosts proceed in parallel threads. Redirects are followed
by hand so every hop passes robots.txt and its own host's gate.
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
        self._gates: dict[str, _Gate] = {}
        self._gates_lock = threading.Lock()
        for host, at in (not_before or {}).items():
            self._gate(host).not_before = at
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
        return {host: gate.not_before for host, gate in self._gates.items()}

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
                self._gate(host).extra = float(delay) - self.settings.interval
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
            raise _Transient(f"HTTP {code}")
        if code >= 400:
            raise FetchError(url, f"HTTP {code}", retryable=False)
        h = response.headers
        body = None
        if code != 304:
            body = self._body(url, response)
        return Fetched(url, code, body, h.get("content-type"), h.get("etag"), h.get("last-modified"))

    def _body(self, url: str, response: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(url, f"response of {int(declared):,} bytes exceeds the {cap:,}-byte cap", retryable=False)
        chunks, size = [], 0
        for chunk in response.iter_raw():
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

    def _gate(self, host: str) -> _Gate:
        with self._gates_lock:
            return self._gates.setdefault(host, _Gate())

    @contextmanager
    def _turn(self, host: str) -> Iterator[None]:
        gate = self._gate(host)
        with gate.lock:
            wait = gate.not_before - time.time()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                gate.not_before = time.time() + self.settings.interval + gate.extra


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
