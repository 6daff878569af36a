"""Collecting facts from table cells, with provenance and without duplicates.

The section readers only decide which cell is which metric; turning the raw
text into a value, recording where it came from, and refusing a second value
for a metric already read (a repeated header or a duplicated table must not
double a figure) happen here, once.
"""

from __future__ import annotations

from typing import Literal

from extract.model import Fact, Issue, Table, Where
from extract.numbers import parse_cell
from gongkai.metrics import BY_CODE

Severity = Literal["error", "warning", "info"]
_MONEY = frozenset(code for code, metric in BY_CODE.items() if metric.kind == "amount")


class CellReader:
    def __init__(self, section_of_table: dict[int, str]) -> None:
        self.facts: list[Fact] = []
        self.issues: list[Issue] = []
        self._seen: dict[tuple[str, str | None], Fact] = {}
        self._section_of_table = section_of_table

    def where(self, table: Table, row: int | None = None, column: int | None = None) -> Where:
        page = table.page_of(row) if row is not None else table.page_of(0)
        return Where(self._section_of_table.get(table.index), table.index, row, column, page)

    def report(
        self, code: str, message: str, table: Table, row: int | None = None, severity: Severity = "warning"
    ) -> None:
        """Record what could not be read, and where: the section readers' one way to report."""
        self.issues.append(Issue(severity, code, message, self.where(table, row)))

    def add(
        self,
        metric: str,
        applicant: str | None,
        raw: str,
        table: Table,
        row: int,
        column: int,
        row_label: str,
        col_label: str,
    ) -> None:
        key = (metric, applicant)
        text = raw.strip()
        seen = self._seen.get(key)
        if seen is not None:
            if seen.raw != text:
                self.issues.append(
                    Issue(
                        "warning",
                        "duplicate_cell",
                        f"{metric}/{applicant or '-'} printed twice ('{seen.raw}' and '{raw}'); the first is kept",
                        self.where(table, row, column),
                    )
                )
            return
        where = self.where(table, row, column)
        parsed = parse_cell(raw, money=metric in _MONEY)
        value = parsed.value if parsed.status == "number" else None
        if parsed.status == "unreadable":
            self.issues.append(
                Issue(
                    "warning",
                    "unreadable_cell",
                    f"{metric}/{applicant or '-'}: cannot read '{text}' as a number",
                    where,
                )
            )
        fact = Fact(metric, applicant, value, text, where, row_label, col_label)
        self._seen[key] = fact
        self.facts.append(fact)
