"""The anatomy of a table row: which cells are labels and which hold the values.

Shared by the section readers. In an exact grid (HTML, PDF, DOCX) a value is
taken from the column its header names; in a text export, where merged cells
collapsed into a varying number of separators, the run of value cells after
the labels must have exactly as many cells as the header has columns, or the
row is not read (a short or shifted row is reported, never guessed).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.model import Table
from extract.numbers import is_blank, looks_numeric


@dataclass(frozen=True, slots=True)
class Row:
    index: int
    cells: list[str]
    copies: list[bool]  # True where the cell repeats a merged neighbour (exact grids only)
    labels: list[tuple[int, str]]  # non-blank, non-numeric cells, merged copies left out
    last_label: int  # position of the last label cell, -1 if none

    numeric: list[int]  # positions of number cells after the last label

    @property
    def is_data(self) -> bool:
        return bool(self.numeric)

    def label_text(self) -> str:
        return " ".join(text for _, text in self.labels)


def rows_of(table: Table) -> list[Row]:
    out = []
    for r, cells in enumerate(table.rows):
        copies = table.spans[r] if table.spans and r < len(table.spans) else [False] * len(cells)
        labels: list[tuple[int, str]] = []
        for i, cell in enumerate(cells):
            if is_blank(cell) or looks_numeric(cell):
                continue
            if i < len(copies) and copies[i]:
                continue
            labels.append((i, cell))
        last = max((i for i, c in enumerate(cells) if not is_blank(c) and not looks_numeric(c)), default=-1)
        numeric = [i for i in range(last + 1, len(cells)) if looks_numeric(cells[i])]
        out.append(Row(r, cells, list(copies), labels, last, numeric))
    return out


def is_padding(cell: str) -> bool:
    """An empty cell: in a text export it may be a merged neighbour's padding, unlike a printed "—" or "/"."""
    return not cell.strip()


def take_values(row: Row, n: int, positions: list[int] | None, trusted: bool) -> list[tuple[int, str]] | None:
    """The ``n`` value cells of ``row`` as (position, raw), or None when they cannot be attributed with certainty.

    ``positions`` are the header's column positions, if the header could be
    located cell by cell; they are ``trusted`` in an exact grid, and in a text
    export whose rows were all shown to line up under them.
    """
    if trusted and positions is not None and len(positions) == n:
        if all(row.last_label < p < len(row.cells) for p in positions):
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
