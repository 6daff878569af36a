"""Section 二 stock-flow across years (2021 format): in force(Y-1) + issued(Y) - repealed(Y) = in force(Y).

Applies to every section 二 row that prints the three stock-flow columns
(regulations and normative documents); the rows are found in the metric
dictionary by those columns, not listed here. A warning: repealed documents
are not always counted the same way from year to year.
"""

from __future__ import annotations

import polars as pl

from gongkai.metrics import METRICS
from quality.frames import Inputs
from quality.rules.base import Rule, empty_checks
from quality.rules.previous import PREFIX, with_previous

FORMAT = "2021"
_FLOW = ("in_force", "issued", "repealed")
ITEMS = sorted(
    {
        m.code.rsplit(".", 1)[0]
        for m in METRICS
        if m.section == "二" and FORMAT in m.formats and m.code.endswith("." + _FLOW[0])
    }
)


def checks(inputs: Inputs) -> pl.DataFrame:
    flows = [tuple(f"{item}.{col}" for col in _FLOW) for item in ITEMS]
    wide = inputs.by_report.filter(pl.col("format") == FORMAT)
    wide = with_previous(inputs, wide, [in_force for in_force, _, _ in flows])
    return pl.concat(
        [
            empty_checks(),
            *(
                RULE.equation(wide, observed=[in_force], expected=[PREFIX + in_force, issued], subtract=(repealed,))
                for in_force, issued, repealed in flows
            ),
        ]
    )


RULE = Rule(
    "stock_flow",
    "stock_flow",
    "warning",
    "in force (Y-1) + issued - repealed = in force (Y) (section 二)",
    "{cell}: expected {expected} = in force in the previous year's report + issued - repealed, observed {observed}",
    checks,
)
