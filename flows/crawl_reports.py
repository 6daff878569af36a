"""Fetching a chunk of one host's report links (the body of the fetch task).

Each report page is fetched conditionally and archived before parsing. An
HTML page is read during the task (on ``flows.read_pool``'s workers),
because whether its attachments are needed at all depends on what it holds
(see ``flows.rendition``); PDF and Word documents are returned unread, for
extraction tasks of their own. One URL's failure is recorded on its outcome
and never stops the chunk.

A page linked as a report sometimes holds no report and no attachment but
lists reports: a county's page of its departments' reports, a year's
sub-column. It comes back as a ``listing`` outcome, for the dispatcher to
walk as a column, pager and all. And a link whose title the portal's list
template cut short is checked against the title the page prints, so a
decoy that looked like a report up to the cut (…年度报告的解读) comes back as
``not_a_report``. A report page that its CMS split over several pages is
fetched whole and read as one document (``flows.article_pages``).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extract.sniff import kind_of
from flows import read_pool
from flows.article_pages import joined
from flows.crawl_listing import Found
from flows.extraction import Read
from flows.http_client import PoliteClient
from flows.page_reading import PageReading
from flows.rendition import Rendition
from flows.responses import Fetched, FetchError
from flows.robots import RobotsRecord
from flows.settings import CrawlSettings
from flows.state import DocumentRecord
from gongkai.archive import archive

MAX_ATTACHMENTS = 3  # a report page links one report; more are appendices or other documents
FETCHERS = 2  # per fetch task: enough to keep a host's one request slot busy while a page is archived


@dataclass(slots=True)
class Outcome:
    """What became of one report link this run."""

    found: Found
    status: str  # "fetched" (to be read and loaded), "unchanged", "failed", "listing" or "not_a_report"
    page: Rendition | None = None
    read: Read | None = None  # the page's own reading, when it is HTML
    attachments: list[Rendition] = field(default_factory=list)
    error: str | None = None  # why it failed, or for ``not_a_report`` what the page is
    retryable: bool = True


@dataclass(slots=True)
class ChunkResult:
    outcomes: list[Outcome]
    not_before: dict[str, float]
    robots: dict[str, RobotsRecord] = field(default_factory=dict)  # so the next run re-checks them conditionally


def fetch_chunk(
    found: list[Found],
    records: dict[str, DocumentRecord],
    robots: dict[str, RobotsRecord],
    not_before: dict[str, float],
    settings: CrawlSettings,
    raw_dir: str,
) -> ChunkResult:
    """Fetch the chunk's pages ahead on helper threads, reading each on the pool once archived; this thread
    takes the readings in order and fetches the attachments a page needs.

    Fetching and archiving are mostly waiting (on the server, on fsync) and
    reading is CPU, so pages arrive while others are read; with two fetchers,
    one's request is in flight while the other archives. Politeness
    is the host gate's job and holds across all threads: one request per host
    at a time, the interval between them, attachments queued at the same gate.
    """
    archive_dir = Path(raw_dir)
    with PoliteClient(settings, robots, not_before) as client:
        ahead = ThreadPoolExecutor(FETCHERS, thread_name_prefix="fetch-ahead")
        try:
            pages = ahead.map(lambda item: _fetch_page(client, item, records, archive_dir, settings.readers), found)
            outcomes = [
                _read_page(client, item, page, records, archive_dir, settings.readers)
                for item, page in zip(found, pages, strict=True)
            ]
        finally:
            ahead.shutdown(cancel_futures=True)
        return ChunkResult(outcomes, client.last_request_at(), client.robots)


def _fetch_page(
    client: PoliteClient, found: Found, records: dict[str, DocumentRecord], raw_dir: Path, readers: int
) -> Outcome | tuple[Fetched, Rendition, read_pool.Reading]:
    """The report link's outcome when no reading is needed, else the archived HTML page and its reading."""
    url = found.link.url
    previous = records.get(url)
    try:
        got = client.get(url, **_validators(previous))
    except FetchError as exc:
        return Outcome(found, "failed", error=str(exc), retryable=exc.retryable)
    if got.not_modified and previous:
        if previous.outcome != "loaded" or previous.rendition in (None, url):
            return Outcome(found, "unchanged")
        return _recheck_attachment(client, found, previous.rendition, records, raw_dir)
    page = _archived(got, raw_dir)
    if previous and previous.sha256 == page.sha256 and previous.rendition in (None, url):
        return Outcome(found, "unchanged", page=page)
    if page.kind != "html":
        return Outcome(found, "fetched", attachments=[page])
    body = got.body or b""
    return got, page, read_pool.submit(body, page.content_type, page.url, found.agency, readers, title=found.link.title)


def _read_page(
    client: PoliteClient,
    found: Found,
    fetched_page: Outcome | tuple[Fetched, Rendition, read_pool.Reading],
    records: dict[str, DocumentRecord],
    raw_dir: Path,
    readers: int,
) -> Outcome:
    """Read an HTML report page, fetching its attachments when its own tables do not hold the report."""
    if isinstance(fetched_page, Outcome):
        return fetched_page
    got, page, reading = fetched_page
    previous = records.get(found.link.url)
    done = reading()
    if done.decoy:
        return Outcome(found, "not_a_report", page=page, error=f"the page is titled {done.decoy}")
    if done.continued:
        whole = _whole_article(client, found, got, done.continued, raw_dir, readers)
        if isinstance(whole, Outcome):
            return whole
        page, done = whole
    read, parsed = done.read, done.links
    outcome = Outcome(found, "fetched", page=page, read=read)
    if parsed is None:  # the page's own tables hold the report
        return outcome
    if not parsed.attachments and (read is None or not read.facts.height) and parsed.reports:
        return Outcome(found, "listing", page=page)
    for link in parsed.attachments[:MAX_ATTACHMENTS]:
        chosen_before = previous is not None and previous.rendition == link.url
        try:
            fetched = client.get(link.url, **_validators(records.get(link.url) if chosen_before else None))
        except FetchError as exc:
            if exc.retryable:  # the best rendition may be the one we could not get: try again next run
                return Outcome(found, "failed", error=str(exc))
            continue
        if fetched.not_modified:  # the page changed around an attachment that did not
            return Outcome(found, "unchanged", page=page)
        outcome.attachments.append(_archived(fetched, raw_dir))
    return outcome


def _whole_article(
    client: PoliteClient, found: Found, got: Fetched, urls: list[str], raw_dir: Path, readers: int
) -> tuple[Rendition, PageReading] | Outcome:
    """The article's pages fetched (each archived as served), then joined, archived and read as one document,
    which stands for the page: its validators are the first page's, as the next run asks for that page."""
    parts = [(got.body or b"", got.content_type)]
    for url in urls:
        try:
            more = client.get(url)
        except FetchError as exc:
            if exc.retryable:  # a part missing tonight: the whole report next run, not a part of it now
                return Outcome(found, "failed", error=str(exc))
            break  # the pager promised more pages than the site has: the article ends here
        _archived(more, raw_dir)
        parts.append((more.body or b"", more.content_type))
    data = joined(parts)
    whole = _archived(
        Fetched(got.url, got.status, data, "text/html; charset=utf-8", got.etag, got.last_modified), raw_dir
    )
    return whole, read_pool.submit(data, whole.content_type, whole.url, found.agency, readers, whole=True)()


def _recheck_attachment(
    client: PoliteClient, found: Found, url: str, records: dict[str, DocumentRecord], raw_dir: Path
) -> Outcome:
    """The page is unchanged and its attachment was loaded last time: is the attachment unchanged too?"""
    try:
        got = client.get(url, **_validators(records.get(url)))
    except FetchError as exc:
        return Outcome(found, "failed", error=str(exc), retryable=exc.retryable)
    if got.not_modified:
        return Outcome(found, "unchanged")
    return Outcome(found, "fetched", attachments=[_archived(got, raw_dir)])


def _archived(got: Fetched, raw_dir: Path) -> Rendition:
    data = got.body or b""
    kind = kind_of(data, got.content_type)
    fetched_at = datetime.now(UTC)
    sha256, path = archive(
        data, raw_dir, kind, url=got.url, fetched_at=fetched_at, content_type=got.content_type, durable=False
    )  # the writer syncs the archive before it loads or records anything (``Writer.flush``)
    return Rendition(got.url, sha256, str(path), got.content_type, fetched_at, got.etag, got.last_modified, kind)


def _validators(record: DocumentRecord | None) -> dict[str, str | None]:
    return {"etag": record.etag, "last_modified": record.last_modified} if record else {}
