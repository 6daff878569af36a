"""robots.txt: fetched once per host and run, kept between runs, honoured for every hop.

The text is kept in the crawl state with its validators, so the next night's
check is a conditional request. A missing robots.txt (4xx) means no rules; a
5xx or a network failure means keep out of the host this run, as the
robots.txt standard (RFC 9309) asks. A robots.txt ``Crawl-delay`` is handed
to the host's gate, where it wins over our own interval when larger.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from flows.host_gate import gate
from flows.responses import Fetched, FetchError, conditional
from flows.settings import ROBOTS_TOKEN

# How the rules are fetched: the client's own retrying, gated GET (a str is a redirect target).
Fetch = Callable[[str, dict[str, str]], Fetched | str]


@dataclass(slots=True)
class RobotsRecord:
    """A host's robots.txt as last fetched; kept between runs so re-checks are conditional."""

    text: str
    etag: str | None = None
    last_modified: str | None = None
    checked: bool = False  # fetched (or confirmed by 304) during this run


class RobotsRules:
    """The rules of every host one client visits; ``records`` is what the crawl state keeps."""

    def __init__(self, records: dict[str, RobotsRecord] | None, fetch: Fetch) -> None:
        self.records: dict[str, RobotsRecord] = dict(records or {})
        self._fetch = fetch
        self._parsed: dict[str, Protego] = {}
        self._lock = threading.Lock()  # a client's threads share it: robots.txt is fetched once per host

    def allowed(self, url: str) -> bool:
        host = urlsplit(url).netloc
        with self._lock:
            if host not in self._parsed:
                self._parsed[host] = Protego.parse(self._record(url).text)
                delay = self._parsed[host].crawl_delay(ROBOTS_TOKEN)
                if delay:
                    gate(host).crawl_delay = float(delay)
            rules = self._parsed[host]
        return rules.can_fetch(url, ROBOTS_TOKEN)

    def _record(self, url: str) -> RobotsRecord:
        parts = urlsplit(url)
        host = parts.netloc
        known = self.records.get(host)
        if known and known.checked:
            return known
        robots_url = f"{parts.scheme}://{host}/robots.txt"
        try:
            got = self._fetch(robots_url, conditional(known.etag, known.last_modified) if known else {})
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
        self.records[host] = record
        return record
