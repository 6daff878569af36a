"""One quality run: read current facts, compute the rules, validate with GX, store and report.

This is the API the crawl flow and ``gongkai quality`` call. It reads facts
and writes only ``quality_runs`` and ``finding_history``: a report that does
not add up is recorded, never corrected, and never stops the pipeline.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from gongkai.errors import UserError

DEFAULT_OUT = Path("data/quality")
DOCS = "data_docs"


@dataclass(frozen=True, slots=True)
class QualitySummary:
    run_id: str
    agency_years: int
    checks: int
    findings: int
    by_rule: dict[str, int]
    by_severity: dict[str, int]
    report: Path
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, for the benchmark

    def line(self) -> str:
        rules = ", ".join(f"{rule} {n}" for rule, n in self.by_rule.items()) or "none"
        return (
            f"quality run {self.run_id}: {self.agency_years} reports, {self.checks} checks, "
            f"{self.by_severity.get('error', 0)} errors, {self.by_severity.get('warning', 0)} warnings "
            f"({rules}); report {self.report}"
        )


def run_quality(db_path: Path, out_dir: Path = DEFAULT_OUT, run_id: str | None = None) -> QualitySummary:
    """Validate every current report in ``db_path``; findings go to the warehouse and ``out_dir/index.html``."""
    from transform.warehouse import connect, migrate

    db_path, out_dir = Path(db_path), Path(out_dir).resolve()
    if not db_path.is_file():
        raise UserError(f"no warehouse at {db_path}")
    started = datetime.now(UTC).replace(tzinfo=None)
    run_id = run_id or f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    clock = _Clock()
    con = connect(db_path)
    try:
        migrate(con)
        summary = _run(con, out_dir, run_id, started, clock)
    finally:
        con.close()
    return summary


def _run(con, out_dir: Path, run_id: str, started: datetime, clock: _Clock) -> QualitySummary:
    from quality import findings as found
    from quality.batches import checks_batch, facts_frame, to_pandas
    from quality.frames import read_inputs
    from quality.rules import all_checks
    from quality.store import run_record, store
    from quality.suites import CHECK_ID, FACT_ID, facts_suite, rules_suite

    inputs = read_inputs(con)
    clock.lap("read")
    facts = facts_frame(inputs)
    checks = checks_batch(all_checks(inputs))
    clock.lap("rules")
    import great_expectations  # noqa: F401  (timed on its own: ~4 s of the run)

    clock.lap("gx_import")
    from quality.datadocs import make_offline
    from quality.report import write_report
    from quality.validate import context, validate

    docs_dir = out_dir / DOCS
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir(parents=True)
    ctx = context(docs_dir)
    fact_columns = [FACT_ID, "document_id", "agency", "year", "format", "metric", "applicant", "value",
                    "applicant_ok", "r5_non_negative"]
    failures = validate(ctx, "facts", facts_suite(), to_pandas(facts, fact_columns), FACT_ID, run_id)
    failures += validate(ctx, "rules", rules_suite(), to_pandas(checks, _check_columns(checks)), CHECK_ID, run_id)
    clock.lap("validate")
    findings = found.build(run_id, failures, facts, checks)
    ctx.build_data_docs()
    make_offline(docs_dir)
    clock.lap("data_docs")
    finished = datetime.now(UTC).replace(tzinfo=None)
    agency_years = inputs.facts.select("document_id").n_unique()
    n_checks = checks.height + facts.height
    report = write_report(out_dir, findings, run_id=run_id, finished=f"{finished:%Y-%m-%d %H:%M:%S}",
                          agency_years=agency_years, checks=n_checks, docs_link=f"{DOCS}/index.html")
    store(con, findings, run_record(run_id, started, finished, agency_years, n_checks, findings.height, str(report)))
    clock.lap("store_report")
    by_rule = Counter(findings["rule"].to_list())
    return QualitySummary(
        run_id=run_id,
        agency_years=agency_years,
        checks=n_checks,
        findings=findings.height,
        by_rule={rule: by_rule[rule] for rule in found.RULE_ORDER if by_rule[rule]},
        by_severity=dict(Counter(findings["severity"].to_list())),
        report=report,
        seconds=clock.laps,
    )


def _check_columns(checks) -> list[str]:
    return [c for c in checks.columns if c not in ("expected", "observed", "blank_cells", "note")]


class _Clock:
    """Seconds per stage of the run, reported by the benchmark."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 3)
        self._last = now
