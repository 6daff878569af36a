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
from datetime import datetime
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
    seconds: dict[str, float] = field(default_factory=dict)  # wall, per stage, for the benchmark
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # CPU (all threads), per stage

    def line(self) -> str:
        rules = ", ".join(f"{rule} {n}" for rule, n in self.by_rule.items()) or "none"
        return (
            f"quality run {self.run_id}: {self.agency_years} reports, {self.checks} checks, "
            f"{self.by_severity.get('error', 0)} errors, {self.by_severity.get('warning', 0)} warnings, "
            f"{self.by_severity.get('info', 0)} not checked "
            f"({rules}); report {self.report}"
        )


def run_quality(db_path: Path, out_dir: Path = DEFAULT_OUT, run_id: str | None = None) -> QualitySummary:
    """Validate every current report in ``db_path``; findings go to the warehouse and ``out_dir/index.html``."""
    from transform.warehouse import opened, utc_now

    db_path, out_dir = Path(db_path), Path(out_dir).resolve()
    if not db_path.is_file():
        raise UserError(f"no warehouse at {db_path}")
    started = utc_now()
    run_id = run_id or f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    clock = _Clock()  # the first lap includes opening and migrating the warehouse
    with opened(db_path) as con:
        return _run(con, out_dir, run_id, started, clock)


def _run(con, out_dir: Path, run_id: str, started: datetime, clock: _Clock) -> QualitySummary:
    from quality import findings as found
    from quality.batches import checks_batch, facts_batch, facts_frame
    from quality.datadocs import make_offline
    from quality.frames import read_inputs
    from quality.report import write_report
    from quality.rules import all_checks
    from quality.store import run_record, store
    from quality.suites import CHECK_ID, FACT_ID, facts_suite, rules_suite
    from quality.validate import context, validate
    from transform.warehouse import utc_now

    inputs = read_inputs(con)
    clock.lap("read")
    facts = facts_frame(inputs)
    checks = all_checks(inputs)
    clock.lap("rules")
    docs_dir = out_dir / DOCS
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir(parents=True)
    ctx = context(docs_dir)  # imports GX (~4 s): timed on its own
    clock.lap("gx_import")
    failures = validate(ctx, "facts", facts_suite(), facts_batch(inputs, facts), FACT_ID, run_id)
    failures += validate(ctx, "rules", rules_suite(), checks_batch(checks), CHECK_ID, run_id)
    clock.lap("validate")
    findings = found.build(run_id, failures, inputs, facts, checks)
    ctx.build_data_docs()
    make_offline(docs_dir)
    clock.lap("data_docs")
    finished = utc_now()
    agency_years = inputs.reports.height
    n_checks = checks.height + facts.height
    report = write_report(
        out_dir,
        findings,
        run_id=run_id,
        finished=f"{finished:%Y-%m-%d %H:%M:%S}",
        agency_years=agency_years,
        checks=n_checks,
        docs_link=f"{DOCS}/index.html",
    )
    by_rule = Counter(findings["rule"].to_list())
    by_severity = Counter(findings["severity"].to_list())
    violations = findings.height - by_severity["info"]  # info rows are equations not checked, not violations
    store(con, findings, run_record(run_id, started, finished, agency_years, n_checks, violations, str(report)))
    clock.lap("store_report")
    return QualitySummary(
        run_id=run_id,
        agency_years=agency_years,
        checks=n_checks,
        findings=violations,
        by_rule={rule: by_rule[rule] for rule in found.RULE_ORDER if by_rule[rule]},
        by_severity=dict(by_severity),
        report=report,
        seconds=clock.laps,
        cpu_seconds=clock.cpu,
    )


class _Clock:
    """Wall and CPU seconds per stage of the run, reported by the benchmark (the machine is shared)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._last = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        now = time.perf_counter(), time.process_time()
        self.laps[name] = round(now[0] - self._last[0], 3)
        self.cpu[name] = round(now[1] - self._last[1], 3)
        self._last = now
