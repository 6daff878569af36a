"""The nightly flow: discover -> fetch -> archive -> extract -> load -> quality -> summary.

Tasks are sized so Prefect's 10-35 ms per task stays under a tenth of the
work: one discovery task per host, fetch tasks of ``chunk_size`` report
pages (HTML pages are read inside them), one extraction task per PDF or Word
attachment. Report links are queued by the host they point to (a listing
may link reports on another host), and a host's fetch chunks run one after
another (each starts after the previous one's last request plus the
interval), different hosts in parallel on the task runner (threads, or
Dask with ``--dask-address``). The
flow's own thread is the single warehouse writer: it settles each report as
its tasks finish and loads them chunk by chunk, so a killed run loses at
most the chunks in flight.

Run it: ``python -m flows.ingest SOURCES.csv`` or ``gongkai ingest``.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, as_completed
from prefect.runtime import flow_run

from extract.model import Report
from flows.crawl_listing import Discovery, Found, Source, discover_host
from flows.crawl_reports import ChunkResult, Outcome, fetch_chunk
from flows.extraction import extraction_cache_key, read_archived
from flows.http_client import RobotsRecord
from flows.progress import Progress
from flows.settings import CrawlSettings
from flows.sources import by_host, read_sources
from flows.state import CrawlState, DocumentRecord, ListingRecord, state_path
from flows.summary import RunSummary
from flows.writer import Writer
from quality.run import QualitySummary, run_quality
from transform.publish import publish
from transform.runs import finish_run, start_run


@task(name="discover", task_run_name="discover {host}", retries=1, retry_delay_seconds=[10], cache_policy=NO_CACHE)
def discover(
    host: str,
    sources: list[Source],
    listings: dict[str, ListingRecord],
    robots: dict[str, RobotsRecord],
    settings: CrawlSettings,
) -> Discovery:
    return discover_host(host, sources, listings, robots, settings)


@task(name="fetch", task_run_name="fetch {host} #{number}", retries=1, retry_delay_seconds=[10], cache_policy=NO_CACHE)
def fetch(
    host: str,
    number: int,
    found: list[Found],
    records: dict[str, DocumentRecord],
    robots: dict[str, RobotsRecord],
    not_before: dict[str, float],
    settings: CrawlSettings,
    raw_dir: str,
) -> ChunkResult:
    return fetch_chunk(found, records, robots, not_before, settings, raw_dir)


@task(
    name="extract",
    task_run_name="extract {url}",
    retries=1,
    retry_delay_seconds=[5],
    cache_key_fn=extraction_cache_key,
    cache_expiration=timedelta(days=30),
    persist_result=True,
)
def extract(path: str, sha256: str, content_type: str | None, url: str) -> Report | None:
    return read_archived(path, content_type, url)


@dataclass(slots=True)
class _Waiting:
    """A report link whose attachments are still being read."""

    outcome: Outcome
    readings: list[Report | None]
    left: int


@dataclass(slots=True)
class _Host:
    chunks: list[list[Found]] = field(default_factory=list)
    number: int = 0
    busy: bool = False  # a fetch task for this host is running


@flow(name="gongkai-ingest", flow_run_name="ingest {sources}")
def ingest_flow(
    sources: str = "data/sources.csv",
    db: str = "data/warehouse.duckdb",
    raw_dir: str = "data/raw",
    quality_dir: str = "data/quality",
    interval: float = 1.0,
    demo_url: str | None = None,
    crawl: dict[str, Any] | None = None,
    check: bool = True,
) -> dict[str, Any]:
    """``crawl`` overrides other ``CrawlSettings`` fields (timeouts, attempts, backoff, chunk size);
    ``check=False`` skips the quality run (its findings stay as the last run left them)."""
    settings = CrawlSettings(**{**(crawl or {}), "interval": interval})
    db_path = Path(db)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    state_file = state_path(db_path)
    state = CrawlState.load(state_file)
    run_id = str(flow_run.id or uuid.uuid4().hex)
    writer = Writer(db_path, state, state_file, run_id)
    start_run(writer.con, run_id)
    try:
        found = _crawl(read_sources(Path(sources), demo_url), state, settings, raw_dir, writer)
    except BaseException:
        finish_run(writer.con, run_id, "failed", RunSummary.from_writer(writer, 0).counts)
        raise
    finally:
        writer.close()
    summary = RunSummary.from_writer(writer, found)
    try:
        if check:
            checked = check_quality(db_path, Path(quality_dir), run_id)
            summary.with_findings(checked.findings, checked.line())
    except Exception as exc:  # findings never block loading: the data is in, the report says what went wrong
        summary.quality = f"failed: {exc.__class__.__name__}: {exc}".splitlines()[0]
    finish_run(db_path, run_id, "succeeded", summary.counts)
    publish(db_path, db_path.parent / "published" / db_path.name)
    create_markdown_artifact(summary.markdown(), key="ingest-summary", description=summary.line())
    get_run_logger().info("ingest %s: %s", run_id, summary.line())
    return summary.counters()


@task(name="quality", cache_policy=NO_CACHE)
def check_quality(db: Path, out_dir: Path, run_id: str) -> QualitySummary:
    return run_quality(db, out_dir, run_id)


def _crawl(sources: list[Source], state: CrawlState, settings: CrawlSettings, raw_dir: str, writer: Writer) -> int:
    """Run every host's discovery and fetch chunks and every extraction; returns how many report links were found."""
    pending: dict[PrefectFuture, Any] = {}
    hosts: dict[str, _Host] = {}
    seen: set[str] = set()
    not_before: dict[str, float] = {}
    progress = Progress()

    def submit_next(host: str) -> None:
        queue = hosts[host]
        queue.busy = bool(queue.chunks)
        if queue.chunks:
            queue.number += 1
            chunk = queue.chunks.pop(0)
            records = {url: state.documents[url] for url in _urls(chunk, state) if url in state.documents}
            future = fetch.submit(host, queue.number, chunk, records, state.robots, not_before, settings, raw_dir)
            pending[future] = ("fetch", host, chunk)

    def enqueue(found: list[Found]) -> None:
        """Queue new report links on the host each points to, starting that host's fetches if idle."""
        fresh = [item for item in found if item.link.url not in seen]
        seen.update(item.link.url for item in fresh)
        progress.found(len(fresh))
        for host, items in _by_link_host(fresh).items():
            queue = hosts.setdefault(host, _Host())
            queue.chunks += [items[i : i + settings.chunk_size] for i in range(0, len(items), settings.chunk_size)]
            if not queue.busy:
                submit_next(host)

    def waited(times: dict[str, float]) -> None:
        for host, at in times.items():
            not_before[host] = max(not_before.get(host, 0.0), at)

    def settle(outcome: Outcome, readings: list[Report | None]) -> None:
        writer.settle(outcome, readings)
        progress.advance(outcome)

    for host, host_sources in by_host(sources).items():
        listings = {url: record for url, record in state.listings.items() if urlsplit(url).netloc == host}
        future = discover.submit(host, host_sources, listings, state.robots, settings)
        pending[future] = ("discover", host, host_sources)
    with progress:
        while pending:
            future = next(as_completed(list(pending)))
            kind, *context = pending.pop(future)
            if kind == "discover":
                host, host_sources = context
                waited(getattr(_result_or(future, None), "not_before", {}))
                enqueue(_discovered(future, host, host_sources, state, writer))
            elif kind == "fetch":
                host, chunk = context
                result = _fetched(future, chunk)
                waited(result.not_before)
                state.robots.update(result.robots)
                for outcome in result.outcomes:
                    if not outcome.attachments:
                        settle(outcome, [])
                        continue
                    waiting = _Waiting(outcome, [None] * len(outcome.attachments), len(outcome.attachments))
                    for i, doc in enumerate(outcome.attachments):
                        pending[extract.submit(doc.path, doc.sha256, doc.content_type, doc.url)] = (
                            "extract",
                            waiting,
                            i,
                        )
                submit_next(host)
            else:
                waiting, i = context
                waiting.readings[i] = _result_or(future, None)
                waiting.left -= 1
                if waiting.left == 0:
                    settle(waiting.outcome, waiting.readings)
            writer.flush()
    return len(seen)


def _by_link_host(found: list[Found]) -> dict[str, list[Found]]:
    grouped: dict[str, list[Found]] = {}
    for item in found:
        grouped.setdefault(urlsplit(item.link.url).netloc, []).append(item)
    return grouped


def _discovered(
    future: PrefectFuture, host: str, sources: list[Source], state: CrawlState, writer: Writer
) -> list[Found]:
    try:
        result: Discovery = future.result()
    except Exception as exc:
        result = Discovery(host, failures={s.url: f"discovery failed: {exc}".splitlines()[0] for s in sources})
    state.listings.update(result.listings)
    state.robots.update(result.robots)
    for url, reason in result.failures.items():
        writer.listing_failed(url, reason)
    return result.found


def _fetched(future: PrefectFuture, chunk: list[Found]) -> ChunkResult:
    try:
        return future.result()
    except Exception as exc:
        reason = f"fetch task failed: {exc.__class__.__name__}: {exc}".splitlines()[0]
        return ChunkResult([Outcome(found, "failed", error=reason) for found in chunk], {})


def _result_or(future: PrefectFuture, default: Any) -> Any:
    """A task's result; a task that crashed counts as the default (its failure is logged by Prefect)."""
    try:
        return future.result()
    except Exception:
        return default


def _urls(found: list[Found], state: CrawlState) -> list[str]:
    """The report links and the attachments they were read from last time (for conditional requests)."""
    urls = [item.link.url for item in found]
    return urls + [r.rendition for url in urls if (r := state.documents.get(url)) and r.rendition]


if __name__ == "__main__":
    from flows.runners import with_options

    print(with_options(None)(sources=sys.argv[1] if len(sys.argv) > 1 else "data/sources.csv"))
