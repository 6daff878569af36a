"""Walking a host's column pages to the list of report links (the body of the discovery task).

Listing pages are fetched conditionally; a 304 reuses the links the page held
last time, so an unchanged portal costs one small request per page.

What counts as a failure of the source: the column page failing, any page
failing between pages that answered, and a column that yields no report
link at all (a login page behind a redirect, an empty or "page not found"
page served with 200). Pagers overstate: a script that claims eight pages
where five exist is where the column ends, so pages missing (404/410) after
the last one that answered are not recorded, or they would be reported
every night as open failures that nobody can fix.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from extract.sniff import kind_of
from flows.discover import Link, parse_page
from flows.http_client import PoliteClient
from flows.responses import FetchError
from flows.robots import RobotsRecord
from flows.settings import CrawlSettings
from flows.state import ListingRecord

_GONE = (404, 410)


@dataclass(frozen=True, slots=True)
class Source:
    agency: str
    url: str


@dataclass(frozen=True, slots=True)
class Found:
    link: Link
    agency: str  # as named in the sources file; used only when a report does not name itself


@dataclass(slots=True)
class Discovery:
    host: str
    found: list[Found] = field(default_factory=list)
    listings: dict[str, ListingRecord] = field(default_factory=dict)
    robots: dict[str, RobotsRecord] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)  # url -> reason
    not_before: dict[str, float] = field(default_factory=dict)


def discover_host(
    host: str,
    sources: list[Source],
    known: dict[str, ListingRecord],
    robots: dict[str, RobotsRecord],
    settings: CrawlSettings,
    not_before: dict[str, float] | None = None,
) -> Discovery:
    """``not_before`` carries the hosts' gates in, as for a fetch chunk: on Dask the walk may follow a chunk
    of the same host that ran on another worker."""
    result = Discovery(host)
    seen_links: set[str] = set()
    with PoliteClient(settings, robots, not_before) as client:
        for source in sources:
            for link in _walk(client, source.url, known, result, settings.max_listing_pages):
                if link.url not in seen_links:
                    seen_links.add(link.url)
                    result.found.append(Found(link, source.agency))
        result.robots = client.robots
        result.not_before = client.last_request_at()
    return result


def _walk(
    client: PoliteClient, seed: str, known: dict[str, ListingRecord], result: Discovery, limit: int
) -> list[Link]:
    """Breadth-first over the seed and its pagination; a seed that is itself a report is its own only link.

    ``limit`` counts pages fetched, not pages a listing claims: a page count
    far past the limit must still walk the first ``limit`` pages. Pages are
    walked in the order the listing numbers them, so "after the last page
    that answered" is a position in the walk.
    """
    queue, seen, links = deque([seed]), {seed}, []
    failures_before = len(result.failures)
    missing: list[tuple[int, str, str]] = []  # (position, url, reason): pages the pager named that are not there
    answered = -1
    for position in range(limit):
        if not queue:
            break
        url = queue.popleft()
        record = _listing(client, url, known.get(url), is_seed=url == seed)
        if isinstance(record, FetchError):
            if url != seed and record.status in _GONE:
                missing.append((position, url, str(record)))
            else:
                result.failures[url] = str(record)
            continue
        answered = position
        result.listings[url] = record
        links.extend(record.reports)
        for page in record.pages:
            if page not in seen:
                seen.add(page)
                queue.append(page)
    result.failures.update((url, reason) for position, url, reason in missing if position < answered)
    if not links and len(result.failures) == failures_before:
        result.failures[seed] = "no annual report link found on this page (empty, a login or error page?)"
    return links


def _listing(
    client: PoliteClient, url: str, previous: ListingRecord | None, is_seed: bool
) -> ListingRecord | FetchError:
    """The page's record, or why it could not be fetched."""
    try:
        got = client.get(url, etag=previous and previous.etag, last_modified=previous and previous.last_modified)
    except FetchError as exc:
        return exc
    if got.not_modified and previous:
        return previous
    body = got.body or b""
    if is_seed and kind_of(body, got.content_type) != "html":
        return ListingRecord(got.etag, got.last_modified, [Link(url, "")], [])
    page = parse_page(body, got.url, got.content_type)
    if is_seed and page.is_report():
        return ListingRecord(got.etag, got.last_modified, [Link(url, page.title)], [])
    return ListingRecord(got.etag, got.last_modified, page.reports, page.pages)
