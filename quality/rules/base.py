"""What a rule is, and the one helper most rules are written with.

Every rule turns the facts into *checks*: one row per equation it could
evaluate, with the value the equation predicts (``expected``), the value the
report prints (``observed``) and a ``residual`` that must be 0. Great
Expectations then validates the residuals (quality.suites); findings are the
rows it reports as unexpected. Keeping the arithmetic in polars and only the
verdict in GX is what lets one validation cover 10,000 reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import polars as pl

from quality.frames import BLANK, Inputs

Severity = Literal["error", "warning"]

CHECK_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String(),
    "agency": pl.String(),
    "year": pl.Int32(),
    "rule": pl.String(),
    "metric": pl.String(),
    "applicant": pl.String(),
    "expected": pl.Float64(),
    "observed": pl.Float64(),
    "residual": pl.Float64(),
    "blank_cells": pl.String(),
    "note": pl.String(),
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule family: its id in findings, residual column, severity and wording.

    ``explain`` is formatted with a finding's fields (metric, applicant,
    expected, observed, year, note) into the message naming the cell.
    """

    id: str
    column: str
    severity: Severity
    title: str
    explain: str
    checks: Callable[[Inputs], pl.DataFrame] | None  # None: checked cell by cell on the facts batch


def equation(
    wide: pl.DataFrame,
    *,
    rule: str,
    metric: str | pl.Expr,
    observed: list[str],
    expected: list[str],
    subtract: tuple[str, ...] = (),
    applicant: pl.Expr | None = None,
    note: pl.Expr | None = None,
) -> pl.DataFrame:
    """Checks of ``sum(observed) == sum(expected) - sum(subtract)`` on each row of ``wide``.

    Rows where any term is absent (null: the report has no such row or
    column) are not checked, so a report missing a section raises no
    alarm. Blank terms count as 0 and are listed in ``blank_cells``.
    """
    terms = [*observed, *expected, *subtract]
    present = pl.all_horizontal(pl.col(t).is_not_null() for t in terms) if terms else pl.lit(False)
    blanks = pl.concat_list(pl.when(pl.col(t + BLANK)).then(pl.lit(t)) for t in terms).list.drop_nulls()
    obs = pl.sum_horizontal(observed)
    exp = pl.sum_horizontal(expected) - (pl.sum_horizontal(subtract) if subtract else 0.0)
    return wide.filter(present).select(
        pl.col("document_id"),
        pl.col("agency"),
        pl.col("year").cast(pl.Int32),
        pl.lit(rule).alias("rule"),
        (pl.lit(metric) if isinstance(metric, str) else metric).alias("metric"),
        (applicant if applicant is not None else pl.lit(None, pl.String)).alias("applicant"),
        exp.alias("expected"),
        obs.alias("observed"),
        (obs - exp).round(6).alias("residual"),
        pl.when(blanks.list.len() > 0).then(blanks.list.join(", ")).alias("blank_cells"),
        (note if note is not None else pl.lit(None, pl.String)).alias("note"),
    )


def empty_checks() -> pl.DataFrame:
    return pl.DataFrame(schema=CHECK_SCHEMA)
