"""Tables printed without vertical rules: columns from the alignment of the numbers, rows from the text lines.

WPS, Excel and browser exports often draw a table with horizontal rules
only, or as a three-line table, and some PDFs draw no rule at all; nothing
encloses a cell, so pdfplumber's table finder sees no table. The columns are
still there: every number of a column overlaps the others horizontally,
whatever the alignment (left, centred or right), and numbers of neighbouring
columns never do. So the value columns are the bands where the numbers of
the rows of numbers overlap, a label column is a left edge the labels share,
and:

* a data row is a line whose words end in a run of numbers (or blank marks);
* the header is the run of lines above the first data row, up to a section
  heading or a line of running text; its words are stacked into cells per
  column (a label wrapped over lines is one cell) and each cell is placed
  in the column where it begins, one header row per level of stacking;
* a label cell is the words of one label column that follow each other
  closely, unless a word opens with an enumeration mark; it belongs to the
  one data row whose numbers it lies beside;
* a label merged over several rows ("（三）不予公开" over its items) lies
  beside some of them or none; it labels the run of rows that have a label
  further right. Several such labels in one run split it where the items'
  numbering starts again at 1, and each label must lie within its part;
  otherwise no label is placed, and the items stay unmatched (an issue
  each), never attached to a guessed group.

The grid is handed over with ``exact_grid=False``: positions were inferred,
so the section readers apply the text-export rules (values attributed by
run length unless every row lines up under the header).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from extract.labels import parse_label
from extract.numbers import is_blank, looks_numeric
from extract.pdf_layout import ENUMERATION
from extract.pdf_text import Word, join_text
from extract.sections import heading_section

CLOSE = 0.6  # words of one cell are at most this many line heights apart
WIDE = 0.6  # a single word this wide (share of the widest line) is running text


@dataclass(frozen=True, slots=True)
class Aligned:
    """One table read from aligned text on one page, as rows of cell texts."""

    page: int
    top: float
    rows: list[list[str]]


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
    def text(self) -> str:
        return reduce(join_text, (w.text for w in self.words), "")


def is_value(text: str) -> bool:
    t = text.strip()
    return bool(t) and (looks_numeric(t) or is_blank(t))


def is_data(words: list[Word]) -> bool:
    """A line whose words end in numbers: several of them, or one after a label."""
    flags = [is_value(w.text) for w in words]
    if True not in flags:
        return False
    first = flags.index(True)
    return all(flags[first:]) and (first > 0 or len(words) - first >= 2)


def find_tables(lines: list[list[Word]], page: int) -> tuple[list[Aligned], set[int]]:
    """The tables among a page's lines (each a list of words, top-down), and the indices of the lines they use."""
    widest = max((ln[-1].x1 - ln[0].x0 for ln in lines if ln), default=0.0)
    data = [i for i, ln in enumerate(lines) if is_data(ln)]
    stops = {i for i, ln in enumerate(lines) if i not in data and _is_stop(ln, widest)}
    tables, used, floor = [], set(), 0
    k = 0
    while k < len(data):
        last = k
        while last + 1 < len(data) and not any(data[last] < s < data[last + 1] for s in stops):
            last += 1
        start = data[k]
        while start - 1 >= floor and start - 1 not in stops and _close(lines[start - 1], lines[start]):
            start -= 1
        end = data[last]
        table = _read(lines, start, end, page)
        if table is not None:
            tables.append(table)
            used |= set(range(start, end + 1))
        floor, k = end + 1, last + 1
    return tables, used


def _is_stop(words: list[Word], widest: float) -> bool:
    """A section heading or a line of running text: a table does not reach over it."""
    text = reduce(join_text, (w.text for w in words), "")
    return heading_section(text) is not None or (len(words) == 1 and words[0].x1 - words[0].x0 >= WIDE * widest)


def _close(above: list[Word], below: list[Word]) -> bool:
    height = max(w.bottom - w.top for w in [*above, *below])
    return min(w.top for w in below) - max(w.bottom for w in above) <= 1.5 * height


def _read(lines: list[list[Word]], start: int, end: int, page: int) -> Aligned | None:
    """One table from lines ``start..end``; PDFium's lines are only a first cut, rows are rebuilt from the words."""
    region = lines[start : end + 1]
    first = next(k for k, ln in enumerate(region) if is_data(ln))
    height = min(w.bottom - w.top for ln in region for w in ln)
    values = [w for ln in region[first:] for w in ln if is_value(w.text)]
    spans = sorted((w.x0, w.x1) for w in values)
    bands: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if bands and x0 < bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], x1))
        else:
            bands.append((x0, x1))
    edge = bands[0][0]
    centres = [(x0 + x1) / 2 for x0, x1 in bands]
    lefts = sorted(w.x0 for ln in region[first:] for w in ln if not is_value(w.text) and w.x1 <= edge)
    label_cols: list[float] = []
    for x in lefts:
        if not label_cols or x - label_cols[-1] > height / 2:
            label_cols.append(x)
    n = len(label_cols)

    def column(w: Word) -> int:
        """A label's column by its left edge; a header over the values sits in the value column nearest its centre."""
        middle = (w.x0 + w.x1) / 2
        if w.x0 >= edge - height / 2 or middle >= edge:
            return n + min(range(len(bands)), key=lambda k: abs(centres[k] - middle))
        return max((k for k, x in enumerate(label_cols) if x <= w.x0 + height / 2), default=0)

    headed = [
        k
        for k, ln in enumerate(region)
        if k < first or (not is_data(ln) and any(column(w) >= n and not is_value(w.text) for w in ln))
    ]
    blocks: list[list[int]] = []
    for k in headed:
        if blocks and blocks[-1][-1] == k - 1:
            blocks[-1].append(k)
        else:
            blocks.append([k])
    width = n + len(bands)
    out: list[tuple[float, list[str]]] = []
    for block in blocks:
        out += _header_rows([w for k in block for w in region[k]], column, width, height)
    body = [w for k, ln in enumerate(region) if k not in headed for w in ln]
    data = _data_rows(body, column, width, height)
    if data is None:
        return None
    out = sorted(out + data, key=lambda item: item[0])
    return Aligned(page, min(w.top for w in region[0]), [cells for _, cells in out])


def _stack(words: list[Word], column, height: float) -> list[_Cell]:
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


def _header_rows(words: list[Word], column, width: int, height: float) -> list[tuple[float, list[str]]]:
    """Header cells (wrapped labels stacked), one header row per run of cells centred at about the same height.

    The centre, not the top: cells of one header row are centred alike whether
    their text takes one line or two ("总计" beside "结果维/持").
    """
    rows: list[tuple[float, list[str]]] = []
    for cell in sorted(_stack(words, column, height), key=lambda c: (c.top + c.bottom, c.column)):
        middle = (cell.top + cell.bottom) / 2
        if not rows or middle - rows[-1][0] > height / 2 or rows[-1][1][cell.column]:
            rows.append((middle, [""] * width))
        rows[-1][1][cell.column] = cell.text
    return rows


def _data_rows(words: list[Word], column, width: int, height: float) -> list[tuple[float, list[str]]] | None:
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
        top, bottom = _span(bands, rows[0], rows[-1])
        inside = sorted((c for c in cells if c.top >= top and c.bottom <= bottom), key=lambda c: c.top)
        if not inside:
            continue
        starts = [rows[0]] + [k for k in rows[1:] if parse_label(leaf[k].text).number == 1]
        if len(starts) != len(inside):
            continue
        ends = [s - 1 for s in starts[1:]] + [rows[-1]]
        parts = [_span(bands, s, e) for s, e in zip(starts, ends, strict=True)]
        if all(t <= c.top and c.bottom <= b for c, (t, b) in zip(inside, parts, strict=True)):
            for cell, s in zip(inside, starts, strict=True):
                grid[s][j] = cell.text


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
