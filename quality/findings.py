"""Turning GX failures into findings: one row per offending cell or equation, in words.

A finding names the report (agency, year, document), the rule, the cell
(metric and applicant column), what the rule expected and what the report
prints, and says when blank cells were counted as 0, so a disclosure office
can find the number to correct without reading code.
"""

from __future__ import annotations

import polars as pl

from quality.frames import Inputs
from quality.rules import BY_ID
from quality.rules import r5_non_negative as r5
from quality.suites import COLUMNS_RULE
from quality.validate import Failure

FINDING_SCHEMA: dict[str, pl.DataType] = {
    "run_id": pl.String(),
    "agency": pl.String(),
    "year": pl.Int32(),
    "rule": pl.String(),
    "metric": pl.String(),
    "applicant": pl.String(),
    "expected": pl.Float64(),
    "observed": pl.Float64(),
    "severity": pl.String(),
    "message": pl.String(),
    "document_id": pl.String(),
    "blank_cells": pl.String(),
}
RULE_ORDER = [*BY_ID, COLUMNS_RULE]


def number(value: float | None) -> str:
    """A number as the report prints it: 23, not 23.0; 3490.9558, not 3.4909558e+03."""
    if value is None:
        return "blank"
    return str(int(value)) if float(value).is_integer() else f"{value:.6f}".rstrip("0")


def cell_name(metric: str | None, applicant: str | None) -> str:
    return f"{metric} / {applicant}" if applicant else str(metric)


def build(
    run_id: str, failures: list[Failure], inputs: Inputs, facts: pl.DataFrame, checks: pl.DataFrame
) -> pl.DataFrame:
    """Findings of one run; the ids GX reports are rows of ``facts`` and ``checks``."""
    rows: list[dict] = []
    for failure in failures:
        if failure.rule in BY_ID and BY_ID[failure.rule].checks is not None:
            rows.extend(_from_checks(failure, _failing(inputs, checks, failure)))
        elif failure.ids:
            rows.extend(_from_facts(failure, _failing(inputs, facts, failure)))
        else:
            rows.append(_whole_column(failure))
    frame = pl.DataFrame(rows, schema={k: v for k, v in FINDING_SCHEMA.items() if k != "run_id"}, orient="row")
    return (
        frame.with_columns(pl.lit(run_id).alias("run_id"))
        .select(list(FINDING_SCHEMA))
        .sort(
            pl.col("rule").replace_strict(RULE_ORDER, list(range(len(RULE_ORDER))), default=len(RULE_ORDER)),
            "agency",
            "year",
            "metric",
            "applicant",
            nulls_last=True,
        )
    )


def _failing(inputs: Inputs, frame: pl.DataFrame, failure: Failure) -> pl.DataFrame:
    """The offending rows with their report's document id, agency, year and format."""
    return frame[sorted(set(failure.ids))].join(inputs.reports, on="doc", how="left")


def _from_checks(failure: Failure, failing: pl.DataFrame) -> list[dict]:
    rule = BY_ID[failure.rule]
    out = []
    for row in failing.iter_rows(named=True):
        message = rule.explain.format(
            cell=cell_name(row["metric"], row["applicant"]),
            expected=number(row["expected"]),
            observed=number(row["observed"]),
            note=row["note"],
        )
        if row["blank_cells"]:
            message += f" (blank cells counted as 0: {row['blank_cells']})"
        out.append(_finding(row, failure, message))
    return out


def _from_facts(failure: Failure, failing: pl.DataFrame) -> list[dict]:
    out = []
    for row in failing.with_columns(r5.note().alias("note")).iter_rows(named=True):
        cell = cell_name(row["metric"], row["applicant"])
        if failure.rule in BY_ID:
            message = BY_ID[failure.rule].explain.format(
                cell=cell, note=row["note"], observed=number(row["value"]), raw=row["raw"]
            )
        else:
            shown = row.get(failure.column) if failure.column else None
            message = f"{cell}: {failure.column} = {shown!r} breaks {failure.expectation}"
        out.append(_finding({**row, "expected": None, "observed": row["value"], "blank_cells": None}, failure, message))
    return out


def _whole_column(failure: Failure) -> dict:
    message = f"column {failure.column}: {failure.expectation} failed for the whole batch"
    return _finding({}, failure, message)


def _finding(row: dict, failure: Failure, message: str) -> dict:
    return {
        "agency": row.get("agency"),
        "year": row.get("year"),
        "rule": failure.rule,
        "metric": row.get("metric"),
        "applicant": row.get("applicant"),
        "expected": row.get("expected"),
        "observed": row.get("observed"),
        "severity": failure.severity,
        "message": message,
        "document_id": row.get("document_id"),
        "blank_cells": row.get("blank_cells"),
    }
