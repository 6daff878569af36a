"""Keeping every host busy with fetch chunks while the flow's thread writes the warehouse.

Report links are queued by the host they point to (a listing may link
reports on another host). A host has at most ``chunks_per_host`` fetch
chunks running: on threads two, so the next chunk is fetching while the
last pages of the previous one are still being read and settled (the
process-wide host gate keeps one request in flight to the host either way);
on Dask one, each starting after the previous one's last request plus the
interval, which travels between chunks as ``not_before``. Different hosts
run in parallel on the task runner. A report link that leads to a page
listing reports (a county's page of its departments' reports) is walked by
a discovery task of its own, as a source would be. Attachments go to extraction tasks as
their chunk comes back. The caller's thread is the single warehouse writer:
each report is settled as its last task finishes and loaded in batches (see
``flows.writer``), so a killed run loses at most the chunks in flight and
about a second of settled work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from prefect.futures import PrefectFuture, as_completed

from flows.crawl_listing import Discovery, Found, Source
from flows.crawl_reports import ChunkResult, Outcome
from flows.extraction import Read
from flows.host_gate import host_of
from flows.progress import Progress
from flows.settings import CrawlSettings
from flows.sources import by_host
from flows.state import CrawlState
from flows.tasks import discover, extract, fetch
from flows.writer import Writer


@dataclass(slots=True)
class _Waiting:
    """A report link whose attachments are still being read."""

    outcome: Outcome
    readings: list[Read | None]
    left: int


@dataclass(slots=True)
class _Host:
    """A host's work, in order: walks of its columns (its sources, then hubs) and chunks of its report links.

    Both kinds count against ``chunks_per_host``: on Dask, a walk running beside a chunk would be two
    requests in flight to one server, each worker keeping its own host gate.
    """

    jobs: list[tuple[str, list[Source] | list[Found]]] = field(default_factory=list)  # ("discover"|"fetch", items)
    running: int = 0  # tasks for this host


def crawl(sources: list[Source], state: CrawlState, settings: CrawlSettings, raw_dir: str, writer: Writer) -> int:
    """Run every host's discovery and fetch chunks and every extraction; returns how many report links were found
    (links that led to a list of reports or to a decoy are not reports)."""
    pending: dict[PrefectFuture, Any] = {}
    hosts: dict[str, _Host] = {}
    seen: set[str] = set()
    not_before: dict[str, float] = {}
    progress = Progress()

    def submit_next(host: str) -> None:
        queue = hosts[host]
        while queue.jobs and queue.running < settings.chunks_per_host:
            queue.running += 1
            kind, items = queue.jobs.pop(0)
            if kind == "discover":
                listings = {url: record for url, record in state.listings.items() if host_of(url) == host}
                future = discover.submit(host, items, listings, state.robots, settings, not_before)
            else:
                records = {url: state.documents[url] for url in _urls(items, state) if url in state.documents}
                future = fetch.submit(items, records, state.robots, not_before, settings, raw_dir)
            pending[future] = (kind, host, items)

    def enqueue(found: list[Found]) -> None:
        """Queue new report links on the host each points to, starting that host's fetches if idle."""
        fresh = [item for item in found if item.link.url not in seen]
        seen.update(item.link.url for item in fresh)
        progress.found(len(fresh))
        for host, items in _by_link_host(fresh).items():
            queue = hosts.setdefault(host, _Host())
            size = settings.chunk_size
            queue.jobs += [("fetch", items[i : i + size]) for i in range(0, len(items), size)]
            submit_next(host)

    def waited(times: dict[str, float]) -> None:
        for host, at in times.items():
            not_before[host] = max(not_before.get(host, 0.0), at)

    def walk(host: str, host_sources: list[Source]) -> None:
        hosts.setdefault(host, _Host()).jobs.append(("discover", host_sources))
        submit_next(host)

    def settle(outcome: Outcome, readings: list[Read | None]) -> None:
        hub = writer.is_hub(outcome)
        writer.settle(outcome, readings)
        if hub:  # walked as a column of its own: its pager too, and conditionally next run
            url = outcome.found.link.url
            walk(host_of(url), [Source(outcome.found.agency, url)])
        progress.advance(outcome)

    for host, host_sources in by_host(sources).items():
        walk(host, host_sources)
    with progress:
        while pending:
            future = next(as_completed(list(pending)))
            kind, *context = pending.pop(future)
            if kind == "discover":
                host, host_sources = context
                waited(getattr(_result_or(future, None), "not_before", {}))
                hosts[host].running -= 1
                enqueue(_discovered(future, host, host_sources, state, writer))
                submit_next(host)
            elif kind == "fetch":
                host, chunk = context
                result = _fetched(future, chunk)
                waited(result.not_before)
                state.robots.update(result.robots)
                hosts[host].running -= 1
                submit_next(host)
                for outcome in result.outcomes:
                    if not outcome.attachments:
                        settle(outcome, [])
                        continue
                    waiting = _Waiting(outcome, [None] * len(outcome.attachments), len(outcome.attachments))
                    for i, doc in enumerate(outcome.attachments):
                        pending[
                            extract.submit(doc.path, doc.sha256, doc.content_type, doc.url, outcome.found.agency)
                        ] = (
                            "extract",
                            waiting,
                            i,
                        )
            else:
                waiting, i = context
                waiting.readings[i] = _result_or(future, None)
                waiting.left -= 1
                if waiting.left == 0:
                    settle(waiting.outcome, waiting.readings)
            if writer.due():
                writer.flush()
    writer.flush(last=True)
    return len(seen) - writer.counts["not_reports"]


def _by_link_host(found: list[Found]) -> dict[str, list[Found]]:
    grouped: dict[str, list[Found]] = {}
    for item in found:
        grouped.setdefault(host_of(item.link.url), []).append(item)
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
