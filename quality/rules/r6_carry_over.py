"""R6: what a report carries in is what the same agency's previous report carried out.

A warning, not an error: the two numbers are printed in different
documents, and an agency may legitimately restate its carry-over.
"""

from __future__ import annotations

import polars as pl

from gongkai.metrics import BY_CODE
from quality.frames import Inputs
from quality.rules.base import Rule
from quality.rules.previous import PREFIX, with_previous

CARRIED_IN = BY_CODE["s3.carried_in"].code
CARRIED_OUT = BY_CODE["s3.carried_out"].code


def checks(inputs: Inputs) -> pl.DataFrame:
    wide = with_previous(inputs, inputs.s3_by_applicant, [CARRIED_OUT], on=("applicant",))
    return RULE.equation(wide, observed=[CARRIED_IN], expected=[PREFIX + CARRIED_OUT])


RULE = Rule(
    "R6",
    "r6_carry_over",
    "warning",
    "carried in (year Y) = carried out (year Y-1), same agency",
    "{cell}: expected {expected} = " + CARRIED_OUT + " of the previous year's report, observed {observed}",
    checks,
)
