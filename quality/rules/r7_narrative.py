"""R7: figures stated in section 一's narrative agree with the tables.

The extractor records what the narrative states in ``Report.narrative``
(stored as ``documents.narrative``). A key is either a metric code or one of
the plain names below; section 三 figures are compared with the total
column. A warning: narratives round ("90余件") and sometimes count
differently, but a mismatch is worth a look.
"""

from __future__ import annotations

import polars as pl

from gongkai.metrics import APPLICANT_CODES, BY_CODE
from quality.frames import Inputs
from quality.rules.base import Rule

TOTAL = APPLICANT_CODES[-1]
ALIASES = {
    "requests_received": BY_CODE["s3.new"].code,
    "requests_carried_in": BY_CODE["s3.carried_in"].code,
    "requests_handled": BY_CODE["s3.result.total"].code,
    "requests_carried_out": BY_CODE["s3.carried_out"].code,
}
KEY_TO_METRIC = {**{code: code for code in BY_CODE}, **ALIASES}
HAS_APPLICANT = {code: m.has_applicant for code, m in BY_CODE.items()}


def checks(inputs: Inputs) -> pl.DataFrame:
    stated = inputs.stated.filter(pl.col("key").is_in(list(KEY_TO_METRIC))).with_columns(
        pl.col("key").replace_strict(KEY_TO_METRIC, return_dtype=pl.String).alias("metric"),
        pl.lit(False).alias("stated__blank"),
    )
    printed = inputs.readable.filter(pl.col("applicant").is_null() | (pl.col("applicant") == TOTAL)).select(
        "doc",
        pl.col("metric").cast(pl.String),
        pl.col("value").fill_null(0.0).alias("printed"),
        pl.col("value").is_null().alias("printed__blank"),
    )
    has_applicant = pl.col("metric").replace_strict(HAS_APPLICANT, return_dtype=pl.Boolean)
    return RULE.equation(
        stated.join(printed, on=["doc", "metric"]),
        observed=["printed"],
        expected=["stated"],
        metric=pl.col("metric"),
        applicant=pl.when(has_applicant).then(pl.lit(TOTAL)),
        note=pl.col("key"),
    )


RULE = Rule(
    "R7",
    "r7_narrative",
    "warning",
    "figures stated in section 一 agree with the tables",
    "{cell}: expected {expected} as stated in section 一 ({note}), observed {observed} in the table",
    checks,
)
