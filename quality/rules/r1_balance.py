"""R1: the balance printed in the section 三 table itself (勾稽关系).

new + carried in = handled (result total) + carried out, in every applicant
column: every request of the year is either answered or carried over.
"""

from __future__ import annotations

import polars as pl

from gongkai.metrics import BY_CODE
from quality.frames import Inputs
from quality.rules.base import Rule, equation

INFLOW = [BY_CODE["s3.new"].code, BY_CODE["s3.carried_in"].code]
OUTFLOW = [BY_CODE["s3.result.total"].code, BY_CODE["s3.carried_out"].code]


def checks(inputs: Inputs) -> pl.DataFrame:
    return equation(
        inputs.s3_by_applicant,
        rule=RULE.id,
        metric=" + ".join(OUTFLOW),
        observed=OUTFLOW,
        expected=INFLOW,
        applicant=pl.col("applicant"),
    )


RULE = Rule(
    id="R1",
    column="r1_balance",
    severity="error",
    title="requests in = requests handled + carried out (section 三)",
    explain="{cell}: expected {expected} = " + " + ".join(INFLOW) + ", observed {observed}",
    checks=checks,
)
