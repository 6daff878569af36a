"""The one writer: loads settled reports into the warehouse and then remembers them in the crawl state.

Only the flow's own thread calls this, so the DuckDB file has a single
writer however many fetch and extraction tasks run. Each ``flush`` syncs
the raw archive to disk (fetch tasks archive without an fsync apiece), then
runs one load transaction, then records the outcome of every URL settled since the last
flush (``crawl_outcomes``), then, when one is due, a state save, in that
order: a run killed between them reloads those documents next time (a
no-op for the warehouse), and a run killed before the load has recorded
nothing.

Both halves of a flush cost the crawler's one interpreter, so each is
paced to take at most a twentieth (``PACE``) of the run:

- A load costs mostly per transaction: a dozen SQL statements, 80 ms
  whether it carries 20 reports or 200. A flush is ``due`` after
  ``FLUSH_SECONDS``, or twenty times as long as the last one took, or at
  ``FLUSH_REPORTS`` reports, whichever comes first.
- The state file is rewritten whole, at a cost that grows with the state
  (20 ms for a thousand reports, several times that on a busy machine). It
  is saved at the first flush, then at most every ``STATE_SECONDS`` (or
  twenty times a save), and always at the last.

Before this pacing, a flush a second took a third of the crawler's time on a
thousand-page first run. A killed run loses at most those seconds of settled
work: the warehouse has it, and the next run fetches it again and loads
nothing twice.

The warehouse is opened at once (a file another process holds fails the
run before its first request), then migrated and the run recorded as
started in a thread of its own while the crawl discovers and fetches (a
fresh file takes 0.2 s to migrate, a fifth of a one-report run); the first
use of ``con`` waits for it, and the first flush is due a second after.
Nothing is written to the state before then, so a warehouse that cannot be
migrated still fails the run with nothing written, at its first flush.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from flows.crawl_reports import Outcome
from flows.extraction import Read
from flows.host_gate import host_of
from flows.rendition import Rendition, choose
from flows.state import CrawlState, DocumentRecord
from gongkai import archive
from transform.load import LoadItem, load_reports
from transform.runs import start_run
from transform.warehouse import connect, migrate, sql, transaction, utc_now

_UNREADABLE = "no annual report could be read from the page or its attachments"
_NOT_REPORTS = ("listing", "not_a_report")  # outcomes of links that did not lead to a report
FLUSH_REPORTS = 500
FLUSH_SECONDS = 1.0
STATE_SECONDS = 5.0
PACE = 20  # a flush, and a state save, waits at least this many times as long as the last one took
_OUTCOME_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("url", pa.string()),
        ("role", pa.string()),
        ("outcome", pa.string()),
        ("reason", pa.string()),
        ("retryable", pa.bool_()),
        ("rendition_url", pa.string()),
        ("document_id", pa.string()),
        ("recorded_at", pa.timestamp("us")),
    ]
)


class Writer:
    def __init__(self, db: Path, state: CrawlState, state_file: Path, run_id: str) -> None:
        self.state, self.state_file, self.run_id = state, state_file, run_id
        con = connect(db)  # at once (30 ms): a warehouse another process holds fails the run before any request
        opener = ThreadPoolExecutor(1, thread_name_prefix="warehouse-open")
        self._opened: Future[duckdb.DuckDBPyConnection] = opener.submit(_prepared, con, run_id, utc_now())
        opener.shutdown(wait=False)
        self.counts: Counter[str] = Counter()
        self.failed: dict[str, str] = {}
        self._items: dict[str, tuple[str, LoadItem]] = {}  # report link -> (new | changed, what to load)
        self._records: dict[str, DocumentRecord] = {}
        self._outcomes: list[dict[str, Any]] = []
        self._flush_due = math.inf  # the first, a second after the warehouse opened (or failed to)
        self._state_due = 0.0  # monotonic time from which the next flush saves the state
        self._opened.add_done_callback(self._opened_now)

    def _opened_now(self, _: Future[duckdb.DuckDBPyConnection]) -> None:
        self._flush_due = time.monotonic() + FLUSH_SECONDS

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The warehouse, once opened (raises what opening it raised)."""
        return self._opened.result()

    def is_open(self) -> bool:
        """Whether the warehouse opened (waiting for it): a run that failed before it could has no run row."""
        return self._opened.exception() is None

    def close(self) -> None:
        if self.is_open():
            self.con.close()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def listing_failed(self, url: str, reason: str) -> None:
        self._fail(url, reason, role="listing")

    def _fail(self, url: str, reason: str, *, role: str = "report", retryable: bool | None = None) -> None:
        self.counts["failed"] += 1
        self.failed[url] = reason
        self._outcome(url, "failed", role=role, reason=reason, retryable=retryable)

    def _outcome(self, url: str, outcome: str, **columns: Any) -> None:
        self._outcomes.append({"url": url, "outcome": outcome, "role": "report", **columns, "recorded_at": utc_now()})

    def settle(self, outcome: Outcome, readings: list[Read | None]) -> None:
        """Decide what one report link amounts to; ``readings`` are its attachments' reports, in order."""
        url = outcome.found.link.url
        if outcome.status == "failed":
            self._fail(url, outcome.error or "failed", retryable=outcome.retryable)
            return
        previous = self.state.documents.get(url)
        if outcome.status in _NOT_REPORTS and outcome.page:
            self._not_a_report(url, outcome.status, outcome.page, outcome.error)
            return
        if outcome.status == "unchanged":
            if outcome.page and previous:
                self._records[url] = _refreshed(previous, outcome.page)
            if previous and previous.outcome in _NOT_REPORTS:
                self.counts["not_reports"] += 1
                self._outcome(url, previous.outcome)
            elif previous and previous.outcome == "unreadable":  # still no report: still a failure, not retried
                self._fail(url, _UNREADABLE, retryable=False)
            else:
                self.counts["unchanged"] += 1
                self._outcome(url, "unchanged")
            return
        candidates = ([(outcome.page, outcome.read)] if outcome.page else []) + list(
            zip(outcome.attachments, readings, strict=True)
        )
        chosen = choose(candidates)
        page = outcome.page or outcome.attachments[0]
        if chosen is None:  # not retried until its bytes change
            self._fail(url, _UNREADABLE, retryable=False)
            self._records[url] = DocumentRecord(page.etag, page.last_modified, page.sha256, None, None, "unreadable")
            return
        rendition, read = chosen
        mark = read.fingerprint
        record = DocumentRecord(page.etag, page.last_modified, page.sha256, rendition.url, mark)
        self._records[url] = record
        if rendition.url != url:
            self._records[rendition.url] = DocumentRecord(rendition.etag, rendition.last_modified, rendition.sha256)
        if previous and previous.fingerprint == mark:
            self.counts["unchanged"] += 1
            self._outcome(url, "unchanged")
            return
        status = "changed" if previous and previous.outcome == "loaded" else "new"
        self._items[url] = (status, _load_item(read, rendition, url))

    def _not_a_report(self, url: str, status: str, page: Rendition, reason: str | None) -> None:
        """A link that led to a page listing reports, or to a decoy: remembered as such, so that a 304 next
        run says so again, and not counted among the reports found."""
        self.counts["not_reports"] += 1
        self._outcome(url, status, reason=reason)
        self._records[url] = DocumentRecord(page.etag, page.last_modified, page.sha256, None, None, status)

    def is_hub(self, outcome: Outcome) -> bool:
        """The link leads to a page that lists reports (found so now, or before and unchanged): a column to walk.

        Asked before the outcome is settled: it reads what the state knew before this run.
        """
        previous = self.state.documents.get(outcome.found.link.url)
        remembered = outcome.status == "unchanged" and previous is not None and previous.outcome == "listing"
        return outcome.status == "listing" or remembered

    def due(self) -> bool:
        return len(self._items) >= FLUSH_REPORTS or time.monotonic() >= self._flush_due

    def flush(self, *, last: bool = False) -> None:
        """Load what was settled (one transaction), then record it in the state file when one is due (``last``:
        the run's end, always).

        If the batch cannot be loaded, each report is tried on its own, so one bad
        report is a recorded failure rather than the end of the run.
        """
        started = time.monotonic()
        if self._items or self._records:  # a flush of 304s alone (most of a nightly re-run) refers to nothing new
            archive.sync()  # what the fetch tasks archived reaches the disk before anything refers to it
        self._opened.result()  # nothing is recorded, not even in the state, unless the warehouse opened
        if self._items:
            try:
                self._load(self._items)
            except Exception:
                for url, entry in self._items.items():
                    try:
                        self._load({url: entry})
                    except Exception as exc:
                        self._records.pop(url, None)
                        self._fail(url, f"load failed: {exc.__class__.__name__}: {exc}".splitlines()[0])
            self._items = {}
        if self._outcomes:
            self._record_outcomes()
        self.state.documents.update(self._records)
        self._records = {}
        saving = time.monotonic()
        if last or saving >= self._state_due:
            self.state.save(self.state_file)
            self._state_due = saving + max(STATE_SECONDS, PACE * (time.monotonic() - saving))
        done = time.monotonic()
        self._flush_due = done + max(FLUSH_SECONDS, PACE * (done - started))

    def _load(self, entries: dict[str, tuple[str, LoadItem]]) -> None:
        stats = load_reports(self.con, [item for _, item in entries.values()], self.run_id)
        self.counts.update(status for status, _ in entries.values())
        self.counts["facts_loaded"] += stats.facts
        for url, (status, item) in entries.items():
            self._outcome(url, status, rendition_url=item.url, document_id=item.content_sha256)

    def _record_outcomes(self) -> None:
        blank = dict.fromkeys(_OUTCOME_SCHEMA.names)
        rows = [{**blank, **row, "run_id": self.run_id} for row in self._outcomes]
        self.con.register("outcomes", pa.Table.from_pylist(rows, schema=_OUTCOME_SCHEMA))
        try:
            with transaction(self.con):
                self.con.execute(sql("crawl/insert_outcomes.sql"))
        finally:
            self.con.unregister("outcomes")
        self._outcomes = []


def _prepared(con: duckdb.DuckDBPyConnection, run_id: str, started_at: datetime) -> duckdb.DuckDBPyConnection:
    try:
        migrate(con)
        start_run(con, run_id, started_at)
    except BaseException:
        con.close()
        raise
    return con


def _refreshed(previous: DocumentRecord, page: Rendition) -> DocumentRecord:
    return dataclasses.replace(previous, etag=page.etag, last_modified=page.last_modified, sha256=page.sha256)


def _load_item(read: Read, rendition: Rendition, page_url: str) -> LoadItem:
    return LoadItem(
        report=read.header,
        facts=read.facts,
        url=rendition.url,
        content_sha256=rendition.sha256,
        content_type=rendition.content_type,
        fetched_at=rendition.fetched_at.replace(tzinfo=None),
        archive_path=rendition.path,
        portal_host=host_of(page_url),
    )
