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
from quality.rules.base import Rule, empty_checks, equation
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
    wide = inputs.by_report.filter(pl.col("format") == FORMAT)
    parts = [empty_checks()]
    for item in ITEMS:
        in_force, issued, repealed = (f"{item}.{col}" for col in _FLOW)
        parts.append(
            equation(
                with_previous(wide, [in_force], on=["agency"]),
                rule=RULE.id,
                metric=in_force,
                observed=[in_force],
                expected=[PREFIX + in_force, issued],
                subtract=(repealed,),
            )
        )
    return pl.concat(parts)


RULE = Rule(
    id="stock_flow",
    column="stock_flow",
    severity="warning",
    title="in force (Y-1) + issued - repealed = in force (Y) (section 二)",
    explain="{cell}: expected {expected} = in force in the previous year's report + issued - repealed, "
    "observed {observed}",
    checks=checks,
)
