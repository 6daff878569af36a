"""R3: in every section 三 row, the total column is the sum of the six applicant columns."""

from __future__ import annotations

import polars as pl

from gongkai.metrics import APPLICANT_CODES
from quality.frames import Inputs
from quality.rules.base import Rule

TOTAL = APPLICANT_CODES[-1]
PARTS = list(APPLICANT_CODES[:-1])


def checks(inputs: Inputs) -> pl.DataFrame:
    return RULE.equation(
        inputs.s3_by_metric, observed=[TOTAL], expected=PARTS, metric=pl.col("metric"), applicant=pl.lit(TOTAL)
    )


RULE = Rule(
    "R3",
    "r3_applicant_total",
    "error",
    "total column = sum of the six applicant columns (section 三)",
    "{cell}: expected {expected} = sum of the six applicant columns, observed {observed}",
    checks,
)
