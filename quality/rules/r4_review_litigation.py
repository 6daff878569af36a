"""R4: each review / litigation total of section 四 is the sum of its outcomes."""

from __future__ import annotations

import polars as pl

from gongkai.metrics import FORMATS, METRICS, leaves_under
from quality.frames import Inputs
from quality.rules.base import Rule, equation

TOTALS = sorted({m.parent for m in METRICS if m.section == "四" and m.parent})


def checks(inputs: Inputs) -> pl.DataFrame:
    wide = inputs.by_report
    return pl.concat(
        equation(
            wide.filter(pl.col("format") == fmt),
            rule=RULE.id,
            metric=total,
            observed=[total],
            expected=[m.code for m in leaves_under(total, fmt)],
        )
        for fmt in FORMATS
        for total in TOTALS
    )


RULE = Rule(
    id="R4",
    column="r4_review_litigation",
    severity="error",
    title="review / litigation total = upheld + corrected + other + pending (section 四)",
    explain="{cell}: expected {expected} = sum of outcomes, observed {observed}",
    checks=checks,
)
