"""The shapes that flow through extraction: blocks in, facts and issues out.

Every reader (text, HTML, PDF, DOCX) turns its bytes into the same linear
stream of ``Paragraph`` and ``Table`` blocks, in reading order, so that
section detection and label matching are written once for all formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from gongkai.errors import UserError


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of running text (a heading, a line, a paragraph)."""

    text: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a rectangular-or-ragged grid of raw cell texts.

    ``rows`` hold the raw text of each cell after rowspan/colspan expansion
    (a merged cell repeats its text in every position it covers when
    ``exact_grid`` is true). ``exact_grid`` says whether column positions can be
    trusted: true for HTML, PDF and DOCX grids, false for text exports where
    merged cells were flattened into a variable number of separators.
    ``pages`` gives the 1-based page of each row for paged formats.
    """

    rows: list[list[str]]
    index: int
    exact_grid: bool
    pages: list[int] | None = None
    spans: list[list[bool]] | None = None  # True where a cell repeats a merged neighbour

    def page_of(self, row: int) -> int | None:
        return self.pages[row] if self.pages and row < len(self.pages) else None


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader hands to the report interpreter."""

    blocks: list[Block]
    kind: Literal["text", "html", "pdf", "docx", "doc"]
    title: str | None = None  # e.g. an HTML <title>, used only as a fallback
    issues: list[Issue] = field(default_factory=list)  # what the reader saw but could not read (a scanned page)


@dataclass(frozen=True, slots=True)
class Where:
    """The place in the source a fact or issue comes from."""

    section: str | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None

    def describe(self) -> str:
        parts = []
        if self.section:
            parts.append(f"section {self.section}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table + 1}")
        if self.row is not None:
            parts.append(f"row {self.row + 1}")
        if self.column is not None:
            parts.append(f"column {self.column + 1}")
        return ", ".join(parts)

    def __reduce__(self) -> tuple:
        return Where, (self.section, self.table, self.row, self.column, self.page)


@dataclass(frozen=True, slots=True)
class Fact:
    metric: str
    applicant: str | None
    value: int | float | None
    raw: str
    where: Where
    row_label: str = ""
    col_label: str = ""

    def __reduce__(self) -> tuple:
        """Pickled as constructor arguments: a report crosses processes (Prefect's stored task results, Dask
        workers) as hundreds of these, and the dataclass default (a state per object) costs twice as much."""
        return Fact, (self.metric, self.applicant, self.value, self.raw, self.where, self.row_label, self.col_label)


@dataclass(frozen=True, slots=True)
class Issue:
    severity: Literal["error", "warning", "info"]
    code: str
    message: str
    where: Where = field(default_factory=Where)

    def __reduce__(self) -> tuple:
        return Issue, (self.severity, self.code, self.message, self.where)


class UnreadableDocument(UserError):
    """The input cannot be read as a report at all; the message is one line for a user."""


@dataclass(slots=True)
class Report:
    """One report as read: the `gongkai extract` contract plus provenance.

    Facts stay plain dataclasses so that `gongkai extract` never imports
    polars (its import alone costs more than reading an HTML report);
    ``facts_frame`` gives the typed frame the loaders consume.
    """

    agency: str | None
    year: int | None
    format: str
    sections: list[str]
    facts: list[Fact]
    issues: list[Issue]
    kind: str
    narrative: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
            "sections": self.sections,
            "facts": [
                {
                    "metric": f.metric,
                    "applicant": f.applicant,
                    "value": f.value,
                    "raw": f.raw,
                    "where": f.where.describe(),
                }
                for f in self.facts
            ],
            "issues": [
                {"severity": i.severity, "code": i.code, "message": i.message, "where": i.where.describe()}
                for i in self.issues
            ],
            "narrative": self.narrative,
        }

    def facts_frame(self):  # -> polars.DataFrame; polars is imported only here
        """Built from one typed series a column: given a dict and a schema, polars spends another 0.1 ms a
        report (a fifth of the frame's cost in a reader process) matching the two in Python."""
        import polars as pl

        columns = {
            "metric": [f.metric for f in self.facts],
            "applicant": [f.applicant for f in self.facts],
            "value": [None if f.value is None else float(f.value) for f in self.facts],
            "raw": [f.raw for f in self.facts],
            "section": [f.where.section for f in self.facts],
            "page": [f.where.page for f in self.facts],
            "table_index": [f.where.table for f in self.facts],
            "row_index": [f.where.row for f in self.facts],
            "col_index": [f.where.column for f in self.facts],
            "row_label": [f.row_label for f in self.facts],
            "col_label": [f.col_label for f in self.facts],
        }
        return pl.DataFrame([pl.Series(name, columns[name], dtype) for name, dtype in facts_schema().items()])


def facts_schema():  # -> dict[str, polars.DataType]
    """Column types of ``Report.facts_frame``; the warehouse loader relies on them."""
    import polars as pl

    return {
        "metric": pl.String,
        "applicant": pl.String,
        "value": pl.Float64,
        "raw": pl.String,
        "section": pl.String,
        "page": pl.Int32,
        "table_index": pl.Int32,
        "row_index": pl.Int32,
        "col_index": pl.Int32,
        "row_label": pl.String,
        "col_label": pl.String,
    }
