"""R4: each review / litigation total of section 四 is the sum of its outcomes."""

from __future__ import annotations

import polars as pl

from gongkai.metrics import METRICS
from quality.frames import Inputs
from quality.rules.base import Rule, leaves

TOTALS = sorted({m.parent for m in METRICS if m.section == "四" and m.parent})


def checks(inputs: Inputs) -> pl.DataFrame:
    return pl.concat(RULE.equation(inputs.by_report, observed=[t], expected=leaves(t)) for t in TOTALS)


RULE = Rule(
    "R4",
    "r4_review_litigation",
    "error",
    "review / litigation total = upheld + corrected + other + pending (section 四)",
    "{cell}: expected {expected} = sum of outcomes, observed {observed}",
    checks,
)
