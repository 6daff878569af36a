"""Putting a report beside the same agency's report for the year before.

R6, the stock-flow check and the copied-table check all compare year Y with
Y-1; this is the one place that knows how to line them up.
"""

from __future__ import annotations

import polars as pl

PREFIX = "previous "


def with_previous(wide: pl.DataFrame, cells: list[str], on: list[str]) -> pl.DataFrame:
    """``wide`` joined to the previous year's ``cells`` (and blank flags) of the same agency.

    Joined columns are named ``previous <cell>``; reports with no previous
    year are dropped, since there is nothing to compare them with.
    """
    flags = [c + "__blank" for c in cells if c + "__blank" in wide.columns]
    prior = wide.select(
        *on,
        (pl.col("year") + 1).alias("year"),
        *(pl.col(c).alias(PREFIX + c) for c in [*cells, *flags]),
    )
    return wide.join(prior, on=[*on, "year"], how="inner")
