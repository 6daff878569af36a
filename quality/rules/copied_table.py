"""A section 三 table identical, cell for cell, to the same agency's previous year: likely copied.

Decision: a table whose every cell is 0 or blank is not flagged. Agencies
that receive no requests print the same all-zero table every year, and that
repetition is the truth, not evidence of copying. Any non-zero cell makes a
repeat improbable enough to be worth a warning.
"""

from __future__ import annotations

import polars as pl

from quality.frames import Inputs
from quality.rules.base import CHECK_SCHEMA, Rule
from quality.rules.previous import PREFIX, with_previous


def signatures(inputs: Inputs) -> pl.DataFrame:
    """One row per report with a section 三 table: a hash of all its cells, cell and non-zero counts."""
    cell = pl.concat_str(
        pl.col("metric"),
        pl.col("applicant").fill_null(""),
        pl.col("value").cast(pl.String).fill_null("blank"),
        separator="|",
    )
    return (
        inputs.section("三")
        .group_by("document_id", "agency", "year", "format")
        .agg(
            cell.sort().str.join("\n").hash().alias("signature"),
            pl.len().alias("cells"),
            (pl.col("value").fill_null(0.0) != 0).sum().alias("nonzero"),
        )
    )


def checks(inputs: Inputs) -> pl.DataFrame:
    paired = with_previous(signatures(inputs), ["signature"], on=["agency"])
    copied = (pl.col("signature") == pl.col(PREFIX + "signature")) & (pl.col("nonzero") > 0)
    return paired.select(
        "document_id",
        "agency",
        pl.col("year").cast(pl.Int32),
        pl.lit(RULE.id).alias("rule"),
        pl.lit("s3").alias("metric"),
        pl.lit(None, pl.String).alias("applicant"),
        pl.lit(None, pl.Float64).alias("expected"),
        pl.col("cells").cast(pl.Float64).alias("observed"),
        pl.when(copied).then(1.0).otherwise(0.0).alias("residual"),
        pl.lit(None, pl.String).alias("blank_cells"),
        pl.format("{} of them non-zero", pl.col("nonzero")).alias("note"),
    ).cast(CHECK_SCHEMA)


RULE = Rule(
    id="copied_table",
    column="copied_table",
    severity="warning",
    title="section 三 table identical to the same agency's previous year",
    explain="section 三: all {observed} cells identical to the previous year's report ({note}): likely copied",
    checks=checks,
)
