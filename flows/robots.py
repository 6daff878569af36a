"""robots.txt: fetched once per host and run, kept between runs, honoured for every hop.

The text is kept in the crawl state with its validators, so the next night's
check is a conditional request. As the robots.txt standard (RFC 9309) asks:
a missing robots.txt (a 4xx that stays one) means no rules; a 5xx, a 429
that outlasts our retries, or a network failure means keep out of the host
this run, and that verdict is kept for the run, so a host whose robots.txt
is down costs one round of retries, not one per URL; redirects are followed
(five, across hosts too). A robots.txt ``Crawl-delay`` is handed to the
host's gate, where it wins over our own interval when larger. One longer
than ``max_crawl_delay`` (an hour between pages, say) keeps us off the host
for the run, each URL failing retryably: a nightly run that waited it out
would never end, and one that shortened it would not be doing as asked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from extract.decode import charset_from_content_type, decode_text
from flows.host_gate import gate, host_of
from flows.responses import Fetched, FetchError, conditional
from flows.settings import ROBOTS_TOKEN

# How the rules are fetched: the client's own retrying, gated GET (a str is a redirect target).
Fetch = Callable[[str, dict[str, str]], Fetched | str]
REDIRECTS = 5  # RFC 9309 2.3.1.2: at least five; more means "unavailable", as a 4xx


@dataclass(slots=True)
class RobotsRecord:
    """A host's robots.txt as last fetched; kept between runs so re-checks are conditional."""

    text: str
    etag: str | None = None
    last_modified: str | None = None
    checked: bool = False  # fetched (or confirmed by 304) during this run
    unreachable: str | None = None  # why it could not be read this run: the host is off limits until it can


class RobotsRules:
    """The rules of every host one client visits; ``records`` is what the crawl state keeps."""

    def __init__(self, records: dict[str, RobotsRecord] | None, fetch: Fetch, max_delay: float = float("inf")) -> None:
        self.records: dict[str, RobotsRecord] = dict(records or {})
        self._fetch = fetch
        self._max_delay = max_delay
        self._parsed: dict[str, Protego] = {}
        self._too_slow: dict[str, str] = {}  # hosts whose Crawl-delay is over ``max_delay``: why we keep off
        self._lock = threading.Lock()  # a client's threads share it: robots.txt is fetched once per host

    def allowed(self, url: str) -> bool:
        """Whether the rules let us fetch ``url``; raises a retryable FetchError while robots.txt is unreachable."""
        host = host_of(url)
        with self._lock:
            if host not in self._parsed:
                record = self._record(url)
                if record.unreachable:
                    raise FetchError(url, f"robots.txt unavailable ({record.unreachable})", retryable=True)
                self._parsed[host] = Protego.parse(record.text)
                delay = float(self._parsed[host].crawl_delay(ROBOTS_TOKEN) or 0)
                if delay > self._max_delay:
                    self._too_slow[host] = (
                        f"robots.txt asks for {delay:g} s between requests, over {self._max_delay:g} s"
                    )
                elif delay:
                    gate(host).slow_to(delay)
            rules = self._parsed[host]
        if host in self._too_slow:
            raise FetchError(url, self._too_slow[host], retryable=True)
        return rules.can_fetch(url, ROBOTS_TOKEN)

    def _record(self, url: str) -> RobotsRecord:
        parts = urlsplit(url)
        host = host_of(url)
        known = self.records.get(host)
        if known and known.checked:
            return known
        headers = conditional(known.etag, known.last_modified) if known else {}
        where, got = f"{parts.scheme}://{parts.netloc}/robots.txt", None
        try:
            for _ in range(REDIRECTS + 1):
                got = self._fetch(where, headers)
                if isinstance(got, Fetched):
                    break
                where = got
        except FetchError as exc:
            if exc.retryable:
                kept = known or RobotsRecord("")
                record = RobotsRecord(kept.text, kept.etag, kept.last_modified, checked=True, unreachable=exc.reason)
                self.records[host] = record
                return record
            got = None
        if not isinstance(got, Fetched):
            record = RobotsRecord("", checked=True)
        elif got.not_modified and known:
            record = RobotsRecord(known.text, known.etag, known.last_modified, checked=True)
        else:
            text = decode_text(got.body or b"", charset_from_content_type(got.content_type))
            record = RobotsRecord(text, got.etag, got.last_modified, checked=True)
        self.records[host] = record
        return record
