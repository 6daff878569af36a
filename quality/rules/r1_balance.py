"""R1: the balance printed in the section 三 table itself (勾稽关系).

new + carried in = handled (result total) + carried out, in every applicant
column: every request of the year is either answered or carried over.
"""

from __future__ import annotations

import polars as pl

from gongkai.metrics import BY_CODE
from quality.frames import Inputs
from quality.rules.base import Rule

INFLOW = [BY_CODE["s3.new"].code, BY_CODE["s3.carried_in"].code]
OUTFLOW = [BY_CODE["s3.result.total"].code, BY_CODE["s3.carried_out"].code]


def checks(inputs: Inputs) -> pl.DataFrame:
    return RULE.equation(inputs.s3_by_applicant, observed=OUTFLOW, expected=INFLOW)


RULE = Rule(
    "R1",
    "r1_balance",
    "error",
    "requests in = requests handled + carried out (section 三)",
    "{cell}: expected {expected} = " + " + ".join(INFLOW) + ", observed {observed}",
    checks,
)
