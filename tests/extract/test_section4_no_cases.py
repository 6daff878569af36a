"""An agency with no review or litigation case prints section 四's row as marks: fifteen blanks, not a lost section.

The report is a generated one (``variants.py``) whose section 四 row is
printed as "—", "/", "无", empty cells or a mix of "—" and "0". Every column
must come back as a fact holding the printed mark (a null value, or 0 where
a 0 is printed), and section 四 must not be reported missing. A row that is
not the one under the header (a spacer before the values, a page line) is
never read as the values.
"""

from __future__ import annotations

import pytest

from extract import extract_report
from extract.cells import CellReader
from extract.model import Report, Table
from extract.section4 import read_section4
from gongkai.metrics import S4_GROUPS, S4_OUTCOMES
from tests.extract.unseen.measure import score
from tests.extract.unseen.variants import Grid, Variant, build, render

CODES = [f"s4.{g}.{o}" for g, _ in S4_GROUPS for o, _ in S4_OUTCOMES]
N = len(CODES)
ROWS = {
    "—": ["—"] * N,
    "/": ["/"] * N,
    "无": ["无"] * N,
    "empty": [""] * N,
    "— and 0": ["0" if i % len(S4_OUTCOMES) == len(S4_OUTCOMES) - 1 else "—" for i in range(N)],
}
# A text export drops a line without a printed cell: an empty row cannot reach the reader from tab or pipe text.
CASES = [
    (row, kind)
    for row in ROWS
    for kind in ("tab", "pipe", "html", "docx")
    if not (row == "empty" and kind in ("tab", "pipe"))
]


def _no_cases(printed: list[str]) -> Variant:
    """The baseline report with its section 四 row printed as ``printed``, and the truth that follows from it."""
    variant = build("baseline", 1, "2021")
    grid = next(b for b in variant.report.blocks if isinstance(b, Grid) and b.width == N)
    values = sorted((c for c in grid.cells if c.kind == "value"), key=lambda c: c.col)
    for cell, code, text in zip(values, CODES, printed, strict=True):
        cell.text = text
        variant.truth[(code, None)] = int(text) if text.isdigit() else None
    return variant


def _s4(report: Report) -> list[tuple[str, int | float | None, str]]:
    return [(f.metric, f.value, f.raw) for f in report.facts if f.metric.startswith("s4.")]


@pytest.mark.parametrize(("row", "kind"), CASES)
def test_a_row_of_marks_gives_fifteen_facts_and_no_missing_section(row: str, kind: str) -> None:
    printed = ROWS[row]
    variant = _no_cases(printed)
    report = extract_report(render(variant, kind))
    assert _s4(report) == [(c, int(t) if t.isdigit() else None, t) for c, t in zip(CODES, printed, strict=True)]
    assert all(f.where.section == "四" for f in report.facts if f.metric.startswith("s4."))
    assert not [i for i in report.issues if i.where.section == "四"]
    assert not score(variant, report).errors


def _header() -> list[list[str]]:
    """The standard's header as a text export prints it: merged labels at their first column, padding after."""
    outcomes = [label for _, label in S4_OUTCOMES]
    pad = [""] * (len(outcomes) - 1)
    return [
        [S4_GROUPS[0][1], *pad, "行政诉讼", *pad, *pad, ""],
        [*outcomes, S4_GROUPS[1][1], *pad, S4_GROUPS[2][1], *pad],
        [""] * len(outcomes) + outcomes * 2,
    ]


def _read(rows: list[list[str]], exact: bool) -> CellReader:
    cells = CellReader({0: "四"})
    read_section4(Table(rows, 0, exact), "2021", cells)
    return cells


@pytest.mark.parametrize("exact", [True, False], ids=["grid", "text"])
def test_a_spacer_row_under_the_header_is_not_the_values(exact: bool) -> None:
    """An empty row between the header and a row of marks: the marks are the values, the spacer gives nothing."""
    cells = _read([*_header(), [""] * N, ["—"] * N], exact)
    assert [(f.value, f.raw, f.where.row) for f in cells.facts] == [(None, "—", 4)] * N


@pytest.mark.parametrize("exact", [True, False], ids=["grid", "text"])
@pytest.mark.parametrize("line", [["第 3 页"], ["- 3 -"], ["3"], ["—", "3", "—"]])
def test_a_page_line_under_the_header_is_not_the_values(line: list[str], exact: bool) -> None:
    """A page number or running line under the header has no room for fifteen columns: nothing is read."""
    cells = _read([*_header(), line], exact)
    assert cells.facts == []
    assert cells.issues == []


@pytest.mark.parametrize("exact", [True, False], ids=["grid", "text"])
def test_marks_without_a_header_are_not_read(exact: bool) -> None:
    """Fifteen dashes with no header naming the columns above them: nothing says they are section 四's figures."""
    cells = _read([["说明", *[""] * (N - 1)], ["—"] * N], exact)
    assert cells.facts == []


@pytest.mark.parametrize("exact", [True, False], ids=["grid", "text"])
def test_a_note_under_the_header_stops_the_search(exact: bool) -> None:
    """A printed text row under the header is not a row of marks; a row of marks further down is not its row."""
    cells = _read([*_header(), ["注：本年度无行政复议、行政诉讼案件", *[""] * (N - 1)], ["—"] * N], exact)
    assert cells.facts == []
