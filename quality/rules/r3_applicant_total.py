"""R3: in every section 三 row, the total column is the sum of the six applicant columns."""

from __future__ import annotations

import polars as pl

from gongkai.metrics import APPLICANT_CODES
from quality.frames import REPORT_KEYS, Inputs, pivot
from quality.rules.base import Rule, equation

TOTAL = APPLICANT_CODES[-1]
PARTS = list(APPLICANT_CODES[:-1])


def checks(inputs: Inputs) -> pl.DataFrame:
    wide = pivot(inputs.section("三"), [*REPORT_KEYS, "metric"], "applicant", APPLICANT_CODES)
    return equation(
        wide,
        rule=RULE.id,
        metric=pl.col("metric"),
        observed=[TOTAL],
        expected=PARTS,
        applicant=pl.lit(TOTAL),
    )


RULE = Rule(
    id="R3",
    column="r3_applicant_total",
    severity="error",
    title="total column = sum of the six applicant columns (section 三)",
    explain="{cell}: expected {expected} = sum of the six applicant columns, observed {observed}",
    checks=checks,
)
