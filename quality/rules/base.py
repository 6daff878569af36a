"""What a rule is, and the one helper the rules are written with.

Every rule turns the facts into *checks*: one row per equation it could
evaluate, with the value the equation predicts (``expected``), the value the
report prints (``observed``) and a ``residual`` that must be 0. Great
Expectations then validates the residuals (quality.suites); findings are the
rows it reports as unexpected. Keeping the arithmetic in polars and only the
verdict in GX is what lets one validation cover 10,000 reports. A rule file
states its equation through ``Rule.equation``; building the columns is here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl

from gongkai.metrics import FORMATS, leaves_under
from quality.cube import BLANK
from quality.frames import Inputs

Severity = Literal["error", "warning", "info"]
INCOMPLETE = "incomplete"  # the rule id of equations that could not be checked (quality.rules.incomplete)
Terms = Sequence[str] | Callable[[str], list[str]]  # cell columns, or per format the cell columns

CHECK_SCHEMA: dict[str, pl.DataType] = {
    "doc": pl.Int32(),
    "rule": pl.String(),
    "metric": pl.String(),
    "applicant": pl.String(),
    "expected": pl.Float64(),
    "observed": pl.Float64(),
    "residual": pl.Float64(),
    "blank_cells": pl.String(),
    "note": pl.String(),
}


def leaves(total: str) -> Callable[[str], list[str]]:
    """The rows summing to ``total`` in each format, from the metric dictionary (they differ by format)."""
    return lambda fmt: [m.code for m in leaves_under(total, fmt)]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule family: its id in findings, residual column, severity and wording.

    ``explain`` is formatted with a finding's fields (cell, expected,
    observed, note, raw) into the message naming the cell.
    """

    id: str
    column: str
    severity: Severity
    title: str
    explain: str
    checks: Callable[[Inputs], pl.DataFrame] | None  # None: checked cell by cell on the facts batch

    def equation(
        self,
        wide: pl.DataFrame,
        *,
        observed: list[str],
        expected: Terms,
        subtract: tuple[str, ...] = (),
        metric: str | pl.Expr | None = None,
        applicant: pl.Expr | None = None,
        note: pl.Expr | None = None,
    ) -> pl.DataFrame:
        """Checks of ``sum(observed) == sum(expected) - sum(subtract)`` on each row of ``wide``.

        Blank terms count as 0 and are listed in ``blank_cells``. A term that
        is absent (null: the report has no such row or column, or the cell
        could not be read) leaves the equation unchecked: claiming that a
        report does not add up over a row set we could not read whole would
        be a false alarm. When some terms are there and others are not, the
        row becomes an ``incomplete`` check instead, naming the missing cells;
        when none is there (a section the report does not have) nothing is said.
        ``metric`` defaults to the observed cells, ``applicant`` to the
        frame's applicant column.
        """
        if callable(expected):
            return pl.concat(
                self.equation(
                    wide.filter(pl.col("format") == fmt),
                    observed=observed,
                    expected=expected(fmt),
                    subtract=subtract,
                    metric=metric,
                    applicant=applicant,
                    note=note,
                )
                for fmt in FORMATS
            )
        if applicant is None:
            applicant = pl.col("applicant") if "applicant" in wide.columns else pl.lit(None, pl.String)
        if not isinstance(metric, pl.Expr):
            metric = pl.lit(metric or " + ".join(observed))
        terms = [*observed, *expected, *subtract]
        present = [pl.col(t).is_not_null() for t in terms]
        blanks = pl.concat_list(pl.when(pl.col(t + BLANK)).then(pl.lit(t)) for t in terms).list.drop_nulls()
        missing = pl.concat_list(pl.when(pl.col(t).is_null()).then(pl.lit(t)) for t in terms).list.drop_nulls()
        obs = pl.sum_horizontal(observed)
        exp = pl.sum_horizontal(expected) - (pl.sum_horizontal(subtract) if subtract else 0.0)
        checked = wide.filter(pl.all_horizontal(present)).select(
            pl.col("doc"),
            pl.lit(self.id).alias("rule"),
            metric.alias("metric"),
            applicant.alias("applicant"),
            exp.alias("expected"),
            obs.alias("observed"),
            (obs - exp).round(6).alias("residual"),
            pl.when(blanks.list.len() > 0).then(blanks.list.join(", ")).alias("blank_cells"),
            (note if note is not None else pl.lit(None, pl.String)).alias("note"),
        )
        unchecked = wide.filter(pl.any_horizontal(present) & ~pl.all_horizontal(present)).select(
            pl.col("doc"),
            pl.lit(INCOMPLETE).alias("rule"),
            metric.alias("metric"),
            applicant.alias("applicant"),
            pl.lit(None, pl.Float64).alias("expected"),
            pl.lit(None, pl.Float64).alias("observed"),
            missing.list.len().cast(pl.Float64).alias("residual"),
            pl.lit(None, pl.String).alias("blank_cells"),
            pl.format("{} not checked: {} missing or unreadable", pl.lit(self.id), missing.list.join(", ")).alias(
                "note"
            ),
        )
        return pl.concat([checked.cast(CHECK_SCHEMA), unchecked.cast(CHECK_SCHEMA)])


def empty_checks() -> pl.DataFrame:
    return pl.DataFrame(schema=CHECK_SCHEMA)
