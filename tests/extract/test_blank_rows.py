"""A row that prints nothing gives nothing: never a zero, in any section.

A row of blank cells ("", "—", "/") is read as blanks (null values with their
raw marks, as the spec asks of every blank cell); a label printed without its
values, or values printed without their label (a row broken over a page, each
half a table of its own), yields no value and, for the values, an issue.
The tables are built directly, as exact grids and as text exports.
"""

from __future__ import annotations

import pytest

from extract.cells import CellReader
from extract.model import Fact, Table
from extract.section2 import read_section2
from extract.section3 import read_section3
from extract.section4 import read_section4
from gongkai.metrics import APPLICANTS, S4_GROUPS, S4_OUTCOMES, metrics_for

FORMATS = ("2021", "2019")
MARKS = ("", "—", "/")
GRIDS = pytest.mark.parametrize("exact", [True, False], ids=["grid", "text"])


def _read(reader, tables: list[Table], section: str, fmt: str) -> CellReader:
    cells = CellReader({t.index: section for t in tables})
    carried = None
    for table in tables:
        carried = reader(table, fmt, cells, carried)
    return cells


def _values(facts: list[Fact]) -> list[int | float]:
    return [f.value for f in facts if f.value is not None]


def _s2_rows(fmt: str) -> tuple[list[str], str, str]:
    """A sub-table's header and two item labels printed under it, from the dictionary."""
    columns: dict[str, list[str]] = {}
    for m in metrics_for("二", fmt):
        columns.setdefault(m.row_label, []).append(m.col_label or "")
    first, second = next((a, b) for a in columns for b in columns if a != b and columns[a] == columns[b])
    return ["信息内容", *columns[first]], first, second


def _s3_header() -> list[str]:
    return ["", *(a.label for a in APPLICANTS)]


def _s3_top(fmt: str) -> tuple[str, str]:
    """The report's first two rows (本年新收, 上年结转)."""
    first, second = [m.row_label for m in metrics_for("三", fmt) if m.group_label is None][:2]
    return first, second


def _s4_header() -> list[list[str]]:
    """The standard's header as an exact grid repeats its merged labels."""
    outcomes = [label for _, label in S4_OUTCOMES]
    n = len(outcomes)
    return [
        [S4_GROUPS[0][1]] * n + ["行政诉讼"] * 2 * n,
        [*outcomes, *(label for _, label in S4_GROUPS[1:] for _ in range(n))],
        outcomes * 3,
    ]


@GRIDS
@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_section2_row_of_blanks(fmt: str, mark: str, exact: bool) -> None:
    header, blank, filled = _s2_rows(fmt)
    n = len(header) - 1
    values = [str(7 + i) for i in range(n)]
    cells = _read(read_section2, [Table([header, [blank] + [mark] * n, [filled, *values]], 0, exact)], "二", fmt)
    on_blank = [f for f in cells.facts if f.where.row == 1]
    assert [(f.value, f.raw) for f in on_blank] == [(None, mark)] * n
    assert _values(cells.facts) == [int(v) for v in values]


@GRIDS
@pytest.mark.parametrize("fmt", FORMATS)
def test_section2_row_broken_over_a_page(fmt: str, exact: bool) -> None:
    """The label ends one table, its values start the next: neither half is a value, the values are reported."""
    header, broken, filled = _s2_rows(fmt)
    n = len(header) - 1
    first = Table([header, [broken]], 0, exact)
    second = Table([["", *(str(50 + i) for i in range(n))], [filled, *(str(7 + i) for i in range(n))]], 1, exact)
    cells = _read(read_section2, [first, second], "二", fmt)
    assert _values(cells.facts) == [7 + i for i in range(n)]
    assert [(i.code, i.where.table, i.where.row) for i in cells.issues] == [("unmatched_row", 1, 0)]


@GRIDS
@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_section3_row_of_blanks(fmt: str, mark: str, exact: bool) -> None:
    filled, blank = _s3_top(fmt)
    n = len(APPLICANTS)
    values = [str(7 + i) for i in range(n)]
    table = Table([_s3_header(), [filled, *values], [blank] + [mark] * n], 0, exact)
    cells = _read(read_section3, [table], "三", fmt)
    assert [(f.value, f.raw) for f in cells.facts if f.where.row == 2] == [(None, mark)] * n
    assert _values(cells.facts) == [int(v) for v in values]


@GRIDS
@pytest.mark.parametrize("fmt", FORMATS)
def test_section3_row_broken_over_a_page(fmt: str, exact: bool) -> None:
    filled, broken = _s3_top(fmt)
    n = len(APPLICANTS)
    first = Table([_s3_header(), [filled, *(str(7 + i) for i in range(n))], [broken]], 0, exact)
    second = Table([["", *(str(50 + i) for i in range(n))]], 1, exact)
    cells = _read(read_section3, [first, second], "三", fmt)
    assert _values(cells.facts) == [7 + i for i in range(n)]
    assert [(i.code, i.where.table) for i in cells.issues] == [("unmatched_row", 1)]


@GRIDS
@pytest.mark.parametrize("mark", [*MARKS, "无"])
def test_section4_row_of_blanks(mark: str, exact: bool) -> None:
    """No case in the year: the row right under the header is read as fifteen blanks, not as a missing section."""
    cells = _read(read_section4, [Table([*_s4_header(), [mark] * 15], 0, exact)], "四", "2021")
    assert [(f.value, f.raw, f.where.row) for f in cells.facts] == [(None, mark, 3)] * 15
    assert [f.metric for f in cells.facts] == [f"s4.{g}.{o}" for g, _ in S4_GROUPS for o, _ in S4_OUTCOMES]
    assert cells.issues == []


@GRIDS
@pytest.mark.parametrize("mark", MARKS)
def test_section4_blanks_and_a_few_zeros(mark: str, exact: bool) -> None:
    """Fewer zeros than a proceeding has outcomes: the row is still the one under the header."""
    row = ["0" if i % 5 == 4 else mark for i in range(15)]
    cells = _read(read_section4, [Table([*_s4_header(), row], 0, exact)], "四", "2021")
    assert [(f.value, f.raw) for f in cells.facts] == [(None if c == mark else 0, c) for c in row]


@GRIDS
@pytest.mark.parametrize("mark", ["—", "/", "无"])
def test_section4_spacer_rows_give_nothing(mark: str, exact: bool) -> None:
    """Empty rows after the header and before its row of marks are not values: the marks are."""
    rows = [*_s4_header(), [""] * 15, [""] * 15, [mark] * 15]
    cells = _read(read_section4, [Table(rows, 0, exact)], "四", "2021")
    assert {f.where.row for f in cells.facts} == {5}
    assert len(cells.facts) == 15


@GRIDS
@pytest.mark.parametrize("mark", MARKS)
def test_section4_blanks_among_values(mark: str, exact: bool) -> None:
    """Each proceeding's total printed, the rest blank: blanks stay blanks."""
    row = [str(3 + i) if i % 5 == 4 else mark for i in range(15)]
    row[0] = row[5] = "2"
    cells = _read(read_section4, [Table([*_s4_header(), row], 0, exact)], "四", "2021")
    assert [(f.value, f.raw) for f in cells.facts] == [(None if c == mark else int(c), c) for c in row]


@GRIDS
def test_section4_values_without_their_header(exact: bool) -> None:
    """The header ends one page, the row starts the next: the row is reported, not read by guesswork."""
    second = Table([[str(i % 3) for i in range(15)]], 1, exact)
    cells = _read(read_section4, [Table(_s4_header(), 0, exact), second], "四", "2021")
    assert cells.facts == []
    assert [(i.code, i.where.table) for i in cells.issues] == [("s4_not_attributable", 1)]
