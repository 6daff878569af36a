"""Loading extracted reports into the warehouse, one transaction per batch.

A batch either lands whole or not at all: every statement runs inside one
transaction that any error rolls back, so a crash mid-load leaves the
warehouse as it was. Rows reach DuckDB as registered Arrow tables and
set-based SQL (``sql/load``); row-by-row inserts are thousands of times slower.

A document is identified by the sha256 of its bytes. Loading it again
replaces its facts and issues with identical ones (a no-op), and a different
document for the same agency-year supersedes the older one in the current
views while its facts stay queryable as history (view ``fact_history``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from extract.model import Report
from transform.frames import Batch, build_batch
from transform.warehouse import opened, sql, transaction


@dataclass(frozen=True, slots=True)
class LoadItem:
    """One extracted report and where its bytes came from."""

    report: Report
    url: str
    content_sha256: str
    content_type: str | None
    fetched_at: datetime
    archive_path: str | None
    portal_host: str | None
    # The report's facts frame when its reader built it already: the crawl builds it in its reader
    # processes, so that its single writer never walks a report's facts one by one.
    facts: pl.DataFrame | None = None


@dataclass(frozen=True, slots=True)
class LoadStats:
    documents: int  # distinct documents in the batch
    new_documents: int  # of which the warehouse had none before
    facts: int
    issues: int


def load_reports(
    con_or_path: duckdb.DuckDBPyConnection | Path | str,
    items: Sequence[LoadItem],
    run_id: str | None = None,
) -> LoadStats:
    """Load one batch of reports; on any error nothing of the batch is written and the error propagates."""
    batch = build_batch(items, run_id)
    with opened(con_or_path) as con:
        return load_batch(con, batch)


STEPS = ("upsert_dimensions", "upsert_documents", "delete_document_rows", "insert_rows", "supersede")


def load_batch(
    con: duckdb.DuckDBPyConnection, batch: Batch, after_step: Callable[[str], None] | None = None
) -> LoadStats:
    """The transactional part of ``load_reports``, for callers (and the benchmark) that built the frames.

    ``after_step`` is called with each step's name once it ran, inside the
    transaction; tests use it to crash the process mid-load.
    """
    with _registered(con, batch), transaction(con):
        (reloaded,) = con.execute(sql("load/count_reloaded.sql")).fetchone()
        for step in STEPS:
            if step == "delete_document_rows" and not reloaded:
                continue  # nothing to replace: skip scanning the fact table
            con.execute(sql(f"load/{step}.sql"))
            if after_step:
                after_step(step)
    return LoadStats(
        documents=batch.documents.height,
        new_documents=batch.documents.height - reloaded,
        facts=batch.facts.height,
        issues=batch.issues.height,
    )


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, batch: Batch) -> Iterator[None]:
    """Expose the batch frames to SQL as ``batch_<name>`` Arrow tables for the duration."""
    tables = {
        "batch_documents": batch.documents,
        "batch_facts": batch.facts,
        "batch_issues": batch.issues,
        "batch_agencies": batch.agencies,
    }
    for name, frame in tables.items():
        # polars' own string layout (Arrow string_view) needs no copy; DuckDB reads it as is
        con.register(name, frame.to_arrow(compat_level=pl.CompatLevel.newest()))
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)
