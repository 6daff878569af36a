"""The summary page a person reads first: totals, which agency-years break which rules, a chart, the findings.

Static HTML with an inline stylesheet and an inline SVG chart, so it opens
from disk with no internet; it links to the GX Data Docs for the full
validation results.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from quality.chart import bar_chart
from quality.findings import RULE_ORDER, cell_name, number
from quality.rules import BY_ID
from quality.suites import COLUMNS_RULE, SUITE_VERSION

INFO = "info"

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_AGENCIES = 300  # agency-year rows of the matrix
MAX_FINDINGS = 3000


def write_report(
    out_dir: Path, findings: pl.DataFrame, *, run_id: str, finished: str, agency_years: int, checks: int, docs_link: str
) -> Path:
    """Render ``index.html`` into ``out_dir`` and return its path."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    counts = dict(findings.group_by("rule").len().iter_rows())
    rules = [
        {"id": rid, "severity": rule.severity, "title": rule.title, "count": counts.get(rid, 0)}
        for rid, rule in BY_ID.items()
    ]
    if counts.get(COLUMNS_RULE):
        rules.append(
            {
                "id": COLUMNS_RULE,
                "severity": "error",
                "title": "column types, ranges, required keys",
                "count": counts[COLUMNS_RULE],
            }
        )
    broken = findings.filter(pl.col("severity") != INFO)  # info: not checked, not broken
    matrix, hidden = _matrix(broken)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2", "html"]))
    html = env.get_template("index.html.j2").render(
        run_id=run_id,
        finished=finished,
        suite_version=SUITE_VERSION,
        docs_link=docs_link,
        agency_years=agency_years,
        checks=checks,
        reports_with_findings=broken.select(pl.col("document_id").drop_nulls().n_unique()).item(),
        by_severity=dict(findings.group_by("severity").len().iter_rows()),
        chart=bar_chart([(r["id"], r["count"], r["severity"]) for r in rules], "findings per rule"),
        rules=rules,
        matrix_rules=[r for r in RULE_ORDER if r in set(broken.get_column("rule"))],
        matrix=matrix,
        matrix_hidden=hidden,
        findings=[
            {
                **row,
                "cell": cell_name(row["metric"], row["applicant"]),
                "expected": "" if row["expected"] is None else number(row["expected"]),
                "observed": "" if row["observed"] is None else number(row["observed"]),
            }
            for row in findings.head(MAX_FINDINGS).iter_rows(named=True)
        ],
        findings_hidden=max(findings.height - MAX_FINDINGS, 0),
    )
    path = out_dir / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


def _matrix(findings: pl.DataFrame) -> tuple[list[dict], int]:
    """(agency, year) x rule counts, the reports with the most findings first."""
    keys = ["agency", "year"]
    per = findings.filter(pl.col("agency").is_not_null()).group_by(*keys, "rule").len()
    totals = (
        per.group_by(keys)
        .agg(pl.col("len").sum().alias("total"))
        .sort(["total", *keys], descending=[True, False, False])
    )
    cells: dict[tuple, dict[str, int]] = {}
    for agency, year, rule, n in per.iter_rows():
        cells.setdefault((agency, year), {})[rule] = n
    rows = [
        {"agency": a, "year": y, "total": t, "counts": cells[(a, y)]}
        for a, y, t in totals.head(MAX_AGENCIES).iter_rows()
    ]
    return rows, max(totals.height - MAX_AGENCIES, 0)
