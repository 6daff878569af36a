"""What one quality run reads from the warehouse, keyed by a small integer per report.

Facts arrive keyed by ``doc``, their report's row number in ``reports``,
instead of the 64-character document hash: every join, group and array index
below works on that integer, and the strings (hash, agency) are looked up
only for the findings and the GX batch. The wide frames several rules share
are computed once per run from one scatter of the facts (quality.cube).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import duckdb
import polars as pl

from gongkai.metrics import APPLICANT_CODES, BY_CODE, FORMATS
from quality.cube import Cube

S3 = [code for code, m in BY_CODE.items() if m.section == "三"]
NO_APPLICANT = [code for code, m in BY_CODE.items() if not m.has_applicant]


@dataclass(frozen=True)
class Inputs:
    """Current reports, their facts and the figures their narratives state."""

    reports: pl.DataFrame  # doc (= row number), document_id, agency, year, format
    facts: pl.DataFrame  # doc, metric and applicant (enums), value, raw, unreadable
    stated: pl.DataFrame  # doc, key, stated

    def standard(self, facts: pl.DataFrame) -> pl.DataFrame:
        """``facts`` of reports in the standard formats (2019, 2021), the ones the table rules apply to."""
        docs = self.reports.filter(pl.col("format").is_in(FORMATS)).get_column("doc")
        return facts.filter(pl.col("doc").is_in(docs.implode()))

    @cached_property
    def readable(self) -> pl.DataFrame:
        """The facts the equations read: numbers and blanks (null, counted as 0).

        A cell whose text could not be read as a number is null too, but it
        is not a blank: counting it as 0 would claim the report does not add
        up when we merely could not read it, so the rules see it as missing.
        """
        return self.facts.filter(~pl.col("unreadable"))

    @cached_property
    def s3(self) -> Cube:
        """Section 三 of the standard formats: report x applicant column x metric."""
        facts = self.standard(self.readable.filter(pl.col("metric").is_in(S3)))
        return Cube.of(facts, self.reports.height, S3, list(APPLICANT_CODES))

    @cached_property
    def s3_by_applicant(self) -> pl.DataFrame:
        """Section 三, one row per report and applicant column, one column per metric."""
        return self._keyed(self.s3.wide("applicant"))

    @cached_property
    def s3_by_metric(self) -> pl.DataFrame:
        """Section 三, one row per report and metric, one column per applicant column."""
        return self._keyed(self.s3.wide("metric"))

    @cached_property
    def by_report(self) -> pl.DataFrame:
        """Sections 二 and 四 (no applicant column), one row per report, one column per metric."""
        facts = self.readable.filter(pl.col("applicant").is_null() & pl.col("metric").is_in(NO_APPLICANT))
        cube = Cube.of(self.standard(facts), self.reports.height, NO_APPLICANT, [None])
        return self._keyed(cube.wide("applicant").drop("applicant"))

    @cached_property
    def previous(self) -> pl.DataFrame:
        """doc -> ``previous``: the same agency's report for the year before (when there is one)."""
        prior = self.reports.select(pl.col("doc").alias("previous"), "agency", pl.col("year") + 1)
        return self.reports.join(prior, on=["agency", "year"]).select("doc", "previous")

    def _keyed(self, wide: pl.DataFrame) -> pl.DataFrame:
        """``wide`` with its report's format, which decides the leaves some totals sum."""
        return wide.join(self.reports.select("doc", "format"), on="doc", how="left")


def read_inputs(con: duckdb.DuckDBPyConnection) -> Inputs:
    """Current reports, facts and stated figures, through the warehouse's ``report_facts`` view."""
    from transform.warehouse import sql

    con.execute("set enable_progress_bar = false")  # the CLI prints one summary line, not bars
    reports = con.sql(sql("quality/current_reports.sql")).pl()
    con.register("reports", reports.select("doc", "document_id").to_arrow())
    try:
        facts = con.sql(sql("quality/current_facts.sql")).pl()
        stated = con.sql(sql("quality/stated_figures.sql")).pl()
    finally:
        con.unregister("reports")
    facts = facts.with_columns(
        pl.col("metric").cast(_codes(facts.get_column("metric"), list(BY_CODE))),
        pl.col("applicant").cast(_codes(facts.get_column("applicant"), list(APPLICANT_CODES))),
        _unreadable(facts),
    )
    return Inputs(reports=reports, facts=facts, stated=stated)


def _unreadable(facts: pl.DataFrame) -> pl.Expr:
    """Null values whose raw text is not a blank mark: the extractor could not read the cell.

    Blank marks are the extractor's own (``extract.numbers.is_blank``), asked
    once per distinct raw text of the few null facts.
    """
    from extract.numbers import is_blank

    raws = facts.filter(pl.col("value").is_null()).get_column("raw").fill_null("").unique().to_list()
    unread = [raw for raw in raws if not is_blank(raw)]
    return (pl.col("value").is_null() & pl.col("raw").fill_null("").is_in(unread)).alias("unreadable")


def _codes(values: pl.Series, known: list[str]) -> pl.Enum:
    """The dictionary's codes in its order, then any other the warehouse holds (the facts suite flags those).

    Metric and applicant travel as enums from here on: the cube indexes by
    their integer codes and the GX batch makes pandas categoricals of them.
    """
    return pl.Enum([*known, *sorted(set(values.drop_nulls().unique().to_list()) - set(known))])
