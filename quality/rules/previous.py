"""Putting a report beside the same agency's report for the year before.

R6 and the stock-flow check compare year Y with Y-1 cell by cell; this is
the one place that knows how to line them up (``Inputs.previous`` pairs the
reports).
"""

from __future__ import annotations

import polars as pl

from quality.cube import BLANK
from quality.frames import Inputs

PREFIX = "previous "


def with_previous(inputs: Inputs, wide: pl.DataFrame, cells: list[str], on: tuple[str, ...] = ()) -> pl.DataFrame:
    """``wide`` joined to the previous year's ``cells`` (and blank flags) in the row with the same ``on``.

    Joined columns are named ``previous <cell>``; reports with no previous
    year in ``wide`` are dropped, since there is nothing to compare them with.
    """
    flags = [c + BLANK for c in cells if c + BLANK in wide.columns]
    prior = wide.select(
        pl.col("doc").alias("previous"),
        *on,
        *(pl.col(c).alias(PREFIX + c) for c in [*cells, *flags]),
    )
    return wide.join(inputs.previous, on="doc").join(prior, on=["previous", *on])
