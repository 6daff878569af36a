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
* the rows themselves, header and data, are rebuilt from where the words
  sit (``extract.pdf_aligned_rows``), labels merged over rows included.

The grid is handed over with ``exact_grid=False``: positions were inferred,
so the section readers apply the text-export rules (values attributed by
run length unless every row lines up under the header).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import reduce
from itertools import pairwise

from extract.pdf_aligned_rows import CLOSE, Row, data_rows, header_rows, is_value
from extract.pdf_layout import ENUMERATION
from extract.pdf_text import Word, join_text
from extract.sections import heading_section

WIDE = 0.6  # a single word this wide (share of the widest line) is running text
EMPTY = 0.75  # share of the column pitch between a blank column's header and the nearest number column
Span = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Aligned:
    """One table read from aligned text on one page, as rows of cell texts."""

    page: int
    top: float
    rows: list[list[str]]


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


def _gap(w: Word, span: tuple[float, float]) -> float:
    return max(0.0, span[0] - w.x1, w.x0 - span[1])


def _empty_columns(bands: list[Span], header: list[Word], edge: float) -> list[Span]:
    """The value bands plus a column for each header cell standing over no number: a column left all blank.

    Blank cells print nothing, so a column whose values are all blank has no
    band of numbers; its header still stands where the column is. A header
    word counts only if it overlaps no band and lies at least ``EMPTY`` of the
    column pitch from every band (a header centred over right-aligned numbers
    misses their band by less), right of the labels' ``edge``. Narrow words
    go first, so a group header over several new columns adds none of its own.
    """
    if len(bands) < 2:
        return bands
    pitch = sorted(b[0] - a[0] for a, b in pairwise(bands))[len(bands) // 2 - 1]
    out = list(bands)
    for w in sorted((w for w in header if not is_value(w.text)), key=lambda w: w.x1 - w.x0):
        middle = (w.x0 + w.x1) / 2
        if w.x0 < edge or any(_gap(w, band) == 0 for band in out):
            continue
        if all(abs(middle - (x0 + x1) / 2) >= EMPTY * pitch for x0, x1 in out):
            out.append((w.x0, w.x1))
    return sorted(out)


def _label_start(region: list[list[Word]], first: int, edge: float, height: float) -> int:
    """Where the first data row's label begins: on a line above its numbers when it wraps and they are centred.

    Lines left of the values, each close to the next, belong to that label up
    to the one that opens with an enumeration mark (a header cell never opens
    with one); a label whose numbers' line opens with one starts there.
    """
    if ENUMERATION.match(region[first][0].text):
        return first
    k = first
    while k > 0 and all(w.x1 <= edge for w in region[k - 1]):
        if min(w.top for w in region[k]) - max(w.bottom for w in region[k - 1]) > CLOSE * height:
            break
        k -= 1
        if ENUMERATION.match(region[k][0].text):
            return k
    return first


def _read(lines: list[list[Word]], start: int, end: int, page: int) -> Aligned | None:
    """One table from lines ``start..end``; PDFium's lines are only a first cut, rows are rebuilt from the words."""
    region = lines[start : end + 1]
    first = next(k for k, ln in enumerate(region) if is_data(ln))
    height = min(w.bottom - w.top for ln in region for w in ln)
    values = [w for ln in region[first:] for w in ln if is_value(w.text)]
    spans = sorted((w.x0, w.x1) for w in values)
    bands: list[Span] = []
    for x0, x1 in spans:
        if bands and x0 < bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], x1))
        else:
            bands.append((x0, x1))
    edge = bands[0][0]
    body = _label_start(region, first, edge, height)
    labels = [w for ln in region[body:] for w in ln if not is_value(w.text) and w.x1 <= edge]
    bands = _empty_columns(bands, [w for ln in region[:body] for w in ln], edge if labels else -math.inf)
    centres = [(x0 + x1) / 2 for x0, x1 in bands]
    lefts = sorted(w.x0 for w in labels)
    reach = (lefts[0], max(w.x1 for w in labels)) if labels else (edge, edge)
    label_cols: list[float] = []
    for x in lefts:
        if not label_cols or x - label_cols[-1] > height / 2:
            label_cols.append(x)
    n = len(label_cols)

    def column(w: Word) -> int:
        """A label's column by its left edge; a header over the values sits in the value column nearest its centre.

        A header nearer the values than the labels is over the values even when
        it ends left of them (a header centred over right-aligned numbers).
        """
        middle = (w.x0 + w.x1) / 2
        nearest = min(range(len(bands)), key=lambda k: abs(centres[k] - middle))
        if w.x0 >= edge - height / 2 or middle >= edge or _gap(w, bands[nearest]) < _gap(w, reach):
            return n + nearest
        return max((k for k, x in enumerate(label_cols) if x <= w.x0 + height / 2), default=0)

    headed = [
        k
        for k, ln in enumerate(region)
        if k < body or (not is_data(ln) and any(column(w) >= n and not is_value(w.text) for w in ln))
    ]
    blocks: list[list[int]] = []
    for k in headed:
        if blocks and blocks[-1][-1] == k - 1:
            blocks[-1].append(k)
        else:
            blocks.append([k])
    width = n + len(bands)
    out: list[Row] = []
    for block in blocks:
        out += header_rows([w for k in block for w in region[k]], column, width, height)
    body = [w for k, ln in enumerate(region) if k not in headed for w in ln]
    data = data_rows(body, column, width, height)
    if data is None:
        return None
    out = sorted(out + data, key=lambda item: item[0])
    return Aligned(page, min(w.top for w in region[0]), [cells for _, cells in out])
