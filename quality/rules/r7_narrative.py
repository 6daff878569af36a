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
from quality.rules.base import Rule, equation

TOTAL = APPLICANT_CODES[-1]
ALIASES = {
    "requests_received": BY_CODE["s3.new"].code,
    "requests_carried_in": BY_CODE["s3.carried_in"].code,
    "requests_handled": BY_CODE["s3.result.total"].code,
    "requests_carried_out": BY_CODE["s3.carried_out"].code,
}
KEY_TO_METRIC = {**{code: code for code in BY_CODE}, **ALIASES}


def checks(inputs: Inputs) -> pl.DataFrame:
    stated = inputs.documents.filter(pl.col("key").is_in(list(KEY_TO_METRIC))).with_columns(
        pl.col("key").replace_strict(KEY_TO_METRIC, return_dtype=pl.String).alias("metric")
    )
    cells = inputs.facts.filter(
        pl.col("applicant").is_null() | (pl.col("applicant") == TOTAL)
    ).select(
        "document_id",
        "metric",
        pl.col("value").fill_null(0.0).alias("printed"),
        pl.col("value").is_null().alias("printed__blank"),
    )
    wide = stated.join(cells, on=["document_id", "metric"], how="inner").with_columns(
        pl.lit(False).alias("stated__blank")
    )
    has_applicant = pl.col("metric").replace_strict(
        {code: m.has_applicant for code, m in BY_CODE.items()}, return_dtype=pl.Boolean
    )
    return equation(
        wide,
        rule=RULE.id,
        metric=pl.col("metric"),
        observed=["printed"],
        expected=["stated"],
        applicant=pl.when(has_applicant).then(pl.lit(TOTAL)),
        note=pl.col("key"),
    )


RULE = Rule(
    id="R7",
    column="r7_narrative",
    severity="warning",
    title="figures stated in section 一 agree with the tables",
    explain="{cell}: expected {expected} as stated in section 一 ({note}), observed {observed} in the table",
    checks=checks,
)
