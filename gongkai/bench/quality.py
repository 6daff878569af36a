"""Benchmark: the whole quality run over synthetic agency-years (target: under 15 s for 10,000).

The synthetic reports add up (R1-R4, R6 and stock-flow hold by
construction) except for a known share with one number changed, so the run
does real work on both paths: passing equations and findings. Every metric
comes from ``gongkai.metrics``. The warehouse is built with the loader's own
``load_batch`` (frames in, one transaction), which is not part of the timing.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from gongkai.bench.synthetic import YEARS, agency_year, document_frames
from gongkai.metrics import APPLICANT_CODES, FORMATS, METRICS, S4_GROUPS, leaves_under, metrics_for

Cells = dict[tuple[str, str | None], float]
_S3_TOTAL = "s3.result.total"


def consistent_cells(rng: random.Random, fmt: str, carried_in: dict[str, float], in_force: dict[str, float]) -> Cells:
    """One report's cells that satisfy R1-R4 and continue ``carried_in`` / ``in_force`` from last year.

    Both dicts are updated in place to this year's carried-out and in-force
    figures, so calling this for consecutive years of one agency also
    satisfies R6 and the stock-flow check.
    """
    cells: Cells = {}
    parts = APPLICANT_CODES[:-1]
    leaves = [m.code for m in leaves_under(_S3_TOTAL, fmt)]
    for applicant in parts:
        values = {code: float(rng.choice((0, 0, 0, 1, 2, 5))) for code in leaves}
        result_total = sum(values.values())
        brought = carried_in.get(applicant, 0.0)
        carried_out = float(rng.randint(0, 2))
        values.update(
            {
                _S3_TOTAL: result_total,
                "s3.carried_in": brought,
                "s3.carried_out": carried_out,
                "s3.new": result_total + carried_out - brought,
            }
        )
        if values["s3.new"] < 0:  # more carried in than handled: handle it as granted
            values["s3.result.granted"] -= values["s3.new"]
            values[_S3_TOTAL] -= values["s3.new"]
            values["s3.new"] = 0.0
        carried_in[applicant] = carried_out
        cells.update({(code, applicant): v for code, v in values.items()})
    for code in {code for code, _ in cells}:
        cells[(code, APPLICANT_CODES[-1])] = sum(cells[(code, a)] for a in parts)
    for group, _ in S4_GROUPS:
        outcomes = {m.code: float(rng.randint(0, 3)) for m in leaves_under(f"s4.{group}.total", fmt)}
        cells.update({(code, None): v for code, v in outcomes.items()})
        cells[(f"s4.{group}.total", None)] = sum(outcomes.values())
    for m in metrics_for("二", fmt):
        cells[(m.code, None)] = float(rng.randint(0, 40)) if m.kind != "amount" else round(rng.random() * 500, 4)
    for item in {m.code.rsplit(".", 1)[0] for m in METRICS if m.code.endswith(".in_force") and fmt in m.formats}:
        before = in_force.get(item, float(rng.randint(0, 100)))
        issued, repealed = cells[(f"{item}.issued", None)], min(cells[(f"{item}.repealed", None)], before)
        cells[(f"{item}.repealed", None)] = repealed
        cells[(f"{item}.in_force", None)] = in_force[item] = before + issued - repealed
    return cells


def synthetic_reports(n_agency_years: int, fault_rate: float = 0.02, seed: int = 7) -> Iterator[tuple]:
    """(agency, year, format, cells, narrative) for consecutive years of synthetic agencies.

    A ``fault_rate`` share of reports has one section 三 cell off by one,
    which breaks R1 or R2 and R3 (and R6 next year when it is carried out).
    """
    rng = random.Random(seed)
    fmt = FORMATS[0]
    for i in range(n_agency_years):
        if i % len(YEARS) == 0:
            carried: dict[str, float] = {}
            stock: dict[str, float] = {}
        cells = consistent_cells(rng, fmt, carried, stock)
        if rng.random() < fault_rate:
            key = rng.choice(sorted(k for k in cells if k[0].startswith("s3.") and k[1] != APPLICANT_CODES[-1]))
            cells[key] += 1
        narrative = {"requests_received": int(cells[("s3.new", APPLICANT_CODES[-1])])}
        yield *agency_year(i), fmt, cells, narrative


def build_warehouse(db_path: Path, n_agency_years: int) -> None:
    """A warehouse of synthetic reports, loaded through ``transform.load.load_batch`` in one batch."""
    import polars as pl

    from gongkai.metrics import BY_CODE
    from transform.frames import ISSUE_SCHEMA, Batch
    from transform.load import load_batch
    from transform.warehouse import opened

    docs, facts = [], {k: [] for k in ("document_id", "metric", "applicant", "value")}
    for n, (agency, year, fmt, cells, narrative) in enumerate(synthetic_reports(n_agency_years)):
        doc = f"{n:064x}"
        docs.append((doc, agency, year, fmt, _json(narrative)))
        for (metric, applicant), value in cells.items():
            for col, v in zip(facts, (doc, metric, applicant, value), strict=True):
                facts[col].append(v)
    frame = pl.DataFrame(facts).with_columns(
        pl.col("metric").replace_strict({c: m.section for c, m in BY_CODE.items()}).alias("section"),
        pl.col("value").cast(pl.String).alias("raw"),
    )
    frame = frame.with_columns(
        *(pl.lit(None, pl.Int32).alias(c) for c in ("page", "table_index", "row_index", "col_index")),
        *(pl.lit("", pl.String).alias(c) for c in ("row_label", "col_label")),
    )
    documents, agencies = document_frames(docs)
    batch = Batch(documents=documents, facts=frame, issues=pl.DataFrame(schema=ISSUE_SCHEMA), agencies=agencies)
    with opened(db_path) as con:
        load_batch(con, batch)


def _json(value: dict) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def bench_quality(n_agency_years: int = 10_000) -> dict:
    """Seconds for ``run_quality`` over ``n_agency_years`` synthetic reports, GX import included; printed and returned.

    CPU seconds (all threads) are printed beside wall seconds: the machine is
    shared, and wall time alone says as much about the neighbours as about us.
    """
    from quality.run import run_quality

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        build_warehouse(db, n_agency_years)
        built = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        summary = run_quality(db, Path(tmp) / "quality")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    figures = {
        "agency_years": summary.agency_years,
        "checks": summary.checks,
        "findings": summary.findings,
        "by_rule": summary.by_rule,
        "quality_seconds": round(seconds, 2),
        "quality_cpu_seconds": round(cpu, 2),
        "target_seconds": 15.0,
        "stages": summary.seconds,
        "stages_cpu": summary.cpu_seconds,
        "setup_seconds": round(built, 2),
    }
    print(
        f"quality run over {summary.agency_years:,} agency-years ({summary.checks:,} checks): "
        f"{seconds:.2f} s wall, {cpu:.2f} s CPU (target: under 15 s); setup {built:.1f} s"
    )
    print(
        "  stages (wall / CPU s): "
        + ", ".join(
            f"{stage} {wall:.2f}/{summary.cpu_seconds.get(stage, 0.0):.2f}" for stage, wall in summary.seconds.items()
        )
    )
    print(f"  {summary.findings} findings: " + ", ".join(f"{rule} {n}" for rule, n in summary.by_rule.items()))
    return figures
