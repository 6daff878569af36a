"""R2: the result total of section 三 is the sum of its leaf rows.

The leaves differ by format ((六) 其他处理 is one row in 2019 and three in
2021), so they come from ``leaves_under`` per format, never from a list here.
"""

from __future__ import annotations

import polars as pl

from gongkai.metrics import BY_CODE
from quality.frames import Inputs
from quality.rules.base import Rule, leaves

TOTAL = BY_CODE["s3.result.total"].code


def checks(inputs: Inputs) -> pl.DataFrame:
    return RULE.equation(inputs.s3_by_applicant, observed=[TOTAL], expected=leaves(TOTAL))


RULE = Rule(
    "R2",
    "r2_result_total",
    "error",
    "result total = sum of the result rows (section 三)",
    "{cell}: expected {expected} = sum of leaves, observed {observed}",
    checks,
)
