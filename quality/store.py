"""Landing a run's findings in the warehouse, beside (never instead of) the facts.

Each run appends to ``finding_history`` and records itself in
``quality_runs`` in one transaction, so the ``quality_findings`` view (the
latest run) never shows half a run.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import polars as pl


def store(con: duckdb.DuckDBPyConnection, findings: pl.DataFrame, run: dict) -> None:
    """Append ``findings`` and the ``run`` record (columns of quality_runs)."""
    from transform.warehouse import sql, transaction

    run_frame = pl.DataFrame([run])
    with transaction(con):
        con.register("findings", findings.to_arrow())
        con.register("run", run_frame.to_arrow())
        try:
            con.execute(sql("quality/insert_findings.sql"))
            con.execute(sql("quality/insert_run.sql"))
        finally:
            con.unregister("findings")
            con.unregister("run")


def run_record(
    run_id: str, started: datetime, finished: datetime, agency_years: int, checks: int, findings: int, report: str
) -> dict:
    from quality.suites import SUITE_VERSION

    return {
        "run_id": run_id,
        "started_at": started,
        "finished_at": finished,
        "suite_version": SUITE_VERSION,
        "agency_years": agency_years,
        "checks": checks,
        "findings": findings,
        "report_path": report,
    }
