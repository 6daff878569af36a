"""R5: counts are non-negative integers, amounts are non-negative; ``.change`` may be negative.

Unlike the other rules this one looks at single cells, so its residual is a
column of the facts batch itself (one row per fact) rather than a check row
per equation; what kind a metric is comes from the metric dictionary.
"""

from __future__ import annotations

import polars as pl

from gongkai.metrics import BY_CODE
from quality.rules.base import Rule

_KIND = {code: m.kind for code, m in BY_CODE.items()}
EXPECTED = {"count": "a non-negative integer", "amount": "a non-negative amount"}


def residual() -> pl.Expr:
    """How far a fact is from allowed: its value if negative, its fraction if a fractional count, else 0."""
    kind = pl.col("metric").replace_strict(_KIND, default=None, return_dtype=pl.String)
    value = pl.col("value")
    return (
        pl.when(kind == "change")
        .then(0.0)
        .when(value < 0)
        .then(value)
        .when((kind == "count") & (value != value.round(0)))
        .then(value - value.round(0))
        .otherwise(0.0)
        .round(6)
    )


def note() -> pl.Expr:
    """What the cell should have held, for the message."""
    kind = pl.col("metric").replace_strict(_KIND, default="count", return_dtype=pl.String)
    return kind.replace_strict(EXPECTED, default=EXPECTED["count"], return_dtype=pl.String)


RULE = Rule(
    "R5",
    "r5_non_negative",
    "error",
    "counts are non-negative integers, amounts non-negative",
    "{cell}: expected {note}, observed {observed} (raw {raw!r})",
    None,
)
