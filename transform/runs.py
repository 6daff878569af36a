"""Recording ingestion runs: a row when a run starts, its counters when it ends.

A run that dies keeps status 'running' with no finish time, which is how the
next run (and an analyst) can tell it never completed.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from transform.warehouse import opened, sql, utc_now


@dataclass(frozen=True, slots=True)
class RunCounts:
    found: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    facts_loaded: int = 0
    findings: int = 0


def start_run(
    con_or_path: duckdb.DuckDBPyConnection | Path | str, run_id: str | None = None, started_at: datetime | None = None
) -> str:
    """Record a run as started (``started_at``: when it did, if before now); returns its id (a new uuid4 hex
    unless given)."""
    run_id = run_id or uuid.uuid4().hex
    with opened(con_or_path) as con:
        con.execute(sql("load/start_run.sql"), {"run_id": run_id, "started_at": started_at or utc_now()})
    return run_id


def finish_run(
    con_or_path: duckdb.DuckDBPyConnection | Path | str, run_id: str, status: str, counts: RunCounts
) -> None:
    """Record how a run ended ('succeeded', 'failed', ...) and what it counted."""
    with opened(con_or_path) as con:
        con.execute(
            sql("load/finish_run.sql"), {"run_id": run_id, "status": status, "finished_at": utc_now(), **asdict(counts)}
        )
