"""Turning one HTTP response into a document, a redirect, or a verdict on whether to try again.

Kept apart from the client so the rules about what a response means (which
codes are worth a retry, when a body is short or too big, which validators
make the next request conditional) read in one place, without the
politeness and retry machinery around them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from flows.settings import CrawlSettings
from gongkai.errors import UserError

_REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(UserError):
    """A URL could not be fetched; the message is one line for the failure log and the terminal."""

    def __init__(self, url: str, message: str, *, retryable: bool) -> None:
        super().__init__(f"{message}: {url}")
        self.url = url
        self.reason = message
        self.retryable = retryable


class Transient(Exception):
    """Worth another try: 5xx, 429, timeouts, resets, truncated bodies.

    ``hold_off`` is how long the server asked us to stay away (Retry-After), for the host's gate.
    """

    def __init__(self, message: str, hold_off: float = 0.0) -> None:
        super().__init__(message)
        self.hold_off = hold_off


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


def read_response(url: str, response: httpx.Response, settings: CrawlSettings) -> Fetched | str:
    """The document, or the redirect target; raises Transient (try again) or FetchError (give up)."""
    code = response.status_code
    if code in _REDIRECTS and "location" in response.headers:
        return urljoin(url, response.headers["location"])
    if code >= 500 or code == 429:
        retry_after = response.headers.get("retry-after", "").strip()
        wait = min(float(retry_after), settings.max_retry_after) if retry_after.isdigit() else 0.0
        raise Transient(f"HTTP {code}", hold_off=wait)
    if code >= 400:
        raise FetchError(url, f"HTTP {code}", retryable=False)
    h = response.headers
    body = None if code == 304 else _body(url, response, settings)
    etag, last_modified = h.get("etag"), h.get("last-modified")
    if not etag and not last_modified:
        # No validators: the response's own date still makes the next request conditional,
        # which a static server can answer with 304 (RFC 9110 13.1.3).
        last_modified = h.get("date")
    return Fetched(url, code, body, h.get("content-type"), etag, last_modified)


def _body(url: str, response: httpx.Response, settings: CrawlSettings) -> bytes:
    cap = settings.max_bytes
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(url, f"response of {int(declared):,} bytes exceeds the {cap:,}-byte cap", retryable=False)
    chunks, size = [], 0
    deadline = time.monotonic() + settings.total_timeout
    for chunk in response.iter_raw():
        if time.monotonic() > deadline:  # a server trickling bytes never trips the per-read timeout
            raise Transient(f"timed out (body still arriving after {settings.total_timeout:g} s)")
        size += len(chunk)
        if size > cap:
            raise FetchError(url, f"response exceeds the {cap:,}-byte cap", retryable=False)
        chunks.append(chunk)
    if declared and declared.isdigit() and size != int(declared):
        raise Transient(f"truncated body ({size} of {declared} bytes)")
    raw = b"".join(chunks)
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding == "gzip":
        return httpx.Response(200, headers={"content-encoding": encoding}, content=raw).content
    return raw
