"""A polite HTTP client for small government portals.

Everything a request goes through, in order: robots.txt (``flows.robots``),
the host's gate (``flows.host_gate``: one request in flight per host, an
interval between them, shared by every client in the process), retries with
backoff on what is worth retrying, and the reading of the response
(``flows.responses``). Redirects are followed by hand so every hop passes
robots.txt and its own host's gate.

The transport is urllib3: every page of a crawl passes through the
crawler's one interpreter, and urllib3 takes 0.8 ms of it per page where
httpx took 1.4. Proxies named by the environment (``https_proxy``,
``no_proxy``) are honoured, as the standard library reads them.
"""

from __future__ import annotations

import ssl
import urllib.request
from functools import cache
from urllib.parse import urlsplit

import certifi
import urllib3
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential
from urllib3.exceptions import HTTPError, NewConnectionError, ProtocolError, TimeoutError

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
        self._rules = RobotsRules(robots, self._with_retries, s.max_crawl_delay)
        self._hosts: set[str] = set()
        for host, at in (not_before or {}).items():
            gate(host).defer(at)
            self._hosts.add(host)
        self._headers = {"User-Agent": s.user_agent, "Accept-Encoding": "gzip"}
        options = {
            "timeout": urllib3.Timeout(connect=s.connect_timeout, read=s.read_timeout),
            "retries": False,
            "ssl_context": _tls(),
            "maxsize": 2,  # a host's fetchers take turns at its gate: two connections cover the hand-over
        }
        self._direct = urllib3.PoolManager(**options)
        self._proxies = {
            scheme: urllib3.ProxyManager(url, **options)
            for scheme, url in urllib.request.getproxies().items()
            if scheme in ("http", "https")
        }

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in (self._direct, *self._proxies.values()):
            pool.clear()

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
            check_requestable(url)
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
                response = self._pool(url).request(
                    "GET", url, headers={**self._headers, **headers}, preload_content=False, redirect=False
                )
                try:
                    fetched = read_response(url, response, self.settings)
                except BaseException:
                    response.close()  # what is left of the body is not read: the connection is not reused
                    raise
                finally:
                    response.release_conn()
                return fetched
            except Transient as exc:
                host_gate.hold_off(exc.hold_off)
                raise
            except Resting as exc:
                host_gate.rest(exc.seconds, exc.reason)
                raise
            except NewConnectionError as exc:  # refused, unresolvable (urllib3 files it under timeouts: first)
                raise Transient(f"network error ({exc.__class__.__name__})") from None
            except TimeoutError:
                # The server may still be working on the request we gave up on: give it as long
                # again before the next one, so a slow host never has two of ours in hand.
                host_gate.hold_off(self.settings.read_timeout)
                raise Transient("timed out") from None
            except ProtocolError:
                raise Transient("connection closed") from None
            except (HTTPError, ValueError) as exc:  # a request we cannot make, an answer we cannot read
                raise FetchError(url, f"cannot fetch ({exc.__class__.__name__}: {exc})", retryable=False) from None

    def _pool(self, url: str) -> urllib3.PoolManager:
        parts = urlsplit(url)
        proxied = self._proxies.get(parts.scheme)
        return proxied if proxied and not urllib.request.proxy_bypass(parts.hostname or "") else self._direct


def check_requestable(url: str) -> None:
    """Links on portals name ftp: servers and mistyped hosts; each is one URL's failure, not the task's."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises on a port out of range
    except ValueError as exc:
        raise FetchError(url, f"not a valid URL ({exc})", retryable=False) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not an http(s) URL", retryable=False)


@cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every client: building one loads the CA bundle (tens of ms), and a crawl makes a
    client per task."""
    return ssl.create_default_context(cafile=certifi.where())


def fetch_once(url: str, settings: CrawlSettings | None = None) -> tuple[bytes, str | None]:
    """Fetch one document politely (for ``gongkai extract URL``); raises FetchError with a one-line message."""
    with PoliteClient(settings) as client:
        got = client.get(url)
    return got.body or b"", got.content_type
