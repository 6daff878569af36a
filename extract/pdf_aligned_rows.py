"""Rows of a table printed without vertical rules, once its columns are known (``extract.pdf_aligned``).

Nothing draws a row either, so rows are rebuilt from where the words sit:

* a data row is a run of values at about the same height;
* the header's words are stacked into cells per column (a label wrapped over
  lines is one cell), one header row per level of stacking;
* a label cell is the words of one label column that follow each other
  closely, unless a word opens with an enumeration mark; it belongs to the
  one data row whose numbers it lies beside;
* a label merged over several rows ("（三）不予公开" over its items) lies
  beside some of them or none; it labels the run of rows that have a label
  further right. The run splits into groups where the items' numbering
  starts again at 1; each label is centred within one group, and each group
  gets at most one. Only the first group may stay unlabelled, and only when
  its numbering does not start at 1: it continues a group whose label is on
  an earlier page. Otherwise no label is placed, and the items stay
  unmatched (an issue each), never attached to a guessed group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from extract.labels import parse_label
from extract.numbers import is_blank, looks_numeric
from extract.pdf_layout import ENUMERATION
from extract.pdf_text import Word, join_text

CLOSE = 0.6  # words of one cell are at most this many line heights apart

Column = Callable[[Word], int]
Row = tuple[float, list[str]]  # a row's top and its cell texts


@dataclass(slots=True)
class _Cell:
    column: int
    words: list[Word]

    @property
    def top(self) -> float:
        return self.words[0].top

    @property
    def bottom(self) -> float:
        return self.words[-1].bottom

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return reduce(join_text, (w.text for w in self.words), "")


def is_value(text: str) -> bool:
    t = text.strip()
    return bool(t) and (looks_numeric(t) or is_blank(t))


def _stack(words: list[Word], column: Column, height: float) -> list[_Cell]:
    """Words of one column that follow each other closely, unless a word opens an item, are one cell."""
    cells: list[_Cell] = []
    for w in sorted(words, key=lambda w: (column(w), w.top)):
        last = cells[-1] if cells else None
        if (
            last is not None
            and last.column == column(w)
            and w.top - last.bottom <= CLOSE * height
            and not ENUMERATION.match(w.text)
        ):
            last.words.append(w)
        else:
            cells.append(_Cell(column(w), [w]))
    return cells


def header_rows(words: list[Word], column: Column, width: int, height: float) -> list[Row]:
    """Header cells (wrapped labels stacked), one header row per run of cells centred at about the same height.

    The centre, not the top: cells of one header row are centred alike whether
    their text takes one line or two ("总计" beside "结果维/持").
    """
    rows: list[Row] = []
    for cell in sorted(_stack(words, column, height), key=lambda c: (c.top + c.bottom, c.column)):
        middle = (cell.top + cell.bottom) / 2
        if not rows or middle - rows[-1][0] > height / 2 or rows[-1][1][cell.column]:
            rows.append((middle, [""] * width))
        rows[-1][1][cell.column] = cell.text
    return rows


def data_rows(words: list[Word], column: Column, width: int, height: float) -> list[Row] | None:
    """Rows of numbers (values at about the same height) with their labels; None when two values share a cell."""
    lines: list[list[Word]] = []
    for w in sorted((w for w in words if is_value(w.text)), key=lambda w: w.top):
        if lines and w.top - lines[-1][0].top <= height / 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    bands = [(min(w.top for w in ln), max(w.bottom for w in ln)) for ln in lines]

    def beside(top: float, bottom: float) -> list[int]:
        return [k for k, (t, b) in enumerate(bands) if top < b - 0.5 and bottom > t + 0.5]

    cells = _stack([w for w in words if not is_value(w.text)], column, height)
    own: dict[int, list[_Cell]] = {}
    for cell in cells:
        rows = beside(cell.top, cell.bottom)
        if len(rows) == 1:
            own.setdefault(rows[0], []).append(cell)
    leaf = {k: max(cs, key=lambda c: c.column) for k, cs in own.items()}
    grid = [[""] * width for _ in lines]
    for k, ln in enumerate(lines):
        for w in ln:
            if grid[k][column(w)]:
                return None
            grid[k][column(w)] = w.text
        if k in leaf:
            grid[k][leaf[k].column] = leaf[k].text
    groups = [c for c in cells if all(c is not cell for cell in leaf.values())]
    for j in sorted({c.column for c in groups}):
        _place_groups([c for c in groups if c.column == j], j, bands, leaf, grid)
    return [(bands[k][0], grid[k]) for k in range(len(lines))]


def _place_groups(
    cells: list[_Cell], j: int, bands: list[tuple[float, float]], leaf: dict[int, _Cell], grid: list[list[str]]
) -> None:
    """Puts each label merged over rows into the first row it labels (module docstring, last rule)."""
    stretches: list[list[int]] = []
    for k in range(len(bands)):
        if k in leaf and leaf[k].column > j:
            if stretches and stretches[-1][-1] == k - 1:
                stretches[-1].append(k)
            else:
                stretches.append([k])
    for rows in stretches:
        starts = [rows[0]] + [k for k in rows[1:] if parse_label(leaf[k].text).number == 1]
        ends = [s - 1 for s in starts[1:]] + [rows[-1]]
        parts = [_span(bands, s, e) for s, e in zip(starts, ends, strict=True)]
        placed = _assign([c for c in cells if parts[0][0] <= c.middle <= parts[-1][1]], parts)
        if placed is None:
            continue
        missing = set(range(len(parts))) - placed.keys()
        if missing - {0} or (missing and parse_label(leaf[rows[0]].text).number in (None, 1)):
            continue
        for part, cell in placed.items():
            grid[starts[part]][j] = cell.text


def _assign(cells: list[_Cell], parts: list[tuple[float, float]]) -> dict[int, _Cell] | None:
    """Each cell to the part its middle lies in; None when two cells share a part.

    The middle, not the whole cell: a label wrapped over more lines than its
    rows take (one item left before a page break) reaches over its neighbours.
    """
    placed: dict[int, _Cell] = {}
    for cell in cells:
        within = [p for p, (top, bottom) in enumerate(parts) if top <= cell.middle <= bottom]
        if len(within) != 1 or within[0] in placed:
            return None
        placed[within[0]] = cell
    return placed


def _span(bands: list[tuple[float, float]], first: int, last: int) -> tuple[float, float]:
    """Rows ``first..last`` reach halfway to the rows around them: a merged label lies within that span."""
    top = (
        (bands[first - 1][1] + bands[first][0]) / 2
        if first > 0
        else bands[first][0] - (bands[first][1] - bands[first][0])
    )
    bottom = (
        (bands[last][1] + bands[last + 1][0]) / 2
        if last + 1 < len(bands)
        else bands[last][1] + (bands[last][1] - bands[last][0])
    )
    return top, bottom
