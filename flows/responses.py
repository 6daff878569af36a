"""Turning one HTTP response into a document, a redirect, or a verdict on whether to try again.

Kept apart from the client so the rules about what a response means (which
codes are worth a retry, when a body is short or too big, which validators
make the next request conditional) read in one place, without the
politeness and retry machinery around them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from urllib3 import BaseHTTPResponse
from urllib3.exceptions import DecodeError, ProtocolError

from flows.settings import CrawlSettings
from gongkai.errors import UserError

_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024  # decoded bytes per read: the size cap is checked between reads, so a gzip bomb stops early


class FetchError(UserError):
    """A URL could not be fetched; the message is one line for the failure log and the terminal."""

    def __init__(self, url: str, message: str, *, retryable: bool, status: int | None = None) -> None:
        super().__init__(f"{message}: {url}")
        self.url = url
        self.reason = message
        self.retryable = retryable
        self.status = status  # the HTTP status that decided it, when one did


class Transient(Exception):
    """Worth another try: 5xx, 429, timeouts, resets, truncated bodies.

    ``hold_off`` is how long the server asked us to stay away (Retry-After), for the host's gate.
    """

    def __init__(self, message: str, hold_off: float = 0.0) -> None:
        super().__init__(message)
        self.hold_off = hold_off


class Resting(FetchError):
    """The server asked for a longer break than ``max_retry_after``: give up on the URL for this run, and
    leave its host alone for ``seconds``, rather than sleep through the night or keep knocking."""

    def __init__(self, url: str, message: str, seconds: float) -> None:
        super().__init__(url, message, retryable=True)
        self.seconds = seconds


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


def conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def read_response(url: str, response: BaseHTTPResponse, settings: CrawlSettings) -> Fetched | str:
    """The document, or the redirect target; raises Transient (try again) or FetchError (give up)."""
    code = response.status
    if code in _REDIRECTS and "location" in response.headers:
        return urljoin(url, response.headers["location"])
    if code >= 500 or code == 429:
        wait = _retry_after(response.headers.get("retry-after", ""))
        if wait > settings.max_retry_after:
            raise Resting(url, f"HTTP {code}, Retry-After {wait:.0f} s", wait)
        raise Transient(f"HTTP {code}", hold_off=wait)
    if code >= 400:
        raise FetchError(url, f"HTTP {code}", retryable=False, status=code)
    h = response.headers
    body = None if code == 304 else _body(url, response, settings)
    etag, last_modified = h.get("etag"), h.get("last-modified")
    if not etag and not last_modified:
        # No validators: the response's own date still makes the next request conditional,
        # which a static server can answer with 304 (RFC 9110 13.1.3).
        last_modified = h.get("date")
    return Fetched(url, code, body, h.get("content-type"), etag, last_modified)


def _retry_after(value: str) -> float:
    """Seconds to wait, from a Retry-After of delay-seconds or an HTTP-date (RFC 9110 10.2.3); 0 if unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return 0.0


def _body(url: str, response: BaseHTTPResponse, settings: CrawlSettings) -> bytes:
    """The decoded body; the cap counts decoded bytes (a small gzip can inflate to gigabytes)."""
    cap = settings.max_bytes
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(url, f"response of {int(declared):,} bytes exceeds the {cap:,}-byte cap", retryable=False)
    chunks, size = [], 0
    deadline = time.monotonic() + settings.total_timeout
    try:
        for chunk in response.stream(_CHUNK, decode_content=True):
            if time.monotonic() > deadline:  # a server trickling bytes never trips the per-read timeout
                raise Transient(f"timed out (body still arriving after {settings.total_timeout:g} s)")
            size += len(chunk)
            if size > cap:
                raise FetchError(url, f"response exceeds the {cap:,}-byte cap", retryable=False)
            chunks.append(chunk)
    except DecodeError:
        encoding = response.headers.get("content-encoding", "")
        raise FetchError(url, f"body does not decode as its Content-Encoding ({encoding})", retryable=False) from None
    except ProtocolError as exc:  # urllib3 checks the bytes received against Content-Length
        raise Transient(f"truncated body ({str(exc).splitlines()[0]})") from None
    return b"".join(chunks)
