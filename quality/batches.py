"""The two pandas batches Great Expectations validates, built from polars frames.

GX 1.24 has no DuckDB or polars datasource, and its SQL datasource silently
returns empty metrics on DuckDB through duckdb-engine (the engine shares one
cursor and GX reads results after the connection is closed: duckdb_engine
#1087). So the warehouse is read with DuckDB into polars, the arithmetic is
done there, and GX gets in-memory pandas frames of all reports at once:
one validation per batch, never one per report (each costs ~0.5-0.9 s).
Strings go over as categoricals, which keeps the pandas copy of millions of
facts cheap.
"""

from __future__ import annotations

import polars as pl

from gongkai.metrics import BY_CODE
from quality.frames import Inputs
from quality.rules import RULES
from quality.rules import r5_non_negative as r5
from quality.suites import FACT_ID

_HAS_APPLICANT = {code: m.has_applicant for code, m in BY_CODE.items()}


def facts_frame(inputs: Inputs) -> pl.DataFrame:
    """The facts with a ``fact_id``, R5's residual and whether the applicant column fits the metric."""
    has_applicant = pl.col("metric").replace_strict(_HAS_APPLICANT, default=None, return_dtype=pl.Boolean)
    return inputs.facts.with_row_index(FACT_ID).with_columns(
        r5.residual().alias(r5.RULE.column),
        (has_applicant == pl.col("applicant").is_not_null()).fill_null(True).alias("applicant_ok"),
        r5.note().alias("note"),
    )


def checks_batch(checks: pl.DataFrame) -> pl.DataFrame:
    """Check rows with one residual column per rule, null on other rules' rows (GX skips nulls)."""
    return checks.with_columns(
        pl.when(pl.col("rule") == rule.id).then(pl.col("residual")).alias(rule.column)
        for rule in RULES
        if rule.checks is not None
    )


def to_pandas(frame: pl.DataFrame, columns: list[str]):  # -> pandas.DataFrame
    strings = [c for c in columns if frame.schema[c] == pl.String]
    return frame.select(columns).with_columns(pl.col(strings).cast(pl.Categorical)).to_pandas()
