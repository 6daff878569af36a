"""Plain-text reader: a text export of a report becomes Paragraph and Table blocks.

Text exports of portal pages and OCR output carry tables as tab-separated or
``|``-separated lines. Merged cells were flattened on the way out, so empty
cells are kept as ``""`` (they are the only hint of where a column was) and
every table is marked ``exact_grid=False``: the interpreter must match rows by
their labels, never trust a column position alone.

A table is a run of table lines. Blank lines do not end it (exports insert
them inside tables); any other non-table line does. OCR and markdown tables
are often broken into pieces by a page break, a repeated header or a stray
"续表" line; each piece is emitted as its own Table, in order, because
joining them is a guess the interpreter can do better with the labels.
"""

from __future__ import annotations

import re

from extract.model import Block, Document, Paragraph, Table

_SEPARATOR_CELL = re.compile(r":?-+:?")


def _is_pipe_row(line: str) -> bool:
    """A ``|`` table line: markdown (``| a | b |``) or bare (``a | b | c``, ``a | b``)."""
    if "|" not in line:
        return False
    return line.startswith("|") or line.endswith("|") or line.count("|") >= 2 or " | " in line


def _split_pipes(line: str) -> list[str]:
    """Cells of a pipe row; the outer pipes of a markdown row delimit, they are not cells."""
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in line.split("|")]


def _is_separator(cells: list[str]) -> bool:
    """Markdown's ``|---|:--:|`` line: layout, not data."""
    return any(cells) and all(not c or _SEPARATOR_CELL.fullmatch(c) for c in cells)


def split_row(line: str, after_first_row: bool = True) -> list[str] | None:
    """The cells of a table line, or None when the line is running text.

    A markdown separator row yields ``[]`` (a table line that adds no row).
    Markdown puts it only under a pipe table's first row; elsewhere, and in a
    tab export, a row of dashes is data: an agency without cases prints
    section 四 as "-" in every cell.
    """
    stripped = line.strip()
    if "\t" in line:
        cells = [cell.strip() for cell in line.split("\t")]
        separator = False
    elif _is_pipe_row(stripped):
        cells = _split_pipes(stripped)
        separator = after_first_row and _is_separator(cells)
    else:
        return None
    if separator or not any(cells):
        return []
    return cells


def read_text(text: str) -> Document:
    """Read a decoded text export into blocks, in reading order."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    n_tables = 0

    def close_table() -> None:
        nonlocal rows, n_tables
        if rows:
            blocks.append(Table(rows=rows, index=n_tables, exact_grid=False))
            n_tables += 1
        rows = []

    for line in text.lstrip("\ufeff").splitlines():
        if not line.strip():
            continue  # blank lines neither end a table nor make a block
        cells = split_row(line, after_first_row=len(rows) == 1)
        if cells is None:
            close_table()
            blocks.append(Paragraph(line.strip()))
        elif cells:
            rows.append(cells)
    close_table()
    return Document(blocks=blocks, kind="text")
