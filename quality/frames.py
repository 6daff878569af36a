"""The frames the rules read: current facts from the warehouse, and pivots of them.

Rules are arithmetic across cells of one report (or of one agency's
consecutive reports), which is easiest to state on a wide frame with one
column per cell. A wide frame cannot tell a blank cell from a missing row, and
the rules must: a blank counts as 0 (and the finding says so), a missing row
means the equation is not checked at all. So every pivoted cell comes with a
``<cell>__blank`` flag column: true for a blank, false for a number, null
when the row is absent (and then the value column is null too).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import duckdb
import polars as pl

from gongkai.metrics import BY_CODE, FORMATS

BLANK = "__blank"
REPORT_KEYS = ["document_id", "agency", "year", "format"]


@dataclass(frozen=True)
class Inputs:
    """What one quality run reads: current facts and current documents.

    The pivots several rules share are computed once per run.
    """

    facts: pl.DataFrame  # document_id, agency, year, format, metric, applicant, value, raw
    documents: pl.DataFrame  # document_id, agency, year, format, narrative (dict)

    def section(self, section: str) -> pl.DataFrame:
        """Facts of one section (二, 三, 四) of the standard formats, by the metric dictionary."""
        codes = [code for code, m in BY_CODE.items() if m.section == section]
        return self.facts.filter(pl.col("format").is_in(FORMATS) & pl.col("metric").is_in(codes))

    @cached_property
    def s3_by_applicant(self) -> pl.DataFrame:
        """Section 三, one row per report and applicant column, one column per metric."""
        codes = [code for code, m in BY_CODE.items() if m.section == "三"]
        return pivot(self.section("三"), [*REPORT_KEYS, "applicant"], "metric", codes)

    @cached_property
    def by_report(self) -> pl.DataFrame:
        """Sections 二 and 四 (no applicant), one row per report, one column per metric."""
        facts = self.facts.filter(pl.col("applicant").is_null() & pl.col("format").is_in(FORMATS))
        codes = [code for code, m in BY_CODE.items() if not m.has_applicant]
        return pivot(facts.filter(pl.col("metric").is_in(codes)), REPORT_KEYS, "metric", codes)


def read_inputs(con: duckdb.DuckDBPyConnection) -> Inputs:
    """Current facts and documents, through the warehouse's ``report_facts`` view."""
    from transform.warehouse import sql

    con.execute("set enable_progress_bar = false")  # the CLI prints one summary line, not bars
    facts = con.sql(sql("quality/current_facts.sql")).pl()
    documents = con.sql(sql("quality/current_documents.sql")).pl()
    return Inputs(facts=facts, documents=_parse_narrative(documents))


def _parse_narrative(documents: pl.DataFrame) -> pl.DataFrame:
    """Narrative JSON text -> one row per stated figure (document_id, key, stated)."""
    rows = [
        {"document_id": doc, "key": key, "stated": float(value)}
        for doc, text in documents.select("document_id", "narrative").iter_rows()
        for key, value in (json.loads(text) if text else {}).items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]
    stated = pl.DataFrame(rows, schema={"document_id": pl.String, "key": pl.String, "stated": pl.Float64})
    return documents.drop("narrative").join(stated, on="document_id", how="left")


def pivot(facts: pl.DataFrame, index: list[str], on: str, cells: Iterable[str]) -> pl.DataFrame:
    """One row per ``index``, one value column and one ``__blank`` column per ``cells`` entry.

    Blank cells become 0.0 with the flag set; cells no fact provides are
    added as null columns, so rules can name every cell they might need.
    """
    wide = facts.select(
        *index,
        pl.col(on),
        pl.col("value").fill_null(0.0).alias("value"),
        pl.col("value").is_null().alias("blank"),
    ).pivot(on=on, index=index, values=["value", "blank"], aggregate_function="first")
    renames = {}
    for col in wide.columns:
        if col.startswith("value_"):
            renames[col] = col.removeprefix("value_")
        elif col.startswith("blank_"):
            renames[col] = col.removeprefix("blank_") + BLANK
    wide = wide.rename(renames)
    missing = [c for c in cells if c not in wide.columns]
    return wide.with_columns(
        *(pl.lit(None, pl.Float64).alias(c) for c in missing),
        *(pl.lit(None, pl.Boolean).alias(c + BLANK) for c in missing),
    )
