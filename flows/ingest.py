"""The nightly flow: discover -> fetch -> archive -> extract -> load -> quality -> summary.

This file only composes: the tasks and their sizing are in ``flows.tasks``,
the scheduling of hosts, chunks and extractions around the single warehouse
writer in ``flows.dispatch``. What is left here is the run's bookkeeping: a
run row that ends "failed" if the crawl dies, quality findings that never
block loading, the published copy, and the summary artifact.

Run it: ``python -m flows.ingest SOURCES.csv`` or ``gongkai ingest``.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from flows import dispatch, read_pool
from flows.settings import CrawlSettings
from flows.sources import read_sources
from flows.state import CrawlState, state_path
from flows.summary import RunSummary
from flows.tasks import check_quality
from flows.writer import Writer
from transform.publish import publish, published_copy
from transform.runs import finish_run


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
    """``crawl`` overrides other ``CrawlSettings`` fields (timeouts, attempts, backoff, chunk size, readers);
    ``check=False`` skips the quality run (its findings stay as the last run left them)."""
    settings = CrawlSettings(**{**_runner_defaults(), **(crawl or {}), "interval": interval})
    db_path = Path(db)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    state_file = state_path(db_path)
    state = CrawlState.load(state_file)
    run_id = str(flow_run.id or uuid.uuid4().hex)
    with Writer(db_path, state, state_file, run_id) as writer:  # opens the warehouse while the crawl starts
        try:
            read_pool.start(settings.readers)  # and the first reader forks meanwhile too
            found = dispatch.crawl(read_sources(Path(sources), demo_url), state, settings, raw_dir, writer)
        except BaseException:
            if writer.is_open():
                finish_run(writer.con, run_id, "failed", RunSummary.from_writer(writer, 0).counts)
            raise
        finally:
            read_pool.shutdown()
        summary = RunSummary.from_writer(writer, found)
        try:
            if check:  # in this process: its own connection shares the writer's open database
                checked = check_quality(db_path, Path(quality_dir), run_id)
                summary.with_findings(checked.findings, checked.line())
        except Exception as exc:  # findings never block loading: the data is in, the report says what went wrong
            summary.quality = f"failed: {exc.__class__.__name__}: {exc}".splitlines()[0]
        finish_run(writer.con, run_id, "succeeded", summary.counts)
        publish(writer.con, published_copy(db_path))
    create_markdown_artifact(summary.markdown(), key="ingest-summary", description=summary.line())
    get_run_logger().info("ingest %s: %s", run_id, summary.line())
    return summary.counters()


def _runner_defaults() -> dict[str, Any]:
    """On a process-based runner (Dask) fetch tasks read pages in their own thread: the cluster already
    spreads the work, and a pool started inside a worker would outlive this flow's shutdown of it. And a
    host gets one fetch task at a time there: two on different workers would not share a host gate."""
    context = FlowRunContext.get()
    if context is None or isinstance(context.task_runner, ThreadPoolTaskRunner):
        return {}
    return {"readers": 0, "chunks_per_host": 1}


if __name__ == "__main__":
    from flows.runners import with_options

    print(with_options(None)(sources=sys.argv[1] if len(sys.argv) > 1 else "data/sources.csv"))
