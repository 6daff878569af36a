"""Ruled-table cells to an exact grid, and the pieces of a table broken by page breaks back to one table.

pdfplumber gives each table as cell boxes; merged cells are single boxes
that cover several grid positions. The grid here is built from the boxes
themselves: column edges are the distinct left edges of the cells (plus the
table's right edge), row edges the distinct tops, and a box fills every
position it covers, the covered ones marked in ``spans``.

A table continued on the next page arrives as a second piece. The rules for
joining pieces (``join_pieces``) are:

1. The piece's leading rows that repeat the table's first rows (a header row
   repeated by Word) are dropped.
2. A row split by the page break is merged cell by cell with the last row of
   the previous page ("\\n" between the two parts of a cell) when the
   continuation row has an empty first cell (no label of its own), no column
   holds a number on both sides (a number never wraps, so two numbers mean two
   rows), and no text in it opens with an enumeration mark ("2.", "（三）",
   "四、", "①": a wrapped line does not start a new item). This covers both
   shapes: the label's tail below the break with the numbers above it, and a
   label above the break with its numbers below.
3. A merged label cell that runs over the break comes back empty on the new
   page (the text stays where the cell began); when a cell at the top of the
   continuation is empty, lies left of the row's first number, and the cell
   above the break has text, that text is copied into it and marked as a span,
   as it would be had the page not broken the cell.
4. A merged label cell too long for its part above the break goes on at the
   top of the part below, as Word flows it ("（三）" above, "不予公开" below).
   When the cell at the top of the continuation (left of the first number)
   does not open with an enumeration mark while the cell above the break
   does, and the cell is a group label (merged over rows, with item labels
   beside it), it is that label's tail: both parts get the joined text. A
   label that opens with no mark is left as it is, never joined on a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from extract.model import Table
from extract.numbers import is_blank
from extract.pdf_layout import ENUMERATION

TOLERANCE = 3.0  # points; edges closer than this are one edge
NUMBER = re.compile(r"[-+−]?[\d,，.．]*\d[\d,，.．]*\s*\S{0,2}")

Box = tuple[float, float, float, float, str]  # x0, top, x1, bottom, raw text


@dataclass(frozen=True, slots=True)
class Piece:
    """One table as found on one page."""

    page: int
    boxes: list[Box]

    @property
    def top(self) -> float:
        return min(b[1] for b in self.boxes)

    @property
    def left(self) -> float:
        return min(b[0] for b in self.boxes)

    def edges(self) -> list[float]:
        """Column edges relative to the table's left edge, so a table shifted on the next page still lines up."""
        xs = [b[0] for b in self.boxes] + [max(b[2] for b in self.boxes)]
        return _cluster([x - self.left for x in xs])


@dataclass(slots=True)
class _Grid:
    rows: list[list[str]]
    spans: list[list[bool]]
    origin: list[list[tuple[int, int]]]  # where the box covering each position begins; used while joining
    pages: list[int]
    covered: list[list[bool]]  # False where no cell box lies: the row was drawn short there


def continues(previous: Piece, piece: Piece) -> bool:
    """Same number of columns, or the column edges of one are a subset of the other's."""
    a, b = previous.edges(), piece.edges()
    if len(a) == len(b):
        return True
    small, large = sorted((a, b), key=len)
    return all(abs(large[_nearest(large, x)] - x) <= TOLERANCE for x in small)


def join_pieces(pieces: list[Piece], index: int) -> Table:
    edges = _cluster([x for piece in pieces for x in piece.edges()])
    grid = _grid(pieces[0], edges)
    for piece in pieces[1:]:
        _append(grid, _grid(piece, edges))
    widths = [max((j + 1 for j, c in enumerate(row) if c), default=0) for row in grid.covered]
    # A row drawn with fewer boxes than its neighbours ends where its last box ends: no blank cell is invented.
    rows = [row[:w] for row, w in zip(grid.rows, widths, strict=True)]
    spans = [row[:w] for row, w in zip(grid.spans, widths, strict=True)]
    return Table(rows, index, exact_grid=True, pages=grid.pages, spans=spans)


def _grid(piece: Piece, edges: list[float]) -> _Grid:
    tops = _cluster([b[1] for b in piece.boxes] + [max(b[3] for b in piece.boxes)])
    width = len(edges) - 1
    rows = [[""] * width for _ in tops[1:]]
    spans = [[False] * width for _ in tops[1:]]
    origin = [[(i, j) for j in range(width)] for i in range(len(tops) - 1)]
    covered = [[False] * width for _ in tops[1:]]
    for x0, top, x1, bottom, text in piece.boxes:
        r0, c0 = _nearest(tops, top), _nearest(edges, x0 - piece.left)
        r1 = max(_nearest(tops, bottom), r0 + 1)
        c1 = max(_nearest(edges, x1 - piece.left), c0 + 1)
        for i in range(r0, min(r1, len(rows))):
            for j in range(c0, min(c1, width)):
                rows[i][j], spans[i][j], origin[i][j] = text, (i, j) != (r0, c0), (r0, c0)
                covered[i][j] = True
    return _Grid(rows, spans, origin, [piece.page] * len(rows), covered)


def _append(table: _Grid, piece: _Grid) -> None:
    start = _repeated_header(table.rows, piece.rows)
    if start < len(piece.rows) and _is_split_tail(table.rows[-1], piece.rows[start]):
        table.rows[-1] = [_concat(a, b) for a, b in zip(table.rows[-1], piece.rows[start], strict=True)]
        start += 1
    if start < len(piece.rows):
        _join_label_tails(table, piece, start)
        _fill_broken_cells(table.rows[-1], piece, start)
    table.rows += piece.rows[start:]
    table.spans += piece.spans[start:]
    table.pages += piece.pages[start:]
    table.covered += piece.covered[start:]


def _repeated_header(rows: list[list[str]], piece: list[list[str]]) -> int:
    """How many leading rows of ``piece`` repeat the table's first rows."""

    def same(a: list[str], b: list[str]) -> bool:
        return [re.sub(r"\s+", "", s) for s in a] == [re.sub(r"\s+", "", s) for s in b]

    for k in range(min(len(rows), len(piece)), 0, -1):
        if all(same(a, b) for a, b in zip(rows[:k], piece[:k], strict=True)):
            return k
    return 0


def _is_split_tail(last: list[str], row: list[str]) -> bool:
    if row[0].strip():
        return False
    if any(a.strip() and b.strip() and (_is_number(a) or _is_number(b)) for a, b in zip(last, row, strict=True)):
        return False
    return not any(ENUMERATION.match(b) for b in row if b.strip())


def _fill_broken_cells(above: list[str], piece: _Grid, start: int) -> None:
    """Rule 3 of the module docstring: copies a label cell's text over the break into its empty remainder."""
    first = piece.rows[start]
    # Label columns end at the first value on either side of the break (a blank value cell is not a label).
    label_columns = min(_first_value(first), _first_value(above))
    for j in range(label_columns):
        r0, c0 = piece.origin[start][j]
        if first[j].strip() or not above[j].strip() or r0 > start or c0 != j:
            continue
        for i in range(start, len(piece.rows)):
            for k, cell in enumerate(piece.origin[i]):
                if cell == (r0, c0):
                    piece.rows[i][k], piece.spans[i][k] = above[j], True


def _join_label_tails(table: _Grid, piece: _Grid, start: int) -> None:
    """Rule 4 of the module docstring: a label's head above the break and its tail below become one text."""
    above, first = table.rows[-1], piece.rows[start]
    labels = min(_first_value(first), _first_value(above))
    for j in range(labels):
        head, tail = above[j], first[j]
        if not (head.strip() and tail.strip()) or piece.origin[start][j] != (start, j):
            continue
        if (j and above[j - 1] == head) or not ENUMERATION.match(head) or ENUMERATION.match(tail):
            continue
        below = start + 1 < len(piece.rows) and piece.origin[start + 1][j] == (start, j)
        if not (table.spans[-1][j] or below) or all(first[k] == tail for k in range(j, labels)):
            continue  # a one-row cell, or a label with no items beside it: not a group label cut by the page
        joined = _concat(head, tail)
        i = len(table.rows) - 1
        while i >= 0 and table.rows[i][j] == head:
            table.rows[i][j:] = _replace_run(table.rows[i][j:], head, joined)
            if not table.spans[i][j]:
                break
            i -= 1
        for i in range(start, len(piece.rows)):
            for k, cell in enumerate(piece.origin[i]):
                if cell == (start, j):
                    piece.rows[i][k], piece.spans[i][k] = joined, True


def _replace_run(cells: list[str], old: str, new: str) -> list[str]:
    """The leading run of ``old`` (one box spread over columns) replaced by ``new``."""
    run = next((k for k, text in enumerate(cells) if text != old), len(cells))
    return [new] * run + cells[run:]


def _first_value(row: list[str]) -> int:
    return next((j for j, text in enumerate(row) if _is_number(text) or (text.strip() and is_blank(text))), len(row))


def _is_number(text: str) -> bool:
    return bool(NUMBER.fullmatch(text.strip()))


def _concat(a: str, b: str) -> str:
    return f"{a}\n{b}" if a.strip() and b.strip() else (a if a.strip() else b)


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOLERANCE:
            out.append(v)
    return out


def _nearest(edges: list[float], x: float) -> int:
    i = bisect_left(edges, x)
    if i == len(edges) or (i > 0 and x - edges[i - 1] <= edges[i] - x):
        return i - 1
    return i
