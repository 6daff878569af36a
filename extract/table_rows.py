"""The anatomy of a table row: which cells are labels and which hold the values.

Shared by the section readers. A label is text at the start of a row; the
values begin at the first number after it, and any text among them is a
value cell that could not be read (never part of the label, which would lose
the row). In an exact grid (HTML, PDF, DOCX) the header says where the values
begin, whatever the cells hold (``Row.cut``). In a text export, where merged
cells collapsed into a varying number of separators, the run of value cells
after the labels must have exactly as many cells as the header has columns,
or the row is not read (a short or shifted row is reported, never guessed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from extract.labels import Matcher, parse_label
from extract.model import Table
from extract.numbers import is_blank, looks_numeric


@dataclass(frozen=True, slots=True)
class Row:
    index: int
    cells: list[str]
    copies: list[bool]  # True where the cell repeats a merged neighbour (exact grids only)
    labels: list[tuple[int, str]]  # text cells before the values, merged copies left out
    last_label: int  # position of the last label cell (merged copies included), -1 if none

    numeric: list[int]  # positions of number cells after the last label

    @property
    def is_data(self) -> bool:
        return bool(self.numeric)

    def label_text(self) -> str:
        return " ".join(text for _, text in self.labels)

    def cut(self, start: int) -> Row:
        """This row with its values from position ``start`` on, as an exact grid's header places them."""
        return _anatomy(self.index, self.cells, self.copies, start)

    def unlabel(self, keep: int) -> Row:
        """This row with only its first ``keep`` labels; the text cells after them become its first values.

        For a text export whose first value cell is unreadable text, which the
        row's anatomy took for the end of the label.
        """
        return self.cut(self.labels[keep][0]) if keep < len(self.labels) else self


def _is_text(cell: str) -> bool:
    return not is_blank(cell) and not looks_numeric(cell)


def _anatomy(index: int, cells: list[str], copies: list[bool], start: int) -> Row:
    texts = [i for i in range(min(start, len(cells))) if _is_text(cells[i])]
    labels = [(i, cells[i]) for i in texts if not (i < len(copies) and copies[i])]
    last = texts[-1] if texts else -1
    numeric = [i for i in range(last + 1, len(cells)) if looks_numeric(cells[i])]
    return Row(index, cells, copies, labels, last, numeric)


def _values_start(cells: list[str]) -> int:
    """Where a row's values begin: at the first number after its first text cell.

    A single number before the text is the row's serial number ("1 | 一、本年新收…"),
    not a value; a row of numbers that ends in text (a section 四 row whose last
    cell is unreadable) has its values from its first number.
    """
    numbers = [i for i, c in enumerate(cells) if looks_numeric(c)]
    first_text = next((i for i, c in enumerate(cells) if _is_text(c)), len(cells))
    after = [i for i in numbers if i > first_text]
    if after:
        return after[0]
    return numbers[0] if len(numbers) > 1 or (numbers and first_text == len(cells)) else len(cells)


def rows_of(table: Table) -> list[Row]:
    out = []
    for r, cells in enumerate(table.rows):
        copies = table.spans[r] if table.spans and r < len(table.spans) else [False] * len(cells)
        out.append(_anatomy(r, cells, list(copies), _values_start(cells)))
    return out


def names_nothing(text: str, matchers: Iterable[Matcher]) -> bool:
    """Text that is no label of the section: no heading mark ("一、", "(一)") and no label scoring a match.

    Scores, not matches: a label too close to two metrics to pick one is still a label.
    """
    lab = parse_label(text)
    if lab.level in ("top", "group"):
        return False
    return all(m.score(lab, c.label) < m.threshold for m in matchers for c in m.candidates)


def leading_values(row: Row, is_value: Callable[[str], bool], keep: int) -> Row:
    """``row`` with the text cells that end its label run and are no label read as its first values.

    A text export's first value cell holding text ("见附件") reads as the end of
    the label; it is a value when it names nothing the section prints. At
    least ``keep`` labels stay; ``take_values`` then still requires one value
    per column, so a short row with a real label is never shifted into place.
    """
    k = len(row.labels)
    while k > keep and is_value(row.labels[k - 1][1]):
        k -= 1
    return row.unlabel(k)


def is_padding(cell: str) -> bool:
    """An empty cell: in a text export it may be a merged neighbour's padding, unlike a printed "—" or "/"."""
    return not cell.strip()


def _spilled(row: Row, positions: list[int]) -> bool:
    """A label merged across value columns (a heading drawn over the whole table): no values under it."""
    return any(p < len(row.copies) and row.copies[p] and _is_text(row.cells[p]) for p in positions)


def take_values(row: Row, n: int, positions: list[int] | None, trusted: bool) -> list[tuple[int, str]] | None:
    """The ``n`` value cells of ``row`` as (position, raw), or None when they cannot be attributed with certainty.

    ``positions`` are the header's column positions, if the header could be
    located cell by cell; they are ``trusted`` in an exact grid, and in a text
    export whose rows were all shown to line up under them.
    """
    if trusted and positions is not None and len(positions) == n:
        if all(row.last_label < p < len(row.cells) for p in positions) and not _spilled(row, positions):
            return [(p, row.cells[p]) for p in positions]
        return None
    tail = [(i, row.cells[i]) for i in range(row.last_label + 1, len(row.cells))]
    start = next((k for k, (_, c) in enumerate(tail) if not is_padding(c)), None)
    if start is None:
        # Every cell after the label is empty: a row of blanks if it has room for all columns.
        return tail[:n] if len(tail) >= n else None
    end = max(k for k, (_, c) in enumerate(tail) if not is_padding(c))
    run = tail[start : end + 1]
    if len(run) == n:
        return run
    # A flat one-row header in a text export aligns cell by cell; accept it when every value sits under it.
    aligned = (
        positions is not None
        and len(positions) == n > len(run)
        and not trusted
        and all(row.last_label < p < len(row.cells) for p in positions)
        and {i for i, _ in run} <= set(positions)
    )
    return [(p, row.cells[p]) for p in positions] if aligned and positions else None
