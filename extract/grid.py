"""Merged cells to a true grid, shared by the HTML and DOCX readers.

Labels in the report tables are located by the column they sit in (the
applicant columns of section 三 hang under a colspan=5 header, the result
groups under rowspan labels), so a reader must place every cell where a
browser or Word would draw it, copying a merged cell's text into each position
it covers. Malformed spans are common on portals; they are treated the way
browsers treat them (clamped, overlaps keep the earlier cell), never as errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from extract.model import Table

MAX_COLSPAN = 1000  # the HTML limits; larger values are clamped by browsers too
MAX_ROWSPAN = 65534
MAX_CELL_TEXT = 200  # the longest standard label is about 40 characters; longer cells are running text

Cell = tuple[str, int, int]  # (text, rowspan, colspan); rowspan 0 = to the last row, as in HTML


class Grid(NamedTuple):
    texts: list[list[str]]
    spans: list[list[bool]]  # True where a position repeats a merged cell whose top-left is elsewhere


def expand(rows: Sequence[Sequence[Cell]], groups: Sequence[int] = ()) -> Grid:
    """Place cells row by row in the first free column, the way the HTML table model does.

    ``groups`` are the sizes of the row groups (<thead>, <tbody>, <tfoot>), in
    order; by default all rows form one. A rowspan running past the last row
    of its group is cut there, as browsers do (rows are never invented), and
    rowspan 0 runs to the end of its group; a colspan widens the table. Ragged rows stay ragged: a row
    printed with fewer cells than its neighbours is not given blank cells it
    does not have (a short row must be reported, not read as blanks); only a
    hole inside a row, left between merged cells, is filled with "".
    """
    n = len(rows)
    ends: list[int] = []
    for size in groups or (n,):
        ends += [len(ends) + size] * size
    ends += [n] * (n - len(ends))
    slots: list[dict[int, tuple[str, bool]]] = [{} for _ in range(n)]
    for r, cells in enumerate(rows):
        taken = slots[r]
        col = 0
        left = min(ends[r], n) - r
        for text, rowspan, colspan in cells:
            while col in taken:
                col += 1
            height = left if rowspan == 0 else min(max(rowspan, 1), MAX_ROWSPAN, left)
            width = min(max(colspan, 1), MAX_COLSPAN)
            for dr in range(height):
                below = slots[r + dr]
                for dc in range(width):
                    below.setdefault(col + dc, (text, dr > 0 or dc > 0))
            col += width
    blank = ("", False)
    widths = [max(s) + 1 if s else 0 for s in slots]
    texts = [[s.get(c, blank)[0] for c in range(w)] for s, w in zip(slots, widths, strict=True)]
    spans = [[s.get(c, blank)[1] for c in range(w)] for s, w in zip(slots, widths, strict=True)]
    return Grid(texts, spans)


WordCell = tuple[str, int, int, int]  # (text, grid columns spanned, vertical merge, horizontal merge)
CONTINUES = 1  # a merge flag: the cell continues the one above (vertical) or on its left (horizontal)


def word_row(start: int, cells: Sequence[WordCell], above: dict[int, list]) -> tuple[list[list], dict[int, list]]:
    """One row of a Word table (DOCX or .doc) as grid cells, growing the rowspan of cells it continues.

    Word marks merges per cell rather than with spans: a cell that continues
    the one above adds a row to it, one that continues its left neighbour
    widens it. A continuation joins only a cell of the same width starting in
    the same grid column; anything else stays a cell of its own, so a
    malformed merge can never shift the cells after it. ``start`` grid
    columns before the first cell are blank; ``above`` maps grid columns to
    the cells of the previous row (returned for the next call). Cells are
    ``[text, rowspan, colspan]`` lists, mutable while merges accumulate.
    """
    line: list[list] = [["", 1, 1] for _ in range(start)]
    here: dict[int, list] = {}
    col = start
    for text, span, vertical, horizontal in cells:
        origin = above.get(col)
        if vertical == CONTINUES and origin and origin[2] == span:
            origin[1] += 1
            here[col] = origin
        elif horizontal == CONTINUES and line:
            line[-1][2] += span
        else:
            record = [text, 1, span]
            line.append(record)
            here[col] = record
        col += span
    return line, here


def grid_table(rows: Sequence[Sequence[Cell]], index: int, groups: Sequence[int] = ()) -> Table:
    """A reader's table block: the expanded grid, with exact column positions (``groups`` as in ``expand``)."""
    grid = expand(rows, groups)
    return Table(rows=grid.texts, index=index, exact_grid=True, spans=grid.spans)


def holds_data(texts: Sequence[Sequence[str]]) -> bool:
    """Whether a table (with no table inside it) holds data rather than arranging the page.

    Portals and some Word files wrap the whole article in a table: one cell,
    one column of cells, or a sidebar next to the article. Such cells are
    running text and must be read as paragraphs. A table with no row of two
    cells cannot pair a label with a value, a table of blank cells is a spacer,
    and no label or value of a report table runs to a paragraph's length.
    """
    cells = [t for row in texts for t in row]
    return (
        any(len(row) > 1 for row in texts)
        and any(t.strip() for t in cells)
        and all(len(t) <= MAX_CELL_TEXT for t in cells)
    )
