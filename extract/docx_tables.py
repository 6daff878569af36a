"""Word (DOCX) reports to the block stream, read straight from ``word/document.xml``.

python-docx hides what matters here: it reports a merged cell once per grid
position without saying which positions are copies, and it is several times
slower than one lxml pass. Reading the XML directly sees ``w:gridSpan``
(colspan), ``w:vMerge`` (restart/continue, i.e. rowspan) and the
``w:gridBefore`` holes, which are then laid out by the same
grid code as HTML tables.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable

from lxml import etree

from extract.docx_numbering import Numbering, first_child
from extract.grid import CONTINUES, grid_table, holds_data, word_row
from extract.model import Block, Document, Paragraph, UnreadableDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, R, T, TBL, TR, TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
VAL = W + "val"
DOCUMENT, NUMBERING, STYLES = "word/document.xml", "word/numbering.xml", "word/styles.xml"
TRPR, TCPR, GRID_BEFORE = W + "trPr", W + "tcPr", W + "gridBefore"
GRID_SPAN, VMERGE, HMERGE = W + "gridSpan", W + "vMerge", W + "hMerge"
# Content controls and custom XML wrap paragraphs, rows and cells without changing what is shown.
_WRAPPERS = frozenset((W + "sdt", W + "sdtContent", W + "customXml"))
# Run content that shows as a character besides w:t; w:delText (deleted revisions) and w:instrText (field
# codes) are left out on purpose. Only inside runs: w:tab also names tab stops in paragraph properties.
_MARKS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
# Drawings carry their text twice (mc:Choice and the mc:Fallback for old Word): keep one.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
MAX_XML_BYTES = 256 * 1024 * 1024  # a document.xml beyond this is a zip bomb, not a report
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)

Record = list  # [text, rowspan, colspan], mutable while vertical merges accumulate


def read_docx(data: bytes) -> Document:
    """Read a DOCX file's body: paragraphs and tables in order, merged cells expanded, list numbers drawn."""
    parts = _parts(data)
    try:
        root = etree.fromstring(parts[DOCUMENT], _PARSER)
    except etree.XMLSyntaxError as e:
        raise UnreadableDocument(f"the DOCX file's {DOCUMENT} is not well-formed XML ({e.msg})") from None
    body = root.find(W + "body")
    if body is None:
        raise UnreadableDocument("the DOCX file has no document body")
    etree.strip_elements(body, _FALLBACK, with_tail=False)
    try:
        numbering = Numbering(parts.get(NUMBERING), lambda: _styles(data), _PARSER)
    except etree.XMLSyntaxError:
        numbering = Numbering(None, lambda: None, _PARSER)  # Word repairs such files; the text is still worth reading
    reader = _Reader(numbering)
    reader.container(body)
    return Document(blocks=reader.blocks, kind="docx")


def _parts(data: bytes, names: tuple[str, ...] = (DOCUMENT, NUMBERING)) -> dict[str, bytes]:
    """The XML parts the reader uses; only the document itself is required.

    The styles part is not among them: Word's templates put ~350 KB of styles
    there, inflating it costs more than reading the document, and it is
    consulted only when a paragraph takes its list number from a style.
    """
    if data.startswith(_OLE_MAGIC):
        raise UnreadableDocument("this is a legacy Word .doc or an encrypted document, not a DOCX file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            present = set(z.namelist())
            if DOCUMENT not in present:
                raise UnreadableDocument(f"not a DOCX file: the archive has no {DOCUMENT}")
            parts = {}
            for name in names:
                if name in present:
                    info = z.getinfo(name)
                    if info.file_size > MAX_XML_BYTES:
                        raise UnreadableDocument(f"{name} is {info.file_size // 2**20} MB uncompressed, too large")
                    parts[name] = z.read(info)
            return parts
    except zipfile.BadZipFile:
        raise UnreadableDocument("not a DOCX file: not a zip archive, or a damaged one") from None
    except (RuntimeError, NotImplementedError, zlib.error, OSError, EOFError) as e:
        raise UnreadableDocument(f"the DOCX archive cannot be unpacked ({e})") from None


def _styles(data: bytes) -> bytes | None:
    return _parts(data, (STYLES,)).get(STYLES)


class _Reader:
    def __init__(self, numbering: Numbering) -> None:
        self.blocks: list[Block] = []
        self.tables = 0
        self.numbering = numbering

    def container(self, el: etree._Element) -> None:
        """Blocks of a body or a layout cell, in order."""
        for child in el:
            tag = child.tag
            if tag == P:
                self.lines(self.paragraph_text(child))
            elif tag == TBL:
                self.table(child)
            elif tag in _WRAPPERS:
                self.container(child)

    def lines(self, text: str) -> None:
        for line in text.split("\n"):
            if line.strip():
                self.blocks.append(Paragraph(line))

    def table(self, tbl: etree._Element) -> None:
        trs = _children(tbl, TR)
        rows = [_children(tr, TC) for tr in trs]
        if next(tbl.iterdescendants(TBL), None) is not None:
            for cells in rows:
                for tc in cells:
                    self.container(tc)
            return
        texts = [[self.cell_text(tc) for tc in row] for row in rows]
        if not holds_data(texts):
            for line_texts in texts:
                for text in line_texts:
                    self.lines(text)  # cells without tables hold only paragraphs, already read
            return
        grid_rows: list[list[Record]] = []
        above: dict[int, Record] = {}  # grid column -> cell starting there in the previous row
        for tr, cells, line_texts in zip(trs, rows, texts, strict=True):
            line, above = _row(tr, zip(cells, line_texts, strict=True), above)
            grid_rows.append(line)
        self.blocks.append(grid_table([[(t, rs, cs) for t, rs, cs in line] for line in grid_rows], self.tables))
        self.tables += 1

    def paragraph_text(self, p: etree._Element) -> str:
        parts = [self.numbering.label(p)]
        for run in p.iter(R):  # also finds runs inside hyperlinks, insertions, fields and content controls
            for el in run:
                tag = el.tag
                if tag == T:
                    parts.append(el.text or "")
                elif tag in _MARKS:
                    parts.append(_MARKS[tag])
        return "".join(parts)

    def cell_text(self, tc: etree._Element) -> str:
        """Paragraphs of a cell, one per line; empty paragraphs (Word's spacing) add nothing."""
        return "\n".join(t for p in _children(tc, P) if (t := self.paragraph_text(p)))


def _row(
    tr: etree._Element, cells: Iterable[tuple[etree._Element, str]], above: dict[int, Record]
) -> tuple[list[Record], dict[int, Record]]:
    """One row's cells for the grid (``grid.word_row``), from w:gridBefore, w:gridSpan, w:vMerge and w:hMerge.

    w:gridAfter columns hold no cell: the row simply ends (a short row must not gain blank values).
    A w:hMerge continuation widens the cell on its left before vertical merges are matched: in legacy
    files a cell merged both ways repeats its w:vMerge in every column, and must continue the whole
    (equally wide) cell above it rather than its first column alone.
    """
    word_cells: list[tuple[str, int, int, int]] = []
    for tc, text in cells:
        props = _props(tc, TCPR, GRID_SPAN, VMERGE, HMERGE)
        span = max(_count(props.get(GRID_SPAN), 1), 1)
        vertical, horizontal = (CONTINUES if _continues(props.get(tag)) else 0 for tag in (VMERGE, HMERGE))
        if horizontal and word_cells:
            left_text, left_span, left_vertical, left_horizontal = word_cells[-1]
            word_cells[-1] = (left_text, left_span + span, left_vertical, left_horizontal)
        else:
            word_cells.append((text, span, vertical, horizontal))
    start = _count(_props(tr, TRPR, GRID_BEFORE).get(GRID_BEFORE), 0)
    return word_row(start, word_cells, above)


def _props(el: etree._Element, tag: str, *wanted: str) -> dict[str, etree._Element]:
    """Some children of a row's or cell's property element by tag (the last one of each, as Word reads them)."""
    props = first_child(el, tag)
    if props is None:
        return {}
    found = {}
    for child in props:
        if child.tag in wanted:
            found[child.tag] = child
    return found


def _continues(merge: etree._Element | None) -> bool:
    """A vMerge/hMerge without val="restart" continues the merged cell before it."""
    return merge is not None and merge.get(VAL, "continue") == "continue"


def _count(el: etree._Element | None, default: int) -> int:
    """A w:val count such as gridSpan or gridBefore; absent or unparsable is the default, as Word reads it."""
    try:
        return max(int(el.get(VAL, default)), 0) if el is not None else default
    except ValueError:
        return default


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Children with ``tag``, looking through content-control and custom-XML wrappers."""
    found = []
    for child in el:
        child_tag = child.tag
        if child_tag == tag:
            found.append(child)
        elif child_tag in _WRAPPERS:
            found.extend(_children(child, tag))
    return found
