"""R2: the result total of section 三 is the sum of its leaf rows.

The leaves differ by format ((六) 其他处理 is one row in 2019 and three in
2021), so they come from ``leaves_under`` per format, never from a list here.
"""

from __future__ import annotations

import polars as pl

from gongkai.metrics import BY_CODE, FORMATS, leaves_under
from quality.frames import Inputs
from quality.rules.base import Rule, equation

TOTAL = BY_CODE["s3.result.total"].code


def checks(inputs: Inputs) -> pl.DataFrame:
    wide = inputs.s3_by_applicant
    return pl.concat(
        equation(
            wide.filter(pl.col("format") == fmt),
            rule=RULE.id,
            metric=TOTAL,
            observed=[TOTAL],
            expected=[m.code for m in leaves_under(TOTAL, fmt)],
            applicant=pl.col("applicant"),
        )
        for fmt in FORMATS
    )


RULE = Rule(
    id="R2",
    column="r2_result_total",
    severity="error",
    title="result total = sum of the result rows (section 三)",
    explain="{cell}: expected {expected} = sum of leaves, observed {observed}",
    checks=checks,
)
