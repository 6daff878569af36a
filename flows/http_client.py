"""A polite HTTP client for small government portals.

Everything a request goes through, in order: robots.txt (``flows.robots``),
the host's gate (``flows.host_gate``: one request in flight per host, an
interval between them, shared by every client in the process), retries with
backoff on what is worth retrying, and the reading of the response
(``flows.responses``). Redirects are followed by hand so every hop passes
robots.txt and its own host's gate.
"""

from __future__ import annotations

import ssl
from functools import cache
from urllib.parse import urlsplit

import httpx
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from flows.host_gate import gate, host_of
from flows.responses import Fetched, FetchError, Resting, Transient, conditional, read_response
from flows.robots import RobotsRecord, RobotsRules
from flows.settings import CrawlSettings


class PoliteClient:
    def __init__(
        self,
        settings: CrawlSettings | None = None,
        robots: dict[str, RobotsRecord] | None = None,
        not_before: dict[str, float] | None = None,
    ) -> None:
        """``not_before`` carries the hosts' gates from another process (a Dask worker) into this one."""
        self.settings = settings or CrawlSettings()
        s = self.settings
        self._rules = RobotsRules(robots, self._with_retries)
        self._hosts: set[str] = set()
        for host, at in (not_before or {}).items():
            gate(host).defer(at)
            self._hosts.add(host)
        self._http = httpx.Client(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip"},
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            follow_redirects=False,
            verify=_tls(),
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    @property
    def robots(self) -> dict[str, RobotsRecord]:
        """The robots.txt records this client saw, for the crawl state (so the next run re-checks conditionally)."""
        return self._rules.records

    def last_request_at(self) -> dict[str, float]:
        """Per host, the earliest wall-clock time the next request may start."""
        return {host: gate(host).not_before for host in self._hosts}

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET with robots.txt, the host gate, retries, a size cap and conditional headers."""
        headers = conditional(etag, last_modified)
        for _ in range(self.settings.max_redirects + 1):
            _check_requestable(url)
            if not self._rules.allowed(url):
                raise FetchError(url, "disallowed by robots.txt", retryable=False)
            fetched = self._with_retries(url, headers)
            if isinstance(fetched, Fetched):
                return fetched
            url = fetched  # a redirect target
        raise FetchError(url, "too many redirects", retryable=False)

    def _with_retries(self, url: str, headers: dict[str, str]) -> Fetched | str:
        s = self.settings
        retrying = Retrying(
            stop=stop_after_attempt(s.attempts),
            wait=wait_exponential(multiplier=s.backoff, min=s.backoff, max=60),
            retry=retry_if_exception_type(Transient),
            reraise=True,
        )
        try:
            return retrying(self._attempt, url, headers)
        except Transient as exc:
            raise FetchError(url, f"{exc} after {s.attempts} attempts", retryable=True) from None

    def _attempt(self, url: str, headers: dict[str, str]) -> Fetched | str:
        host = host_of(url)
        self._hosts.add(host)
        host_gate = gate(host)
        if resting := host_gate.resting():
            raise FetchError(url, f"host resting, as it asked ({resting})", retryable=True)
        with host_gate.turn(self.settings.interval):
            try:
                with self._http.stream("GET", url, headers=headers) as response:
                    return read_response(url, response, self.settings)
            except Transient as exc:
                host_gate.hold_off(exc.hold_off)
                raise
            except Resting as exc:
                host_gate.rest(exc.seconds, exc.reason)
                raise
            except httpx.TimeoutException:
                # The server may still be working on the request we gave up on: give it as long
                # again before the next one, so a slow host never has two of ours in hand.
                host_gate.hold_off(self.settings.read_timeout)
                raise Transient("timed out") from None
            except httpx.RemoteProtocolError as exc:
                raise Transient("truncated body" if "body" in str(exc) else "connection closed") from None
            except httpx.NetworkError as exc:
                raise Transient(f"network error ({exc.__class__.__name__})") from None
            except (httpx.HTTPError, httpx.InvalidURL) as exc:  # a request we cannot make, an answer we cannot read
                raise FetchError(url, f"cannot fetch ({exc.__class__.__name__}: {exc})", retryable=False) from None


def _check_requestable(url: str) -> None:
    """Links on portals name ftp: servers and mistyped hosts; each is one URL's failure, not the task's."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 -- raises on a port out of range
    except ValueError:
        raise FetchError(url, "not a valid URL (port)", retryable=False) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not an http(s) URL", retryable=False)


@cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every client: building one loads the CA bundle (tens of ms), and a crawl makes a
    client per task."""
    return httpx.create_ssl_context()


def fetch_once(url: str, settings: CrawlSettings | None = None) -> tuple[bytes, str | None]:
    """Fetch one document politely (for ``gongkai extract URL``); raises FetchError with a one-line message."""
    with PoliteClient(settings) as client:
        got = client.get(url)
    return got.body or b"", got.content_type
