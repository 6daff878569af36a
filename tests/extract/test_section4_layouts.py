"""Section 四 tables written without merges: a proceeding printed over its first column only, blanks to its right.

Word without gridSpan, HTML without colspan and a PDF read without its
vertical rules all give an exact grid whose group labels (行政复议, 行政诉讼,
未经复议直接起诉, 复议后起诉) stand over one column and leave the others of
the group blank. Every column must still be read by its header, whatever
value cells are blank, and a column without an outcome of its own stays unread.
"""

from __future__ import annotations

import pytest

from extract import extract_report
from extract.cells import CellReader
from extract.model import Table
from extract.section4 import read_section4
from gongkai.metrics import S4_GROUPS, S4_OUTCOMES
from tests.extract.unseen.docx_styles import STYLES, render_styled
from tests.extract.unseen.measure import score
from tests.extract.unseen.variants import build

OUTCOMES = [label for _, label in S4_OUTCOMES]
CODES = [f"s4.{g}.{o}" for g, _ in S4_GROUPS for o, _ in S4_OUTCOMES]
VALUES = [str(10 + i) for i in range(len(CODES))]


def _unmerged_header(outcomes: list[str]) -> list[list[str]]:
    """The standard's three header rows as a table without merges writes them: each label in its first cell."""
    n = len(outcomes)
    pad = [""] * (n - 1)
    return [
        [S4_GROUPS[0][1], *pad, "行政诉讼", *pad, "", *pad],
        [*outcomes, S4_GROUPS[1][1], *pad, S4_GROUPS[2][1], *pad],
        [""] * n + outcomes * 2,
    ]


def _read(rows: list[list[str]]) -> tuple[dict[str, tuple[int | float | None, str]], CellReader]:
    cells = CellReader({0: "四"})
    read_section4(Table(rows, 0, exact_grid=True), "2021", cells)
    return {f.metric: (f.value, f.raw) for f in cells.facts}, cells


@pytest.mark.parametrize("blank", [(0,), (14,), (0, 7, 14), (0, 1, 2, 3, 4), (4, 9, 14)])
def test_blank_values_anywhere_under_labels_over_their_first_column(blank: tuple[int, ...]) -> None:
    """Blanks at the row's ends leave fewer numbers than columns: only the header can place them."""
    row = ["" if i in blank else v for i, v in enumerate(VALUES)]
    got, cells = _read([*_unmerged_header(OUTCOMES), row])
    assert got == {code: (None if i in blank else int(VALUES[i]), row[i]) for i, code in enumerate(CODES)}
    assert not cells.issues


@pytest.mark.parametrize("marks", [["—"] * 15, ["/"] * 15, ["无"] * 15, [""] * 15, ["0", *["—"] * 13, "0"]])
def test_a_row_of_marks_under_labels_over_their_first_column(marks: list[str]) -> None:
    """No case in the year: every column is still named by its header, and keeps the mark printed under it."""
    got, cells = _read([*_unmerged_header(OUTCOMES), marks])
    assert got == {code: (0 if m == "0" else None, m) for code, m in zip(CODES, marks, strict=True)}
    assert not cells.issues


def test_values_under_outcomes_in_an_order_of_their_own() -> None:
    """总计 printed first: the standard's order does not hold, the header over each column does."""
    order = [4, 0, 1, 2, 3]
    row = [VALUES[g * 5 + o] for g in range(3) for o in order]
    got, _ = _read([*_unmerged_header([OUTCOMES[o] for o in order]), row])
    assert got == {code: (int(v), v) for code, v in zip(CODES, VALUES, strict=True)}


def test_a_column_without_an_outcome_of_its_own_is_not_read() -> None:
    """An empty column inside a proceeding: the group label carries over it, no outcome does, so no value is taken."""
    header = _unmerged_header(OUTCOMES)
    table = [[*r[:5], "", *r[5:]] for r in header] + [[*VALUES[:5], "99", *VALUES[5:]]]
    got, _ = _read(table)
    assert got == {code: (int(v), v) for code, v in zip(CODES, VALUES, strict=True)}


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_word_tables_without_merges_and_with_blank_values_in_both_formats(fmt: str) -> None:
    for seed in range(3):
        variant = build("blank empty", seed, fmt)
        data, _ = render_styled(variant, STYLES["padded, no merges"])
        result = score(variant, extract_report(data))
        assert not result.errors, (seed, result.errors[:8])
