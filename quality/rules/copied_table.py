"""A section 三 table identical, cell for cell, to the same agency's previous year: likely copied.

Decision: a table whose every cell is 0 or blank is not flagged. Agencies
that receive no requests print the same all-zero table every year, and that
repetition is the truth, not evidence of copying. Any non-zero cell makes a
repeat improbable enough to be worth a warning.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from quality.cube import ABSENT
from quality.frames import Inputs
from quality.rules.base import CHECK_SCHEMA, Rule


def checks(inputs: Inputs) -> pl.DataFrame:
    """One check per report whose table and previous year's table exist: residual 1 if identical.

    Identical means the same cells, blank in the same places, and every
    number equal to the bit (so -0.0 is not 0.0, as in the printed text).
    """
    state, value = inputs.s3.flat()
    has_table = (state != ABSENT).any(axis=1)
    doc, previous = (inputs.previous.get_column(c).to_numpy() for c in ("doc", "previous"))
    keep = has_table[doc] & has_table[previous]
    doc, previous = doc[keep], previous[keep]
    bits = value.view(np.int64)
    same = (state[doc] == state[previous]).all(axis=1) & (bits[doc] == bits[previous]).all(axis=1)
    nonzero = (value[doc] != 0).sum(axis=1)
    return (
        pl.DataFrame(
            {
                "doc": doc,
                "cells": (state[doc] != ABSENT).sum(axis=1),
                "nonzero": nonzero,
                "copied": same & (nonzero > 0),
            }
        )
        .select(
            "doc",
            pl.lit(RULE.id).alias("rule"),
            pl.lit("s3").alias("metric"),
            pl.lit(None, pl.String).alias("applicant"),
            pl.lit(None, pl.Float64).alias("expected"),
            pl.col("cells").cast(pl.Float64).alias("observed"),
            pl.col("copied").cast(pl.Float64).alias("residual"),
            pl.lit(None, pl.String).alias("blank_cells"),
            pl.format("{} of them non-zero", pl.col("nonzero")).alias("note"),
        )
        .cast(CHECK_SCHEMA)
    )


RULE = Rule(
    "copied_table",
    "copied_table",
    "warning",
    "section 三 table identical to the same agency's previous year",
    "section 三: all {observed} cells identical to the previous year's report ({note}): likely copied",
    checks,
)
