"""The two pandas batches Great Expectations validates, built once per suite with only the columns it reads.

GX 1.24 has no DuckDB or polars datasource, and its SQL datasource silently
returns empty metrics on DuckDB through duckdb-engine (the engine shares one
cursor and GX reads results after the connection is closed: duckdb_engine
#1087). So the warehouse is read with DuckDB into polars, the arithmetic is
done there, and GX gets in-memory pandas frames of all reports at once:
one validation per batch, never one per report (each costs ~0.5-0.9 s).

Strings go over as categoricals made from integer codes (a report's hash and
agency are stored once, not once per fact), and integers as int64: GX
compares other integer widths row by row in Python (2 M facts took 5 s).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from gongkai.metrics import BY_CODE
from quality.frames import Inputs
from quality.rules import RULES
from quality.rules import r5_non_negative as r5
from quality.suites import CHECK_ID, FACT_ID

_HAS_APPLICANT = {code: m.has_applicant for code, m in BY_CODE.items()}
REPORT_COLUMNS = ("document_id", "agency", "year", "format")


def facts_frame(inputs: Inputs) -> pl.DataFrame:
    """The facts with R5's residual and whether the applicant column fits the metric; a fact's id is its row."""
    has_applicant = pl.col("metric").replace_strict(_HAS_APPLICANT, default=None, return_dtype=pl.Boolean)
    return inputs.facts.with_columns(
        r5.residual().alias(r5.RULE.column),
        (has_applicant == pl.col("applicant").is_not_null()).fill_null(True).alias("applicant_ok"),
    )


def facts_batch(inputs: Inputs, facts: pl.DataFrame):  # -> pandas.DataFrame
    """One row per fact: its report's keys and the columns the facts suite checks.

    The fact id is the frame's named index, which GX reports failing rows
    by: an id column would be copied each time GX filters the frame.
    """
    import pandas as pd

    doc = facts.get_column("doc").to_numpy()
    reports = {c: inputs.reports.get_column(c) for c in REPORT_COLUMNS}
    frame: dict[str, object] = {}
    for column, values in reports.items():
        if values.dtype == pl.String:
            categories, codes = _factorize(values)
            frame[column] = pd.Categorical.from_codes(codes[doc], categories=categories)
        else:
            frame[column] = values.cast(pl.Int64).to_numpy()[doc]
    for column in ("metric", "applicant"):
        codes = facts.get_column(column)
        frame[column] = pd.Categorical.from_codes(
            codes.to_physical().cast(pl.Int32).fill_null(-1).to_numpy(), categories=codes.dtype.categories.to_list()
        )
    for column in ("value", "applicant_ok", r5.RULE.column):
        frame[column] = facts.get_column(column).to_numpy()
    return pd.DataFrame(frame, index=pd.RangeIndex(facts.height, name=FACT_ID), copy=False)


def checks_batch(checks: pl.DataFrame):  # -> pandas.DataFrame
    """Indexed by check id: rule ids and one residual column per rule, NaN on other rules' rows (GX skips nulls)."""
    import pandas as pd

    residuals = checks.select(
        pl.when(pl.col("rule") == rule.id).then(pl.col("residual")).alias(rule.column)
        for rule in RULES
        if rule.checks is not None
    )
    categories, codes = _factorize(checks.get_column("rule"))
    frame = {"rule": pd.Categorical.from_codes(codes, categories=categories)}
    frame.update({c: residuals.get_column(c).to_numpy() for c in residuals.columns})
    return pd.DataFrame(frame, index=pd.RangeIndex(checks.height, name=CHECK_ID), copy=False)


def _factorize(values: pl.Series) -> tuple[list[str], np.ndarray]:
    """Distinct non-null values and each row's code into them (-1 for null), as pandas categoricals take them."""
    categories = values.drop_nulls().unique().cast(pl.String).sort()
    codes = values.cast(pl.String).cast(pl.Enum(categories)).to_physical().cast(pl.Int32).fill_null(-1)
    return categories.to_list(), codes.to_numpy()
