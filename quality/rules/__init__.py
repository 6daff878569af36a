"""The rule families, in the order the report lists them.

R1-R5 are the arithmetic the standard table prints or implies (errors in
the published report); R6, R7, stock-flow and copied-table compare across
sections or years and are warnings. Equations left unchecked for want of a
cell are ``incomplete`` findings of severity info (quality.rules.incomplete).
"""

from __future__ import annotations

import polars as pl

from quality.frames import Inputs
from quality.rules import (
    copied_table,
    incomplete,
    r1_balance,
    r2_result_total,
    r3_applicant_total,
    r4_review_litigation,
    r5_non_negative,
    r6_carry_over,
    r7_narrative,
    stock_flow,
)
from quality.rules.base import CHECK_SCHEMA, Rule

RULES: tuple[Rule, ...] = (
    r1_balance.RULE,
    r2_result_total.RULE,
    r3_applicant_total.RULE,
    r4_review_litigation.RULE,
    r5_non_negative.RULE,
    r6_carry_over.RULE,
    r7_narrative.RULE,
    stock_flow.RULE,
    copied_table.RULE,
    incomplete.RULE,
)
BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def all_checks(inputs: Inputs) -> pl.DataFrame:
    """Every equation of every rule over all reports; a check's id, which GX reports failures by, is its row."""
    return pl.concat(rule.checks(inputs).cast(CHECK_SCHEMA) for rule in RULES if rule.checks is not None)
