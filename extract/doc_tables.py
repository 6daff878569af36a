"""Legacy Word 97-2003 (.doc) reports to the block stream.

Portals still attach reports as .doc. The text comes from ``doc_binary``; here
it is cut into paragraphs and table rows. In a .doc file a table cell ends
with the character 0x07 and a row with one more 0x07 whose paragraph carries
the "row end" property, so the two are told apart by properties, never by
counting marks (an empty cell also looks like two marks in a row). Cell
boundaries in twips, shared by all rows of a table, place each cell in a grid
column; spans and vertical merges then go through the same grid code as DOCX
and HTML tables.
"""

from __future__ import annotations

import bisect
import re

from extract.doc_binary import CellDef, DocBinary, ParaProps
from extract.grid import CONTINUES, grid_table, holds_data, word_row
from extract.model import Block, Document, Paragraph

_CELL_MARK, _PARAGRAPH_MARKS = "\x07", "\r\x0c"
# Field codes show their result: 0x13 instructions 0x14 result 0x15. Instructions are dropped.
_FIELD_CODE = re.compile("\x13[^\x13\x14\x15]*(?:\x14|\x15)")
# Control characters that stand for objects (pictures, footnote marks, drawn shapes) rather than text.
_TEXT = str.maketrans({"\x0b": "\n", "\x1e": "-", "\x1f": None, "\x15": None, **dict.fromkeys(map(chr, range(9)))})
_SNAP_TWIPS = 30  # boundaries this close (about half a millimetre) are the same column edge


def read_doc(data: bytes) -> Document:
    """Read a .doc file's main text: paragraphs and outer tables in order, merged cells expanded."""
    binary = DocBinary(data)
    reader = _Reader()
    text = binary.text()
    start = 0
    for end, char in enumerate(text):
        if char == _CELL_MARK or char in _PARAGRAPH_MARKS:
            reader.paragraph(_clean(text[start:end]), char == _CELL_MARK, binary.props_at(end))
            start = end + 1
    reader.close_table()
    return Document(blocks=reader.blocks, kind="doc")


def _clean(text: str) -> str:
    while "\x13" in text and _FIELD_CODE.search(text):
        text = _FIELD_CODE.sub("", text)
    return text.translate(_TEXT)


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tables = 0
        self.rows: list[tuple[list[str], list[CellDef]]] = []
        self.cells: list[str] = []
        self.cell_lines: list[str] = []

    def paragraph(self, text: str, cell_mark: bool, props: ParaProps) -> None:
        if not props.in_table:
            self.close_table()
            for line in text.split("\n"):
                if line.strip():
                    self.blocks.append(Paragraph(line))
            return
        if text:
            self.cell_lines.append(text)
        if not cell_mark or props.depth > 1:
            return  # a paragraph inside a cell, or a nested table's mark: its text stays with the outer cell
        if props.row_end:
            self.rows.append((self.cells, props.cells))
            self.cells = []
        else:
            self.cells.append("\n".join(self.cell_lines))
        self.cell_lines = []

    def close_table(self) -> None:
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        texts = [cells for cells, _ in rows]
        if not holds_data(texts):
            for line in (t for cells in texts for t in cells):
                self.paragraph(line, False, ParaProps())
            return
        self.blocks.append(grid_table(_layout(rows), self.tables))
        self.tables += 1


def _layout(rows: list[tuple[list[str], list[CellDef]]]) -> list[list[tuple[str, int, int]]]:
    """Grid records (text, rowspan, colspan) from each row's texts and cell boundaries (via ``grid.word_row``).

    A row without usable boundaries (fewer definitions than texts) keeps its
    cells one column each, in order: a short row stays short.
    """
    edges = _edges([d for _, defs in rows for d in defs])
    records: list[list[list]] = []
    above: dict[int, list] = {}
    for texts, defs in rows:
        if len(defs) >= len(texts):
            cells = [
                (
                    text,
                    max(_column(edges, d.right) - _column(edges, d.left), 1),
                    CONTINUES if d.v_merge == 1 else 0,  # 3 starts a vertical merge
                    CONTINUES if d.h_merge >= 2 else 0,  # 1 starts a horizontal merge
                )
                for text, d in zip(texts, defs, strict=False)
            ]
            start = _column(edges, defs[0].left) if defs else 0
        else:
            cells, start = [(text, 1, 0, 0) for text in texts], 0
        line, above = word_row(start, cells, above)
        records.append(line)
    return [[(t, rs, cs) for t, rs, cs in line] for line in records]


def _edges(defs: list[CellDef]) -> list[int]:
    """Every distinct column edge of a table, with edges a few twips apart counted once."""
    edges: list[int] = []
    for x in sorted({x for d in defs for x in (d.left, d.right)}):
        if not edges or x - edges[-1] > _SNAP_TWIPS:
            edges.append(x)
    return edges


def _column(edges: list[int], x: int) -> int:
    """Index of the edge nearest to ``x``."""
    k = bisect.bisect_left(edges, x)
    if k == len(edges) or (k > 0 and x - edges[k - 1] < edges[k] - x):
        k -= 1
    return k
