"""The one writer: loads settled reports into the warehouse and then remembers them in the crawl state.

Only the flow's own thread calls this, so the DuckDB file has a single
writer however many fetch and extraction tasks run. Each ``flush`` is one
load transaction followed by a state save, in that order: a run killed
between the two reloads those documents next time (a no-op for the
warehouse), and a run killed before the load has recorded nothing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from extract.model import Issue, Report
from flows.crawl_reports import Outcome
from flows.rendition import Rendition, choose, fingerprint
from flows.state import CrawlState, DocumentRecord
from transform.load import LoadItem, load_reports
from transform.warehouse import connect, migrate


class Writer:
    def __init__(self, db: Path, state: CrawlState, state_file: Path, run_id: str) -> None:
        self.state, self.state_file, self.run_id = state, state_file, run_id
        self.con = connect(db)
        migrate(self.con)
        self.counts: Counter[str] = Counter()
        self.failed: dict[str, str] = {}
        self._items: dict[str, tuple[str, LoadItem]] = {}  # report link -> (new | changed, what to load)
        self._records: dict[str, DocumentRecord] = {}

    def close(self) -> None:
        self.con.close()

    def listing_failed(self, url: str, reason: str) -> None:
        self._fail(url, reason)

    def _fail(self, url: str, reason: str) -> None:
        self.counts["failed"] += 1
        self.failed[url] = reason
        self.state.record_failure(url, reason, self.run_id, datetime.now(UTC).isoformat(timespec="seconds"))

    def settle(self, outcome: Outcome, readings: list[Report | None]) -> None:
        """Decide what one report link amounts to; ``readings`` are its attachments' reports, in order."""
        url = outcome.found.link.url
        if outcome.status == "failed":
            self._fail(url, outcome.error or "failed")
            return
        self.state.failures.pop(url, None)
        previous = self.state.documents.get(url)
        if outcome.status == "unchanged":
            self.counts["unchanged"] += 1
            if outcome.page and previous:
                self._records[url] = _refreshed(previous, outcome.page)
            return
        candidates = ([(outcome.page, outcome.report)] if outcome.page else []) + list(
            zip(outcome.attachments, readings, strict=True)
        )
        chosen = choose(candidates)
        page = outcome.page or outcome.attachments[0]
        if chosen is None:
            self._fail(url, "no annual report could be read from the page or its attachments")
            self._records[url] = DocumentRecord(page.etag, page.last_modified, page.sha256, None, None, "unreadable")
            return
        rendition, report = chosen
        report = _with_agency(report, outcome.found.agency)
        mark = fingerprint(report)
        record = DocumentRecord(page.etag, page.last_modified, page.sha256, rendition.url, mark)
        self._records[url] = record
        if rendition.url != url:
            self._records[rendition.url] = DocumentRecord(rendition.etag, rendition.last_modified, rendition.sha256)
        if previous and previous.fingerprint == mark:
            self.counts["unchanged"] += 1
            return
        status = "changed" if previous and previous.outcome == "loaded" else "new"
        self._items[url] = (status, _load_item(report, rendition, url))

    def flush(self) -> None:
        """Load what was settled (one transaction), then record it in the state file.

        If the batch cannot be loaded, each report is tried on its own, so one bad
        report is a recorded failure rather than the end of the run.
        """
        if self._items:
            try:
                self._load(list(self._items.values()))
            except Exception:
                for url, entry in self._items.items():
                    try:
                        self._load([entry])
                    except Exception as exc:
                        self._records.pop(url, None)
                        self._fail(url, f"load failed: {exc.__class__.__name__}: {exc}".splitlines()[0])
            self._items = {}
        self.state.documents.update(self._records)
        self._records = {}
        self.state.save(self.state_file)

    def _load(self, entries: list[tuple[str, LoadItem]]) -> None:
        stats = load_reports(self.con, [item for _, item in entries], self.run_id)
        self.counts.update(status for status, _ in entries)
        self.counts["facts_loaded"] += stats.facts


def _refreshed(previous: DocumentRecord, page: Rendition) -> DocumentRecord:
    return dataclasses.replace(previous, etag=page.etag, last_modified=page.last_modified, sha256=page.sha256)


def _with_agency(report: Report, agency: str) -> Report:
    """A report that does not name its agency takes the name from the sources file, saying so."""
    if report.agency or not agency:
        return report
    note = Issue("info", "agency_from_sources", f"agency not named in the report; taken from sources.csv: {agency}")
    return dataclasses.replace(report, agency=agency, issues=[*report.issues, note])


def _load_item(report: Report, rendition: Rendition, page_url: str) -> LoadItem:
    return LoadItem(
        report=report,
        url=rendition.url,
        content_sha256=rendition.sha256,
        content_type=rendition.content_type,
        fetched_at=rendition.fetched_at.replace(tzinfo=None),
        archive_path=rendition.path,
        portal_host=urlsplit(page_url).netloc,
    )
